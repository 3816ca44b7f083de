#!/usr/bin/env bash
# libFuzzer over the parsers that read what clients, source systems and operators send: the
# timestamp parser (EGovKPI), the Accept / Accept-Encoding negotiation (EGovExposition), the
# configuration decoder and the web-configuration decoder (EGovExporterApp, over Yams). Each
# fuzzer is built with swiftc -sanitize=fuzzer,address from the sources it needs; the decoders
# import Yams and EGovKPI, built first as modules of their own (Yams and its C part, libyaml,
# from the checkout `swift build` made in .build/checkouts), then run for SECONDS on a corpus
# kept in .build-fuzz/corpus-NAME (seeded from fuzz/seeds-NAME; the configuration decoders from
# config/egov-exporter.yml, config/testdata and config/testdata/web).
# A crash stops it with libFuzzer's report and the crashing input in .build-fuzz; the script
# then fails. Usage: scripts/fuzz.sh [SECONDS]   (make fuzz: 60; make test: 3)
set -uo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
swiftc=${SWIFTC:-swiftc}
# libyaml is compiled with the toolchain's own clang, whose sanitizer runtimes swiftc links.
clang=${CLANG:-$(dirname "$(command -v "$swiftc")")/clang}
[ -x "$clang" ] || clang=clang
out=.build-fuzz
mkdir -p "$out/modules"
failed=0
# module NAME SOURCES...: an instrumented Swift module in $out/modules, rebuilt when a source
# is newer than its object, or when a module built before it was rebuilt (it may import it).
rebuilt=0
module() {
  local name=$1; shift
  if [ "$rebuilt" == 0 ] && [ -f "$out/modules/$name.o" ] && [ -z "$(find "$@" -newer "$out/modules/$name.o")" ]; then return 0; fi
  rebuilt=1
  "$swiftc" -sanitize=fuzzer,address -parse-as-library -O -wmo -module-name "$name" -emit-module \
    -emit-module-path "$out/modules/$name.swiftmodule" -DSWIFT_PACKAGE -I "$out/modules" -I "$cyaml/include" -Xcc -DYAML_DECLARE_STATIC \
    -c "$@" -o "$out/modules/$name.o" >"$out/build-$name.log" 2>&1 || { echo "fuzz: building $name failed"; tail -n 20 "$out/build-$name.log"; exit 1; }
}
# Yams is pinned in Package.swift; its C part (libyaml) is compiled with clang, instrumented alike.
[ -d .build/checkouts/Yams ] || "${SWIFT:-swift}" package resolve >/dev/null
cyaml=.build/checkouts/Yams/Sources/CYaml
yaml_objects=()
for c in "$cyaml"/src/*.c; do
  o="$out/modules/yaml-$(basename "$c" .c).o"
  [ "$o" -nt "$c" ] || "$clang" -c -O1 -fsanitize=fuzzer-no-link,address -DYAML_DECLARE_STATIC -I "$cyaml/include" "$c" -o "$o" || exit 1
  yaml_objects+=("$o")
done
fuzz() { # NAME SOURCES...
  local name=$1; shift
  if ! "$swiftc" -sanitize=fuzzer,address -parse-as-library -O -module-name "Fuzz$name" -I "$out/modules" -I "$cyaml/include" "$@" \
      -o "$out/fuzz-$name" 2>"$out/build-$name.log"; then
    echo "fuzz $name: build failed"; tail -n 20 "$out/build-$name.log"; failed=1; return
  fi
  mkdir -p "$out/corpus-$name"
  [ -d "fuzz/seeds-$name" ] && cp -n fuzz/seeds-"$name"/* "$out/corpus-$name/" 2>/dev/null
  # The decoders' seeds are the example and test files themselves, so they never drift.
  case $name in
    config) cp -n config/egov-exporter.yml config/testdata/*.yml "$out/corpus-$name/" 2>/dev/null ;;
    webconfig) cp -n config/testdata/web/*.yml "$out/corpus-$name/" 2>/dev/null ;;
  esac
  if "$out/fuzz-$name" -max_total_time="$seconds" -artifact_prefix="$out/crash-$name-" \
      "$out/corpus-$name" >"$out/run-$name.log" 2>&1; then
    echo "fuzz $name: $(grep -o 'Done [0-9]* runs in [0-9]* second(s)' "$out/run-$name.log" | tail -n 1), no crash"
  else
    echo "fuzz $name: CRASH (input saved as $out/crash-$name-*)"; grep -A 15 'ERROR' "$out/run-$name.log" | head -n 30
    failed=1
  fi
}
fuzz timestamp fuzz/TimestampFuzz.swift Sources/EGovKPI/*.swift Sources/EGovKPI/*/*.swift
fuzz negotiation fuzz/NegotiationFuzz.swift Sources/EGovExposition/ExpositionFormat.swift Sources/EGovExposition/ContentCoding.swift
module Yams .build/checkouts/Yams/Sources/Yams/*.swift
module EGovKPI Sources/EGovKPI/*.swift Sources/EGovKPI/*/*.swift
# The PostgreSQL source's settings, which `kind: postgres` decodes to (plain values, no driver).
module EGovPostgres Sources/EGovPostgres/PostgresSettings.swift
# The decoders, as one module: the configuration files but the CSV import mappings (EGovImport),
# and the web decoder without the certificate loading (fuzz/TLSMaterialStub.swift stands in for
# TLSMaterial, which needs BoringSSL).
module FuzzDecoders $(ls Sources/EGovExporterApp/Config/*.swift | grep -v ImportMapping.swift) \
  Sources/EGovExporterApp/Web/{WebConfig,WebConfigDecoder,WebConfigLoader,TLSServerDecoder}.swift fuzz/TLSMaterialStub.swift
decoders=("$out/modules/FuzzDecoders.o" "$out/modules/Yams.o" "$out/modules/EGovKPI.o" "$out/modules/EGovPostgres.o" "${yaml_objects[@]}")
fuzz config fuzz/ConfigFuzz.swift "${decoders[@]}"
fuzz webconfig fuzz/WebConfigFuzz.swift "${decoders[@]}"
exit "$failed"

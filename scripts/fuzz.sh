#!/usr/bin/env bash
# libFuzzer over the parsers that read what clients and source systems send: the timestamp
# parser (EGovKPI) and the Accept / Accept-Encoding negotiation (EGovExposition). Each fuzzer is
# built with swiftc -sanitize=fuzzer,address from the sources it needs (they import nothing),
# then run for SECONDS on a corpus kept in .build-fuzz/corpus-NAME (seeded from fuzz/seeds-NAME).
# A crash stops it with libFuzzer's report and the crashing input in .build-fuzz; the script
# then fails. Usage: scripts/fuzz.sh [SECONDS]   (make fuzz: 60; make test: 3)
set -uo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
swiftc=${SWIFTC:-swiftc}
out=.build-fuzz
mkdir -p "$out"
failed=0
fuzz() { # NAME SOURCES...
  local name=$1; shift
  if ! "$swiftc" -sanitize=fuzzer,address -parse-as-library -O -module-name "Fuzz$name" "$@" \
      -o "$out/fuzz-$name" 2>"$out/build-$name.log"; then
    echo "fuzz $name: build failed"; tail -n 20 "$out/build-$name.log"; failed=1; return
  fi
  mkdir -p "$out/corpus-$name"
  [ -d "fuzz/seeds-$name" ] && cp -n fuzz/seeds-"$name"/* "$out/corpus-$name/" 2>/dev/null
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
exit "$failed"

#!/usr/bin/env bash
# make bench: /metrics over TLS with basic auth (bcrypt cost 10, credentials remembered after
# the first check as exporter-toolkit does) against plain HTTP, in the same run: one daemon per
# side on the small demo, wrk on loopback, the sides interleaved, the median of RUNS runs each.
# Prints requests per second and the ratio (the goal: TLS + auth at least half of plain). A
# benchmark, not a test: it asserts nothing. Every process started here is stopped here.
# Usage: scripts/bench-tls.sh [PATH/TO/egov-exporter]  (default: the release build, as make release)
set -uo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
LOAD=${LOAD:-10s}
CONNECTIONS=${CONNECTIONS:-8}
if [ $# -ge 1 ]; then bin=$(realpath "$1"); else
  swift build -c release --static-swift-stdlib --scratch-path .build-release >&2 || exit 1
  bin=$(realpath .build-release/release/egov-exporter)
fi
suite=bench-tls
. scripts/lib.sh

"$bin" demo "$work/demo.sqlite" --scale small >/dev/null || { echo "bench-tls: cannot create the demo database"; exit 1; }
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj "/CN=127.0.0.1" \
  -addext 'subjectAltName=IP:127.0.0.1' -keyout "$work/server.key" -out "$work/server.crt" 2>/dev/null
hash=$(python3 -W ignore -c "import crypt; print(crypt.crypt('s3cret', crypt.mksalt(crypt.METHOD_BLOWFISH, rounds=1024)))")
printf 'tls_server_config: {cert_file: server.crt, key_file: server.key}\nbasic_auth_users:\n  prometheus: %s\n' "$hash" >"$work/web.yml"

plain=$(free_port)
"$bin" serve --db "$work/demo.sqlite" --state "$work/plain.sqlite" --listen "127.0.0.1:$plain" 2>"$work/plain.log" &
pids+=($!)
secure=$(free_port)
"$bin" serve --db "$work/demo.sqlite" --state "$work/tls.sqlite" --listen "127.0.0.1:$secure" \
  --web.config.file "$work/web.yml" 2>"$work/tls.log" &
pids+=($!)
auth="Authorization: Basic $(printf prometheus:s3cret | base64)"
ready() { [ "$(curl -sk -o /dev/null -w '%{http_code}' --max-time 5 -H "$auth" "$1/metrics")" == 200 ]; }
wait_for 60 ready "http://127.0.0.1:$plain" && wait_for 60 ready "https://127.0.0.1:$secure" \
  || { echo "bench-tls: the daemons did not start"; exit 1; }
printf '/metrics: %s bytes gzip-encoded, as Prometheus asks for it\n' \
  "$(curl -s --compressed -o /dev/null -w '%{size_download}' -H 'Accept-Encoding: gzip' "http://127.0.0.1:$plain/metrics")"

errors=0
rps() { # URL: requests per second of one wrk run (keep-alive, gzip, as Prometheus scrapes)
  wrk -t 2 -c "$CONNECTIONS" -d "$LOAD" -H 'Accept-Encoding: gzip' -H "$auth" "$1/metrics" >"$work/wrk.out"
  grep -q 'Non-2xx' "$work/wrk.out" && errors=$((errors + 1))
  awk '/^Requests\/sec:/ {printf "%d\n", $2}' "$work/wrk.out"
}
. scripts/bench-lib.sh
plain_runs=() tls_runs=()
for _ in $(seq "$RUNS"); do
  rps "http://127.0.0.1:$plain" >"$work/rps"; plain_runs+=("$(cat "$work/rps")")
  rps "https://127.0.0.1:$secure" >"$work/rps"; tls_runs+=("$(cat "$work/rps")")
done
p=$(printf '%s\n' "${plain_runs[@]}" | median)
t=$(printf '%s\n' "${tls_runs[@]}" | median)
printf 'plain HTTP          : %6s req/s (runs: %s)\n' "$p" "${plain_runs[*]}"
printf 'TLS + basic auth    : %6s req/s (runs: %s)\n' "$t" "${tls_runs[*]}"
printf 'TLS + auth / plain  : %s (goal: at least 0.5)\n' "$(awk -v t="$t" -v p="$p" 'BEGIN {printf "%.2f", t / p}')"
check "every answer was 200 (no 401: the credentials were accepted and remembered)" 0 "$errors"
finish

#!/usr/bin/env bash
# make bench: the province-scale demo, then
#  1. `report` against the sqlite3 CLI running the very statements `report` runs (printed by
#     `egov-exporter sql`);
#  2. a process's first refresh (`metrics`: every unit, the four exposed periods, rendered, and
#     the whole-history invalid-record count) against the sqlite3 CLI running the same
#     statements (`sql --refresh --counting-invalid`);
#  2b. the daemon's steady refreshes (figures only, bounded by the periods) on the province
#     demo with 0 and 10 years of closed history, against the sqlite3 CLI (scripts/bench-history.sh);
#  3. /metrics under load: wrk on loopback against the daemon while it refreshes every 10 s, then
#     against nginx serving the same gzip bytes as a static file; the daemon's peak memory.
# Prints times, ratios and peak memory. A benchmark, not a test: it asserts nothing, and shared
# machines are noisy, so it takes the median of several runs of each side, interleaved.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-7}
REFRESH_RUNS=${REFRESH_RUNS:-5}
LOAD=${LOAD:-20s}
DB=${BENCH_DB:-data/bench-province.sqlite}
UNTIL=${BENCH_UNTIL:-2026-11-29}
PERIOD=${BENCH_PERIOD:-2024-Q1}

swift build -c release --static-swift-stdlib --scratch-path .build-release >&2 # as `make release`
bin=.build-release/release/egov-exporter
mkdir -p data
if [ ! -f "$DB" ]; then
  start=$(date +%s.%N)
  "$bin" demo "$DB" --scale province --until "$UNTIL"
  printf 'province demo generated in %.1f s\n' "$(echo "$(date +%s.%N) - $start" | bc)"
fi
printf 'database: %s (%s dossiers, %s documents, %s MB)\n' "$DB" \
  "$(sqlite3 "$DB" 'SELECT COUNT(*) FROM dossiers')" "$(sqlite3 "$DB" 'SELECT COUNT(*) FROM documents')" \
  "$(( $(stat -c %s "$DB") / 1048576 ))"

. scripts/bench-lib.sh

bench_unit() { # unit label
  local unit=$1 label=$2 sql ours=() ref=() t
  sql=$(mktemp)
  "$bin" sql --db "$DB" --unit "$unit" --period "$PERIOD" --as-of "$UNTIL" > "$sql"
  # Warm the page cache for both sides.
  sqlite3 "$DB" < "$sql" > /dev/null
  "$bin" report --db "$DB" --unit "$unit" --period "$PERIOD" --as-of "$UNTIL" --format json > /dev/null
  for _ in $(seq "$RUNS"); do
    t=$(now); sqlite3 "$DB" < "$sql" > /dev/null; ref+=($(( ($(now) - t) / 1000 )))
    t=$(now); "$bin" report --db "$DB" --unit "$unit" --period "$PERIOD" --as-of "$UNTIL" --format json > /dev/null
    ours+=($(( ($(now) - t) / 1000 )))
  done
  local o r kb
  o=$(printf '%s\n' "${ours[@]}" | median)
  r=$(printf '%s\n' "${ref[@]}" | median)
  kb=$(/usr/bin/time -f %M "$bin" report --db "$DB" --unit "$unit" --period "$PERIOD" --as-of "$UNTIL" --format json 2>&1 >/dev/null | tail -1)
  printf '%-28s report %8.1f ms   sqlite3 CLI %8.1f ms   ratio %.2f   peak RSS %6.1f MB   (%d statements, median of %d)\n' \
    "$label ($unit, $PERIOD)" "$(echo "$o / 1000" | bc -l)" "$(echo "$r / 1000" | bc -l)" "$(echo "$o / $r" | bc -l)" \
    "$(echo "$kb / 1024" | bc -l)" "$(grep -c ';$' "$sql")" "$RUNS"
  rm -f "$sql"
}

bench_unit 19 "province root"
bench_unit 05587 "commune (xã Bình Yên)"

# A process's first refresh: the figures and the whole-history invalid-record count.
bench_refresh() {
  local sql ours=() ref=() t o r
  sql=$(mktemp)
  "$bin" sql --db "$DB" --refresh --counting-invalid --as-of "$UNTIL" > "$sql"
  for _ in $(seq "$REFRESH_RUNS"); do
    t=$(now); sqlite3 "$DB" < "$sql" > /dev/null; ref+=($(( ($(now) - t) / 1000 )))
    t=$(now); "$bin" metrics --db "$DB" --as-of "$UNTIL" > /dev/null; ours+=($(( ($(now) - t) / 1000 )))
  done
  o=$(printf '%s\n' "${ours[@]}" | median)
  r=$(printf '%s\n' "${ref[@]}" | median)
  printf '%-28s metrics %7.1f ms   sqlite3 CLI %8.1f ms   ratio %.2f   (%d statements, median of %d)\n' \
    "first refresh (+ invalid count)" "$(echo "$o / 1000" | bc -l)" "$(echo "$r / 1000" | bc -l)" \
    "$(echo "$o / $r" | bc -l)" "$(grep -c ';$' "$sql")" "$REFRESH_RUNS"
  rm -f "$sql"
}
bench_refresh

# The daemon's refreshes between two invalid-record counts, on the province demo with and
# without ten years of closed history: their cost must follow the periods, not the years.
. scripts/bench-history.sh

# /metrics under load. Every process started here is stopped on exit (lib.sh).
suite=bench
. scripts/lib.sh
chmod 755 "$work" # nginx's workers run as nobody
# wrk against URL; prints "requests/s p99-ms", and any non-2xx count on standard error.
load() {
  wrk -t2 -c16 -d"$LOAD" -H 'Accept-Encoding: gzip' --latency "$1" > "$work/wrk.out"
  grep -i 'non-2xx\|socket errors' "$work/wrk.out" >&2 || true
  awk '/^Requests\/sec/ {rps = $2}
       $1 == "99%" {v = $2; f = v ~ /us$/ ? 0.001 : v ~ /ms$/ ? 1 : 1000; sub(/[a-z]+$/, "", v); p99 = v * f}
       END {printf "%.0f %.2f\n", rps, p99}' "$work/wrk.out"
}
gzip_bytes() { curl -s --max-time 10 -H 'Accept-Encoding: gzip' -o /dev/null -w '%{content_type} %{size_download}' "$1"; }
sample() { curl -s --max-time 10 "$1" | awk -v m="$2" '$1 == m {print $2}'; }

port=$(free_port)
url=http://127.0.0.1:$port
"$bin" serve --db "$DB" --state "$work/state.sqlite" --listen "127.0.0.1:$port" --refresh-interval 10 --log-level warning 2>"$work/exporter.log" &
exporter=$!
pids+=("$exporter")
for _ in $(seq 300); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$url/readyz")" == 200 ] && break; sleep 0.2
done
mkdir "$work/www"
curl -s --max-time 10 -o "$work/www/metrics" "$url/metrics"
curl -s --max-time 10 -H 'Accept-Encoding: gzip' -o "$work/www/metrics.gz" "$url/metrics"
printf '/metrics body: %.0f KB, %.0f KB with gzip\n' "$(( $(stat -c %s "$work/www/metrics") / 1024 ))" \
  "$(( $(stat -c %s "$work/www/metrics.gz") / 1024 ))"
read -r ours_rps ours_p99 < <(load "$url/metrics")
hwm=$(awk '/^VmHWM/ {print $2}' "/proc/$exporter/status")
refresh_s=$(sample "$url/metrics" egov_refresh_duration_seconds)
refresh_failures=$(sample "$url/metrics" egov_refresh_failures_total)
ours_gzip=$(gzip_bytes "$url/metrics")
stop "$exporter"

# nginx, on the now quiet machine, serving the bytes the daemon served (gzip_static: the .gz
# beside the plain file), with the daemon's Content-Type.
nginx_port=$(free_port)
cat > "$work/nginx.conf" <<EOF
daemon off;
worker_processes 2;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  client_body_temp_path $work/client_body;
  proxy_temp_path $work/proxy;
  fastcgi_temp_path $work/fastcgi;
  uwsgi_temp_path $work/uwsgi;
  scgi_temp_path $work/scgi;
  types { }
  default_type "text/plain; version=0.0.4; charset=utf-8";
  server {
    listen 127.0.0.1:$nginx_port;
    root $work/www;
    location = /metrics { gzip_static on; }
  }
}
EOF
nginx -p "$work" -e "$work/nginx-error.log" -c "$work/nginx.conf" &
pids+=($!)
for _ in $(seq 50); do
  curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$nginx_port/metrics" && break; sleep 0.2
done
nginx_gzip=$(gzip_bytes "http://127.0.0.1:$nginx_port/metrics")
read -r nginx_rps nginx_p99 < <(load "http://127.0.0.1:$nginx_port/metrics")

printf 'responses (Content-Type, gzip bytes): ours %s; nginx %s\n' "$ours_gzip" "$nginx_gzip"
printf '%-28s ours %7s req/s  p99 %6.2f ms (refresh every 10 s: the last took %.1f s; %s refreshes failed)\n' \
  "/metrics, wrk -t2 -c16 $LOAD" "$ours_rps" "$ours_p99" "${refresh_s:-0}" "${refresh_failures:-?}"
printf '%-28s nginx %6s req/s  p99 %6.2f ms   ratio ours/nginx %.2f\n' \
  "" "$nginx_rps" "$nginx_p99" "$(echo "$ours_rps / $nginx_rps" | bc -l)"
printf '%-28s peak RSS (VmHWM) %.1f MB\n' "daemon under load" "$(echo "$hwm / 1024" | bc -l)"

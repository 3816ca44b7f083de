#!/usr/bin/env bash
# make bench: the officers' pages on the province demo (189 units), in one run each against a
# reference measured in the same run:
#  1. `/` (every unit, this and last quarter) and a filtered `/` under wrk: requests/s and p99;
#  2. a unit page whose commune has 1,000 overdue dossiers in progress (added to a copy of the
#     demo database: xã Bình Yên), first and last page of the list, and the province's page
#     (the list over all 189 units' codes): p99 with one client;
#  3. /metrics throughput alone, and while each page is loaded by one client back to back:
#     the drop in percent (alone is measured before and after, the mean is the reference).
# A benchmark, not a test: it asserts nothing. The release binary and the demo are those of
# scripts/bench.sh (built or generated if missing).
set -euo pipefail
cd "$(dirname "$0")/.."
LOAD=${LOAD:-15s}
DB=${BENCH_DB:-data/bench-province.sqlite}
UNTIL=${BENCH_UNTIL:-2026-11-29}
UNIT=${BENCH_UNIT:-05587}

swift build -c release --static-swift-stdlib --scratch-path .build-release >&2
bin=.build-release/release/egov-exporter
mkdir -p data
[ -f "$DB" ] || "$bin" demo "$DB" --scale province --until "$UNTIL"

suite=bench-pages
. scripts/lib.sh
copy=$work/pages.sqlite
cp "$DB" "$copy"
# 1,000 dossiers of xã Bình Yên in progress and overdue: received 20-80 days ago, due 1-30
# days ago, of the commune's procedures in turn.
sqlite3 "$copy" <<EOF
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000),
  p AS (SELECT code, row_number() OVER (ORDER BY code) - 1 AS k, COUNT(*) OVER () AS c FROM procedures WHERE level = 'commune')
INSERT INTO dossiers (id, unit_code, procedure_code, channel, status, received_at, due_at, finished_at, updated_at)
SELECT printf('BENCH-%04d', i), '$UNIT', p.code, 2, 4,
       strftime('%Y-%m-%d %H:%M:%S', 'now', '+7 hours', printf('-%d days', 20 + i % 60), printf('-%d minutes', i)),
       strftime('%Y-%m-%d 17:00:00', 'now', '+7 hours', printf('-%d days', 1 + i % 30)), NULL, NULL
FROM n JOIN p ON p.k = i % p.c;
EOF

port=$(free_port)
url=http://127.0.0.1:$port
"$bin" serve --db "$copy" --state "$work/state.sqlite" --listen "127.0.0.1:$port" --log-level warning 2>"$work/exporter.log" &
pids+=($!)
wait_for 120 bash -c "[ \"\$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 $url/readyz)\" == 200 ]"
overdue=$(curl -s "$url/units/$UNIT?format=json" | python3 -c 'import json,sys; print(json.load(sys.stdin)["list"]["total"])')
last_page=$(( (overdue + 49) / 50 ))
printf 'database: copy of %s with 1,000 overdue dossiers in progress at %s (its list: %s dossiers, %s pages)\n' \
  "$DB" "$UNIT" "$overdue" "$last_page"
printf '/ body: %s KB for %s units\n' "$(( $(curl -s "$url/" | wc -c) / 1024 ))" "$(curl -s "$url/" | grep -c 'href="/units/')"

# wrk THREADS CONNECTIONS URL: prints "requests/s p99-ms"; non-2xx on standard error.
load() {
  wrk -t"$1" -c"$2" -d"$LOAD" -H 'Accept-Encoding: gzip' --latency "$3" > "$work/wrk-$1-$2.out"
  grep -i 'non-2xx\|socket errors' "$work/wrk-$1-$2.out" >&2 || true
  awk '/^Requests\/sec/ {rps = $2}
       $1 == "99%" {v = $2; f = v ~ /us$/ ? 0.001 : v ~ /ms$/ ? 1 : 1000; sub(/[a-z]+$/, "", v); p99 = v * f}
       END {printf "%.0f %.2f\n", rps, p99}' "$work/wrk-$1-$2.out"
}
metrics() { load 2 16 "$url/metrics"; }
# beside URL: /metrics throughput while one client loads URL back to back.
beside() {
  wrk -t1 -c1 -d"$LOAD" "$1" > "$work/beside.out" &
  local other=$!
  metrics
  wait "$other"
}

read -r alone1 _ < <(metrics)
for page in "/" "/?q=binh+yen" "/units/$UNIT" "/units/$UNIT?page=$last_page" "/units/19"; do
  read -r rps p99 < <(load 1 1 "$url$page")
  read -r with _ < <(beside "$url$page")
  results+=("$page|$rps|$p99|$with")
done
read -r alone2 _ < <(metrics)
ref=$(echo "($alone1 + $alone2) / 2" | bc -l)
printf '/metrics alone (wrk -t2 -c16 %s): %s and %s req/s, reference %.0f\n' "$LOAD" "$alone1" "$alone2" "$ref"
for r in "${results[@]}"; do
  IFS='|' read -r page rps p99 with <<<"$r"
  printf '%-34s one client: %6s req/s  p99 %7.2f ms   /metrics beside it %6s req/s (%+.1f %%)\n' \
    "$page" "$rps" "$p99" "$with" "$(echo "($with / $ref - 1) * 100" | bc -l)"
done
read -r rps p99 < <(load 2 16 "$url/")
printf '%-34s wrk -t2 -c16: %6s req/s  p99 %7.2f ms\n' "/" "$rps" "$p99"

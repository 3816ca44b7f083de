#!/usr/bin/env bash
# make bench: the province-scale demo, then `report` against the sqlite3 CLI running the very
# statements `report` runs (printed by `egov-exporter sql`). Prints times, ratios and peak memory.
# A benchmark, not a test: it asserts nothing, and shared machines are noisy, so it takes the
# median of several runs of each side, interleaved.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-7}
DB=${BENCH_DB:-data/bench-province.sqlite}
UNTIL=${BENCH_UNTIL:-2026-11-29}
PERIOD=${BENCH_PERIOD:-2024-Q1}

swift build -c release --scratch-path .build-release >&2
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

now() { date +%s%N; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

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

#!/usr/bin/env bash
# make bench, PostgreSQL: the province demo in a throwaway server (scripts/pg-server.sh; the
# types of config/postgres/schema.sql, the values timestamptz and date refuse made NULL on both
# sides), then a process's first refresh (`metrics --config`: every unit, the four exposed
# periods, rendered, and the whole-history invalid-record count) against
#  - psql running the very statements that refresh runs (`sql --config --refresh
#    --counting-invalid`) in one read-only repeatable-read transaction, as the exporter does;
#  - the same refresh on SQLite (`metrics --db`) over the same records.
# Then the bounded reads on PostgreSQL: the daemon's steady refreshes (figures only, bounded by
# the exposed periods) on the province demo and on the same demo with 10 years of closed
# history (scripts/bench-history.sh's database), each against psql running the same statements
# (`sql --config --refresh`); BENCH_POSTGRES_HISTORY=0 skips it.
# Medians of RUNS runs of each side, interleaved; prints times and ratios (goals: at most 1.5
# against psql and 2 against SQLite; the history ratio at most 1.3, as on SQLite). A benchmark:
# it asserts nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
RUNS=${RUNS:-5}
SOURCE_DB=${BENCH_DB:-data/bench-province.sqlite}
HISTORY_DB=${BENCH_HISTORY_DB:-data/bench-province-history10.sqlite}
STEADY_REFRESHES=${STEADY_REFRESHES:-5}
UNTIL=${BENCH_UNTIL:-2026-11-29}
bin=$(realpath "${BIN:-.build-release/release/egov-exporter}")
[ -x "$bin" ] || swift build -c release --static-swift-stdlib --scratch-path .build-release >&2
suite=bench-postgres
. scripts/lib.sh
. scripts/pg-server.sh
set +u
if [ ! -f "$SOURCE_DB" ]; then mkdir -p "$(dirname "$SOURCE_DB")"; "$bin" demo "$SOURCE_DB" --scale province --until "$UNTIL"; fi
pg_start bench -c shared_buffers=256MB -c work_mem=64MB
password=bench-$RANDOM$RANDOM
printf '%s\n' "$password" >"$work/password"
pg_psql bench postgres -c "CREATE ROLE egov_reader LOGIN PASSWORD '$password'" -c "CREATE DATABASE egov"
# load SQLITE SCHEMA: the SQLite file's records (times PostgreSQL refuses made NULL in a copy)
# into a new schema of config/postgres/schema.sql, readable by egov_reader; writes $work/SCHEMA.yml.
load() {
  local sqlite=$1 schema=$2 copy=$work/$2.sqlite start source
  cp "$sqlite" "$copy"
  pg_typable_copy "$copy"
  pg_psql bench egov -c "CREATE SCHEMA $schema" -c "SET search_path = $schema" -f config/postgres/schema.sql
  start=$(date +%s.%N)
  pg_load_sqlite bench egov "$copy" "$schema"
  pg_psql bench egov -c "ANALYZE" -c "GRANT USAGE ON SCHEMA $schema TO egov_reader; GRANT SELECT ON ALL TABLES IN SCHEMA $schema TO egov_reader"
  printf '%s (%s dossiers) loaded into PostgreSQL in %.1f s\n' "$(basename "$sqlite")" "$(sqlite3 "$copy" 'SELECT COUNT(*) FROM dossiers')" \
    "$(echo "$(date +%s.%N) - $start" | bc)"
  {
    echo "sources:"
    for source in dossiers documents; do
      printf '  %s:\n    kind: postgres\n    host: 127.0.0.1\n    port: %s\n    database: egov\n    user: egov_reader\n' "$source" "$pg_port_bench"
      printf '    password_file: %s\n    tls: disable\n    schema: %s\n    statement_timeout: 10m\n' "$work/password" "$schema"
    done
    echo "refresh_timeout: 5m"
    echo "refresh_interval: 10m"
  } >"$work/$schema.yml"
}
load "$SOURCE_DB" egov
DB=$work/egov.sqlite

sql=$work/refresh.sql
{
  echo "START TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY;"
  echo "SET search_path = egov;"
  "$bin" sql --config "$work/egov.yml" --refresh --counting-invalid --as-of "$UNTIL"
  echo "COMMIT;"
} >"$sql"
psql_run() { PGPASSWORD=$password "$pg_bin/psql" -X -q -h 127.0.0.1 -p "$pg_port_bench" -U egov_reader -d egov -f "${1:-$sql}" >/dev/null; }

. scripts/bench-lib.sh
# Warm both caches.
psql_run; "$bin" metrics --config "$work/egov.yml" --as-of "$UNTIL" >/dev/null; "$bin" metrics --db "$DB" --as-of "$UNTIL" >/dev/null
ours=() ref=() lite=()
for _ in $(seq "$RUNS"); do
  t=$(now); psql_run; ref+=($(( ($(now) - t) / 1000 )))
  t=$(now); "$bin" metrics --config "$work/egov.yml" --as-of "$UNTIL" >/dev/null; ours+=($(( ($(now) - t) / 1000 )))
  t=$(now); "$bin" metrics --db "$DB" --as-of "$UNTIL" >/dev/null; lite+=($(( ($(now) - t) / 1000 )))
done
o=$(printf '%s\n' "${ours[@]}" | median)
r=$(printf '%s\n' "${ref[@]}" | median)
l=$(printf '%s\n' "${lite[@]}" | median)
# The figures (series with a unit label) of both refreshes, compared.
a=$("$bin" metrics --config "$work/egov.yml" --as-of "$UNTIL" | grep 'unit="' | md5sum)
b=$("$bin" metrics --db "$DB" --as-of "$UNTIL" | grep 'unit="' | md5sum)
printf 'first refresh on PostgreSQL   metrics %8.1f ms   psql %8.1f ms   ratio %.2f   (%d statements, median of %d)\n' \
  "$(echo "$o / 1000" | bc -l)" "$(echo "$r / 1000" | bc -l)" "$(echo "$o / $r" | bc -l)" "$(grep -c ';$' "$sql")" "$RUNS"
printf 'the same refresh on SQLite    metrics %8.1f ms   PostgreSQL / SQLite ratio %.2f\n' \
  "$(echo "$l / 1000" | bc -l)" "$(echo "$o / $l" | bc -l)"
printf 'expositions (figures) identical on both engines: %s\n' "$([ "$a" == "$b" ] && echo yes || echo NO)"

[ "${BENCH_POSTGRES_HISTORY:-1}" = 1 ] || exit 0
if [ ! -f "$HISTORY_DB" ]; then "$bin" demo "$HISTORY_DB" --scale province --until "$UNTIL" --history-years 10; fi
load "$HISTORY_DB" history

# steady SCHEMA: the daemon's steady refreshes on SCHEMA against psql running the same
# statements; prints "daemon-us psql-us".
steady() {
  local schema=$1 port pid steady_sql=$work/$1.steady.sql
  {
    echo "START TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY;"
    echo "SET search_path = $schema;"
    "$bin" sql --config "$work/$schema.yml" --refresh --as-of "$(date -Iseconds)"
    echo "COMMIT;"
  } >"$steady_sql"
  port=$(free_port)
  "$bin" serve --config "$work/$schema.yml" --state "$work/$schema.state.sqlite" --listen "127.0.0.1:$port" \
    --refresh-interval 10 --log-level warning 2>"$work/$schema.log" &
  pid=$!
  steady_refreshes "http://127.0.0.1:$port" "$STEADY_REFRESHES" psql_run "$steady_sql"
  kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
}
read -r base_ours base_ref < <(steady egov)
read -r hist_ours hist_ref < <(steady history)
printf 'steady refresh on PostgreSQL, no history    daemon %8.1f ms   psql %8.1f ms   ratio %.2f   (median of %d)\n' \
  "$(echo "$base_ours / 1000" | bc -l)" "$(echo "$base_ref / 1000" | bc -l)" "$(echo "$base_ours / $base_ref" | bc -l)" "$STEADY_REFRESHES"
printf 'steady refresh on PostgreSQL, 10 y history  daemon %8.1f ms   psql %8.1f ms   ratio %.2f   (median of %d)\n' \
  "$(echo "$hist_ours / 1000" | bc -l)" "$(echo "$hist_ref / 1000" | bc -l)" "$(echo "$hist_ours / $hist_ref" | bc -l)" "$STEADY_REFRESHES"
printf 'history ratio on PostgreSQL                 daemon %.2f   psql %.2f   (10 years of history / none; goal: daemon <= 1.3)\n' \
  "$(echo "$hist_ours / $base_ours" | bc -l)" "$(echo "$hist_ref / $base_ref" | bc -l)"

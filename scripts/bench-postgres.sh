#!/usr/bin/env bash
# make bench, PostgreSQL: the province demo in a throwaway server (scripts/pg-server.sh; the
# types of config/postgres/schema.sql, the values timestamptz and date refuse made NULL on both
# sides), then a process's first refresh (`metrics --config`: every unit, the four exposed
# periods, rendered, and the whole-history invalid-record count) against
#  - psql running the very statements that refresh runs (`sql --config --refresh
#    --counting-invalid`) in one read-only repeatable-read transaction, as the exporter does;
#  - the same refresh on SQLite (`metrics --db`) over the same records.
# Medians of RUNS runs of each side, interleaved; prints times and ratios (issue 13 asks for
# at most 1.5 against psql and 2 against SQLite). A benchmark: it asserts nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
RUNS=${RUNS:-5}
SOURCE_DB=${BENCH_DB:-data/bench-province.sqlite}
UNTIL=${BENCH_UNTIL:-2026-11-29}
bin=$(realpath "${BIN:-.build-release/release/egov-exporter}")
[ -x "$bin" ] || swift build -c release --static-swift-stdlib --scratch-path .build-release >&2
suite=bench-postgres
. scripts/lib.sh
. scripts/pg-server.sh
set +u
if [ ! -f "$SOURCE_DB" ]; then mkdir -p "$(dirname "$SOURCE_DB")"; "$bin" demo "$SOURCE_DB" --scale province --until "$UNTIL"; fi
DB=$work/province.sqlite
cp "$SOURCE_DB" "$DB"
pg_typable_copy "$DB"

pg_start bench -c shared_buffers=256MB -c work_mem=64MB
password=bench-$RANDOM$RANDOM
printf '%s\n' "$password" >"$work/password"
pg_psql bench postgres -c "CREATE ROLE egov_reader LOGIN PASSWORD '$password'" -c "CREATE DATABASE egov"
pg_psql bench egov -c "CREATE SCHEMA egov" -c "SET search_path = egov" -f config/postgres/schema.sql
start=$(date +%s.%N)
pg_load_sqlite bench egov "$DB" egov
pg_psql bench egov -c "ANALYZE" -c "GRANT USAGE ON SCHEMA egov TO egov_reader; GRANT SELECT ON ALL TABLES IN SCHEMA egov TO egov_reader"
printf 'province demo (%s dossiers) loaded into PostgreSQL in %.1f s\n' "$(sqlite3 "$DB" 'SELECT COUNT(*) FROM dossiers')" \
  "$(echo "$(date +%s.%N) - $start" | bc)"
{
  echo "sources:"
  for source in dossiers documents; do
    printf '  %s:\n    kind: postgres\n    host: 127.0.0.1\n    port: %s\n    database: egov\n    user: egov_reader\n' "$source" "$pg_port_bench"
    printf '    password_file: %s\n    tls: disable\n    schema: egov\n    statement_timeout: 10m\n' "$work/password"
  done
  echo "refresh_timeout: 5m"
  echo "refresh_interval: 10m"
} >"$work/pg.yml"

sql=$work/refresh.sql
{
  echo "START TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY;"
  echo "SET search_path = egov;"
  "$bin" sql --config "$work/pg.yml" --refresh --counting-invalid --as-of "$UNTIL"
  echo "COMMIT;"
} >"$sql"
psql_run() { PGPASSWORD=$password "$pg_bin/psql" -X -q -h 127.0.0.1 -p "$pg_port_bench" -U egov_reader -d egov -f "$sql" >/dev/null; }

now() { date +%s%N; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# Warm both caches.
psql_run; "$bin" metrics --config "$work/pg.yml" --as-of "$UNTIL" >/dev/null; "$bin" metrics --db "$DB" --as-of "$UNTIL" >/dev/null
ours=() ref=() lite=()
for _ in $(seq "$RUNS"); do
  t=$(now); psql_run; ref+=($(( ($(now) - t) / 1000 )))
  t=$(now); "$bin" metrics --config "$work/pg.yml" --as-of "$UNTIL" >/dev/null; ours+=($(( ($(now) - t) / 1000 )))
  t=$(now); "$bin" metrics --db "$DB" --as-of "$UNTIL" >/dev/null; lite+=($(( ($(now) - t) / 1000 )))
done
o=$(printf '%s\n' "${ours[@]}" | median)
r=$(printf '%s\n' "${ref[@]}" | median)
l=$(printf '%s\n' "${lite[@]}" | median)
# The figures (series with a unit label) of both refreshes, compared.
a=$("$bin" metrics --config "$work/pg.yml" --as-of "$UNTIL" | grep 'unit="' | md5sum)
b=$("$bin" metrics --db "$DB" --as-of "$UNTIL" | grep 'unit="' | md5sum)
printf 'first refresh on PostgreSQL   metrics %8.1f ms   psql %8.1f ms   ratio %.2f   (%d statements, median of %d)\n' \
  "$(echo "$o / 1000" | bc -l)" "$(echo "$r / 1000" | bc -l)" "$(echo "$o / $r" | bc -l)" "$(grep -c ';$' "$sql")" "$RUNS"
printf 'the same refresh on SQLite    metrics %8.1f ms   PostgreSQL / SQLite ratio %.2f\n' \
  "$(echo "$l / 1000" | bc -l)" "$(echo "$o / $l" | bc -l)"
printf 'expositions (figures) identical on both engines: %s\n' "$([ "$a" == "$b" ] && echo yes || echo NO)"

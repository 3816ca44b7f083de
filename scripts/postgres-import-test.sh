#!/usr/bin/env bash
# `import` into PostgreSQL against the same import into SQLite: a throwaway server
# (scripts/pg-server.sh) gets a schema from `init-db --postgres`, an SQLite store the same
# files (the payloads and CSV of scripts/import-test.sh, the small demo exported as CSV, a
# payload larger than a batch with versions of one dossier inside a batch), both through
# `--config` naming the source. Then: the summary lines, rejected_records and `report --format
# json` (every unit, several periods) identical on both engines; importing again changes nothing;
# a view or a missing table refused in one line; a file failing server-side, and the server
# stopped mid-import, leave no row of that file; the daemon's drop folder writes the server too;
# no output shows the password.
# Usage: scripts/postgres-import-test.sh PATH/TO/egov-exporter
set -uo pipefail
bin=$(realpath "$1")
root=$(cd "$(dirname "$0")/.." && pwd)
suite=postgres-import
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/pg-server.sh"
. "$(dirname "$0")/import-fixtures.sh"

# Runs the binary; sets $out, $err, $rc; every output is kept for the password check.
run() { out=$("$bin" "$@" 2>"$work/err"); rc=$?; err=$(cat "$work/err"); printf '%s\n%s\n' "$out" "$err" >>"$work/outputs"; }

password=pw-$RANDOM-$RANDOM-secret
printf '%s\n' "$password" >"$work/password"
pg_start pgimport || { echo "could not start PostgreSQL"; exit 1; }
pg_psql pgimport postgres -c "CREATE ROLE egov_writer LOGIN PASSWORD '$password'" -c "CREATE DATABASE egov OWNER egov_writer"
pg_psql pgimport egov -c "CREATE SCHEMA typed AUTHORIZATION egov_writer" -c "CREATE SCHEMA viewed AUTHORIZATION egov_writer" \
  -c "CREATE SCHEMA empty AUTHORIZATION egov_writer"
pgq() { pg_psql pgimport egov -At -c "SET search_path = typed" -c "$1"; }
sq() { sqlite3 "$work/store.sqlite" "$1"; }

aliases='import:
  unit_aliases:
    H56: "05587"'
pg_config() { # pg_config FILE SCHEMA: both sources in SCHEMA, the import aliases
  local file=$1 source
  echo "$aliases" >"$file"
  echo "sources:" >>"$file"
  for source in dossiers documents; do
    printf '  %s:\n    kind: postgres\n    host: 127.0.0.1\n    port: %s\n    database: egov\n    user: egov_writer\n' \
      "$source" "$pg_port_pgimport" >>"$file"
    printf '    password_file: %s\n    tls: disable\n    schema: %s\n' "$work/password" "$2" >>"$file"
  done
}
pg_config "$work/pg.yml" typed
pg_config "$work/viewed.yml" viewed
pg_config "$work/empty.yml" empty
printf '%s\nsources:\n  dossiers: {kind: sqlite, path: %s}\n  documents: {kind: sqlite, path: %s}\n' \
  "$aliases" "$work/store.sqlite" "$work/store.sqlite" >"$work/sqlite.yml"

run init-db --postgres "$work/pg.yml"
check "init-db --postgres creates the schema" 0 "$rc"
run init-db "$work/store.sqlite"

# The files: the small demo's tables as CSV with canonical headers (identity mapping), the
# payloads and documents of import-test.sh, a payload of 2,500 dossiers (three batches), and a
# payload sending a new dossier HS-V three times in one file (statuses 2, 4, 10; the last
# wins), the version of status 4 again afterwards (a replay), and a new dossier without a unit.
"$bin" demo "$work/demo.sqlite" --scale small --seed 7 --until 2026-11-29 >/dev/null
for table in units procedures dossiers documents staff eoffice_activity work_files; do
  sqlite3 -csv -header "$work/demo.sqlite" "SELECT * FROM $table" >"$work/$table.csv"
done
import_fixture_one "$work/one.json"
import_fixture_documents "$work/vb.csv"
import_fixture_large "$work/large.json" 2500
cat >"$work/versions.json" <<'JSON'
[{"MaHoSo": "HS-V", "DonViXuLy": "05587", "TrangThaiHoSo": 2, "NgayTiepNhan": "20240103080000", "NgayKetThucXuLy": null},
 {"MaHoSo": "HS-V", "TrangThaiHoSo": 4, "NgayKetThucXuLy": "20240104100000"},
 {"MaHoSo": "HS-V", "TrangThaiHoSo": 10, "NgayKetThucXuLy": "20240105160000"},
 {"MaHoSo": "HS-V", "TrangThaiHoSo": 4, "NgayKetThucXuLy": "20240104100000"},
 {"MaHoSo": "HS-NEW", "TrangThaiHoSo": 4}]
JSON

# import_all CONFIG: every file into CONFIG's sources, the summaries (paths shortened) to stdout.
import_all() {
  local yml=$1 table
  for table in units procedures dossiers documents staff eoffice_activity work_files; do
    run import csv --config "$yml" --table "$table" --as-of 2026-11-30T10:00:00 "$work/$table.csv"; echo "$err"
  done
  run import dvcqg --config "$yml" --as-of 2026-11-30T11:00:00 "$work/one.json" "$work/large.json" "$work/versions.json"; echo "$err"
  run import csv --config "$yml" --table documents --mapping "$root/config/import/documents.yml" --as-of 2026-11-30T12:00:00 "$work/vb.csv"
  echo "$err"
}
import_all "$work/sqlite.yml" | sed "s#$work/##g" >"$work/sqlite.summary"
import_all "$work/pg.yml" | sed "s#$work/##g" >"$work/pg.summary"
check "the summary lines are identical on both engines" "" "$(diff "$work/sqlite.summary" "$work/pg.summary")"
check "the units' summary" "units.csv: read $(($(wc -l <"$work/units.csv") - 1)), inserted $(($(wc -l <"$work/units.csv") - 1)), updated 0, unchanged 0, rejected 0" \
  "$(grep '^units.csv' "$work/pg.summary")"
check "versions of one dossier within a batch: inserted, updated in file order, the replay unchanged" \
  "versions.json: read 5, inserted 1, updated 2, unchanged 1, rejected 1 (unknown_unit 1)" "$(grep '^versions.json' "$work/pg.summary")"
check "the last version of HS-V applies on both engines" "10|2024-01-05 16:00:00|10|2024-01-05 16:00:00" \
  "$(sq "SELECT status, finished_at FROM dossiers WHERE id = 'HS-V'")|$(pgq "SELECT status, to_char(finished_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD HH24:MI:SS') FROM dossiers WHERE id = 'HS-V'")"

counts() { # counts QUERY-RUNNER: the row count of every table written
  local table
  for table in units procedures dossiers documents staff eoffice_activity work_files rejected_records import_versions; do
    printf '%s %s\n' "$table" "$("$1" "SELECT count(*) FROM $table")"
  done
}
check "row counts identical on both engines" "" "$(diff <(counts sq) <(counts pgq))"
rejected_query="SELECT file, position, kind, reason, record_id, unit_code, record FROM rejected_records ORDER BY file, kind, position"
check "rejected_records identical on both engines" "" "$(diff <(sq "$rejected_query") <(pgq "$rejected_query"))"
check "rejected records were stored" 1 "$(($(pgq 'SELECT count(*) FROM rejected_records') > 3))"

# report --format json on both engines, every unit and several periods.
same=0 differ=0
for unit in $(sq "SELECT code FROM units ORDER BY code"); do
  for period in 2024-Q1 2024-H1 2024-Y 2026-Q3; do
    a=$("$bin" report --config "$work/sqlite.yml" --unit "$unit" --period "$period" --as-of 2026-11-29T12:00:00+07:00 --format json 2>&1)
    b=$("$bin" report --config "$work/pg.yml" --unit "$unit" --period "$period" --as-of 2026-11-29T12:00:00+07:00 --format json 2>&1)
    echo "$b" >>"$work/outputs"
    if [ "$a" == "$b" ]; then same=$((same + 1)); else
      differ=$((differ + 1))
      [ "$differ" -le 3 ] && diff <(echo "$a" | python3 -m json.tool 2>/dev/null || echo "$a") <(echo "$b" | python3 -m json.tool 2>/dev/null || echo "$b") | head -20
    fi
  done
done
echo "reports: $same identical, $differ different"
check "report --format json identical on SQLite and PostgreSQL for every unit and period" 0 "$differ"
check "reports compared" 1 "$((same > 20))"

# Importing everything again changes nothing, on either engine.
before=$(counts pgq)
import_all "$work/pg.yml" | sed "s#$work/##g" >"$work/pg.again"
import_all "$work/sqlite.yml" | sed "s#$work/##g" >"$work/sqlite.again"
check "re-import: nothing inserted or updated" 0 "$(grep -v '^rejected:' "$work/pg.again" | grep -vc 'inserted 0, updated 0,')"
check "re-import: the same summaries on both engines" "" "$(diff "$work/sqlite.again" "$work/pg.again")"
check "re-import: row counts unchanged" "$before" "$(counts pgq)"

# Targets that cannot be written: a view, a missing table.
pg_psql pgimport egov -c "SET ROLE egov_writer" -c "CREATE TABLE viewed.units AS SELECT * FROM typed.units" \
  -c "CREATE VIEW viewed.dossiers AS SELECT * FROM typed.dossiers"
run import dvcqg --config "$work/viewed.yml" "$work/one.json"
check "a view is refused in one line" \
  "1|egov-exporter: error: $work/one.json: postgres://egov_writer@127.0.0.1:$pg_port_pgimport/egov: import: import writes tables; viewed.dossiers is a view; nothing of it was imported" "$rc|$err"
run import csv --config "$work/empty.yml" --table staff "$work/staff.csv"
check "a missing table: run init-db --postgres" \
  "1|egov-exporter: error: $work/staff.csv: postgres://egov_writer@127.0.0.1:$pg_port_pgimport/egov: import: empty.staff does not exist: create the canonical tables with \`egov-exporter init-db --postgres CONFIG\`; nothing of it was imported" "$rc|$err"
run import csv --db "$work/store.sqlite" --config "$work/pg.yml" --table staff "$work/staff.csv"
check "--db and a configured source: refused" "1|egov-exporter: error: give either --db or a configuration naming sources ($work/pg.yml), not both" "$rc|$err"
run import csv --table staff "$work/staff.csv"
check "no target: refused" "1|egov-exporter: error: no store to import into: give --db PATH, or --config FILE whose sources: section names it" "$rc|$err"

# A file whose last row the server refuses (a unit's connection day kept as written, which a
# date column cannot hold): its first two batches were written, and nothing of it is kept.
python3 - "$work/units-bad.csv" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("code,name,level,parent_code,one_stop_connected_on\n")
    for i in range(2499):
        f.write("X%05d,Xã thử %d,commune,19,2024-01-01\n" % (i, i))
    f.write("X99999,Xã cuối,commune,19,hôm qua\n")
PY
before=$(pgq "SELECT count(*) FROM units")
run import csv --config "$work/pg.yml" --table units "$work/units-bad.csv"
check "a file failing server-side at its last batch: one line, nothing kept" \
  "1|egov-exporter: error: $work/units-bad.csv: postgres://egov_writer@127.0.0.1:$pg_port_pgimport/egov: import: invalid input syntax for type date: \"hôm qua\" (SQLSTATE 22007); nothing of it was imported|$before" \
  "$rc|$err|$(pgq "SELECT count(*) FROM units")"

# The server stopped in the middle of a large import: nothing of the file is kept.
import_fixture_large "$work/huge.json" 300000
sed -i 's/"L-/"H-/g' "$work/huge.json"
before=$(pgq "SELECT count(*), max(updated_at) FROM dossiers")
"$bin" import dvcqg --config "$work/pg.yml" "$work/huge.json" 2>"$work/huge.err" & pid=$!; pids+=("$pid")
# Wait until the import's transaction has written a few batches.
wait_for 120 bash -c "[ \"\$(PGTZ=UTC '$pg_bin/psql' -X -At -h '$work/pgimport' -p $pg_port_pgimport -U postgres -d egov -c \
  \"SELECT count(*) FROM pg_stat_activity WHERE application_name = 'egov-exporter' AND now() - xact_start > interval '2 seconds'\")\" = 1 ]"
check "the import is running when the server stops" 1 "$(gone "$pid"; echo $?)"
pg_stop pgimport
wait "$pid"; rc=$?
cat "$work/huge.err" >>"$work/outputs"
pg_resume pgimport
check "server stopped mid-import: the import fails with one line" "1|1" \
  "$rc|$(grep -c "^egov-exporter: error: $work/huge.json: postgres://egov_writer@127.0.0.1:$pg_port_pgimport/egov: import: .*; nothing of it was imported$" "$work/huge.err")"
check "server stopped mid-import: no row of that file" "$before|0" \
  "$(pgq "SELECT count(*), max(updated_at) FROM dossiers")|$(pgq "SELECT count(*) FROM dossiers WHERE id LIKE 'H-%'")"

# The daemon's drop folder writes the PostgreSQL dossier source: a payload dropped in is
# imported (moved to done/), its dossiers are in the server's table, the import is counted.
mkdir -p "$work/drop"
sed "s#^import:#import:\n  watch_dir: $work/drop#" "$work/pg.yml" >"$work/watch.yml"
port=$(free_port)
"$bin" serve --config "$work/watch.yml" --listen "127.0.0.1:$port" --refresh-interval 60 --state "$work/watch-state.sqlite" \
  >"$work/watch.log" 2>&1 & pid=$!; pids+=("$pid")
wait_for 60 curl -fs -o /dev/null "http://127.0.0.1:$port/readyz"
cat >"$work/drop-payload.json" <<'JSON'
{"service": "DongBoHoSoMC", "isUpdating": false, "data": [
 {"MaHoSo": "HS-DROP-1", "MaTTHC": "1.000001", "KenhThucHien": 2, "TrangThaiHoSo": 2, "NgayTiepNhan": "20261125080000", "NgayHenTra": "20261210170000", "DonViXuLy": "H56"},
 {"MaHoSo": "HS-DROP-2", "MaTTHC": "1.000001", "KenhThucHien": 1, "TrangThaiHoSo": 10, "NgayTiepNhan": "20261120080000", "NgayHenTra": "20261127170000", "NgayKetThucXuLy": "20261126090000", "DonViXuLy": "05587", "ChuHoSo": "Nguyễn Văn A"},
 {"MaHoSo": "HS-DROP-3", "MaTTHC": "1.000001", "KenhThucHien": 2, "TrangThaiHoSo": 2, "NgayTiepNhan": "20261125090000", "DonViXuLy": "99999", "ChuHoSo": "Nguyễn Văn A", "SoDienThoai": "0912345678"}]}
JSON
cp "$work/drop-payload.json" "$work/drop/2026-11-30T0800.json.part"
mv "$work/drop/2026-11-30T0800.json.part" "$work/drop/2026-11-30T0800.json"
wait_for 60 test -f "$work/drop/done/2026-11-30T0800.json"
check "drop folder on PostgreSQL: the payload is imported and moved to done/" 1 "$([ -f "$work/drop/done/2026-11-30T0800.json" ] && echo 1 || echo 0)"
check "drop folder on PostgreSQL: its dossiers are in the server's table, in local time" \
  "HS-DROP-1|05587|2|2|2026-11-25 08:00:00
HS-DROP-2|05587|1|10|2026-11-20 08:00:00" \
  "$(pgq "SELECT id, unit_code, channel, status, to_char(received_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD HH24:MI:SS') FROM dossiers WHERE id LIKE 'HS-DROP-%' ORDER BY id")"
inserted() { curl -fsS "http://127.0.0.1:$port/metrics" | awk '$1 == "egov_import_records_total{format=\"dvcqg\",outcome=\"inserted\"}" {print $2}'; }
# The count is published with the refresh that follows the import.
wait_for 60 bash -c "[ \"\$(curl -fsS http://127.0.0.1:$port/metrics | grep -c '^egov_import_records_total{format=\"dvcqg\",outcome=\"inserted\"} 2$')\" = 1 ]"
check "drop folder on PostgreSQL: counted as inserted" "2" "$(inserted)"
check "drop folder on PostgreSQL: the record of an unknown unit is rejected, its allowed fields kept" \
  "2026-11-30T0800.json|data[2]|unknown_unit|HS-DROP-3|1" \
  "$(pgq "SELECT file, position, reason, record_id, (record LIKE '%HS-DROP-3%')::int FROM rejected_records WHERE record_id LIKE 'HS-DROP-%'")"
check "drop folder on PostgreSQL: the applicant's name and phone are nowhere in the server's schema" 0 \
  "$("$pg_bin/pg_dump" -h "$work/pgimport" -p "$pg_port_pgimport" -U postgres -n typed egov | grep -c 'Nguyễn Văn A\|0912345678')"
stop "$pid"
cat "$work/watch.log" >>"$work/outputs"

check "no output shows the password" 0 "$(grep -c -- "$password" "$work/outputs")"
finish

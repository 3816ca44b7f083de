#!/usr/bin/env bash
# End-to-end tests of `egov-exporter import`: payload files and standard input, the summary and
# the one-line errors, exit codes, the configuration's aliases, re-import, personal data, and a
# SIGKILL in the middle of a large import leaving the store as it was before that file.
# Usage: scripts/import-test.sh PATH/TO/egov-exporter
set -uo pipefail
bin=$(realpath "$1")
suite=import
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/import-fixtures.sh"

# Runs the binary; sets $out, $err, $rc.
run() { out=$("$bin" "$@" 2>"$work/err"); rc=$?; err=$(cat "$work/err"); }
q() { sqlite3 "$db" "$1"; }
db=$work/store.sqlite

# A store created by the import itself: without units every record is refused as unknown_unit.
import_fixture_one "$work/one.json"
run import dvcqg --db "$db" "$work/one.json" --as-of 2026-11-30T10:00:00
check "a missing store is created and records of unknown units refused" \
  "0|rejected: one.json: data[0]: DonViXuLy: record HS-1: unknown unit code '05587' (not in the units table, no alias) (unknown_unit)" \
  "$rc|$(echo "$err" | head -1)"
check "the created store has the canonical tables" "documents dossiers eoffice_activity import_versions procedures rejected_records staff units work_files" \
  "$(q "SELECT group_concat(name, ' ') FROM (SELECT name FROM sqlite_master WHERE type='table' ORDER BY name)")"
check "the created store is in WAL mode" wal "$(q 'PRAGMA journal_mode')"

q "INSERT INTO units (code, name, level, parent_code) VALUES ('19', 'Tỉnh Thái Nguyên', 'province', NULL), ('05587', 'Xã Bình Yên', 'commune', '19')"
cat >"$work/config.yml" <<'YAML'
import:
  unit_aliases:
    H56: "05587"
YAML
run import dvcqg --db "$db" --config "$work/config.yml" "$work/one.json" --as-of 2026-11-30T10:00:00
check "import with aliases: summary and exit 0 despite a rejected record" \
  "0|rejected: one.json: data[2]: NgayTiepNhan: record HS-3: unparseable date \"30/02/2024\" (unparseable_received_at)
$work/one.json: read 3, inserted 2, updated 0, unchanged 0, rejected 1 (unparseable_received_at 1)" "$rc|$err"
check "dates are stored normalised in local time" \
  "HS-1|05587|1.004227|2|10|2024-01-02 08:00:00|2024-01-10 17:00:00|2024-01-05 16:00:00|2024-01-06 08:00:00|0|1|2026-11-30 10:00:00
HS-2|05587||1|4|2024-01-03 09:00:00||||0|0|2026-11-30 10:00:00" "$(q 'SELECT * FROM dossiers ORDER BY id')"
check "the rejected record keeps its allowed fields only" \
  'one.json|data[2]|dossiers|unparseable_received_at|HS-3|05587|{"MaHoSo":"HS-3","KenhThucHien":2,"TrangThaiHoSo":4,"NgayTiepNhan":"30/02/2024","DonViXuLy":"05587"}' \
  "$(q 'SELECT * FROM rejected_records')"
leaks=0
for value in "Trần Văn Kín" 079301009999 0912000111 kin@example.vn "Nà Mòn" "Lò Thị Ẩn" ChuHoSo; do
  cat "$db"* | grep -qaF "$value" && leaks=$((leaks + 1))
done
check "no personal field is in the database files" 0 "$leaks"

run report --db "$db" --unit 05587 --period 2024-Q1 --format json
check "the report reads the imported store" '[2, 1, {"dossiers.unparseable_received_at": 1}]' \
  "$(echo "$out" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(json.dumps([d["received_total"], d["resolved"], d["invalid_records"]]))')"

before=$(q 'SELECT * FROM dossiers ORDER BY id; SELECT * FROM rejected_records')
run import dvcqg --db "$db" --config "$work/config.yml" "$work/one.json" --as-of 2026-12-01T10:00:00
check "re-import is a no-op" "0|$work/one.json: read 3, inserted 0, updated 0, unchanged 2, rejected 1 (unparseable_received_at 1)|$before" \
  "$rc|$(echo "$err" | tail -1)|$(q 'SELECT * FROM dossiers ORDER BY id; SELECT * FROM rejected_records')"

echo '[{"MaHoSo": "HS-2", "TrangThaiHoSo": 7, "NgayKetThucXuLy": "20240104100000"}]' >"$work/two.json"
run import dvcqg --db "$db" --as-of 2026-12-02T10:00:00 - <"$work/two.json"
check "standard input, a later version updates the dossier" "0|stdin: read 1, inserted 0, updated 1, unchanged 0, rejected 0|7|2024-01-04 10:00:00|2026-12-02 10:00:00" \
  "$rc|$err|$(q "SELECT status, finished_at, updated_at FROM dossiers WHERE id = 'HS-2'")"

printf '{"data": [{"MaHoSo": "HS-9", "DonViXuLy": "05587"},' >"$work/broken.json"
run import dvcqg --db "$db" "$work/broken.json" "$work/missing.json" "$work/two.json"
check "unreadable inputs: one line each, the others imported, exit 1" \
  "1|egov-exporter: error: $work/broken.json: invalid JSON at byte 51: parse error: premature EOF; nothing of it was imported
egov-exporter: error: $work/missing.json: cannot read: No such file or directory; nothing of it was imported
$work/two.json: read 1, inserted 0, updated 0, unchanged 1, rejected 0
total: read 1, inserted 0, updated 0, unchanged 1, rejected 0|0" "$rc|$err|$(q "SELECT count(*) FROM dossiers WHERE id = 'HS-9'")"

printf 'import:\n  unit_alias: {}\n' >"$work/bad.yml"
run import dvcqg --db "$db" --config "$work/bad.yml" "$work/two.json"
check "a bad import: section is one line" "1|egov-exporter: error: $work/bad.yml:2: import: unknown key 'unit_alias' (did you mean 'unit_aliases'?)" "$rc|$err"
run import dvcqg --db "$db"
check "no file is a usage error" 64 "$rc"

# CSV exports: a mapping file from config/import, semicolons, a byte-order mark, quoted fields.
config_dir=$(realpath "$(dirname "$0")/../config/import")
import_fixture_documents "$work/vb.csv"
run import csv --db "$db" --table documents --mapping "$config_dir/documents.yml" --as-of 2026-12-04T10:00:00 "$work/vb.csv"
check "import csv with a mapping" "0|rejected: vb.csv: line 4: Ngày văn bản: record VB-3: cannot read \"hôm qua\" as issued_at (unparseable_issued_at)
$work/vb.csv: read 3, inserted 2, updated 0, unchanged 0, rejected 1 (unparseable_issued_at 1)" "$rc|$err"
check "documents stored in canonical words" "VB-1|05587|outgoing|2024-01-02 08:30:00|1|electronic|agency|2026-12-04 10:00:00
VB-2|05587|outgoing|2024-01-31 00:00:00|0|electronic_and_paper|village|2026-12-04 10:00:00" "$(q 'SELECT * FROM documents ORDER BY id')"
check "an unmapped column (the signer) is never stored" 0 "$(cat "$db"* | grep -caF 'Kín')"
run import csv --db "$db" --table documents --mapping "$config_dir/documents.yml" "$work/vb.csv"
check "csv re-import is a no-op" "$work/vb.csv: read 3, inserted 0, updated 0, unchanged 2, rejected 1 (unparseable_issued_at 1)" "$(echo "$err" | tail -1)"
printf 'columns:\n  id: A\n  isued_at: B\n' >"$work/bad-mapping.yml"
run import csv --db "$db" --table documents --mapping "$work/bad-mapping.yml" "$work/vb.csv"
check "a bad mapping is one line" "1|egov-exporter: error: $work/bad-mapping.yml:3: columns: unknown column of documents 'isued_at' (did you mean 'issued_at'?)" "$rc|$err"
printf 'code,name,level\n1.1,"Thủ tục,commune\n' >"$work/open-quote.csv"
run import csv --db "$db" --table procedures "$work/open-quote.csv"
check "an unterminated quote refuses the file" "1|egov-exporter: error: $work/open-quote.csv: line 2: a quoted field is never closed; nothing of it was imported" "$rc|$err"

# A large file killed half-way leaves nothing of it: the store is as before that file.
import_fixture_large "$work/large.json" 400000
before=$(q 'SELECT count(*), max(updated_at) FROM dossiers')
"$bin" import dvcqg --db "$db" "$work/large.json" 2>"$work/large.err" & pid=$!; pids+=("$pid")
wait_for 60 bash -c "[ \$(stat -c %s '$db-wal' 2>/dev/null || echo 0) -gt 4000000 ]"
kill -KILL "$pid"; wait "$pid" 2>/dev/null
check "SIGKILL mid-file: the store is as before that file" "$before|ok" "$(q 'SELECT count(*), max(updated_at) FROM dossiers')|$(q 'PRAGMA integrity_check')"
run import dvcqg --db "$db" "$work/large.json" --as-of 2026-12-03T10:00:00
check "the same file imported whole afterwards" "0|$work/large.json: read 400000, inserted 400000, updated 0, unchanged 0, rejected 0|400002" \
  "$rc|$err|$(q 'SELECT count(*) FROM dossiers')"
finish

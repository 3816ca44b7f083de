#!/usr/bin/env bash
# The snapshot commands on the built binary: take, list and export, their errors and exit codes,
# amendments, byte-identical exports, atomic files, and a `snapshot take --all` killed with
# SIGKILL in the middle of a unit's transaction, which must leave every unit's snapshot whole
# or absent. The source database is checked unchanged at the end.
# Usage: scripts/snapshot-test.sh PATH/TO/egov-exporter
set -uo pipefail
bin=$(realpath "$1")
suite=snapshot
. "$(dirname "$0")/lib.sh"

# Runs the binary; sets $out, $err, $rc.
run() { out=$("$bin" "$@" 2>"$work/err"); rc=$?; err=$(cat "$work/err"); }

db=$work/demo.sqlite
"$bin" demo "$db" --scale small --until 2026-11-29 >/dev/null || { echo "snapshot: cannot create the demo database"; exit 1; }
source_sum=$(md5sum <"$db")
state=$work/state/egov-exporter-state.sqlite
s=(--db "$db" --state "$state")

run snapshot export "${s[@]}" --period 2024-Q1 --unit 05587 --format csv
check "export before any take: no store" "1|egov-exporter: error: $state: no snapshot store here yet (take a snapshot first, or give --state)" "$rc|$err"
check "export before any take creates nothing" no "$([ -e "$state" ] && echo yes || echo no)"

run snapshot take "${s[@]}" --period 2026-Q4 --unit 05587 --as-of 2026-11-29T10:00:00+07:00
check "an open period is refused" \
  "1|egov-exporter: error: period 2026-Q4 is still open (it ends on 2026-12-14): a snapshot freezes a closed period, from 2026-12-15 on" "$rc|$err"
run snapshot take "${s[@]}" --period 2024-Q1 --unit 99999
check "an unknown unit is refused" "1|egov-exporter: error: unknown unit '99999': no such code in the units table of $db" "$rc|$err"
run snapshot take "${s[@]}" --period 2024-Q1 --unit 5587
check "a code without its leading zero gets a suggestion" "1|egov-exporter: error: unknown unit '5587': did you mean 05587 (Xã Bình Yên)?" "$rc|$err"
run snapshot take "${s[@]}" --period 2024-Q5 --unit 05587
check "a bad period id is refused" 1 "$rc"
check "a bad period id names it" 1 "$(echo "$err" | grep -c "2024-Q5")"
run snapshot take "${s[@]}" --period 2024-Q1
check "take needs --unit or --all" "64|1" "$rc|$(echo "$err" | grep -c 'give either --unit CODE or --all')"
run snapshot take --db "$db" --state "$db" --period 2024-Q1 --unit 05587
check "the state database may not be a source" \
  "1|egov-exporter: error: command line: --state: the state database '$db' is the dossiers source: the exporter writes its state to a file of its own and never writes to a source" "$rc|$err"

run snapshot take "${s[@]}" --period 2024-Q1 --unit 05587 --as-of 2024-03-15T08:00:00+07:00
check "take Bình Yên 2024-Q1" "0|05587 2024-Q1: version 1 taken" "$rc|$out"
run snapshot take "${s[@]}" --period 2024-Q1 --unit 05587
check "a retake of unchanged records adds no version" "0|05587 2024-Q1: unchanged since version 1" "$rc|$out"
check "the store is in WAL mode" wal "$(sqlite3 "$state" 'PRAGMA journal_mode')"

run snapshot export "${s[@]}" --period 2024-Q1 --unit 05587 --format csv
check "csv export exits 0" 0 "$rc"
check "csv has the seed's 3.2.4 row" 1 "$(echo "$out" | grep -c '^3\.2\.4\.,Tỷ lệ hồ sơ TTHC được tiếp nhận trực tuyến mức độ 3 và 4 (Chỉ thống kê đối với các TTHC mức độ 3 và 4 có phát sinh hồ sơ),%,100,')"
check "csv starts with a byte-order mark" "efbbbf" "$("$bin" snapshot export "${s[@]}" --period 2024-Q1 --unit 05587 --format csv | head -c 3 | od -An -tx1 | tr -d ' \n')"
run snapshot export "${s[@]}" --period 2024-Q1 --unit 05587 --format json
check "json: 3.4.2 = 100 % of 348" '["3.4.2.", 100, "2024-03-15T08:00:00+07:00", 1]' "$(echo "$out" | python3 -c '
import json, sys
d = json.load(sys.stdin)
r = next(r for r in d["rows"] if r["stt"] == "3.4.2.")
print(json.dumps([r["stt"], r["value"], d["taken_at"], d["version"]]))')"

mkdir -p "$work/out"
run snapshot export "${s[@]}" --period 2024-Q1 --unit 05587 --format xlsx -o "$work/out/binh-yen.xlsx"
check "xlsx export exits 0, prints nothing" "0|" "$rc|$out"
check "xlsx is a zip with the sheet" 1 "$(unzip -l "$work/out/binh-yen.xlsx" 2>/dev/null | grep -c 'xl/worksheets/sheet1.xml')"
check "no temporary file is left" "binh-yen.xlsx" "$(ls -A "$work/out")"
"$bin" snapshot export "${s[@]}" --period 2024-Q1 --unit 05587 --format xlsx -o "$work/out/again.xlsx"
check "the same version exports to the same bytes" same "$(cmp -s "$work/out/binh-yen.xlsx" "$work/out/again.xlsx" && echo same)"
run snapshot export "${s[@]}" --period 2024-Q1 --unit 05587 --format xlsx -o "$work/no-such-dir/x.xlsx"
check "an unwritable output is one error line" "1|1" "$rc|$(echo "$err" | grep -c "^egov-exporter: error: $work/no-such-dir/x.xlsx: cannot write")"
run snapshot export "${s[@]}" --period 2024-Q2 --unit 05587 --format md
check "no snapshot of that period" \
  "1|egov-exporter: error: no snapshot of unit 05587 for 2024-Q2 in $state: take it with \`egov-exporter snapshot take --period 2024-Q2 --unit 05587\`" "$rc|$err"

# An amendment: a document of Bình Yên's Q1 turns out unsigned (the records changed).
cp "$db" "$work/amended.sqlite"
sqlite3 "$work/amended.sqlite" "UPDATE documents SET digitally_signed = 0 WHERE id = (SELECT id FROM documents
  WHERE unit_code = '05587' AND direction = 'outgoing' AND issued_at >= '2024-01-01' AND issued_at < '2024-03-01' ORDER BY id LIMIT 1)"
run snapshot take --db "$work/amended.sqlite" --state "$state" --period 2024-Q1 --unit 05587
check "changed records: an amendment" "0|05587 2024-Q1: version 2 taken (amendment)" "$rc|$out"
run snapshot list "${s[@]}" --unit 05587
check "list shows both versions" "2024-Q1 05587 1 command|2024-Q1 05587 2 command" \
  "$(echo "$out" | tail -n +2 | cut -f1-3,5 | tr '\t' ' ' | paste -sd '|')"
# The OpenMetrics export of every snapshot carries the latest version, the amendment's figures.
run snapshot export "${s[@]}" --all --format openmetrics
check "openmetrics export exits 0 and ends with # EOF" "0|# EOF" "$rc|$(echo "$out" | tail -n 1)"
check "openmetrics: the latest version of 05587 2024-Q1 only" 'version="2"' \
  "$(echo "$out" | grep '^egov_snapshot_info{.*period_id="2024-Q1",unit="05587",' | grep -o 'version="[0-9]*"')"
signed=$("$bin" report --db "$work/amended.sqlite" --unit 05587 --period 2024-Q1 --format json |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["outgoing_signed"])')
check "openmetrics: the amendment's outgoing_signed, at the end of 14/03/2024 +07:00" \
  "egov_snapshot_figure{figure=\"outgoing_signed\",level=\"commune\",period_id=\"2024-Q1\",unit=\"05587\"} $signed 1710435599" \
  "$(echo "$out" | grep '^egov_snapshot_figure{figure="outgoing_signed",.*unit="05587"}')"
run snapshot export "${s[@]}" --all --format csv
check "--all goes with openmetrics only" "64|1" "$rc|$(echo "$err" | grep -c -- '--all exports as --format openmetrics')"
run snapshot export "${s[@]}" --period 2024-Q1 --unit 05587 --format openmetrics
check "openmetrics goes with --all only" "64|1" "$rc|$(echo "$err" | grep -c -- '--format openmetrics goes with --all')"
run snapshot export "${s[@]}" --format json
check "export needs --period and --unit, or --all" "64|1" "$rc|$(echo "$err" | grep -c -- 'give --period and --unit, or --all')"
"$bin" snapshot export "${s[@]}" --period 2024-Q1 --unit 05587 --version 1 --format xlsx -o "$work/out/v1.xlsx"
check "version 1 still exports to the same bytes" same "$(cmp -s "$work/out/binh-yen.xlsx" "$work/out/v1.xlsx" && echo same)"
check "version 2 says 14/15 signed" 1 \
  "$("$bin" snapshot export "${s[@]}" --period 2024-Q1 --unit 05587 --format md | grep -c '93,33% văn bản đi được ký số (14/15 văn bản)')"
run snapshot export "${s[@]}" --period 2024-Q1 --unit 05587 --version 3 --format md
check "an unknown version names the existing ones" "1|egov-exporter: error: no version 3 of the snapshot of 05587 for 2024-Q1: versions 1, 2" "$rc|$err"

# SIGKILL in the middle of `take --all`: each unit's snapshot is one transaction; the test hook
# holds every transaction open for 400 ms after its writes, so the kill lands inside one.
killed=$work/killed.sqlite
EGOV_SNAPSHOT_TEST_PAUSE_MS=400 "$bin" snapshot take --db "$db" --state "$killed" --period 2024-Q2 --all >"$work/take.out" 2>&1 &
take=$!
pids+=("$take")
three_taken() { [ "$(grep -c 'version 1 taken' "$work/take.out")" -ge 3 ]; }
wait_for 60 three_taken
check "take --all was under way" ok "$(three_taken && echo ok)"
sleep 0.15   # well inside the fourth unit's 400 ms transaction
{ kill -KILL "$take"; wait "$take"; } 2>/dev/null
printed=$(grep -c 'version 1 taken' "$work/take.out")
check "killed mid-run: some but not all units printed" yes "$([ "$printed" -ge 3 ] && [ "$printed" -lt 17 ] && echo yes)"
check "the store is consistent after the kill" ok "$(sqlite3 "$killed" 'PRAGMA integrity_check')"
check "every committed unit is stored, nothing more" "$printed" "$(sqlite3 "$killed" 'SELECT count(*) FROM snapshot')"
check "every stored snapshot is whole (the 122 rows of the appendix each)" "122" \
  "$(sqlite3 "$killed" 'SELECT group_concat(DISTINCT n) FROM (SELECT (SELECT count(*) FROM snapshot_row r WHERE r.snapshot_id = s.id) AS n FROM snapshot s)')"
check "no rows without their snapshot" 0 "$(sqlite3 "$killed" 'SELECT count(*) FROM snapshot_row WHERE snapshot_id NOT IN (SELECT id FROM snapshot)')"
run snapshot take --db "$db" --state "$killed" --period 2024-Q2 --all
check "the rerun completes the rest" "0|$((17 - printed)) taken, $printed unchanged, in $killed" "$rc|$(echo "$out" | tail -n 1)"
check "17 units, each once, version 1" "17|1" "$(sqlite3 "$killed" 'SELECT count(DISTINCT unit_code) || "|" || max(version) FROM snapshot')"
run snapshot take --db "$db" --state "$killed" --period 2024-Q3 --all --level district
check "--level picks the districts" "0|3 taken, 0 unchanged, in $killed" "$rc|$(echo "$out" | tail -n 1)"

check "the source database is unchanged" "$source_sum" "$(md5sum <"$db")"
finish

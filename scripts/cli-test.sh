#!/usr/bin/env bash
# End-to-end tests of the built binary: the commands a user types, their output and exit codes.
# Usage: scripts/cli-test.sh PATH/TO/egov-exporter
set -uo pipefail
bin=$(realpath "$1")
suite=cli
. "$(dirname "$0")/lib.sh"

# Runs the binary; sets $out, $err, $rc.
run() { out=$("$bin" "$@" 2>"$work/err"); rc=$?; err=$(cat "$work/err"); }

json_get() { python3 -c 'import json,sys; d=json.load(sys.stdin); print(json.dumps([d[k] for k in sys.argv[1:]]))' "$@"; }

run init-db "$work/empty.sqlite"
check "init-db exits 0" 0 "$rc"
check "init-db creates the canonical tables" "documents dossiers eoffice_activity procedures rejected_records staff units work_files" \
  "$(sqlite3 "$work/empty.sqlite" "SELECT group_concat(name, ' ') FROM (SELECT name FROM sqlite_master WHERE type='table' ORDER BY name)")"
run init-db "$work/empty.sqlite"
check "init-db refuses an existing file" "1|egov-exporter: error: $work/empty.sqlite already exists; init-db only creates new databases" "$rc|$err"

run demo "$work/demo.sqlite" --scale small --seed 7 --until 2026-11-29
check "demo exits 0" 0 "$rc"
run demo "$work/demo2.sqlite" --scale small --seed 7 --until 2026-11-29
dump() { sqlite3 "$1" "SELECT * FROM dossiers ORDER BY id; SELECT * FROM documents ORDER BY id; SELECT * FROM staff ORDER BY id;" | md5sum; }
check "demo is deterministic" "$(dump "$work/demo.sqlite")" "$(dump "$work/demo2.sqlite")"

run report --db "$work/demo.sqlite" --unit 05587 --period 2024-Q1 --format json
check "report json exits 0" 0 "$rc"
check "xã Bình Yên 2024-Q1 reproduces the seed" \
  '["05587", "2024-Q1", "2023-12-15", "2024-03-14", 3, 348, 351, 351, 348, 325, 23, 0, 3, 1.0, 1.0, 118, 19]' \
  "$(echo "$out" | json_get unit period first_day last_day carried_over received_new received_total received_online resolved resolved_early resolved_on_time resolved_late in_progress online_rate on_time_rate procedures staff)"

run report --db "$work/demo.sqlite" --unit 05587 --period 2024-Q1
check "report table shows the seed's narrative" 1 \
  "$(echo "$out" | tr '\n' ' ' | grep -c 'Tổng số 351 hồ sơ (trong đó: hồ sơ kỳ trước chuyển sang: 03); Hồ sơ tiếp nhận qua mạng: 351;')"
check "report table lines fit 100 columns" yes "$(echo "$out" | python3 -c 'import sys; print("yes" if max(len(l) for l in sys.stdin.read().splitlines()) <= 100 else "no")')"
check "report table: Vietnamese decimals, sub-rows aligned under their label" \
  "3.2.5.   Tỷ lệ TTHC được tích hợp, triển khai thanh toán trực   %                             47,62
         tuyến
Trong đó - Tổng số TTHC có yêu cầu nghĩa vụ tài chính           Thủ tục                          42" \
  "$(echo "$out" | grep -A2 '^3\.2\.5\.')"
check "report table fills 3.4.2 with 100 %" 1 "$(echo "$out" | grep -cE '^3\.4\.2\. +Tỷ lệ hồ sơ TTHC do UBND cấp xã .* % +100$')"

run report --db "$work/demo.sqlite" --unit 99999 --period 2024-Q1
check "unknown unit" "1|egov-exporter: error: unknown unit '99999': no such code in the units table of $work/demo.sqlite" "$rc|$err"
run report --db "$work/demo.sqlite" --unit 5587 --period 2024-Q1
check "a code without its leading zero: a suggestion" "1|egov-exporter: error: unknown unit '5587': did you mean 05587 (Xã Bình Yên)?" "$rc|$err"
run report --db "$work/demo.sqlite" --unit "binh yen" --period 2024-Q1
check "a name for a code: a suggestion" "1|egov-exporter: error: unknown unit 'binh yen': did you mean 05587 (Xã Bình Yên)?" "$rc|$err"
run report --db "$work/demo.sqlite" --unit 05587 --period 2024-q1 --format json
check "a period id in lower case is the same period" "0|$("$bin" report --db "$work/demo.sqlite" --unit 05587 --period 2024-Q1 --format json)" "$rc|$out"
run units --db "$work/demo.sqlite" --search "BINH YEN"
check "units --search: diacritics and case optional" "0|code	name	level	parent
05587	Xã Bình Yên	commune	164" "$rc|$out"
run units --db "$work/demo.sqlite" --search "Bình Yên"
check "units --search with diacritics" "0|05587	Xã Bình Yên	commune	164" "$rc|$(echo "$out" | tail -n +2)"
run units --db "$work/demo.sqlite" --under 164 --level commune
check "units --under --level: the district's communes" "0|5 164" "$rc|$(echo "$out" | tail -n +2 | wc -l) $(echo "$out" | tail -n +2 | cut -f4 | sort -u)"
run units --db "$work/demo.sqlite" --under 5587
check "units --under an unknown unit: a suggestion" "1|egov-exporter: error: unknown unit '5587': did you mean 05587 (Xã Bình Yên)?" "$rc|$err"
run units --db "$work/demo.sqlite" --search "không có"
check "units: no match is an error" "1|egov-exporter: error: no unit matching 'không có' in the units table of $work/demo.sqlite" "$rc|$err"
run --version
check "--version" "0|0.1.0" "$rc|$out"
check "--version is not offered twice by snapshot export" "0" "$("$bin" snapshot export --help | grep -c 'Show the version')"
run report --db "$work/demo.sqlite" --unit 05587 --period 2024-Q5
check "malformed period" "1|egov-exporter: error: invalid period id '2024-Q5': expected YYYY-Q1..YYYY-Q4, YYYY-H1, YYYY-9M or YYYY-Y" "$rc|$err"
run report --db "$work/missing.sqlite" --unit 05587 --period 2024-Q1
check "missing database" "1|egov-exporter: error: $work/missing.sqlite: read records: no such file" "$rc|$err"
run report --db "$work/demo.sqlite" --unit 05587 --period 2024-Q1 --as-of yesterday
check "bad --as-of" 1 "$rc"
check "bad --as-of is one line" 1 "$(echo "$err" | wc -l)"
run report --db "$work/demo.sqlite" --unit 05587 --period 2026-Q4 --as-of 2026-10-01T12:00:00+07:00 --format json
check "open period ends on the as-of day" '["2026-09-15", "2026-10-01"]' "$(echo "$out" | json_get first_day last_day)"
run report --db "$work/demo.sqlite" --unit 05587 --period 2027-Q1 --as-of 2026-10-01
check "a period after --as-of is refused" "1|egov-exporter: error: period 2027-Q1 starts on 2026-12-15, after the --as-of day 2026-10-01" "$rc|$err"
run report --db "$work/demo.sqlite" --unit 05587 --period 2024-Q1 --profile fiscal
check "unknown profile" "1|egov-exporter: error: unknown period profile 'fiscal': expected nd09 or calendar" "$rc|$err"

# The SQL `report` runs is the SQL `sql` prints: sqlite3 on it gives the dossier rows report counts.
run sql --db "$work/demo.sqlite" --unit 05587 --period 2024-Q1
check "sql exits 0" 0 "$rc"
check "sqlite3 runs the printed statements" 0 "$(echo "$out" | sqlite3 "$work/demo.sqlite" >/dev/null; echo $?)"

# statements OUTPUT: how many statements, and how many of them name the units they read.
statements() { python3 -c 'import sys; s=[x for x in sys.stdin.read().split(";\n") if x.strip()]; print(len(s), sum("unit_code IN" in x for x in s))'; }
run sql --db "$work/demo.sqlite" --unit 19 --period 2024-Q1
check "sql for the root: figures read the tree's units, the invalid count reads everything" "0|16 5" "$rc|$(echo "$out" | statements)"
run sql --db "$work/demo.sqlite" --refresh --as-of 2026-11-29
check "sql --refresh: the figures of four periods, no invalid count" "0|16 14" "$rc|$(echo "$out" | statements)"

# index-db adds the indexes of bounded reads to a database that lacks them, and nothing else.
cp "$work/demo.sqlite" "$work/old.sqlite"
sqlite3 "$work/old.sqlite" "DROP INDEX dossiers_by_finished"
json=$("$bin" report --db "$work/demo.sqlite" --unit 05587 --period 2024-Q1 --format json)
run report --db "$work/old.sqlite" --unit 05587 --period 2024-Q1 --format json
check "report without the indexes: the same figures and one warning naming index-db" \
  "0|$json|egov-exporter: warning: $work/old.sqlite lacks the indexes dossiers_by_finished (or has an earlier form of them): the figures are right, but reads are slower, up to scanning the whole history; add them once with \`egov-exporter index-db $work/old.sqlite\`" \
  "$rc|$out|$err"
run index-db "$work/old.sqlite"
check "index-db adds the missing index" "0|$work/old.sqlite: added dossiers_by_finished" "$rc|$out"
run index-db "$work/old.sqlite"
check "index-db again changes nothing" "0|$work/old.sqlite: every index is there already" "$rc|$out"
run report --db "$work/old.sqlite" --unit 05587 --period 2024-Q1 --format json
check "report with the indexes: no warning" "0|$json|" "$rc|$out|$err"
run index-db "$work/missing.sqlite"
check "index-db on a missing file" "1|egov-exporter: error: $work/missing.sqlite: add indexes: no such file" "$rc|$err"
run demo "$work/history.sqlite" --history-years 31
check "demo: history years out of range" "64|Error: --history-years must be 0 to 30, got 31" "$rc|$(echo "$err" | head -1)"
run sql --db "$work/demo.sqlite" --unit 404 --period 2024-Q1
check "sql for an unknown unit" "1|egov-exporter: error: unknown unit '404': no such code in the units table of $work/demo.sqlite" "$rc|$err"

# A bare-bones unit tree in a fresh database: empty periods give null rates, not zeros.
sqlite3 "$work/empty.sqlite" "INSERT INTO units (code, name, level) VALUES ('X', 'Xã Trống', 'commune')"
run report --db "$work/empty.sqlite" --unit X --period 2024-Q1 --format json
check "empty period: zero counts, null rates" '[0, null, null, null, {}]' \
  "$(echo "$out" | json_get received_total online_rate on_time_rate signed_rate invalid_records)"

run serve --db "$work/demo.sqlite" --refresh-interval 5x
check "serve: a bad --refresh-interval is one line" \
  "1|egov-exporter: error: command line: --refresh-interval: expected a number of seconds or a duration such as 30s, 5m or 1h, got '5x'" "$rc|$err"
finish

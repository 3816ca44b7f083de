#!/usr/bin/env bash
# PostgreSQL as a source, end to end: a throwaway server (scripts/pg-server.sh) holds the small
# demo and an edge-case database, each also in SQLite, and `report --format json` must be the
# same on both for every unit and period; then the faults: wrong password, server down at start
# and mid-run (egov_source_up 0, last figures kept, recovery), restart between refreshes, TLS
# required but not offered, TLS verified with a certificate made here, statement timeout, the
# password file read at start and at a reload (the old pool's sessions closed). No output may
# show the password.
# Usage: scripts/postgres-test.sh PATH/TO/egov-exporter
set -uo pipefail
bin=$(realpath "$1")
root=$(cd "$(dirname "$0")/.." && pwd)
suite=postgres
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/pg-server.sh"

run() { out=$("$bin" "$@" 2>"$work/err"); rc=$?; err=$(cat "$work/err"); }

password=pw-$RANDOM-$RANDOM-secret
printf '%s\n' "$password" >"$work/password"
printf 'wrong-%s\n' "$password" >"$work/wrong-password"

pg_start main || { echo "could not start PostgreSQL"; exit 1; }
pg_psql main postgres -c "CREATE ROLE egov_reader LOGIN PASSWORD '$password'" -c "CREATE DATABASE egov"

# The small demo in SQLite: as it is with the edge cases added (for the text schema), and with
# the values timestamptz and date refuse made NULL (for the typed schemas).
"$bin" demo "$work/edge.sqlite" --scale small --seed 7 --until 2026-11-29 >/dev/null
cp "$work/edge.sqlite" "$work/demo.sqlite"
pg_typable_copy "$work/demo.sqlite"
sqlite3 "$work/edge.sqlite" <"$root/config/postgres/testdata/edge-cases.sql"

# Schema typed: config/postgres/schema.sql as is (timestamptz, date). Schema local: timestamps
# as timestamp (local time). Schema texts: every time, day, code and flag as text, as SQLite
# holds them.
pg_psql main egov -c "CREATE SCHEMA typed; CREATE SCHEMA local; CREATE SCHEMA texts"
pg_psql main egov -c "SET search_path = typed" -f "$root/config/postgres/schema.sql"
sed 's/ timestamptz/ timestamp/' "$root/config/postgres/schema.sql" >"$work/local.sql"
sed 's/ timestamptz/ text COLLATE "C"/; s/ date\b/ text COLLATE "C"/; s/ integer\b/ text/; s/ smallint\b/ text/' \
  "$root/config/postgres/schema.sql" >"$work/texts.sql"
pg_psql main egov -c "SET search_path = local" -f "$work/local.sql"
pg_psql main egov -c "SET search_path = texts" -f "$work/texts.sql"
pg_load_sqlite main egov "$work/demo.sqlite" typed
# timestamp takes the wall-clock time of the session's zone (pg_psql: Asia/Ho_Chi_Minh), so
# copying from the timestamptz columns gives local time whatever offset the text had.
for table in units procedures dossiers documents staff eoffice_activity work_files; do
  pg_psql main egov -c "INSERT INTO local.$table SELECT * FROM typed.$table"
done
pg_load_sqlite main egov "$work/edge.sqlite" texts
# Codes and flags spelled as SQLite's INTEGER affinity still stores integers (' 2 ', '9.0', '+1',
# '1e0', '1.', '01'): the text schema must read them as the integers the SQLite copy holds.
pg_psql main egov -c "SET search_path = texts" -c "
  UPDATE dossiers SET channel = ' ' || channel || ' ', status = status || '.0', digitized = '+' || digitized,
    paid_online = paid_online || 'e0' WHERE channel ~ '^[0-9]+\$' AND status ~ '^[0-9]+\$' AND md5(id) < '8';
  UPDATE documents SET digitally_signed = digitally_signed || '.' WHERE digitally_signed ~ '^[0-9]+\$' AND md5(id) < '8';
  UPDATE work_files SET electronic = '0' || electronic WHERE electronic ~ '^[0-9]+\$' AND md5(id) < '8';
  UPDATE procedures SET has_fee = ' ' || has_fee, online_payment = online_payment || '.000' WHERE md5(code) < '8';"
spelled=$(pg_psql main egov -At -c "SELECT count(*) FILTER (WHERE channel LIKE ' %') > 100 AND count(*) FILTER (WHERE status LIKE '%.0') > 100
  FROM texts.dossiers")
check "texts: many codes spelled otherwise than plain integers" t "$spelled"
pg_psql main egov -c "GRANT USAGE ON SCHEMA typed, local, texts TO egov_reader; GRANT SELECT ON ALL TABLES IN SCHEMA typed, local, texts TO egov_reader"

config() { # config FILE SCHEMA [extra keys...]: both sources in SCHEMA of database egov
  local file=$1 schema=$2 source line; shift 2
  echo "sources:" >"$file"
  for source in dossiers documents; do
    printf '  %s:\n    kind: postgres\n    host: 127.0.0.1\n    port: %s\n    database: egov\n    user: egov_reader\n' \
      "$source" "$pg_port_main" >>"$file"
    printf '    password_file: %s\n    tls: disable\n    schema: %s\n' "$work/password" "$schema" >>"$file"
    for line in "$@"; do echo "    $line" >>"$file"; done
  done
}
metric() { curl -fsS "http://127.0.0.1:$port/metrics" 2>/dev/null | grep "^$1" | head -1 | awk '{print $2}'; }
up() { [ "$(metric 'egov_source_up{source="dossiers"}')" == "$1" ]; }
config "$work/typed.yml" typed
config "$work/local.yml" local
config "$work/texts.yml" texts

# report --format json on both engines, every unit and period.
periods="2024-Q1 2024-Q2 2024-H1 2024-Y 2025-9M 2026-Q3"
compare() { # compare NAME SQLITE CONFIG [PERIODS]
  local name=$1 sqlite=$2 yml=$3 periods=${4:-$periods} same=0 differ=0 unit period a b
  for unit in $(sqlite3 "$sqlite" "SELECT code FROM units ORDER BY code"); do
    for period in $periods; do
      a=$("$bin" report --db "$sqlite" --unit "$unit" --period "$period" --as-of 2026-11-29T12:00:00+07:00 --format json 2>&1)
      b=$("$bin" report --config "$yml" --unit "$unit" --period "$period" --as-of 2026-11-29T12:00:00+07:00 --format json 2>&1)
      if [ "$a" == "$b" ]; then same=$((same + 1)); else
        differ=$((differ + 1))
        [ "$differ" -le 3 ] && diff <(echo "$a" | python3 -m json.tool 2>/dev/null || echo "$a") \
                                   <(echo "$b" | python3 -m json.tool 2>/dev/null || echo "$b") | head -20
      fi
    done
  done
  echo "$name: $same reports identical, $differ different"
  check "$name: report --format json identical on SQLite and PostgreSQL for every unit and period" 0 "$differ"
  check "$name: reports compared" 1 "$((same > 0))"
}
compare "demo, timestamptz" "$work/demo.sqlite" "$work/typed.yml"
compare "demo, timestamp (local)" "$work/demo.sqlite" "$work/local.yml" "2024-Q1 2026-Q3"
compare "edge cases, text" "$work/edge.sqlite" "$work/texts.yml"

# The worked example of README "Mapping an existing system": a table with the national portal's
# field names (dates yyyyMMddHHmmss, local time), mapped by config/postgres/portal-views.sql.
pg_psql main egov -c 'CREATE SCHEMA motcua' -c 'CREATE TABLE motcua.hoso ("MaHoSo" text PRIMARY KEY, "MaTTHC" text,
  "KenhThucHien" text, "TrangThaiHoSo" text, "NgayTiepNhan" text, "NgayHenTra" text, "NgayKetThucXuLy" text,
  "NgayTra" text, "DonViXuLy" text, "HoSoCoThanhPhanSoHoa" integer, "DuocThanhToanTrucTuyen" integer, "ChuHoSo" text)'
pg_psql main egov -c "INSERT INTO motcua.hoso SELECT id, procedure_code, channel, status,
  to_char(received_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYYMMDDHH24MISS'), to_char(due_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYYMMDDHH24MISS'),
  to_char(finished_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYYMMDDHH24MISS'), to_char(returned_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYYMMDDHH24MISS'),
  unit_code, digitized, paid_online, 'Nguyễn Văn A' FROM typed.dossiers"
pg_psql main egov -f "$root/config/postgres/portal-views.sql"
for table in units procedures documents staff eoffice_activity work_files; do
  pg_psql main egov -c "CREATE VIEW egov.$table AS SELECT * FROM typed.$table"
done
pg_psql main egov -c "GRANT USAGE ON SCHEMA egov TO egov_reader; GRANT SELECT ON ALL TABLES IN SCHEMA egov TO egov_reader"
config "$work/portal.yml" egov
compare "portal-named table through views" "$work/demo.sqlite" "$work/portal.yml" "2024-Q1 2024-Y 2026-Q3"

# The invalid-record counts of the edge cases agree too (metrics, whole history).
a=$("$bin" metrics --db "$work/edge.sqlite" --as-of 2026-11-29T12:00:00+07:00 2>/dev/null | grep '^egov_invalid_records' | sort)
b=$("$bin" metrics --config "$work/texts.yml" --as-of 2026-11-29T12:00:00+07:00 2>/dev/null | grep '^egov_invalid_records' | sort)
check "edge cases: egov_invalid_records identical" "$a" "$b"
check "edge cases: some invalid records counted" 1 "$([ -n "$a" ] && echo 1 || echo 0)"

# init-db: config/postgres/schema.sql is what init-db --print-schema writes, and init-db
# --postgres creates it in a new schema with the same connection keys (a user that may create).
check "config/postgres/schema.sql is init-db --print-schema" "" "$("$bin" init-db --print-schema | diff - "$root/config/postgres/schema.sql")"
pg_psql main egov -c "CREATE ROLE egov_owner LOGIN PASSWORD '$password'" -c "CREATE SCHEMA fresh AUTHORIZATION egov_owner"
config "$work/fresh.yml" fresh
sed -i 's/user: egov_reader/user: egov_owner/' "$work/fresh.yml"
run init-db --postgres "$work/fresh.yml"
check "init-db --postgres creates the canonical tables, nothing on standard error" "0|created the canonical tables in postgres://egov_owner@127.0.0.1:$pg_port_main/egov schema fresh|" "$rc|$out|$err"
check "init-db --postgres: tables (the canonical ones, rejected_records, import_versions) and indexes" "9 tables, 6 indexes" \
  "$(pg_psql main egov -At -c "SELECT count(*) || ' tables, ' || (SELECT count(*) FROM pg_indexes WHERE schemaname = 'fresh' AND indexname NOT LIKE '%pkey') || ' indexes' FROM information_schema.tables WHERE table_schema = 'fresh'")"
run init-db --postgres "$work/fresh.yml"
check "init-db --postgres again changes nothing" 0 "$rc"
run report --config "$work/fresh.yml" --unit 05587 --period 2024-Q1 --format json
check "an empty PostgreSQL schema: the unit is unknown" 1 "$rc"

# The sessions are read-only.
run report --config "$work/typed.yml" --unit 05587 --period 2024-Q1 --format json
check "report --config exits 0" 0 "$rc"
ro=$(PGPASSWORD=$password "$pg_bin/psql" -X -At -h 127.0.0.1 -p "$pg_port_main" -U egov_reader -d egov \
  -c "SHOW default_transaction_read_only" 2>&1)
check "the reader role itself is not read-only (the exporter's sessions make it so)" "off" "$ro"

# Units and the unit pages' lists read PostgreSQL as they read SQLite.
# `units --config`: the same lines as `units --db`, filters included; an unknown --under names
# the server, never the password.
for args in "" "--search=binh" "--level commune" "--under $(sqlite3 "$work/demo.sqlite" "SELECT code FROM units WHERE level = 'district' ORDER BY code LIMIT 1")"; do
  a=$("$bin" units --db "$work/demo.sqlite" $args 2>&1)
  run units --config "$work/typed.yml" $args
  check "units --config $args: exit 0, the lines of units --db" "0|$a" "$rc|$out"
done
check "units --config: the whole tree listed" "$(sqlite3 "$work/demo.sqlite" "SELECT count(*) + 1 FROM units")" "$("$bin" units --config "$work/typed.yml" | wc -l)"
run units --config "$work/typed.yml" --under 99999
check "units --config --under unknown: one line naming the server" \
  "1|egov-exporter: error: unknown unit '99999': no such code in the units table of postgres://egov_reader@127.0.0.1:$pg_port_main/egov" "$rc|$err"

# The unit pages: a daemon on PostgreSQL answers /units/... as one on SQLite. The data is the
# demo's with 64 overdue dossiers more (two pages), some received at the same instant with ids
# that differ in case and beyond ASCII, of procedures whose lĩnh vực do too (two of them with
# the same count), in a schema whose codes and fields compare in ICU's order, not bytewise: the
# lists' order must still be the byte order SQLite gives.
cp "$work/demo.sqlite" "$work/pages.sqlite"
sqlite3 "$work/pages.sqlite" "
  INSERT INTO procedures (code, name, field, level, online_service) VALUES
    ('ZZ1', 'Thủ tục thử một', 'đất thử', 'commune', 'none'), ('ZZ2', 'Thủ tục thử hai', 'Đất thử', 'commune', 'none'),
    ('ZZ3', 'Thủ tục thử ba', 'dat thu', 'commune', 'none');
  INSERT INTO dossiers (id, unit_code, procedure_code, channel, status, received_at, due_at) VALUES
    ('zz-b', '05587', 'ZZ1', 2, 2, '2026-11-28 08:00:00', '2026-11-29 08:00:00'),
    ('ZZ-a', '05587', 'ZZ2', 2, 2, '2026-11-28 08:00:00', '2026-11-29 08:00:00'),
    ('zz-Đ', '05587', 'ZZ3', 2, 2, '2026-11-28 08:00:00', '2026-11-29 08:00:00'),
    ('zz-d', '05587', 'ZZ3', 2, 2, '2026-11-28 08:00:00', '2026-11-29 08:00:00');
  INSERT INTO dossiers (id, unit_code, procedure_code, channel, status, received_at, due_at)
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 60)
    SELECT printf('zz-%02d', i), '05587', 'ZZ' || (1 + i % 3), 2, 2, printf('2026-11-%02d 08:00:00', 1 + i % 20),
           '2026-11-25 17:00:00' FROM n;"
sed 's/COLLATE "C"/COLLATE "und-x-icu"/; s/^    field text,/    field text COLLATE "und-x-icu",/' "$root/config/postgres/schema.sql" >"$work/icu.sql"
pg_psql main egov -c "CREATE SCHEMA pages" -c "SET search_path = pages" -f "$work/icu.sql"
pg_load_sqlite main egov "$work/pages.sqlite" pages
pg_psql main egov -c "GRANT USAGE ON SCHEMA pages TO egov_reader; GRANT SELECT ON ALL TABLES IN SCHEMA pages TO egov_reader"
check "the ICU schema orders differently from bytes (what the lists must not follow)" "dat thu,đất thử,Đất thử" \
  "$(pg_psql main egov -At -c "SELECT string_agg(field, ',' ORDER BY field) FROM pages.procedures WHERE code LIKE 'ZZ%'")"
config "$work/pages.yml" pages
pages_sqlite=$(free_port) pages_postgres=$(free_port)
"$bin" serve --db "$work/pages.sqlite" --listen "127.0.0.1:$pages_sqlite" --state "$work/pages-sqlite.sqlite" >"$work/pages-sqlite.log" 2>&1 &
pids+=($!)
"$bin" serve --config "$work/pages.yml" --listen "127.0.0.1:$pages_postgres" --state "$work/pages-postgres.sqlite" >"$work/pages-postgres.log" 2>&1 &
pids+=($!)
pages_up() { curl -fsS "http://127.0.0.1:$1/metrics" 2>/dev/null | grep -qxF 'egov_source_up{source="dossiers"} 1'; }
check "unit pages: both daemons up" "ok|ok" "$(wait_for 60 pages_up "$pages_sqlite" && echo ok)|$(wait_for 60 pages_up "$pages_postgres" && echo ok)"
listed=0 second_pages=0
same_page() { # same_page PATH: the same answer from both daemons; counts those that list dossiers
  local a b
  a=$(curl -fsS "http://127.0.0.1:$pages_sqlite$1" 2>&1); b=$(curl -fsS "http://127.0.0.1:$pages_postgres$1" 2>&1)
  [ "$a" == "$b" ] || diff <(echo "$a" | python3 -m json.tool 2>/dev/null || echo "$a") <(echo "$b" | python3 -m json.tool 2>/dev/null || echo "$b") | head -10
  check "unit pages: $1 identical on SQLite and PostgreSQL" "$a" "$b"
  grep -q '"days_late": ' <<<"$b" && listed=$((listed + 1))
}
district=$(sqlite3 "$work/pages.sqlite" "SELECT parent_code FROM units WHERE code = '05587'")
province=$(sqlite3 "$work/pages.sqlite" "SELECT parent_code FROM units WHERE code = '$district'")
for unit in 05587 "$district" "$province"; do
  for query in "list=overdue" "list=late" "list=late&period=current_year"; do
    same_page "/units/$unit?format=json&$query"
    pages=$(curl -fsS "http://127.0.0.1:$pages_sqlite/units/$unit?format=json&$query" | python3 -c 'import json, sys; print(json.load(sys.stdin)["list"]["page_count"])')
    if [ "$pages" -gt 1 ]; then same_page "/units/$unit?format=json&$query&page=2"; second_pages=$((second_pages + 1)); fi
  done
done
check "unit pages: most lists compared hold dossiers" 1 "$(( listed >= 7 ))"
check "unit pages: some list has a page 2 (compared)" 1 "$(( second_pages > 0 ))"
check "unit pages: the district's HTML page identical" "$(curl -fsS "http://127.0.0.1:$pages_sqlite/units/$district")" "$(curl -fsS "http://127.0.0.1:$pages_postgres/units/$district")"
check "unit pages: equal instants by id bytewise, most recent first" "zz-Đ zz-d zz-b ZZ-a" \
  "$(curl -fsS "http://127.0.0.1:$pages_postgres/units/05587?format=json" | python3 -c 'import json, sys; print(" ".join(d["id"] for d in json.load(sys.stdin)["list"]["dossiers"][:4]))')"
check "unit pages: equal counts by lĩnh vực bytewise" "Đất thử:21 đất thử:21" \
  "$(curl -fsS "http://127.0.0.1:$pages_postgres/units/05587?format=json" | python3 -c 'import json, sys; print(" ".join("%s:%d" % (f["field"], f["count"]) for f in json.load(sys.stdin)["list"]["by_field"] if f["count"] == 21))')"
check "unit pages: no list error in the PostgreSQL daemon's log" 0 "$(grep -c 'dossier list' "$work/pages-postgres.log")"
stop "${pids[-1]}"; stop "${pids[-2]}"

# The cardinality guard reads the tree on PostgreSQL too: max_units below it refuses to start.
cp "$work/typed.yml" "$work/few.yml"
echo "max_units: 3" >>"$work/few.yml"
err=$(timeout 60 "$bin" serve --config "$work/few.yml" --listen "127.0.0.1:$(free_port)" --state "$work/few.sqlite" 2>&1 >/dev/null)
rc=$?
check "max_units 3 on a PostgreSQL tree: exit 1, one line" \
  "1|egov-exporter: error: refusing to start: $(sqlite3 "$work/demo.sqlite" "SELECT count(*) FROM units") units to expose, more than max_units 3; raise max_units or set root_unit to expose a smaller subtree" \
  "$rc|$err"

# Faults. A wrong password: a clear error, never the password.
sed "s#$work/password#$work/wrong-password#" "$work/typed.yml" >"$work/wrong.yml"
run report --config "$work/wrong.yml" --unit 05587 --period 2024-Q1 --format json
check "wrong password fails" 1 "$rc"
check "wrong password: the server's message" 1 "$(grep -c 'password authentication failed for user "egov_reader"' <<<"$err")"
check "wrong password: the error shows no password" 0 "$(grep -c -- "$password" <<<"$out$err")"

# Password files: read when the configuration is loaded (start, reload), never at a refresh.
# A file that cannot be read at start: one configuration error per source naming it and why.
sed "s#$work/password#$work/no-such-password#" "$work/typed.yml" >"$work/nopw.yml"
run report --config "$work/nopw.yml" --unit 05587 --period 2024-Q1 --format json
check "password file missing at start: exits 1" 1 "$rc"
check "password file missing at start: the configuration error names the file and why" \
  "egov-exporter: error: $work/nopw.yml:8: sources.dossiers.password_file: $work/no-such-password cannot be read: No such file or directory" \
  "$(head -1 <<<"$err")"
check "password file missing at start: one line per source" 2 "$(wc -l <<<"$err")"
run check-config --config "$work/typed.yml"
check "check-config reads the password file and shows no password" "0|0" "$rc|$(grep -c -- "$password" <<<"$out$err")"
# A new password: the file and the server's password change, then SIGHUP. The old pool's
# sessions close (none of their backends stays in pg_stat_activity) and a new pool reads.
cp "$work/password" "$work/rotating-password"
sed "s#$work/password#$work/rotating-password#" "$work/typed.yml" >"$work/rotating.yml"
port=$(free_port)
"$bin" serve --config "$work/rotating.yml" --listen "127.0.0.1:$port" --refresh-interval 5 --state "$work/rotating.sqlite" \
  >"$work/rotating.log" 2>&1 &
pids+=($!)
sessions() { pg_psql main egov -At -c "SELECT pid FROM pg_stat_activity WHERE application_name = 'egov-exporter'" | sort; }
wait_for 20 up 1; check "rotation: source up with the first password" 1 "$(metric 'egov_source_up{source="dossiers"}')"
old=$(sessions)
check "rotation: the first pool has sessions on the server" 1 "$([ -n "$old" ] && echo 1 || echo 0)"
password2=pw2-$RANDOM-$RANDOM-secret
pg_psql main postgres -c "ALTER ROLE egov_reader PASSWORD '$password2'"
printf '%s\n' "$password2" >"$work/rotating-password"
kill -HUP "${pids[-1]}"
reloaded() { grep -q 'SIGHUP: configuration reloaded' "$work/rotating.log"; }
old_closed() { [ -z "$(comm -12 <(sessions) <(echo "$old"))" ]; }
new_sessions() { [ -n "$(comm -23 <(sessions) <(echo "$old"))" ]; }
wait_for 20 reloaded; check "rotation: the reload is accepted" 1 "$(grep -c 'SIGHUP: configuration reloaded' "$work/rotating.log")"
wait_for 30 old_closed; echo "rotation: $(wc -l <<<"$old") session(s) of the first pool, $(comm -12 <(sessions) <(echo "$old") | grep -c .) left after the reload"
check "rotation: the old pool's sessions are gone after the reload" "" "$(comm -12 <(sessions) <(echo "$old"))"
wait_for 30 new_sessions; check "rotation: a new pool reads with the new password" 1 "$(new_sessions && echo 1 || echo 0)"
check "rotation: the source stays up" 1 "$(metric 'egov_source_up{source="dossiers"}')"
# A reload naming a file that cannot be read is refused: one log line, the running one kept.
sed -i "s#$work/rotating-password#$work/no-such-password#" "$work/rotating.yml"
kill -HUP "${pids[-1]}"
refused() { grep -q 'SIGHUP: configuration refused' "$work/rotating.log"; }
wait_for 20 refused
last=$(metric egov_last_refresh_success_timestamp_seconds)
refreshed() { [ "$(metric egov_last_refresh_success_timestamp_seconds)" != "$last" ]; }
check "rotation: a reload with an unreadable password file is refused in one line naming it" 1 \
  "$(grep 'SIGHUP: configuration refused' "$work/rotating.log" | grep -c "sources.dossiers.password_file: $work/no-such-password cannot be read")"
wait_for 20 refreshed
check "rotation: after the refused reload a refresh succeeds, the source up" "1|1" "$(refreshed && echo 1 || echo 0)|$(metric 'egov_source_up{source="dossiers"}')"
check "rotation: no password in the log" 0 "$(grep -c -e "$password" -e "$password2" "$work/rotating.log")"
stop "${pids[-1]}"
pg_psql main postgres -c "ALTER ROLE egov_reader PASSWORD '$password'"

# TLS required but not offered (the server has ssl off).
config "$work/tls-required.yml" typed
sed -i 's/tls: disable/tls: require/' "$work/tls-required.yml"
run report --config "$work/tls-required.yml" --unit 05587 --period 2024-Q1 --format json
check "tls require against a server without TLS fails" 1 "$rc"
check "tls require: says the server offers no TLS" 1 "$(grep -c 'does not offer TLS' <<<"$err")"

# Statement timeout: views that sleep 3 s, statement_timeout 1s.
pg_psql main egov -c "CREATE SCHEMA slow" -c "
  CREATE VIEW slow.units AS SELECT * FROM typed.units WHERE (SELECT true FROM pg_sleep(3));
  CREATE VIEW slow.procedures AS SELECT * FROM typed.procedures;
  CREATE VIEW slow.dossiers AS SELECT * FROM typed.dossiers;
  CREATE VIEW slow.documents AS SELECT * FROM typed.documents;
  CREATE VIEW slow.staff AS SELECT * FROM typed.staff;
  CREATE VIEW slow.eoffice_activity AS SELECT * FROM typed.eoffice_activity;
  CREATE VIEW slow.work_files AS SELECT * FROM typed.work_files;
  GRANT USAGE ON SCHEMA slow TO egov_reader; GRANT SELECT ON ALL TABLES IN SCHEMA slow TO egov_reader;"
config "$work/slow.yml" slow "statement_timeout: 1s"
start=$SECONDS
run report --config "$work/slow.yml" --unit 05587 --period 2024-Q1 --format json
check "statement timeout: the server cancels the read" "1|1" "$rc|$(grep -c 'canceling statement due to statement timeout' <<<"$err")"
check "statement timeout: within 3 s" 1 "$(( SECONDS - start < 3 ))"

# The daemon: up, server stopped (source down, last figures kept), back (recovery), restarted.
port=$(free_port)
"$bin" serve --config "$work/typed.yml" --listen "127.0.0.1:$port" --refresh-interval 5 --state "$work/state.sqlite" >"$work/serve.log" 2>&1 &
pids+=($!)
wait_for 20 up 1; check "daemon: source up" 1 "$(metric 'egov_source_up{source="dossiers"}')"
figure=$(curl -fsS "http://127.0.0.1:$port/metrics" 2>/dev/null | grep '^egov_dossiers' | head -1)
pg_stop main
wait_for 20 up 0; check "daemon: server stopped, source down" 0 "$(metric 'egov_source_up{source="dossiers"}')"
check "daemon: the last good figures stay" "$figure" "$(curl -fsS "http://127.0.0.1:$port/metrics" 2>/dev/null | grep '^egov_dossiers' | head -1)"
pg_resume main
wait_for 30 up 1; check "daemon: recovers by itself" 1 "$(metric 'egov_source_up{source="dossiers"}')"
pg_stop main; pg_resume main
sleep 3
wait_for 30 up 1; check "daemon: a restart between refreshes is recovered" 1 "$(metric 'egov_source_up{source="dossiers"}')"
downs=$(grep -c 'source is down' "$work/serve.log")
check "daemon: one log line per change (down once or twice, for the stop and perhaps the restart)" 1 "$(( downs >= 1 && downs <= 2 ))"
check "daemon: the log says why the source is down" 1 "$(grep -c 'source is down' "$work/serve.log" | awk '{print ($1 > 0)}')"
check "daemon: no password in the log" 0 "$(grep -c -- "$password" "$work/serve.log")"
stop "${pids[-1]}"

# Server down at start: the daemon serves, source down, then up when the server comes.
pg_stop main
"$bin" serve --config "$work/typed.yml" --listen "127.0.0.1:$port" --refresh-interval 5 --state "$work/state2.sqlite" >"$work/serve2.log" 2>&1 &
pids+=($!)
wait_for 20 up 0; check "daemon: server down at start, source down" 0 "$(metric 'egov_source_up{source="dossiers"}')"
pg_resume main
wait_for 30 up 1; check "daemon: server back, source up" 1 "$(metric 'egov_source_up{source="dossiers"}')"
stop "${pids[-1]}"

# TLS with a certificate authority made here: verify-full passes, a wrong CA fails.
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=test CA" -keyout "$work/ca.key" -out "$work/ca.pem" 2>/dev/null
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=other CA" -keyout "$work/other.key" -out "$work/other.pem" 2>/dev/null
openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" -keyout "$work/server.key" -out "$work/server.csr" 2>/dev/null
printf 'subjectAltName=DNS:localhost\n' >"$work/san.ext"
openssl x509 -req -in "$work/server.csr" -CA "$work/ca.pem" -CAkey "$work/ca.key" -CAcreateserial -days 2 \
  -extfile "$work/san.ext" -out "$work/server.pem" 2>/dev/null
cp "$work/server.pem" "$work/server.key" "$work/main/"
[ "$(id -u)" -eq 0 ] && chown nobody "$work/main/server.pem" "$work/main/server.key"
chmod 600 "$work/main/server.key"
pg_restart main -c ssl=on -c ssl_cert_file="$work/main/server.pem" -c ssl_key_file="$work/main/server.key"
config "$work/tls.yml" typed
sed -i "s#host: 127.0.0.1#host: localhost#; s#tls: disable#tls: verify-full\n    ca_file: $work/ca.pem#" "$work/tls.yml"
run report --config "$work/tls.yml" --unit 05587 --period 2024-Q1 --format json
check "TLS verify-full with the test's CA: same report" "$("$bin" report --db "$work/demo.sqlite" --unit 05587 --period 2024-Q1 --format json)|0" "$out|$rc"
sed "s#$work/ca.pem#$work/other.pem#" "$work/tls.yml" >"$work/tls-wrong.yml"
run report --config "$work/tls-wrong.yml" --unit 05587 --period 2024-Q1 --format json
check "TLS verify-full with another CA fails" 1 "$rc"
tls=$(pg_psql main egov -At -c "SELECT count(*) FROM pg_stat_ssl WHERE ssl" 2>&1)
check "psql sees the server's TLS" 1 "$([[ $tls =~ ^[0-9]+$ ]] && echo 1 || echo 0)"

finish

#!/usr/bin/env bash
# PostgreSQL as a source, end to end: a throwaway server (scripts/pg-server.sh) holds the small
# demo and an edge-case database, each also in SQLite, and `report --format json` must be the
# same on both for every unit and period; then the faults: wrong password, server down at start
# and mid-run (egov_source_up 0, last figures kept, recovery), restart between refreshes, TLS
# required but not offered, TLS verified with a certificate made here, statement timeout. No
# output may show the password.
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
# as timestamp (local time). Schema texts: every time and day as text, as SQLite holds them.
pg_psql main egov -c "CREATE SCHEMA typed; CREATE SCHEMA local; CREATE SCHEMA texts"
pg_psql main egov -c "SET search_path = typed" -f "$root/config/postgres/schema.sql"
sed 's/ timestamptz/ timestamp/' "$root/config/postgres/schema.sql" >"$work/local.sql"
sed 's/ timestamptz/ text COLLATE "C"/; s/ date\b/ text COLLATE "C"/' "$root/config/postgres/schema.sql" >"$work/texts.sql"
pg_psql main egov -c "SET search_path = local" -f "$work/local.sql"
pg_psql main egov -c "SET search_path = texts" -f "$work/texts.sql"
pg_load_sqlite main egov "$work/demo.sqlite" typed
# timestamp takes the wall-clock time of the session's zone (pg_psql: Asia/Ho_Chi_Minh), so
# copying from the timestamptz columns gives local time whatever offset the text had.
for table in units procedures dossiers documents staff eoffice_activity work_files; do
  pg_psql main egov -c "INSERT INTO local.$table SELECT * FROM typed.$table"
done
pg_load_sqlite main egov "$work/edge.sqlite" texts
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
  "KenhThucHien" integer, "TrangThaiHoSo" integer, "NgayTiepNhan" text, "NgayHenTra" text, "NgayKetThucXuLy" text,
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
check "init-db --postgres creates the canonical tables" "0|created the canonical tables in postgres://egov_owner@127.0.0.1:$pg_port_main/egov schema fresh" "$rc|$out"
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

# Faults. A wrong password: a clear error, never the password.
sed "s#$work/password#$work/wrong-password#" "$work/typed.yml" >"$work/wrong.yml"
run report --config "$work/wrong.yml" --unit 05587 --period 2024-Q1 --format json
check "wrong password fails" 1 "$rc"
check "wrong password: the server's message" 1 "$(grep -c 'password authentication failed for user "egov_reader"' <<<"$err")"
check "wrong password: the error shows no password" 0 "$(grep -c -- "$password" <<<"$out$err")"

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
metric() { curl -fsS "http://127.0.0.1:$port/metrics" 2>/dev/null | grep "^$1" | head -1 | awk '{print $2}'; }
up() { [ "$(metric 'egov_source_up{source="dossiers"}')" == "$1" ]; }
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

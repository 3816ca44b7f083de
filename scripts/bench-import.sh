#!/usr/bin/env bash
# make bench, import part: N dossiers (default 1,000,000) as national-portal payload files
# (`import dvcqg`, personal fields included, 10 files) against the sqlite3 CLI's `.import` of
# the same rows as one CSV into the same canonical schema, in the same run; and the import's
# peak resident memory (/usr/bin/time -f %M). Then the same payload files imported into
# PostgreSQL (a throwaway server of scripts/pg-server.sh, the schema of `init-db --postgres`)
# against psql's `\copy` of the same CSV into the same table (IMPORT_POSTGRES=0 skips it).
# A benchmark, not a test: it asserts nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${IMPORT_N:-1000000}
FILES=${IMPORT_FILES:-10}
if [ -n "${IMPORT_BIN:-}" ]; then bin=$(realpath "$IMPORT_BIN"); else # a binary already built (a debug build is slower)
  swift build -c release --static-swift-stdlib --scratch-path .build-release >&2 # as `make release`
  bin=.build-release/release/egov-exporter
fi
mkdir -p data
dir=$(mktemp -d data/bench-import.XXXXXX)
trap 'rm -rf "$dir"' EXIT
if [ "${IMPORT_POSTGRES:-1}" = 1 ]; then
  suite=bench-import
  . scripts/lib.sh
  . scripts/pg-server.sh
  trap 'pg_stop_all; cleanup; rm -rf "$dir"' EXIT
fi

python3 - "$dir" "$N" "$FILES" <<'PY'
import sys
out, n, files = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
units = ["%05d" % (5000 + u) for u in range(180)]
per = (n + files - 1) // files
csv = open(f"{out}/dossiers.csv", "w")
csv.write("id,unit_code,procedure_code,channel,status,received_at,due_at,finished_at,returned_at,paid_online,digitized,updated_at\n")
for f in range(files):
    with open(f"{out}/payload-{f:02d}.json", "w") as p:
        p.write('{"service": "DongBoHoSoMC", "isUpdating": false, "data": [')
        for i in range(f * per, min(n, (f + 1) * per)):
            day, sec = i % 28 + 1, i % 36000
            received = "2024%02d%02d%02d%02d%02d" % (i % 12 + 1, day, 7 + sec // 3600 % 10, sec // 60 % 60, sec % 60)
            due = "2024%02d%02d170000" % (i % 12 + 1, min(28, day + 5))
            finished = "2024%02d%02d100000" % (i % 12 + 1, min(28, day + 3))
            unit = units[i % len(units)]
            p.write(('' if i == f * per else ',') +
                '{"MaHoSo":"HS-%08d","MaTTHC":"1.%06d","TenTTHC":"Đăng ký khai sinh","MaLinhVuc":"HT","KenhThucHien":%d,'
                '"TrangThaiHoSo":10,"NgayTiepNhan":"%s","NgayHenTra":"%s","NgayKetThucXuLy":"%s","NgayTra":"%s",'
                '"DonViXuLy":"%s","HoSoCoThanhPhanSoHoa":1,"DuocThanhToanTrucTuyen":0,"ChuHoSo":"Nguyễn Văn A",'
                '"SoGiayToChuHoSo":"079301000123","SoDienThoai":"0912345678","Email":"a@example.vn","DiaChi":"Xóm 1"}'
                % (i, i % 400, i % 3 + 1, received, due, finished, finished, unit))
            iso = lambda s: "%s-%s-%s %s:%s:%s" % (s[0:4], s[4:6], s[6:8], s[8:10], s[10:12], s[12:14])
            csv.write("HS-%08d,%s,1.%06d,%d,10,%s,%s,%s,%s,0,1,2026-11-30 10:00:00\n"
                      % (i, unit, i % 400, i % 3 + 1, iso(received), iso(due), iso(finished), iso(finished)))
        p.write(']}')
with open(f"{out}/units.sql", "w") as u:
    u.write("INSERT INTO units (code, name, level) VALUES ('19', 'Tỉnh', 'province');\n")
    for code in units:
        u.write(f"INSERT INTO units (code, name, level, parent_code) VALUES ('{code}', 'Xã {code}', 'commune', '19');\n")
PY
printf 'input: %s dossiers, %s payload files (%s MB), one CSV (%s MB)\n' "$N" "$FILES" \
  "$(( $(cat "$dir"/payload-*.json | wc -c) / 1048576 ))" "$(( $(stat -c %s "$dir/dossiers.csv") / 1048576 ))"
cat "$dir"/payload-*.json "$dir/dossiers.csv" > /dev/null # warm the page cache for both sides

fresh() { rm -f "$1" "$1"-wal "$1"-shm; "$bin" init-db "$1" >/dev/null; sqlite3 "$1" < "$dir/units.sql"; }
ms() { echo "($2 - $1) / 1000000" | bc; }

fresh "$dir/ref.sqlite"
start=$(date +%s%N)
sqlite3 "$dir/ref.sqlite" "PRAGMA journal_mode=WAL" ".import --csv --skip 1 $dir/dossiers.csv dossiers" >/dev/null
ref=$(ms "$start" "$(date +%s%N)")

fresh "$dir/ours.sqlite"
start=$(date +%s%N)
/usr/bin/time -f %M -o "$dir/rss" "$bin" import dvcqg --db "$dir/ours.sqlite" --as-of 2026-11-30T10:00:00 "$dir"/payload-*.json 2>"$dir/ours.err"
ours=$(ms "$start" "$(date +%s%N)")
tail -1 "$dir/ours.err"
printf 'rows: import %s, sqlite3 .import %s\n' "$(sqlite3 "$dir/ours.sqlite" 'SELECT COUNT(*) FROM dossiers')" \
  "$(sqlite3 "$dir/ref.sqlite" 'SELECT COUNT(*) FROM dossiers')"
printf 'import dvcqg: %s ms, peak RSS %s MB; sqlite3 .import of the same rows as CSV: %s ms; ratio %s\n' \
  "$ours" "$(( $(cat "$dir/rss") / 1024 ))" "$ref" "$(echo "scale=2; $ours / $ref" | bc)"

[ "${IMPORT_POSTGRES:-1}" = 1 ] || exit 0
password=bench-$RANDOM$RANDOM
printf '%s\n' "$password" >"$work/password"
pg_start bench
pg_psql bench postgres -c "CREATE ROLE egov_writer LOGIN PASSWORD '$password'" -c "CREATE DATABASE egov OWNER egov_writer" >/dev/null
for schema in ours ref; do
  pg_psql bench egov -c "CREATE SCHEMA $schema AUTHORIZATION egov_writer"
  printf 'sources:\n  dossiers:\n    kind: postgres\n    host: 127.0.0.1\n    port: %s\n    database: egov\n    user: egov_writer\n    password_file: %s\n    tls: disable\n    schema: %s\n    statement_timeout: 10m\n' \
    "$pg_port_bench" "$work/password" "$schema" >"$work/$schema.yml"
  sed -n '/^  dossiers:/,$p' "$work/$schema.yml" | sed 's/^  dossiers:/  documents:/' >>"$work/$schema.yml"
  "$bin" init-db --postgres "$work/$schema.yml" >/dev/null
  pg_psql bench egov -c "SET search_path = $schema" -f "$dir/units.sql" >/dev/null
done
chmod 644 "$dir/dossiers.csv"; chmod 755 "$dir"
start=$(date +%s%N)
pg_psql bench egov -c "SET search_path = ref" -c "\\copy dossiers FROM '$dir/dossiers.csv' WITH (FORMAT csv, HEADER)"
ref=$(ms "$start" "$(date +%s%N)")
start=$(date +%s%N)
"$bin" import dvcqg --config "$work/ours.yml" --as-of 2026-11-30T10:00:00 "$dir"/payload-*.json 2>"$dir/pg.err"
ours=$(ms "$start" "$(date +%s%N)")
tail -1 "$dir/pg.err"
printf 'rows: import %s, psql \\copy %s\n' "$(pg_psql bench egov -At -c 'SELECT count(*) FROM ours.dossiers')" \
  "$(pg_psql bench egov -At -c 'SELECT count(*) FROM ref.dossiers')"
printf 'import dvcqg into PostgreSQL: %s ms; psql \\copy of the same rows as CSV: %s ms; ratio %s\n' \
  "$ours" "$ref" "$(echo "scale=2; $ours / $ref" | bc)"

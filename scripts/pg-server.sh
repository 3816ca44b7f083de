# Throwaway PostgreSQL servers for the tests and the benchmark, sourced after lib.sh (which gives
# $work and the EXIT trap). pg_start NAME [postgres options...] initialises a cluster under
# $work/NAME as an unprivileged user (`nobody` when run as root: the server refuses to run as
# root), starts it on a free loopback port with its socket in $work/NAME, and sets $pg_port.
# Every server started is stopped on exit (pg_stop_all, chained into lib.sh's trap).
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$pg_bin/initdb" ] || { echo "PostgreSQL is not installed (Debian package postgresql)" >&2; exit 1; }
pg_clusters=()
pg_superpass=superuser-$RANDOM$RANDOM

# Runs a command as the clusters' owner.
pg_as() { if [ "$(id -u)" -eq 0 ]; then runuser -u nobody -- "$@"; else "$@"; fi; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

pg_start() {
  local name=$1; shift
  local dir=$work/$name
  mkdir -p "$dir"
  chmod 755 "$work"
  [ "$(id -u)" -eq 0 ] && chown nobody "$dir"
  printf '%s\n' "$pg_superpass" >"$dir.superpass"
  [ "$(id -u)" -eq 0 ] && chown nobody "$dir.superpass"
  pg_as "$pg_bin/initdb" -D "$dir/data" -U postgres --pwfile="$dir.superpass" --auth-local=trust --auth-host=scram-sha-256 \
    --locale=C.UTF-8 -E UTF8 >"$dir.initdb.log" 2>&1 || { cat "$dir.initdb.log" >&2; return 1; }
  pg_port=$(free_port)
  eval "pg_port_$name=$pg_port"
  pg_clusters+=("$dir")
  pg_as "$pg_bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
    -o "-k $dir -h 127.0.0.1 -p $pg_port -c fsync=off -c synchronous_commit=off $*" start >/dev/null \
    || { cat "$dir/server.log" >&2; return 1; }
}

# Restarts the cluster NAME with other options (same port).
pg_restart() {
  local name=$1; shift
  local dir=$work/$name port_var=pg_port_$name
  local port=${!port_var}
  pg_as "$pg_bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1
  pg_as "$pg_bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
    -o "-k $dir -h 127.0.0.1 -p $port -c fsync=off $*" start >/dev/null
}

pg_stop() { pg_as "$pg_bin/pg_ctl" -D "$work/$1/data" -m fast -w stop >/dev/null 2>&1; }
pg_resume() {
  local port_var=pg_port_$1; local port=${!port_var} dir=$work/$1
  pg_as "$pg_bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 -o "-k $dir -h 127.0.0.1 -p $port -c fsync=off" start >/dev/null
}

pg_stop_all() {
  local dir
  for dir in "${pg_clusters[@]}"; do pg_as "$pg_bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1; done
  return 0
}
trap 'pg_stop_all; cleanup' EXIT

# psql as the superuser over the socket of cluster NAME: pg_psql NAME DB [psql args...].
pg_psql() {
  local name=$1 db=$2; shift 2
  local port_var=pg_port_$name
  PGTZ=Asia/Ho_Chi_Minh "$pg_bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$work/$name" -p "${!port_var}" -U postgres -d "$db" "$@"
}

# Copies the canonical tables of the SQLite file $3 into schema $4 of database $2 of cluster $1,
# whose tables must exist (their types decide how the text is read: timestamptz values without
# an offset are local time, Asia/Ho_Chi_Minh).
pg_load_sqlite() {
  local name=$1 db=$2 sqlite=$3 schema=$4 table cols
  for table in units procedures dossiers documents staff eoffice_activity work_files; do
    cols=$(sqlite3 "$sqlite" "SELECT group_concat(name, ',') FROM pragma_table_info('$table')")
    sqlite3 -csv -header -cmd ".nullvalue '\N'" "$sqlite" "SELECT $cols FROM $table" >"$work/$table.csv"
    chmod 644 "$work/$table.csv"
    pg_psql "$name" "$db" -c "SET search_path = $schema" \
      -c "\\copy $table($cols) FROM '$work/$table.csv' WITH (FORMAT csv, HEADER, NULL '\\N')"
  done
}

# Sets to NULL, in the SQLite file $1, every time or day that PostgreSQL's timestamptz and date
# would refuse (the demo holds deliberately bad ones: 'now', 2024-02-30...), so that the file
# loads into config/postgres/schema.sql's types; the figures of both then count them alike.
pg_typable_copy() {
  local sqlite=$1 table col
  for spec in dossiers:received_at,due_at,finished_at,returned_at,updated_at documents:issued_at,updated_at \
      work_files:opened_at staff:active_from,active_to eoffice_activity:day units:one_stop_connected_on,doc_axis_connected_on \
      procedures:published_on,abolished_on; do
    table=${spec%%:*}
    for col in ${spec#*:}; do col=${col//,/ }; for c in $col; do
      # date(x, '+0 days') writes the day SQLite computes: 2024-02-30 becomes 2024-03-01.
      sqlite3 "$sqlite" "DELETE FROM $table WHERE '$table' = 'eoffice_activity' AND date($c, '+0 days') IS NOT $c;
        UPDATE $table SET $c = NULL WHERE $c IS NOT NULL AND (substr($c, 5, 1) <> '-' OR unixepoch($c) IS NULL
          OR date(substr($c, 1, 10), '+0 days') IS NOT substr($c, 1, 10))"
    done; done
  done
}

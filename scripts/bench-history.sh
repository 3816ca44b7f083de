# Sourced by scripts/bench.sh (uses $bin, $DB, $UNTIL and scripts/bench-lib.sh): the daemon's steady
# refreshes on the province demo with 0 and with 10 years of closed history. Each daemon
# refreshes every 10 s (its refresh_timeout too); its first refresh, which also counts the
# invalid records of the whole history, is left out, the next ones are read off
# egov_refresh_duration_seconds. The sqlite3 CLI runs the same statements (`sql --refresh`)
# on the same file, interleaved.
HISTORY_DB=${BENCH_HISTORY_DB:-data/bench-province-history10.sqlite}
STEADY_REFRESHES=${STEADY_REFRESHES:-5}
if [ ! -f "$HISTORY_DB" ]; then
  start=$(date +%s.%N)
  "$bin" demo "$HISTORY_DB" --scale province --until "$UNTIL" --history-years 10
  printf 'province demo with 10 years of history generated in %.1f s\n' "$(echo "$(date +%s.%N) - $start" | bc)"
fi

# steady DB: prints "daemon-us sqlite3-us VmHWM-kB dossiers" for the database DB.
steady() {
  local db=$1 dir port pid sql hwm times
  dir=$(mktemp -d)
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  "$bin" serve --db "$db" --state "$dir/state.sqlite" --listen "127.0.0.1:$port" --refresh-interval 10 \
    --log-level warning 2>"$dir/log" &
  pid=$!
  sql="$dir/refresh.sql"
  "$bin" sql --db "$db" --refresh --as-of "$(date -Iseconds)" > "$sql"
  times=$(steady_refreshes "http://127.0.0.1:$port" "$STEADY_REFRESHES" sqlite3 "$db" ".read $sql")
  hwm=$(awk '/^VmHWM/ {print $2}' "/proc/$pid/status")
  kill -TERM "$pid"; wait "$pid" 2>/dev/null
  printf '%s %s %s\n' "$times" "$hwm" "$(sqlite3 "$db" 'SELECT COUNT(*) FROM dossiers')"
  rm -rf "$dir"
}

read -r base_ours base_ref _ base_n < <(steady "$DB")
read -r hist_ours hist_ref hist_hwm hist_n < <(steady "$HISTORY_DB")
printf '%-28s daemon %7.1f ms   sqlite3 CLI %8.1f ms   (%s dossiers; median of %d refreshes)\n' \
  "steady refresh, no history" "$(echo "$base_ours / 1000" | bc -l)" "$(echo "$base_ref / 1000" | bc -l)" "$base_n" "$STEADY_REFRESHES"
printf '%-28s daemon %7.1f ms   sqlite3 CLI %8.1f ms   (%s dossiers; median of %d refreshes)\n' \
  "steady refresh, 10 y history" "$(echo "$hist_ours / 1000" | bc -l)" "$(echo "$hist_ref / 1000" | bc -l)" "$hist_n" "$STEADY_REFRESHES"
printf '%-28s daemon %.2f   sqlite3 CLI %.2f   (10 years of history / none; goal: daemon <= 1.3)\n' \
  "history ratio" "$(echo "$hist_ours / $base_ours" | bc -l)" "$(echo "$hist_ref / $base_ref" | bc -l)"
printf '%-28s peak RSS (VmHWM) %.1f MB during its refreshes, the first one included (goal: < 50 MB)\n' \
  "daemon, 10 y history" "$(echo "$hist_hwm / 1024" | bc -l)"

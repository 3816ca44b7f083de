# Sourced by the benchmarks: timing helpers shared by them.

# Nanoseconds since the epoch.
now() { date +%s%N; }
# The median of the numbers on standard input, one per line.
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# steady_refreshes URL COUNT COMMAND...: the daemon at URL's steady refreshes. The first refresh,
# which also counts the invalid records of the whole history, is left out; the next COUNT are
# read off egov_refresh_duration_seconds (one sample per new
# egov_last_refresh_success_timestamp_seconds), and COMMAND (the same statements run by a
# reference client) is timed right after each. Prints "daemon-us reference-us", medians.
steady_refreshes() {
  local url=$1 count=$2 durations=() ref=() t seen="" ts d
  shift 2
  for _ in $(seq 1200); do
    # --compressed: gzip, as Prometheus asks (a plain body is inflated for each request).
    read -r ts d < <(curl -s --compressed --max-time 2 "$url/metrics" |
      awk '$1 == "egov_last_refresh_success_timestamp_seconds" {t = $2} $1 == "egov_refresh_duration_seconds" {d = $2} END {print t, d}')
    if [ -n "$ts" ] && [ "$ts" != "$seen" ]; then
      if [ -n "$seen" ]; then
        durations+=("$d")
        t=$(now); "$@" >/dev/null; ref+=($(( ($(now) - t) / 1000 )))
      fi
      seen=$ts
      [ "${#durations[@]}" -ge "$count" ] && break
    fi
    sleep 0.5
  done
  printf '%s %s\n' "$(printf '%s\n' "${durations[@]}" | awk '{printf "%d\n", $1 * 1000000}' | median)" \
    "$(printf '%s\n' "${ref[@]}" | median)"
}

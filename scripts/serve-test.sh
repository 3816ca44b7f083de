#!/usr/bin/env bash
# End-to-end tests of the daemon process: `serve` started as a user starts it, on a free loopback
# port and the small demo database; its endpoints, SIGHUP reloads (good and bad), a graceful
# SIGTERM during a slow scrape, start-up errors. Every process started here is stopped here.
# Usage: scripts/serve-test.sh PATH/TO/egov-exporter
set -uo pipefail
bin=$(realpath "$1")
suite=serve
. "$(dirname "$0")/lib.sh"
status() { curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$@"; }
is_ready() { [ "$(status "$url/readyz")" == 200 ]; }
metrics() { curl -s --max-time 5 "$url/metrics"; }
has_line() { [ "$(metrics | grep -cxF "$1")" -ge 1 ]; }
# Starts `serve ARGS...` with standard error appended to $log; sets $pid.
serve() { "$bin" serve --state "$work/state.sqlite" "$@" 2>>"$log" & pid=$!; pids+=("$pid"); }
# Sets $rc to the exit status of process $1 if it ends within $2 seconds, else "still running".
wait_exit() { rc="still running"; if wait_for "$2" gone "$1"; then wait "$1"; rc=$?; fi; }

db=$work/demo.sqlite cfg=$work/egov-exporter.yml log=$work/serve.log
"$bin" demo "$db" --scale small >/dev/null || { echo "serve: cannot create the demo database"; exit 1; }
port=$(free_port)
url=http://127.0.0.1:$port
write_config() { # the declared value of ea_v2 for unit 19
  cat >"$cfg" <<EOF
listen: 127.0.0.1:$port
refresh_interval: 60
sources:
  dossiers: {kind: sqlite, path: $db}
  documents: {kind: sqlite, path: $db}
declared:
  - {unit: "19", indicator: ea_v2, value: $1, effective: 2024-01-01}
EOF
}
declared() { echo "egov_declared_status{unit=\"19\",level=\"province\",indicator=\"ea_v2\"} $1"; }

write_config 1
serve --config "$cfg"
main=$pid
check "/readyz turns 200 within 60 s" ok "$(wait_for 60 is_ready && echo ok)"
check "declared ea_v2 = 1 is served" 1 "$(metrics | grep -cxF "$(declared 1)")"
check "/healthz" 200 "$(status "$url/healthz")"
check "log times are in the configured zone (Asia/Ho_Chi_Minh, +0700)" 1 "$(head -1 "$log" | grep -c '^20[0-9-]*T[0-9:]*+0700 ')"
check "/ is the landing page" "200 text/html" "$(curl -s -o /dev/null -w '%{http_code} %{content_type}' --max-time 5 "$url/" | cut -d';' -f1)"
check "unknown path" 404 "$(status "$url/nope")"
check "POST /metrics" 405 "$(status -X POST "$url/metrics")"

# SIGHUP with a good configuration: the new declaration is served, one log line says so.
write_config 0
kill -HUP "$main"
check "SIGHUP reload serves ea_v2 = 0 within 10 s" ok "$(wait_for 10 has_line "$(declared 0)" && echo ok)"
check "one 'configuration reloaded' log line" 1 "$(grep -c 'configuration reloaded' "$log")"

# SIGHUP with a bad configuration: refused with file:line, the running one keeps serving.
echo "scrape_timeout: 10s" >>"$cfg"
bad_line=$(wc -l <"$cfg")
kill -HUP "$main"
check "bad config is refused within 10 s" ok "$(wait_for 10 grep -q 'configuration refused' "$log" && echo ok)"
check "the refusal names the file and line" 1 "$(grep 'configuration refused' "$log" | grep -cF "$cfg:$bad_line:")"
check "still alive after a refused reload" alive "$(gone "$main" || echo alive)"
check "still serving ea_v2 = 0" 1 "$(metrics | grep -cxF "$(declared 0)")"

# SIGTERM during a slow scrape: a client that reads 4 KB every 40 ms (~2.3 s for the ~225 KB
# body; curl --limit-rate is no use: on loopback it often reads the whole body in a few ms) asks
# for /metrics, SIGTERM follows 0.5 s later; the scrape gets the whole body and the exit status is 0.
slow_scrape() {
  python3 - "$port" <<'EOF'
import socket, sys, time
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
s.settimeout(30)
s.connect(("127.0.0.1", int(sys.argv[1])))
s.sendall(b"GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
data = b""
while chunk := s.recv(4096):
    data += chunk
    time.sleep(0.04)
head, _, body = data.partition(b"\r\n\r\n")
lines = head.split(b"\r\n")
length = [l.split(b":")[1].strip().decode() for l in lines if l.lower().startswith(b"content-length:")]
print(lines[0].split(b" ")[1].decode(), length[0] if length else "none", len(body))
EOF
}
full=$(curl -s --max-time 10 -o /dev/null -w '%{size_download}' "$url/metrics")
slow_scrape >"$work/slow.out" &
slow=$!
sleep 0.5
kill -TERM "$main"
wait "$slow"
check "in-flight scrape: status, Content-Length, body bytes" "200 $full $full" "$(cat "$work/slow.out")"
wait_exit "$main" 10
check "SIGTERM exits 0 within 10 s" 0 "$rc"

# No configuration file at all: --db is enough. SIGINT stops it like SIGTERM.
port=$(free_port)
url=http://127.0.0.1:$port
serve --db "$db" --listen "127.0.0.1:$port"
check "serve --db alone turns ready" ok "$(wait_for 60 is_ready && echo ok)"
check "serve --db alone: dossiers source up" 1 "$(metrics | grep -cxF 'egov_source_up{source="dossiers"} 1')"
check "no declarations by default" 0 "$(metrics | grep -c '^egov_declared_status{')"
err=$(timeout 30 "$bin" serve --state "$work/state.sqlite" --db "$db" --listen "127.0.0.1:$port" 2>&1 >/dev/null)
rc=$?
check "a port in use: exits 1" 1 "$rc"
check "a port in use is one plain line naming the address" \
  "egov-exporter: error: cannot serve on 127.0.0.1:$port: the address is already in use (another process listens on it; choose another with --listen)" \
  "$(echo "$err" | grep '^egov-exporter: error:')"
check "a port in use is not blamed on the source" 0 "$(echo "$err" | grep -c 'source is down')"
kill -INT "$pid"
wait_exit "$pid" 10
check "SIGINT exits 0 within 10 s" 0 "$rc"

# Start-up errors: one line, non-zero status.
err=$(timeout 30 "$bin" serve --state "$work/state.sqlite" --db "$db" --listen nonsense 2>&1 >/dev/null)
rc=$?
check "bad --listen: one-line error, exit 1" "1|1|1" "$rc|$(echo "$err" | wc -l)|$(echo "$err" | grep -c "^egov-exporter: error: .*'nonsense'")"
sed -i "s/^listen: .*/listen: 127.0.0.1:$(free_port)/; s/^scrape_timeout.*/max_units: 3/" "$cfg"
err=$(timeout 30 "$bin" serve --state "$work/state.sqlite" --config "$cfg" 2>&1 >/dev/null)
rc=$?
check "max_units 3 on 17 units: one-line refusal, exit 1" "1|1|1" "$rc|$(echo "$err" | wc -l)|$(echo "$err" | grep -c 'max_units')"

finish

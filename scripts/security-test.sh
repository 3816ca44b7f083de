#!/usr/bin/env bash
# End-to-end tests of the daemon's connection hygiene, on the real binary: the file-descriptor
# exhaustion found by probing (100 clients sending a large body after an unparsable request,
# under a 64-descriptor limit), the header-read, idle and request timeouts, the connection cap,
# HTTP/1.0 closing, and a SIGTERM that ends within shutdown_timeout although a client never
# reads; then TLS, basic auth, HTTP/2, client certificates and client_allowed_sans from web
# configuration files. Every process started here is stopped here.
# Usage: scripts/security-test.sh PATH/TO/egov-exporter
set -uo pipefail
bin=$(realpath "$1")
suite=security
. "$(dirname "$0")/lib.sh"
status() { curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$@"; }
is_ready() { [ "$(status "$url/readyz")" == 200 ]; }
fds() { ls "/proc/$1/fd" | wc -l; }
# Starts `serve --config $cfg` under a 64-descriptor limit; sets $pid.
serve() { prlimit --nofile=64:64 "$bin" serve --state "$work/state.sqlite" --config "$cfg" 2>>"$log" & pid=$!; pids+=("$pid"); }
# Runs the Python client `$1` against the server; prints what it prints.
client() { python3 - "$port" "${@:2}" <<<"$1"; }
# sigterm WHAT: sends SIGTERM to $pid while the client $reader holds a connection; checks the
# daemon exits 0 within shutdown_timeout (2 s) + 1 s, then stops $reader.
sigterm() {
  kill -TERM "$pid"
  local start rc elapsed
  start=$(date +%s%N)
  wait_for 10 gone "$pid"
  wait "$pid"
  rc=$?
  elapsed=$((($(date +%s%N) - start) / 1000000))
  check "SIGTERM with $1: exit 0 within shutdown_timeout (2 s) + 1 s" "0 true" \
    "$rc $([ "$elapsed" -le 3000 ] && echo true || echo "false ($elapsed ms)")"
  stop "$reader"
}

db=$work/demo.sqlite cfg=$work/egov-exporter.yml log=$work/serve.log
"$bin" demo "$db" --scale small >/dev/null || { echo "security: cannot create the demo database"; exit 1; }
port=$(free_port)
url=http://127.0.0.1:$port
cat >"$cfg" <<EOF
listen: 127.0.0.1:$port
sources:
  dossiers: {kind: sqlite, path: $db}
  documents: {kind: sqlite, path: $db}
http:
  header_read_timeout: 2s
  idle_timeout: 2s
  request_timeout: 4s
  max_connections: 16
  shutdown_timeout: 2s
EOF
serve
check "/readyz turns 200 within 60 s" ok "$(wait_for 60 is_ready && echo ok)"
sleep 1
baseline=$(fds "$pid")

# The defect: 100 connections each sending an unparsable request, then 300 KB, then reading
# until the server closes. Each must be closed by the server (none left hanging after 30 s).
flood='
import socket, sys, threading
port = int(sys.argv[1]); closed = []; lock = threading.Lock()
def one():
    s = socket.socket(); s.settimeout(30)
    try:
        s.connect(("127.0.0.1", port))
        s.sendall(b"HELLO\r\n\r\n" + b"x" * 300_000)
        while s.recv(65536): pass
        ok = True
    except (ConnectionResetError, BrokenPipeError): ok = True   # closed by the server
    except OSError: ok = False                                  # timed out: still open
    finally: s.close()
    with lock: closed.append(ok)
threads = [threading.Thread(target=one) for _ in range(100)]
for t in threads: t.start()
for t in threads: t.join()
print(sum(closed), len(closed))
'
check "100 unparsable requests with a 300 KB body: every connection closed by the server" "100 100" "$(client "$flood")"
back() { [ "$(fds "$pid")" -le "$baseline" ]; }
check "descriptors back to the baseline ($baseline) within 5 s" ok "$(wait_for 5 back && echo ok)"
check "/metrics answers at once afterwards" 200 "$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "$url/metrics")"
check "still alive" alive "$(gone "$pid" || echo alive)"

# A client that opens a connection and sends nothing is closed after header_read_timeout (2 s);
# one that sends its headers one byte a second too.
silent='
import select, socket, sys, time
s = socket.socket(); s.settimeout(10); s.connect(("127.0.0.1", int(sys.argv[1])))
start = time.monotonic()
data = None
try:
    if sys.argv[2] == "trickle":
        for b in b"GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n":
            s.send(bytes([b]))
            if select.select([s], [], [], 0.5)[0]:
                data = s.recv(100); break
    if data is None: data = s.recv(100)
except OSError: data = b""
print("closed" if data == b"" else "answered", 1.8 <= time.monotonic() - start <= 3)
'
check "silent connection closed after header_read_timeout" "closed True" "$(client "$silent" silent)"
check "trickled headers closed after header_read_timeout" "closed True" "$(client "$silent" trickle)"

# Keep-alive: the connection stays open for the next request, and is closed after idle_timeout.
idle='
import socket, sys, time
s = socket.socket(); s.settimeout(10); s.connect(("127.0.0.1", int(sys.argv[1])))
s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
first = s.recv(4096).split(b"\r\n")[0].decode()
s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
second = s.recv(4096).split(b"\r\n")[0].decode()
start = time.monotonic()
rest = s.recv(4096)
print(first, "|", second, "|", "closed" if rest == b"" else "data", 1.8 <= time.monotonic() - start <= 3)
'
check "keep-alive serves two requests, then closes after idle_timeout" \
  "HTTP/1.1 200 OK | HTTP/1.1 200 OK | closed True" "$(client "$idle")"

# HTTP/1.0 without keep-alive: the response says Connection: close and the socket closes at once.
http10='
import socket, sys, time
s = socket.socket(); s.settimeout(10); s.connect(("127.0.0.1", int(sys.argv[1])))
start = time.monotonic()
s.sendall(b"GET /healthz HTTP/1.0\r\n\r\n")
data = b""
while chunk := s.recv(4096): data += chunk
head = data.split(b"\r\n\r\n")[0].lower()
print(data.split(b"\r\n")[0].decode(), b"connection: close" in head, round(time.monotonic() - start, 1) < 1)
'
check "HTTP/1.0 is answered and closed at once" "HTTP/1.1 200 OK True True" "$(client "$http10")"

# Pipelined: a keep-alive request then an HTTP/1.0 one in one write: both answered, in order,
# then the connection closes.
pipelined='
import socket, sys, time
s = socket.socket(); s.settimeout(10); s.connect(("127.0.0.1", int(sys.argv[1])))
s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\nGET /readyz HTTP/1.0\r\n\r\n")
data = b""
while chunk := s.recv(4096): data += chunk
print(data.count(b"HTTP/1.1 200 OK"), data.count(b"ok\n"), data.count(b"ready\n"))
'
check "pipelined keep-alive then HTTP/1.0: two answers, then closed" "2 1 1" "$(client "$pipelined")"

# A client that asks for /metrics 30 times in one write (pipelined, about 7 MB of answers: more
# than the kernel buffers) and reads nothing for 6 s: the server gives up after request_timeout
# (4 s) and closes; what the kernel had buffered then arrives, and the end: the answers are cut.
stalled='
import socket, sys, time
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096); s.settimeout(20)
s.connect(("127.0.0.1", int(sys.argv[1])))
s.sendall(b"GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n" * 30)
if len(sys.argv) > 3: open(sys.argv[3], "w").close()   # tells the script the requests are sent
time.sleep(float(sys.argv[2]))
data = b""
try:
    while chunk := s.recv(65536): data += chunk
except OSError: pass
print("cut" if data.count(b"HTTP/1.1 200 OK\r\n") < 30 else "complete")
'
check "a client that never reads is cut off after request_timeout" cut "$(client "$stalled" 6)"

# The connection cap: 16 silent connections hold every slot; a 17th request waits until the
# header-read timeout frees them, then it is answered.
cap='
import socket, sys, time
port = int(sys.argv[1])
held = [socket.create_connection(("127.0.0.1", port)) for _ in range(16)]
time.sleep(0.3)
start = time.monotonic()
s = socket.create_connection(("127.0.0.1", port)); s.settimeout(10)
s.sendall(b"GET /healthz HTTP/1.0\r\n\r\n")
line = s.recv(4096).split(b"\r\n")[0].decode()
print(line, 1 <= round(time.monotonic() - start) <= 3)
'
check "the 17th connection waits for a free slot" "HTTP/1.1 200 OK True" "$(client "$cap")"

# SIGTERM with a client that never reads a response: exits 0 within shutdown_timeout (2 s) + 2 s.
client "$stalled" 30 "$work/sent" >/dev/null &
reader=$!
pids+=("$reader")
wait_for 10 test -e "$work/sent"
sleep 0.5
sigterm "a stalled client"

# A state database that cannot be opened (its folder's name is taken by a file): the daemon
# starts all the same, serves /metrics with egov_snapshot_store_up 0, and says so in one line.
echo "not a folder" >"$work/taken"
port=$(free_port)
url=http://127.0.0.1:$port
"$bin" serve --db "$db" --listen "127.0.0.1:$port" --state "$work/taken/state.sqlite" 2>"$work/state.log" &
pid=$!
pids+=("$pid")
check "no state database: /readyz turns 200 within 60 s" ok "$(wait_for 60 is_ready && echo ok)"
check "no state database: /metrics says egov_snapshot_store_up 0" 1 \
  "$(curl -s --max-time 5 "$url/metrics" | grep -cx 'egov_snapshot_store_up 0')"
check "no state database: one warning line at start" 1 "$(grep -c 'warning.*the state database cannot be opened' "$work/state.log")"
check "no state database: /snapshots is 503" 503 "$(status "$url/snapshots")"
stop "$pid"

# TLS and basic auth from a web configuration file (exporter-toolkit format), with certificates
# made here: a CA, and a server certificate for 127.0.0.1 signed by it.
cert() { # NAME SERIAL: a server certificate signed by the CA
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=127.0.0.1" \
    -keyout "$work/$1.key" -out "$work/$1.csr" 2>/dev/null
  openssl x509 -req -in "$work/$1.csr" -CA "$work/ca.crt" -CAkey "$work/ca.key" -set_serial "$2" -days 2 \
    -extfile <(printf 'subjectAltName=IP:127.0.0.1,DNS:localhost') -out "$work/$1.crt" 2>/dev/null
}
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj "/CN=egov-exporter test CA" \
  -keyout "$work/ca.key" -out "$work/ca.crt" 2>/dev/null
cert server 4660
bcrypt() { python3 -W ignore -c "import crypt, sys; print(crypt.crypt(sys.argv[1], crypt.mksalt(crypt.METHOD_BLOWFISH, rounds=1024)))" "$1"; }
hash=$(bcrypt s3cret)
web=$work/web.yml
write_web() { # USER HASH CERT
  cat >"$web" <<EOF
tls_server_config:
  cert_file: $3.crt
  key_file: $3.key
http_server_config:
  headers:
    X-Content-Type-Options: nosniff
basic_auth_users:
  $1: $2
EOF
}
write_web prometheus "$hash" server
port=$(free_port)
url=https://127.0.0.1:$port
sed -i "s/^listen: .*/listen: 127.0.0.1:$port/" "$cfg"
echo "web_config_file: $web" >>"$cfg"
tls() { curl -s --cacert "$work/ca.crt" --max-time 5 "$@"; }
code() { tls -o /dev/null -w '%{http_code}' "$@"; }
serve
tls_ready() { [ "$(code "$url/readyz")" == 200 ]; }
check "TLS: /readyz turns 200 within 60 s, without credentials" ok "$(wait_for 60 tls_ready && echo ok)"
check "TLS + basic auth: /metrics with the password" 200 "$(code -u prometheus:s3cret "$url/metrics")"
check "a wrong password: 401" 401 "$(code -u prometheus:wrong "$url/metrics")"
check "no credentials: 401 with WWW-Authenticate and the configured header" \
  '401|basic realm="egov-exporter", charset="utf-8"|nosniff' \
  "$(tls -D - -o /dev/null "$url/metrics" | tr -d '\r' | awk -F': ' 'NR==1{split($0,a," "); s=a[2]} tolower($1)=="www-authenticate"{w=tolower($2)} tolower($1)=="x-content-type-options"{x=$2} END{print s "|" w "|" x}')"
check "plain HTTP on the TLS port gets no answer" 000 "$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://127.0.0.1:$port/metrics")"
serial() { openssl s_client -connect "127.0.0.1:$port" -CAfile "$work/ca.crt" </dev/null 2>/dev/null | openssl x509 -noout -serial; }
check "the certificate served" serial=1234 "$(serial)"

# HTTP/2 (http2 defaults to true): ALPN offers h2 and http/1.1; the same bytes either way.
check "curl --http2 negotiates HTTP/2" 2 "$(tls -o /dev/null -w '%{http_version}' --http2 -u prometheus:s3cret "$url/healthz")"
check "curl --http1.1 still gets HTTP/1.1" 1.1 "$(tls -o /dev/null -w '%{http_version}' --http1.1 "$url/healthz")"
check "HTTP/2: a wrong password is 401" 401 "$(code --http2 -u prometheus:wrong "$url/metrics")"
h1=$(tls --http1.1 -u prometheus:s3cret "$url/metrics" | sha256sum)
h2=$(tls --http2 -u prometheus:s3cret "$url/metrics" | sha256sum)
h1b=$(tls --http1.1 -u prometheus:s3cret "$url/metrics" | sha256sum)   # a refresh may fall between
check "HTTP/2: /metrics is the same bytes as over HTTP/1.1" same "$({ [ "$h2" == "$h1" ] || [ "$h2" == "$h1b" ]; } && echo same)"
# The connection limits on TLS and HTTP/2: a connection that never completes its handshake is
# closed after header_read_timeout (2 s); an HTTP/2 connection without a stream gets a GOAWAY
# after idle_timeout (2 s) and, its client silent (it never answers the PING), is closed
# header_read_timeout (2 s) later.
h2idle='
import socket, ssl, sys, time
ctx = ssl.create_default_context(cafile=sys.argv[3]); ctx.set_alpn_protocols(["h2", "http/1.1"])
raw = socket.create_connection(("127.0.0.1", int(sys.argv[1]))); raw.settimeout(10)
start = time.monotonic()
if sys.argv[2] == "h2":
    s = ctx.wrap_socket(raw, server_hostname="127.0.0.1"); proto = s.selected_alpn_protocol()
    s.sendall(b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n" + bytes([0, 0, 0, 4, 0, 0, 0, 0, 0]))
else:
    s = raw; proto = "none"
try:
    while s.recv(4096): pass
except OSError: pass
elapsed = time.monotonic() - start
print(proto, "closed", (1.8 <= elapsed <= 3) if proto == "none" else (3.8 <= elapsed <= 5))
'
check "TLS: a connection without a handshake is closed after header_read_timeout" "none closed True" "$(client "$h2idle" raw "$work/ca.crt")"
check "HTTP/2: a silent connection without streams is closed after idle_timeout + header_read_timeout" "h2 closed True" "$(client "$h2idle" h2 "$work/ca.crt")"
# An HTTP/2 request whose response cannot be written (the client opens no flow-control window)
# is reset after request_timeout (4 s); the client keeps the connection alive with WINDOW_UPDATEs
# (not PINGs: more than two a second would be answered with GOAWAY "too_many_pings").
h2stall='
import base64, socket, ssl, struct, sys, time
ctx = ssl.create_default_context(cafile=sys.argv[2]); ctx.set_alpn_protocols(["h2"])
s = ctx.wrap_socket(socket.create_connection(("127.0.0.1", int(sys.argv[1]))), server_hostname="127.0.0.1")
s.settimeout(0.5)
def frame(kind, flags, stream, payload=b""):
    return struct.pack(">I", len(payload))[1:] + bytes([kind, flags]) + struct.pack(">I", stream) + payload
def field(index, value):   # literal with incremental indexing, indexed name, no Huffman
    return bytes([0x40 | index, len(value)]) + value.encode()
auth = "Basic " + base64.b64encode(sys.argv[3].encode()).decode()
headers = b"\x82\x87" + field(4, "/metrics") + field(1, "127.0.0.1") + field(23, auth)
start = time.monotonic()
s.sendall(b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n" + frame(4, 0, 0, struct.pack(">HI", 4, 0)) + frame(1, 5, 1, headers))
data, result = b"", "no reset"
while time.monotonic() - start < 10 and result == "no reset":
    try:
        chunk = s.recv(65536)
        if not chunk: result = "closed"; break
        data += chunk
    except socket.timeout:
        s.sendall(frame(8, 0, 0, struct.pack(">I", 1)))   # keeps it alive: the connection window, +1
    while len(data) >= 9 and len(data) >= 9 + int.from_bytes(data[:3], "big"):
        length, kind, flags, stream = int.from_bytes(data[:3], "big"), data[3], data[4], int.from_bytes(data[5:9], "big") & 0x7FFFFFFF
        data = data[9 + length:]
        if kind == 4 and not flags & 1: s.sendall(frame(4, 1, 0))
        if kind == 3 and stream == 1: result = "reset"
print(result, 3.5 <= time.monotonic() - start <= 5.5)
'
check "HTTP/2: a response that cannot be written is reset after request_timeout" "reset True" \
  "$(client "$h2stall" "$work/ca.crt" prometheus:s3cret)"

# SIGHUP: a bad web file is refused and the running one stays; a good one replaces the users
# and the certificate (a renewed one) without a restart.
write_web prometheus not-a-hash server
kill -HUP "$pid"
check "a bad web file is refused within 10 s" ok "$(wait_for 10 grep -q 'configuration refused' "$log" && echo ok)"
check "the refusal names the web file, line and user" 1 "$(grep 'configuration refused' "$log" | grep -cF "$web:8: basic_auth_users.prometheus: expected a bcrypt hash")"
check "the old password still works" 200 "$(code -u prometheus:s3cret "$url/metrics")"
: >"$web"
kill -HUP "$pid"
check "an empty web file is refused" ok "$(wait_for 10 grep -q 'the file is empty' "$log" && echo ok)"
cert renewed 4661
hash2=$(bcrypt hunter2)
write_web office "$hash2" renewed
kill -HUP "$pid"
new_user() { [ "$(code -u office:hunter2 "$url/metrics")" == 200 ]; }
check "a good web file: the new user is accepted within 10 s" ok "$(wait_for 10 new_user && echo ok)"
check "the old user is refused" 401 "$(code -u prometheus:s3cret "$url/metrics")"
check "the renewed certificate is served" serial=1235 "$(serial)"
check "no password or hash in the log" 0 "$(grep -cE "s3cret|hunter2|${hash//$/\\$}|${hash2//$/\\$}" "$log")"
# SIGTERM with a silent HTTP/2 connection open (it never answers the GOAWAY's PING): exit 0
# within shutdown_timeout (2 s) + 1 s.
client "$h2idle" h2 "$work/ca.crt" >/dev/null &
reader=$!
pids+=("$reader")
sleep 1
sigterm "a silent HTTP/2 connection"

# Client certificates: RequireAndVerifyClientCert accepts only a certificate signed by the
# client CA; RequireAnyClientCert any certificate (unchecked); both refuse a client without one.
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=prometheus" \
  -keyout "$work/client.key" -out "$work/client.csr" 2>/dev/null
openssl x509 -req -in "$work/client.csr" -CA "$work/ca.crt" -CAkey "$work/ca.key" -set_serial 7 -days 2 \
  -out "$work/client.crt" 2>/dev/null
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj "/CN=stranger" \
  -keyout "$work/stranger.key" -out "$work/stranger.crt" 2>/dev/null
for auth in RequireAndVerifyClientCert RequireAnyClientCert; do
  printf 'tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n  client_auth_type: %s\n  client_ca_file: ca.crt\n' \
    "$auth" >"$work/mtls.yml"
  port=$(free_port)
  "$bin" serve --db "$db" --listen "127.0.0.1:$port" --state "$work/mtls.sqlite" --web.config.file "$work/mtls.yml" 2>>"$log" &
  pid=$!
  pids+=("$pid")
  url=https://127.0.0.1:$port
  with() { code --cert "$work/$1.crt" --key "$work/$1.key" "$url/healthz"; }
  mtls_up() { [ "$(with client)" == 200 ]; }
  wait_for 30 mtls_up
  check "$auth: without a client certificate, no answer" 000 "$(code "$url/healthz")"
  check "$auth: a certificate signed by the client CA" 200 "$(with client)"
  check "$auth: a self-signed certificate" "$([ "$auth" == RequireAnyClientCert ] && echo 200 || echo 000)" "$(with stranger)"
  stop "$pid"
done

# client_allowed_sans (with http2: false): a certificate of the client CA is served only when one
# of its subject alternative names is listed; HTTP/1.1 only, even to curl --http2.
client_cert() { # NAME SERIAL SAN
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=$1" \
    -keyout "$work/$1.key" -out "$work/$1.csr" 2>/dev/null
  openssl x509 -req -in "$work/$1.csr" -CA "$work/ca.crt" -CAkey "$work/ca.key" -set_serial "$2" -days 2 \
    -extfile <(printf 'subjectAltName=%s' "$3") -out "$work/$1.crt" 2>/dev/null
}
client_cert named 8 DNS:prometheus.example
client_cert byip 9 IP:10.0.0.5
client_cert other 10 DNS:other.example,email:ops@example.org
cat >"$work/sans.yml" <<EOF
tls_server_config:
  cert_file: server.crt
  key_file: server.key
  client_auth_type: RequireAndVerifyClientCert
  client_ca_file: ca.crt
  client_allowed_sans: [prometheus.example, 10.0.0.5]
http_server_config:
  http2: false
EOF
port=$(free_port)
"$bin" serve --db "$db" --listen "127.0.0.1:$port" --state "$work/mtls.sqlite" --web.config.file "$work/sans.yml" 2>>"$log" &
pid=$!
pids+=("$pid")
url=https://127.0.0.1:$port
sans_up() { [ "$(with named)" == 200 ]; }
wait_for 30 sans_up
check "client_allowed_sans: a certificate with an allowed DNS name" 200 "$(with named)"
check "client_allowed_sans: a certificate with an allowed IP address" 200 "$(with byip)"
check "client_allowed_sans: a certificate of the CA without an allowed name is refused" 000 "$(with other)"
check "client_allowed_sans: a certificate without any alternative name is refused" 000 "$(with client)"
check "client_allowed_sans: the refusal is logged with the names found" 1 \
  "$(grep 'refused a client certificate' "$log" | grep -c 'names=other.example, ops@example.org')"
check "http2: false: curl --http2 gets HTTP/1.1" 1.1 \
  "$(tls -o /dev/null -w '%{http_version}' --http2 --cert "$work/named.crt" --key "$work/named.key" "$url/healthz")"
stop "$pid"

# check-config checks the web file too (systemctl reload runs it first).
write_web prometheus "$hash" server
check "check-config with a good web file" "0|$web: ok (tls=on users=1 headers=1 rate_limit=off)" \
  "$("$bin" check-config --config "$cfg" >"$work/cc.out" 2>&1; echo "$?")|$(tail -n 1 "$work/cc.out")"

# A bad web file at start: its errors, one line each, exit 1.
write_web prometheus not-a-hash missing
err=$(timeout 30 "$bin" serve --state "$work/state.sqlite" --config "$cfg" 2>&1 >/dev/null)
check "a bad web file at start: exit 1" 1 "$?"
check "a bad web file at start: one line per error" \
  "egov-exporter: error: $web:2: tls_server_config.cert_file: cannot read '$work/missing.crt': No such file or directory
egov-exporter: error: $web:8: basic_auth_users.prometheus: expected a bcrypt hash (\$2a\$, \$2b\$ or \$2y\$, a cost from 04 to 31, 53 characters), such as \`htpasswd -nBC 10 USER\` prints" "$err"
check "check-config --web.config.file with a bad web file: the same lines, exit 1" "1|$err" \
  "$("$bin" check-config --web.config.file "$web" >"$work/cc.out" 2>&1; echo "$?")|$(cat "$work/cc.out")"

finish

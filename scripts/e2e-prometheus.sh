#!/usr/bin/env bash
# End-to-end with a real Prometheus: the built exporter on a small demo database (records until
# today) and /usr/bin/prometheus scraping it every second, both on free loopback ports with a
# temporary storage folder. After two scrapes, the series of xã Bình Yên (05587) and of the
# province (19) for period="previous_quarter", read back through Prometheus's query API, must
# equal what `egov-exporter report` computes for that quarter. Then the same over TLS with basic
# auth, and with a wrong password. Every process is stopped here.
# Usage: scripts/e2e-prometheus.sh PATH/TO/egov-exporter
set -uo pipefail
bin=$(realpath "$1")
suite=e2e
. "$(dirname "$0")/lib.sh"

# The one value of an instant query ("absent" for none); with a second argument, that label's value.
query() {
  curl -s --max-time 5 -G "$prom/api/v1/query" --data-urlencode "query=$1" | python3 -c '
import json, sys
try: r = json.load(sys.stdin)["data"]["result"]
except Exception: sys.exit(print("no answer"))
label = sys.argv[1]
print("absent" if not r else r[0]["metric"].get(label) if label else format(float(r[0]["value"][1]), ".12g") if len(r) == 1 else "several")
' "${2:-}"
}

db=$work/demo.sqlite
"$bin" demo "$db" --scale small >/dev/null || { echo "e2e: cannot create the demo database"; exit 1; }
exporter_port=$(free_port)
"$bin" serve --db "$db" --state "$work/state.sqlite" --listen "127.0.0.1:$exporter_port" 2>"$work/exporter.log" &
pids+=($!)
ready() { [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://127.0.0.1:$exporter_port/readyz")" == 200 ]; }
wait_for 60 ready
check "exporter ready within 60 s" 0 "$?"

prom_port=$(free_port)
prom=http://127.0.0.1:$prom_port
cat >"$work/prometheus.yml" <<EOF
global:
  scrape_interval: 1s
  scrape_timeout: 1s
scrape_configs:
  - job_name: egov
    static_configs:
      - targets: ['127.0.0.1:$exporter_port']
EOF
prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/tsdb" \
  --web.listen-address="127.0.0.1:$prom_port" 2>"$work/prometheus.log" &
pids+=($!)
scraped_twice() { [ "$(query 'count_over_time(up{job="egov"}[5m])')" -ge 2 ] 2>/dev/null; }
wait_for 60 scraped_twice
check "Prometheus scraped the exporter twice within 60 s" 0 "$?"
[ "$failed" -eq 0 ] || { tail -n 5 "$work/prometheus.log"; finish; }
check "up" 1 "$(query 'up{job="egov"}')"
check "egov_source_up{source=\"dossiers\"}" 1 "$(query 'egov_source_up{job="egov",source="dossiers"}')"
# Prometheus asks for OpenMetrics first; only its parser files the counter's metadata under the
# family name without _total (the text parser would file it as egov_refresh_failures_total).
check "scraped as OpenMetrics (counter metadata by family name)" counter \
  "$(curl -s --max-time 5 "$prom/api/v1/metadata?metric=egov_refresh_failures" |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["data"].get("egov_refresh_failures", [{}])[0].get("type"))')"

# The previous quarter of today (Asia/Ho_Chi_Minh) under nd09: quarters start on 15/12, 15/03,
# 15/06 and 15/09; the reporting year of 15/12 onwards is the next one.
quarter=$(python3 -c '
import datetime as dt
d = (dt.datetime.now(dt.timezone.utc) + dt.timedelta(hours=7)).date()
year, q = d.year, 1 + sum((d.month, d.day) >= (m, 15) for m in (3, 6, 9))
if (d.month, d.day) >= (12, 15): year, q = year + 1, 1
year, q = (year - 1, 4) if q == 1 else (year, q - 1)
print(f"{year}-Q{q}")')
check "previous_quarter is $quarter" "$quarter" "$(query 'egov_reporting_period_info{period="previous_quarter"}' id)"

# PromQL for each series, and the value `report --format json` gives for it.
compare_unit() { # unit
  local sel="unit=\"$1\",period=\"previous_quarter\"" line name promql expected
  "$bin" report --db "$db" --unit "$1" --period "$quarter" --format json >"$work/report.json"
  while IFS='|' read -r name promql expected; do
    check "$1 $name" "$expected" "$(query "$promql")"
  done < <(python3 - "$sel" "$work/report.json" <<'EOF'
import json, sys
sel, r = sys.argv[1], json.load(open(sys.argv[2]))
def fmt(v): return "absent" if v is None else format(float(v), ".12g")
rows = [
    ("received total", f"sum(egov_dossiers_received{{{sel}}})", r["received_total"]),
    ("received carried over", f'sum(egov_dossiers_received{{{sel},origin="carried_over"}})', r["carried_over"]),
    ("received online", f'sum(egov_dossiers_received{{{sel},channel="online"}})', r["received_online"]),
    ("in progress on time", f'egov_dossiers_in_progress{{{sel},timeliness="on_time"}}', r["in_progress"] - r["in_progress_overdue"]),
    ("in progress overdue", f'egov_dossiers_in_progress{{{sel},timeliness="overdue"}}', r["in_progress_overdue"]),
    ("on-time ratio", f"egov_dossiers_on_time_ratio{{{sel}}}", r["on_time_rate"]),
    ("online ratio", f"egov_dossiers_online_ratio{{{sel}}}", r["online_rate"]),
    ("outgoing signed", f'egov_outgoing_documents{{{sel},signed="true"}}', r["outgoing_signed"]),
    ("outgoing unsigned", f'egov_outgoing_documents{{{sel},signed="false"}}', r["outgoing"] - r["outgoing_signed"]),
    ("signed ratio", f"egov_outgoing_documents_signed_ratio{{{sel}}}", r["signed_rate"]),
    ("staff", f"egov_staff{{{sel}}}", r["staff"]),
    ("e-office active staff", f"egov_eoffice_active_staff{{{sel}}}", r["eoffice_active_staff"]),
]
rows += [(f"resolved {t}", f'egov_dossiers_resolved{{{sel},timeliness="{t}"}}', r[f"resolved_{t}"])
         for t in ("early", "on_time", "late", "no_due_date")]
rows += [(f"ended {e}", f'egov_dossiers_ended{{{sel},reason="{e}"}}', r[e]) for e in ("withdrawn", "stopped")]
for name, promql, value in rows:
    print(f"{name}|{promql}|{fmt(value)}")
EOF
  )
}
compare_unit 05587
compare_unit 19

# Over TLS with basic auth: a second exporter with a web configuration file (certificates made
# here by openssl, a bcrypt hash of cost 10), and two more jobs in Prometheus (reloaded with
# SIGHUP): one with the right password, one with a wrong one, which gets 401 and up 0.
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj "/CN=egov e2e CA" \
  -keyout "$work/ca.key" -out "$work/ca.crt" 2>/dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=127.0.0.1" \
  -keyout "$work/server.key" -out "$work/server.csr" 2>/dev/null
openssl x509 -req -in "$work/server.csr" -CA "$work/ca.crt" -CAkey "$work/ca.key" -set_serial 1 -days 2 \
  -extfile <(printf 'subjectAltName=IP:127.0.0.1') -out "$work/server.crt" 2>/dev/null
hash=$(python3 -W ignore -c "import crypt; print(crypt.crypt('s3cret', crypt.mksalt(crypt.METHOD_BLOWFISH, rounds=1024)))")
cat >"$work/web.yml" <<EOF
tls_server_config:
  cert_file: server.crt
  key_file: server.key
basic_auth_users:
  prometheus: $hash
EOF
tls_port=$(free_port)
"$bin" serve --db "$db" --state "$work/state-tls.sqlite" --listen "127.0.0.1:$tls_port" \
  --web.config.file "$work/web.yml" 2>"$work/exporter-tls.log" &
pids+=($!)
tls_ready() { [ "$(curl -s -o /dev/null -w '%{http_code}' --cacert "$work/ca.crt" --max-time 5 "https://127.0.0.1:$tls_port/readyz")" == 200 ]; }
wait_for 60 tls_ready
check "TLS exporter ready within 60 s" 0 "$?"
check "a wrong password gets 401" 401 \
  "$(curl -s -o /dev/null -w '%{http_code}' --cacert "$work/ca.crt" -u prometheus:wrong --max-time 5 "https://127.0.0.1:$tls_port/metrics")"
tls_job() { # NAME PASSWORD
  cat <<EOF
  - job_name: $1
    scheme: https
    basic_auth: {username: prometheus, password: $2}
    tls_config: {ca_file: $work/ca.crt}
    static_configs:
      - targets: ['127.0.0.1:$tls_port']
EOF
}
{ tls_job egov_tls s3cret; tls_job egov_tls_wrong wrong; } >>"$work/prometheus.yml"
kill -HUP "${pids[1]}"
scraped_tls() { [ "$(query 'count_over_time(up{job="egov_tls_wrong"}[5m])')" -ge 2 ] 2>/dev/null \
  && [ "$(query 'count_over_time(egov_source_up{job="egov_tls",source="dossiers"}[5m])')" -ge 2 ] 2>/dev/null; }
wait_for 60 scraped_tls
check "Prometheus scraped both TLS jobs twice within 60 s" 0 "$?"
check "https + basic_auth: up" 1 "$(query 'up{job="egov_tls"}')"
check "https + basic_auth: the figures arrive" 1 "$(query 'egov_source_up{job="egov_tls",source="dossiers"}')"
check "https + basic_auth: the same series count as over plain HTTP" \
  "$(query 'scrape_samples_scraped{job="egov"}')" "$(query 'scrape_samples_scraped{job="egov_tls"}')"
check "a wrong password: up 0" 0 "$(query 'up{job="egov_tls_wrong"}')"
check "a wrong password: no figures" absent "$(query 'egov_source_up{job="egov_tls_wrong"}')"

finish

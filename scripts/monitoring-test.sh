#!/usr/bin/env bash
# The province monitoring kit (config/prometheus, config/alertmanager, config/grafana,
# dashboards/), tested like code:
#  1. promtool check config / check rules, the rule unit tests (config/prometheus/tests) and
#     their coverage (every alert fires and stays silent in some test, every recording rule has
#     a value, every ratio a zero denominator), amtool check-config and the routes;
#  2. a real Alertmanager (Debian's prometheus-alertmanager) fed alerts through its API: KPI
#     alerts route to cchc and exporter alerts to it, and a stale exporter or a source that is
#     down silences exactly the KPI alerts it should;
#  3. the built exporter on a small demo database (with the example configuration's
#     declarations) and a real Prometheus scraping it every second with the kit's rules loaded;
#     scripts/dashboard-queries.py then checks every dashboard's structure, runs every panel's
#     PromQL with its variables substituted, fetches the snapshot links, and checks that every
#     recording rule has series and every rule evaluates. Before they start, snapshots of four
#     quarters are exported as OpenMetrics and backfilled into Prometheus's data folder with
#     promtool (the data of the trends dashboard); scripts/trends_check.py compares the series
#     read back with `report --format json`.
# Everything listens on free 127.0.0.1 ports with temporary storage, and is stopped here.
# Usage: scripts/monitoring-test.sh PATH/TO/egov-exporter
set -uo pipefail
bin=$(realpath "$1")
suite=monitoring
here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
. "$here/lib.sh"
prom_config=$repo/config/prometheus/prometheus.yml
rules=("$repo"/config/prometheus/rules/*.yml)
rule_tests=("$repo"/config/prometheus/tests/*.yml)
am_config=$repo/config/alertmanager/alertmanager.yml
dashboards=("$repo"/dashboards/*.json)

# quiet COMMAND...: runs it; on failure, shows the end of its output, indented.
quiet() {
  "$@" >"$work/out" 2>&1 && return 0
  local rc=$?; tail -n 40 "$work/out" | sed 's/^/    /'; return $rc
}
# checks_from SCRIPT ARGS...: runs a Python check script and counts each
# `NAME<TAB>EXPECTED<TAB>ACTUAL` line it prints through check, plus one check that it completed.
checks_from() {
  local name expected actual rc
  python3 "$here/$1" "${@:2}" >"$work/checks.tsv" 2>"$work/checks.err"; rc=$?
  while IFS=$'\t' read -r name expected actual; do check "$name" "$expected" "$actual"; done <"$work/checks.tsv"
  [ "$rc" -eq 0 ] || sed 's/^/    /' "$work/checks.err"
  check "$1 ran to the end" 0 "$rc"
}

# 1. Static checks and rule unit tests.
quiet promtool check config "$prom_config"
check "promtool check config config/prometheus/prometheus.yml (with its rule files)" 0 "$?"
quiet promtool check rules --lint=all --lint-fatal "${rules[@]}"
check "promtool check rules --lint=all (egov-recording.yml, egov-alerts.yml)" 0 "$?"
for t in "${rule_tests[@]}"; do
  quiet promtool test rules "$t"
  check "promtool test rules ${t#"$repo"/}" 0 "$?"
done
checks_from rule_coverage.py --rules "${rules[@]}" --tests "${rule_tests[@]}"
check "the example's scrape job is egov (the job the alerts select)" 1 \
  "$(grep -c '^ *- job_name: egov$' "$prom_config")"
quiet amtool check-config "$am_config"
check "amtool check-config config/alertmanager/alertmanager.yml" 0 "$?"
route() { amtool config routes test --config.file="$am_config" "$@" 2>/dev/null; }
check "route: a KPI alert goes to cchc" cchc "$(route alertname=EGovOnTimeRateLow team=cchc category=kpi)"
check "route: an exporter alert goes to it" it "$(route alertname=EGovExporterDown team=it category=exporter)"
check "route: an alert without a team goes to it" it "$(route alertname=Other)"

# 2. A real Alertmanager: routing and inhibition of alerts posted through its API. The webhook
# receivers point at a closed local port (nothing is delivered within the test anyway).
am_port=$(free_port)
am=http://127.0.0.1:$am_port
sed "s|http://127.0.0.1:5001/|http://127.0.0.1:$(free_port)/|" "$am_config" >"$work/alertmanager.yml"
prometheus-alertmanager --config.file="$work/alertmanager.yml" --storage.path="$work/am" \
  --web.listen-address="127.0.0.1:$am_port" --cluster.listen-address= 2>"$work/alertmanager.log" &
pids+=($!)
am_ready() { curl -sf --max-time 2 "$am/-/ready" >/dev/null; }
wait_for 30 am_ready
check "Alertmanager ready within 30 s" 0 "$?"
kpi='"team":"cchc","category":"kpi","severity":"warning"'
exporter='"team":"it","category":"exporter","severity":"warning"'
curl -s --max-time 5 -H 'Content-Type: application/json' "$am/api/v2/alerts" -d "[
  {\"labels\":{\"alertname\":\"EGovDataStale\",\"job\":\"egov\",\"instance\":\"a:8466\",$exporter}},
  {\"labels\":{\"alertname\":\"EGovOnTimeRateLow\",\"job\":\"egov\",\"instance\":\"a:8466\",\"unit\":\"05587\",\"source\":\"dossiers\",$kpi}},
  {\"labels\":{\"alertname\":\"EGovSourceDown\",\"job\":\"egov\",\"instance\":\"b:8466\",\"source\":\"documents\",$exporter}},
  {\"labels\":{\"alertname\":\"EGovSignedShareLow\",\"job\":\"egov\",\"instance\":\"b:8466\",\"unit\":\"05587\",\"source\":\"documents\",$kpi}},
  {\"labels\":{\"alertname\":\"EGovOnTimeRateLow\",\"job\":\"egov\",\"instance\":\"b:8466\",\"unit\":\"05587\",\"source\":\"dossiers\",$kpi}},
  {\"labels\":{\"alertname\":\"EGovExporterDown\",\"job\":\"egov\",\"instance\":\"c:8466\",\"team\":\"it\",\"category\":\"exporter\",\"severity\":\"critical\"}},
  {\"labels\":{\"alertname\":\"EGovSourceDown\",\"job\":\"egov\",\"instance\":\"c:8466\",\"source\":\"dossiers\",$exporter}},
  {\"labels\":{\"alertname\":\"EGovOverdueDossiers\",\"job\":\"egov\",\"instance\":\"c:8466\",\"unit\":\"164\",\"source\":\"dossiers\",$kpi}}
]" >/dev/null
# alert_state NAME INSTANCE: "state receivers" of that alert, e.g. "suppressed cchc".
alert_state() {
  curl -s --max-time 5 "$am/api/v2/alerts" | python3 -c '
import json, sys
name, instance = sys.argv[1:]
for a in json.load(sys.stdin):
    if a["labels"]["alertname"] == name and a["labels"]["instance"] == instance:
        print(a["status"]["state"], ",".join(r["name"] for r in a["receivers"]))
        break
else:
    print("absent")' "$1" "$2"
}
all_posted() { [ "$(alert_state EGovOverdueDossiers c:8466)" == "suppressed cchc" ]; }
wait_for 10 all_posted
check "inhibition: EGovDataStale (a) silences a's KPI alert" "suppressed cchc" "$(alert_state EGovOnTimeRateLow a:8466)"
check "inhibition: the stale-data alert itself notifies IT" "active it" "$(alert_state EGovDataStale a:8466)"
check "inhibition: EGovSourceDown documents (b) silences b's documents KPI" "suppressed cchc" "$(alert_state EGovSignedShareLow b:8466)"
check "inhibition: ... but not b's dossiers KPI" "active cchc" "$(alert_state EGovOnTimeRateLow b:8466)"
check "inhibition: EGovSourceDown notifies IT" "active it" "$(alert_state EGovSourceDown b:8466)"
check "inhibition: EGovExporterDown (c) silences c's source alert" "suppressed it" "$(alert_state EGovSourceDown c:8466)"
check "inhibition: EGovExporterDown (c) silences c's KPI alert" "suppressed cchc" "$(alert_state EGovOverdueDossiers c:8466)"
check "inhibition: EGovExporterDown notifies IT" "active it" "$(alert_state EGovExporterDown c:8466)"

# 3. The exporter on a small demo database, and Prometheus with the kit's rules. The exporter
# runs in $work so that anything it writes by default stays there; its state (snapshots) too.
db=$work/demo.sqlite
"$bin" demo "$db" --scale small >/dev/null || { echo "monitoring: cannot create the demo database"; finish; }
# Quarterly trends: snapshots of every unit for the four quarters of last year (closed, with
# demo records, and inside the trends dashboard's default 5-year window whatever the year), in
# the exporter's state database, exported as OpenMetrics and turned by promtool into blocks in
# the data folder of the Prometheus started below (with a retention long enough for their
# timestamps). The trends dashboard reads them; trends_check.py compares them with `report`.
year=$(($(TZ=Asia/Ho_Chi_Minh date +%Y) - 1))
trend_periods=("$year-Q1" "$year-Q2" "$year-Q3" "$year-Q4")
egov=(--config "$repo/config/egov-exporter.yml" --db "$db")
for p in "${trend_periods[@]}"; do
  quiet "$bin" snapshot take "${egov[@]}" --state "$work/state.sqlite" --all --period "$p"
  check "trends: snapshot take --all --period $p" 0 "$?"
done
quiet "$bin" snapshot export "${egov[@]}" --state "$work/state.sqlite" --all --format openmetrics -o "$work/trends.om"
check "trends: snapshot export --all --format openmetrics -o FILE" 0 "$?"
check "trends: the export ends with its only # EOF" "1|# EOF" "$(grep -c '^# EOF$' "$work/trends.om")|$(tail -n 1 "$work/trends.om")"
check "trends: families in name order" "$(grep '^# TYPE' "$work/trends.om" | sort)" "$(grep '^# TYPE' "$work/trends.om")"
# A sample is `SERIES VALUE TIMESTAMP` (a unit's name may hold spaces: the series is the rest).
check "trends: no series twice" "" "$(grep -v '^#' "$work/trends.om" | sed -E 's/ [^ ]+ [^ ]+$//' | sort | uniq -d | head -n 3)"
check "trends: timestamps in whole seconds" "" "$(grep -v '^#' "$work/trends.om" | grep -Ev ' [0-9]{10}$' | head -n 3)"
quiet promtool tsdb create-blocks-from openmetrics "$work/trends.om" "$work/tsdb"
check "trends: promtool tsdb create-blocks-from openmetrics into Prometheus's data folder" 0 "$?"
snapshots=$("$bin" snapshot list "${egov[@]}" --state "$work/state.sqlite" | tail -n +2 | wc -l)

exporter_port=$(free_port)
exporter=http://127.0.0.1:$exporter_port
(cd "$work" && exec "$bin" serve --config "$repo/config/egov-exporter.yml" --db "$db" \
  --listen "127.0.0.1:$exporter_port" --refresh-interval 5 --state "$work/state.sqlite") 2>"$work/exporter.log" &
pids+=($!)
exporter_ready() { [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$exporter/readyz")" == 200 ]; }
wait_for 60 exporter_ready
check "exporter ready within 60 s" 0 "$?"

# The example configuration, made fast and local: scrape and evaluate every second, the
# exporter and Alertmanager above as targets, the rule files by absolute path.
prom_port=$(free_port)
prom=http://127.0.0.1:$prom_port
sed -e 's/^\( *\)scrape_interval: .*/\1scrape_interval: 1s/' \
    -e 's/^\( *\)scrape_timeout: .*/\1scrape_timeout: 1s/' \
    -e 's/^\( *\)evaluation_interval: .*/\1evaluation_interval: 1s/' \
    -e "s|- targets: \['localhost:8466'\]|- targets: ['127.0.0.1:$exporter_port']|" \
    -e "s|- targets: \['localhost:9093'\]|- targets: ['127.0.0.1:$am_port']|" \
    -e "s|^  - rules/|  - $repo/config/prometheus/rules/|" \
    "$prom_config" >"$work/prometheus.yml"
check "test configuration derived from the example (2 targets, 2 rule files)" 4 \
  "$(grep -c -e "- targets: \['127.0.0.1:" -e "^  - $repo/config/prometheus/rules/" "$work/prometheus.yml")"
prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/tsdb" \
  --storage.tsdb.retention.time=10y --web.listen-address="127.0.0.1:$prom_port" 2>"$work/prometheus.log" &
pids+=($!)
# scalar QUERY: the value of a one-number instant query ("" when there is none).
scalar() {
  curl -s --max-time 5 -G "$prom/api/v1/query" --data-urlencode "query=$1" |
    python3 -c 'import json, sys; r = json.load(sys.stdin)["data"]["result"]; print(r[0]["value"][1] if r else "")' 2>/dev/null
}
# Five scrapes, and three evaluations of a rule that reads another rule's results.
scraped() { [ "$(scalar 'count_over_time(up{job="egov"}[5m])')" -ge 5 ] 2>/dev/null; }
wait_for 60 scraped
check "Prometheus scraped the exporter 5 times within 60 s" 0 "$?"
evaluated() { [ "$(scalar 'count_over_time(level_period:egov_dossiers_resolved:sum{level="commune",period="current_quarter"}[5m])')" -ge 3 ] 2>/dev/null; }
wait_for 30 evaluated
check "Prometheus evaluated the recording rules 3 times within 30 s" 0 "$?"
[ "$failed" -eq 0 ] || { tail -n 5 "$work/prometheus.log" "$work/exporter.log"; finish; }

check "trends: Prometheus holds one egov_snapshot_info per stored snapshot" "$snapshots" \
  "$(scalar 'count(last_over_time(egov_snapshot_info[10y]))')"
checks_from trends_check.py --prometheus "$prom" --bin "$bin" --periods "${trend_periods[@]}" \
  --units 05587 164 19 -- --db "$db" --profile nd09 --time-zone Asia/Ho_Chi_Minh  # the example configuration's
checks_from dashboard-queries.py --prometheus "$prom" --exporter "$exporter" \
  --rules "${rules[@]}" --dashboards "${dashboards[@]}"
# A healthy exporter raises none of the IT alerts (none even pending).
check "no exporter alert pending or firing on a healthy exporter" "" \
  "$(scalar 'count(ALERTS{team="it"})')"

finish

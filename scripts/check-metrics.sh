#!/usr/bin/env bash
# Checks the exposition and the deployment files with the tools that will read them:
# promtool on the text format, the OpenMetrics framing, check-config on the example
# configuration, systemd-analyze on the unit file.
# Usage: scripts/check-metrics.sh PATH/TO/egov-exporter
set -uo pipefail
bin=$(realpath "$1")
cd "$(dirname "$0")/.."
suite=check
. scripts/lib.sh

db=$work/demo.sqlite
as_of=2026-11-29T12:00:00+07:00
"$bin" demo "$db" --scale small --until 2026-11-29 >/dev/null || { echo "check: cannot create the demo database"; exit 1; }

"$bin" metrics --db "$db" --as-of "$as_of" >"$work/metrics.txt"
check "metrics (text) exits 0" 0 "$?"
out=$(promtool check metrics <"$work/metrics.txt" 2>&1)
check "promtool check metrics: exit 0, nothing printed" "0|" "$?|$out"
check "text: refresh failures counter" 1 "$(grep -cx '# TYPE egov_refresh_failures_total counter' "$work/metrics.txt")"

"$bin" metrics --db "$db" --as-of "$as_of" --format openmetrics >"$work/metrics.om"
check "metrics (openmetrics) exits 0" 0 "$?"
check "openmetrics ends with # EOF" "# EOF" "$(tail -n 1 "$work/metrics.om")"
check "openmetrics: refresh failures counter" "# TYPE egov_refresh_failures counter|egov_refresh_failures_total 0" \
  "$(grep -x '# TYPE egov_refresh_failures counter' "$work/metrics.om")|$(grep '^egov_refresh_failures_total ' "$work/metrics.om")"

out=$("$bin" check-config --config config/egov-exporter.yml 2>&1)
check "check-config accepts config/egov-exporter.yml" 0 "$?"

# The unit file names /usr/local/bin/egov-exporter, which verify wants to exist: verify a copy
# that names the built binary instead.
sed "s#/usr/local/bin/egov-exporter#$bin#g" config/egov-exporter.service >"$work/egov-exporter.service"
out=$(systemd-analyze verify "$work/egov-exporter.service" 2>&1)
check "systemd-analyze verify config/egov-exporter.service: exit 0, nothing printed" "0|" "$?|$out"

finish

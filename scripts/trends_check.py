#!/usr/bin/env python3
"""Checks the quarterly trends backfilled into Prometheus against the exporter's own report.

Usage: trends_check.py --prometheus URL --bin EGOV-EXPORTER --periods ID... --units CODE... -- REPORT-ARGS...

For every unit and period: `egov-exporter report REPORT-ARGS --unit U --period P --format json`
gives the figures; Prometheus, queried at the end of the period's last day (23:59:59 in the
report's zone, +07:00), must hold exactly the same numbers in `egov_snapshot_figure{unit,
period_id}` (one series per numeric key; none for a null rate) and one `egov_snapshot_info`
with the unit's name. Prints one check per line, `NAME<TAB>EXPECTED<TAB>ACTUAL`.
Python standard library only.
"""
import argparse
import datetime
import json
import subprocess
import urllib.parse
import urllib.request


def out(name, expected, actual):
    print(f"{name}\t{expected}\t{actual}", flush=True)


def query(prom, expr, at):
    url = f"{prom.rstrip('/')}/api/v1/query?" + urllib.parse.urlencode({"query": expr, "time": at})
    with urllib.request.urlopen(url, timeout=10) as r:
        body = json.load(r)
    return body["data"]["result"]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--prometheus", required=True)
    ap.add_argument("--bin", required=True)
    ap.add_argument("--periods", nargs="+", required=True)
    ap.add_argument("--units", nargs="+", required=True)
    ap.add_argument("report_args", nargs="*")
    a = ap.parse_args()
    for period in a.periods:
        for unit in a.units:
            report = json.loads(subprocess.check_output(
                [a.bin, "report", *a.report_args, "--unit", unit, "--period", period, "--format", "json"]))
            last = datetime.date.fromisoformat(report["last_day"])
            end = datetime.datetime.combine(last, datetime.time(23, 59, 59), datetime.timezone(datetime.timedelta(hours=7)))
            at = int(end.timestamp())
            expected = {k: float(v) for k, v in report.items()
                        if isinstance(v, (int, float)) and not isinstance(v, bool)}
            got = {s["metric"]["figure"]: float(s["value"][1])
                   for s in query(a.prometheus, f'egov_snapshot_figure{{unit="{unit}", period_id="{period}"}}', at)}
            diff = sorted(k for k in expected.keys() | got.keys() if expected.get(k) != got.get(k))
            label = f"trends: {unit} {period} at {end.isoformat()}"
            out(f"{label}: every figure of report --format json, exactly", f"{len(expected)} equal, 0 different",
                f"{len(expected) - len([k for k in diff if k in expected])} equal, {len(diff)} different"
                + (f" ({', '.join(f'{k}: report {expected.get(k)} prometheus {got.get(k)}' for k in diff[:5])})" if diff else ""))
            nulls = sorted(k for k, v in report.items() if v is None)
            out(f"{label}: no series for the null figures {nulls}", "0", str(len([k for k in nulls if k in got])))
            info = query(a.prometheus, f'egov_snapshot_info{{unit="{unit}", period_id="{period}"}}', at)
            out(f"{label}: egov_snapshot_info names the unit", report["unit_name"],
                " + ".join(s["metric"].get("name", "") for s in info) or "none")
            # One second later the period's sample is still the last one; one second before, the
            # sample does not exist yet: the timestamp is the end of the last day, not its start.
            before = query(a.prometheus, f'egov_snapshot_figure{{unit="{unit}", period_id="{period}"}}', at - 1)
            out(f"{label}: no sample before the end of the last day", "0", str(len(before)))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Checks that the promtool unit tests cover every rule of the rule files.

Usage: rule_coverage.py --rules RULES.yml... --tests TESTS.yml...

Every alert needs a test where it fires (`exp_alerts:` with items) and one where it does not
(`exp_alerts: []`). Every recording rule needs a `promql_expr_test` whose `expr` starts with its
name and expects samples; a ratio (`...:ratio`) also one expecting none (its zero denominator).
The files are read line by line in the layout config/prometheus/tests uses (no YAML library in
the Python standard library): `alertname:` / `expr:` followed by `exp_alerts:` / `exp_samples:`.

Prints one check per line, `NAME<TAB>EXPECTED<TAB>ACTUAL`, for scripts/monitoring-test.sh to count.
"""
import argparse
import re

def rules(paths):
    records, alerts = [], []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for line in f:
                m = re.match(r"\s*-\s*(record|alert):\s*(\S+)", line)
                if m:
                    (records if m.group(1) == "record" else alerts).append(m.group(2))
    return records, alerts


def tests(paths):
    """{alert: {"firing", "not firing"}}, {expr head: {"samples", "none"}}"""
    alerts, exprs = {}, {}
    for path in paths:
        with open(path, encoding="utf-8") as f:
            lines = [l.rstrip("\n") for l in f if not l.lstrip().startswith("#")]
        subject = None
        for i, line in enumerate(lines):
            m = re.match(r"\s*-?\s*alertname:\s*(\S+)\s*$", line)
            if m:
                subject = ("alert", m.group(1))
                continue
            m = re.match(r"\s*-?\s*expr:\s*['\"]?([a-zA-Z_:][a-zA-Z0-9_:]*)", line)
            if m:
                subject = ("expr", m.group(1))
                continue
            m = re.match(r"\s*(exp_alerts|exp_samples):\s*(\[\])?\s*$", line)
            if m and subject:
                nxt = next((l for l in lines[i + 1:] if l.strip()), "")
                has_items = m.group(2) is None and nxt.lstrip().startswith("-")
                if subject[0] == "alert" and m.group(1) == "exp_alerts":
                    alerts.setdefault(subject[1], set()).add("firing" if has_items else "not firing")
                elif subject[0] == "expr" and m.group(1) == "exp_samples":
                    exprs.setdefault(subject[1], set()).add("samples" if has_items else "none")
                subject = None
    return alerts, exprs


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rules", nargs="+", required=True)
    ap.add_argument("--tests", nargs="+", required=True)
    a = ap.parse_args()
    records, alert_names = rules(a.rules)
    tested_alerts, tested_exprs = tests(a.tests)
    for name in alert_names:
        got = tested_alerts.get(name, set())
        for case in ("firing", "not firing"):
            print(f"unit test of alert {name}: {case}\tyes\t{'yes' if case in got else 'no'}")
    for name in records:
        got = tested_exprs.get(name, set())
        print(f"unit test of recording rule {name}: value\tyes\t{'yes' if 'samples' in got else 'no'}")
        if name.endswith(":ratio"):
            print(f"unit test of recording rule {name}: zero denominator or gap\tyes\t{'yes' if 'none' in got else 'no'}")


if __name__ == "__main__":
    main()

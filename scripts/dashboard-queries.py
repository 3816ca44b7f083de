#!/usr/bin/env python3
"""Tests the Grafana dashboards and the recording rules without Grafana, against a real Prometheus.

Usage: dashboard-queries.py --prometheus URL [--exporter URL] --dashboards DASHBOARD.json... [--rules RULES.yml...]

For every dashboard: its structure (fixed uid, title, no __inputs, a Prometheus datasource
variable; every panel has the datasource variable, targets, a unit and a description; links to
other dashboards point at the kit's uids); every template variable's query returns options; every
target's PromQL, with the variables substituted as Grafana would, parses and returns data through
/api/v1/query, and through /api/v1/query_range when the target is a range query (timeseries).
The unit dashboard is evaluated for a commune and for a district: a row that does not apply to
one (7.6.1 of a commune) must return data for the other. In the first week of a quarter, a
current-quarter query may be empty (nothing resolved yet): that is tolerated, and said in the
check's name. The snapshot download links are fetched
from the exporter. Then every recording rule of the rule files has series, and every rule
evaluates without error.

Prints one check per line, `NAME<TAB>EXPECTED<TAB>ACTUAL`, for scripts/monitoring-test.sh to count.
Python standard library only.
"""
import argparse
import datetime
import json
import re
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from rule_coverage import rules  # the same rule-name reader the coverage check uses

DATASOURCE = {"type": "prometheus", "uid": "${datasource}"}
# The file each fixed uid lives in.
UIDS = {"egov-province-overview.json": "egov-province",
        "egov-unit-detail.json": "egov-unit",
        "egov-exporter-health.json": "egov-exporter",
        "egov-trends.json": "egov-trends"}
# Variable values tried, per dashboard uid (the demo database's units): xã Bình Yên, then its
# district. Variables not named here take their saved default, or the first option.
SCENARIOS = {"egov-unit": [{"level": "commune", "unit": "05587"},
                           {"level": "district", "unit": "164"}]}
# Grafana's own variables, with values that make sense for a test lasting a few seconds.
BUILTINS = {"__rate_interval": "1m", "__interval": "15s", "__interval_ms": "15000",
            "__range": "5m", "__range_s": "300", "__range_ms": "300000"}
UNITS = {"percentunit", "percent", "short", "none", "s", "ms", "dateTimeFromNow",
         "dateTimeAsIso", "bytes", "locale"}
PANEL_TYPES = {"stat", "timeseries", "table", "bargauge", "gauge", "piechart", "barchart",
               "state-timeline", "status-history", "heatmap"}


def out(name, expected, actual):
    """One check line (tabs and newlines in values would break the format)."""
    clean = lambda s: re.sub(r"\s+", " ", str(s)).strip()
    print(f"{clean(name)}\t{clean(expected)}\t{clean(actual)}", flush=True)


class Prometheus:
    def __init__(self, url):
        self.url = url.rstrip("/")

    def call(self, path, params, method="POST"):
        data = urllib.parse.urlencode(params, doseq=True)
        req = (urllib.request.Request(self.url + path, data=data.encode(), method="POST") if method == "POST"
               else urllib.request.Request(f"{self.url}{path}?{data}"))
        try:
            with urllib.request.urlopen(req, timeout=10) as r:
                body = json.load(r)
        except urllib.error.HTTPError as e:
            try:
                body = json.load(e)
            except Exception:
                return None, f"HTTP {e.code}"
        except Exception as e:  # connection refused, timeout
            return None, str(e)
        if body.get("status") != "success":
            return None, f'{body.get("errorType")}: {body.get("error")}'
        return body["data"], None

    def query(self, expr):
        return self.call("/api/v1/query", {"query": expr})

    def query_range(self, expr, seconds=120, step=5):
        now = time.time()
        return self.call("/api/v1/query_range",
                         {"query": expr, "start": now - seconds, "end": now, "step": step})

    def series(self, match):
        return self.call("/api/v1/series", {"match[]": match, "start": time.time() - 3600})

    def label_values(self, label):
        return self.call(f"/api/v1/label/{label}/values", {}, method="GET")


# ------------------------------------------------------------------ template variables

VAR = re.compile(r"\$(\w+)|\$\{([\w.]+)(?::(\w+))?\}|\[\[(\w+)(?::(\w+))?\]\]")


def regex_escape(value):
    return re.sub(r"([\\^$.|?*+()\[\]{}])", r"\\\1", value)


def interpolate(text, chosen):
    """Substitutes $var, ${var}, ${var:format} and [[var]] as Grafana does for Prometheus."""
    def sub(m):
        name = m.group(1) or m.group(2) or m.group(4)
        fmt = m.group(3) or m.group(5)
        if name in BUILTINS:
            return BUILTINS[name]
        if name not in chosen:
            return m.group(0)
        v = chosen[name]
        if fmt == "text":
            return v["text"]
        if fmt == "queryparam":
            return urllib.parse.urlencode({f"var-{name}": v["raw"]})
        if v.get("all") is not None:
            return v["all"]
        values = v["values"]
        if len(values) == 1 and fmt not in ("regex", "pipe"):
            return values[0]
        return "|".join(regex_escape(x) for x in values) if fmt != "pipe" else "|".join(values)
    return VAR.sub(sub, text)


def js_regex(pattern):
    """A Grafana variable regex (/.../flags, JavaScript named groups) as a Python regex."""
    m = re.fullmatch(r"/(.*)/([a-z]*)", pattern, re.S)
    body, flags = (m.group(1), m.group(2)) if m else (pattern, "")
    body = body.replace("(?<", "(?P<").replace("(?P<=", "(?<=").replace("(?P<!", "(?<!")
    return re.compile(body, re.I if "i" in flags else 0)


def variable_options(prom, var, chosen):
    """[(text, value)] of a query variable, evaluated as Grafana would; or an error string."""
    q = var.get("query")
    q = q.get("query", "") if isinstance(q, dict) else (q or var.get("definition", ""))
    q = interpolate(q, chosen)
    raw = []
    m = re.fullmatch(r"\s*label_values\((.*),\s*(\w+)\s*\)\s*", q, re.S)
    m1 = re.fullmatch(r"\s*label_values\(\s*(\w+)\s*\)\s*", q)
    m2 = re.fullmatch(r"\s*query_result\((.*)\)\s*", q, re.S)
    if m:
        data, err = prom.series(m.group(1))
        if err:
            return f"{q}: {err}"
        raw = sorted({s[m.group(2)] for s in data if m.group(2) in s})
    elif m1:
        data, err = prom.label_values(m1.group(1))
        if err:
            return f"{q}: {err}"
        raw = sorted(data)
    elif m2:
        data, err = prom.query(m2.group(1))
        if err:
            return f"{q}: {err}"
        for s in data["result"]:
            labels = dict(s["metric"])
            name = labels.pop("__name__", "")
            inner = ", ".join(f'{k}="{v}"' for k, v in labels.items())
            raw.append(f'{name}{{{inner}}} {s["value"][1]} {int(s["value"][0] * 1000)}')
    else:
        return f"unsupported variable query {q!r}"
    options = []
    rx = js_regex(var["regex"]) if var.get("regex") else None
    for r in raw:
        if rx is None:
            options.append((r, r))
            continue
        mm = rx.search(r)
        if not mm:
            continue
        groups = mm.groupdict()
        if "value" in groups or "text" in groups:
            value = groups.get("value") or groups.get("text")
            options.append((groups.get("text") or value, value))
        else:
            value = mm.group(1) if mm.groups() else mm.group(0)
            options.append((value, value))
    seen, unique = set(), []
    for o in options:
        if o[1] not in seen:
            seen.add(o[1])
            unique.append(o)
    return unique


def choose(var, options, prefs):
    """The value a viewer would see: the scenario's preference, the saved value, or the first."""
    name = var["name"]
    values = [v for _, v in options]
    if name in prefs and prefs[name] in values:
        i = values.index(prefs[name])
        return {"values": [values[i]], "text": options[i][0], "raw": values[i]}
    current = (var.get("current") or {}).get("value")
    current = current if isinstance(current, list) else [current] if current else []
    if var.get("includeAll") and "$__all" in current:
        all_value = var.get("allValue") or "|".join(regex_escape(v) for v in values)
        return {"values": values, "text": "All", "raw": "$__all", "all": all_value}
    picked = [v for v in current if v in values]
    if picked:
        texts = [t for t, v in options if v in picked]
        return {"values": picked, "text": " + ".join(texts), "raw": picked[0]}
    return {"values": [values[0]], "text": options[0][0], "raw": values[0]}


def custom_options(query):
    """The options of a custom variable's query as Grafana splits it: on commas, except an
    escaped one (`Sở\\, ngành : department` is one option)."""
    return [o.replace("\\,", ",") for o in re.findall(r"(?:\\,|[^,])+", query) if o.strip()]


def resolve_variables(prom, dash, prefs, label):
    """Chosen values of every variable, in order (a variable may use the ones before it)."""
    chosen, problems = {}, []
    for var in dash.get("templating", {}).get("list", []):
        name, kind = var.get("name"), var.get("type")
        if kind == "datasource":
            chosen[name] = {"values": ["egov-prometheus"], "text": "Prometheus egov", "raw": "egov-prometheus"}
        elif kind == "custom":
            options = [tuple(x.strip() for x in o.split(" : ", 1)) if " : " in o else (o.strip(), o.strip())
                       for o in custom_options(var.get("query", ""))]
            chosen[name] = choose(var, options, prefs)
        elif kind in ("constant", "textbox"):
            v = var.get("query", "")
            chosen[name] = {"values": [v], "text": v, "raw": v}
        elif kind == "query":
            options = variable_options(prom, var, chosen)
            ok = isinstance(options, list) and len(options) > 0
            out(f"{label}: variable ${name} has options", "yes",
                "yes" if ok else options if isinstance(options, str) else "none")
            if ok:
                chosen[name] = choose(var, options, prefs)
            else:
                problems.append(name)
        else:
            out(f"{label}: variable ${name} type", "query, custom, constant, textbox or datasource", kind)
    return chosen, problems


# ------------------------------------------------------------------ structure

def panels_of(dash):
    """Every panel, including those inside collapsed rows."""
    for p in dash.get("panels", []):
        yield p
        for q in p.get("panels", []) or []:
            yield q


def check_structure(path, dash, uids):
    name = path.rsplit("/", 1)[-1]
    label = dash.get("title") or name
    out(f"{name}: uid", UIDS.get(name, "a fixed uid"), dash.get("uid") if name in UIDS else
        ("a fixed uid" if dash.get("uid") else "none"))
    out(f"{name}: title", "set", "set" if dash.get("title") else "missing")
    out(f"{name}: provisioning-ready (no __inputs, id null, schemaVersion >= 36)", "yes",
        "yes" if "__inputs" not in dash and dash.get("id") is None and dash.get("schemaVersion", 0) >= 36
        else f'__inputs={"__inputs" in dash} id={dash.get("id")} schemaVersion={dash.get("schemaVersion")}')
    variables = {v.get("name"): v for v in dash.get("templating", {}).get("list", [])}
    ds = variables.get("datasource", {})
    out(f"{name}: datasource variable of type datasource, query prometheus", "yes",
        "yes" if ds.get("type") == "datasource" and ds.get("query") == "prometheus" else "no")
    check_words(name, dash)
    ids = [p.get("id") for p in panels_of(dash)]
    out(f"{name}: panel ids unique", "yes", "yes" if len(ids) == len(set(ids)) else f"duplicates in {ids}")
    # The query checks are named and merged by panel title: two panels with one title would
    # hide each other's results.
    titles = [p.get("title") for p in panels_of(dash) if p.get("type") != "row"]
    out(f"{name}: panel titles unique", "yes",
        "yes" if len(titles) == len(set(titles)) else f"duplicates {sorted({t for t in titles if titles.count(t) > 1})}")
    for p in panels_of(dash):
        if p.get("type") == "row":
            continue
        title = p.get("title") or f'panel {p.get("id")}'
        problems = []
        if p.get("type") not in PANEL_TYPES:
            problems.append(f'type {p.get("type")}')
        if p.get("datasource") != DATASOURCE:
            problems.append(f'datasource {p.get("datasource")}')
        if not (p.get("description") or "").strip():
            problems.append("no description")
        unit = p.get("fieldConfig", {}).get("defaults", {}).get("unit")
        if unit not in UNITS:
            problems.append(f"unit {unit!r}")
        targets = p.get("targets") or []
        if not targets:
            problems.append("no targets")
        refids = [t.get("refId") for t in targets]
        if len(refids) != len(set(refids)):
            problems.append("duplicate refId")
        for t in targets:
            if not (t.get("expr") or "").strip():
                problems.append(f'target {t.get("refId")} without expr')
            if t.get("datasource", DATASOURCE) != DATASOURCE:
                problems.append(f'target {t.get("refId")} datasource {t.get("datasource")}')
        for link in links_of(p):
            m = re.match(r"/d/([\w-]+)", link.get("url", ""))
            if m and m.group(1) not in uids:
                problems.append(f"link to unknown dashboard {m.group(1)}")
        out(f"{label} / {title}: structure", "ok", "; ".join(problems) or "ok")
    return label


# The exporter's label values a reader must never see: each level and period has a Vietnamese
# name (Xã, Huyện, Tỉnh, Sở, ngành; Quý này, Quý trước, Năm nay, 30 ngày qua).
CODES = {"commune": "Xã", "district": "Huyện", "province": "Tỉnh", "department": "Sở, ngành",
         "current_quarter": "Quý này", "previous_quarter": "Quý trước", "current_year": "Năm nay",
         "last_30_days": "30 ngày qua"}
CODE_WORD = re.compile(r"\b(" + "|".join(CODES) + r")\b")


def check_words(name, dash):
    """Titles and variable texts are in Vietnamese: no level or period code, no `$level` or
    `$period` without `:text`; a table that shows a `level` or `period` column maps every code to
    its Vietnamese name; a legend `{{level}}` renames every level."""
    problems = []
    for v in dash.get("templating", {}).get("list", []):
        texts = [v.get("label") or ""] + [o.get("text") for o in v.get("options", []) if isinstance(o.get("text"), str)]
        if v.get("type") == "custom":
            texts += [o.split(" : ", 1)[0] for o in custom_options(v.get("query", ""))]
        for t in texts:
            if CODE_WORD.search(t):
                problems.append(f"variable {v.get('name')} shows {t!r}")
    for p in panels_of(dash):
        title = p.get("title") or ""
        if CODE_WORD.search(title) or re.search(r"\$(level|period)\b|\$\{(level|period)\}", title):
            problems.append(f"title {title!r}")
        if p.get("type") == "table":
            maps = {}
            for m in p.get("fieldConfig", {}).get("defaults", {}).get("mappings", []) or []:
                maps.update({k: o.get("text") for k, o in (m.get("options") or {}).items()} if m.get("type") == "value" else {})
            wrong = {c: maps.get(c) for c, vi in CODES.items() if maps.get(c) != vi}
            if wrong:
                problems.append(f"table {title!r} does not map {sorted(wrong)}")
        if any("{{level}}" in (t.get("legendFormat") or "") for t in p.get("targets") or []):
            renamed = {o["matcher"].get("options") for o in p.get("fieldConfig", {}).get("overrides", [])
                       if o.get("matcher", {}).get("id") == "byName"
                       and any(pr.get("id") == "displayName" for pr in o.get("properties", []))}
            missing = [c for c in ("commune", "district", "province", "department") if c not in renamed]
            if missing:
                problems.append(f"legend {{{{level}}}} of {title!r} shows {missing}")
    out(f"{name}: levels and periods shown in Vietnamese", "yes", "; ".join(problems) or "yes")


def links_of(panel):
    fc = panel.get("fieldConfig", {})
    links = list(fc.get("defaults", {}).get("links", []) or []) + list(panel.get("links", []) or [])
    for o in fc.get("overrides", []):
        for prop in o.get("properties", []):
            if prop.get("id") == "links":
                links += prop.get("value") or []
    return links


# ------------------------------------------------------------------ queries

def check_queries(prom, dash, label):
    """Every target must parse in every scenario and return data in at least one. The check is
    named by the target's expression as written in the dashboard (with its variables)."""
    scenarios = SCENARIOS.get(dash.get("uid"), [{}])
    results = {}  # (panel title, refId, kind) -> (expr as written, [(scenario, outcome)])
    chosen_per_scenario = []
    for prefs in scenarios:
        tag = ",".join(f"{k}={v}" for k, v in prefs.items()) or "defaults"
        chosen, problems = resolve_variables(prom, dash, prefs, f"{label} ({tag})")
        chosen_per_scenario.append(chosen)
        for p in panels_of(dash):
            if p.get("type") == "row":
                continue
            for t in p.get("targets") or []:
                written = t.get("expr", "")
                expr = interpolate(written, chosen)
                kinds = (["instant"] if t.get("instant") else []) + (["range"] if t.get("range") else [])
                for kind in kinds or ["instant"]:
                    # `$1` in label_replace is a capture group, not a variable.
                    unresolved = re.findall(r"\$\{?[A-Za-z_]\w*", expr)
                    if unresolved:
                        outcome = f"unresolved {' '.join(unresolved)}"
                    else:
                        data, err = prom.query(expr) if kind == "instant" else prom.query_range(expr)
                        outcome = f"error {err}" if err else "data" if data["result"] else "empty"
                        # A day a reader sees is dd/mm/yyyy (the exporter's labels are ISO).
                        days = {v for r in ([] if err else data["result"]) for k, v in r["metric"].items()
                                if k.endswith("_day") and not re.fullmatch(r"\d{2}/\d{2}/\d{4}", v)}
                        if days and p.get("type") == "table":
                            outcome = f"days not dd/mm/yyyy: {sorted(days)[:3]}"
                    key = (p.get("title"), t.get("refId"), kind)
                    results.setdefault(key, (written, []))[1].append((tag, outcome))
    young = young_quarter(prom)
    for (title, ref, kind), (written, outcomes) in results.items():
        name = f"{label} / {title} / {ref} {kind}: {written}"
        bad = [f"{tag}: {o}" for tag, o in outcomes if o not in ("data", "empty")]
        if not bad and not any(o == "data" for _, o in outcomes):
            if young and ("current_quarter" in written or "$period" in written):
                name += f" (empty: the quarter began on {young}, tolerated in its first week)"
            else:
                bad = [f"{tag}: empty" for tag, _ in outcomes]
        out(name, "data", "; ".join(bad) or "data")
    return chosen_per_scenario


def check_district_filter(prom, dash, label):
    """The province view's district filter, on the ranking table's parent column: with every
    district, one row per commune; with one district, exactly its communes, each showing the
    district's name. The expected rows come from egov_unit_info directly."""
    variables = [v["name"] for v in dash.get("templating", {}).get("list", [])]
    if "district" not in variables:
        return
    targets = [t for p in panels_of(dash) if p.get("type") == "table" for t in p.get("targets") or []
               if "parent_name" in t.get("expr", "")]
    out(f"{label}: a table shows the parent's name", "yes", "yes" if targets else "no")
    data, err = prom.query('egov_unit_info{level="district"}')
    districts = [] if err else sorted((r["metric"]["unit"], r["metric"]["name"]) for r in data["result"])
    for t in targets:
        for code, name in [(None, None)] + districts[:2]:
            chosen, _ = resolve_variables(prom, dash, {"level": "commune", "period": "current_quarter"}, label)
            if code:
                chosen["district"] = {"values": [code], "text": name, "raw": code}
            data, err = prom.query(interpolate(t["expr"], chosen))
            rows = [] if err else [r["metric"] for r in data["result"]]
            want, _ = prom.query(f'egov_unit_info{{level="commune", parent=~"{code or ".*"}"}}')
            want_units = sorted(r["metric"]["unit"] for r in want["result"]) if want else []
            got_units = sorted(r.get("unit", "") for r in rows)
            names = sorted({r.get("parent_name", "") for r in rows})
            out(f"{label}: district filter {name or 'All'}: the communes of egov_unit_info{{parent=~\"{code or '.*'}\"}}",
                " ".join(want_units), " ".join(got_units) if not err else f"error {err}")
            if code:
                out(f"{label}: district filter {name}: each commune shows its district", name, " + ".join(names))


def young_quarter(prom):
    """The first day of the current quarter when it began less than a week ago, else None: a
    quarter a few days old may have no resolved dossier yet, and its ratios no series."""
    data, err = prom.query('egov_reporting_period_info{period="current_quarter"}')
    if err or not data["result"]:
        return None
    first = data["result"][0]["metric"].get("first_day", "")
    today = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=7)).date()  # Asia/Ho_Chi_Minh
    try:
        return first if (today - datetime.date.fromisoformat(first)).days < 7 else None
    except ValueError:
        return None


def check_links(prom, dash, label, chosen_per_scenario, exporter):
    """Fetches the exporter links of the dashboard (snapshot downloads) from the test exporter.
    A data link's ${__data.fields.X} takes label X of the first series its panel's query returns,
    as Grafana does for the row clicked."""
    if not exporter:
        return
    chosen = dict(chosen_per_scenario[0])
    chosen["exporter_url"] = {"values": [exporter], "text": exporter, "raw": exporter}
    links = [(None, link) for link in dash.get("links", [])]
    links += [(p, link) for p in panels_of(dash) for link in links_of(p)]
    for panel, link in links:
        url = link.get("url", "")
        if "${exporter_url}" not in url:
            continue
        where = panel.get("title") if panel else "dashboard links"
        fields = {}
        if panel and "${__data.fields." in url:
            data, err = prom.query(interpolate(panel["targets"][0]["expr"], chosen))
            fields = data["result"][0]["metric"] if data and data["result"] else {}
        url = re.sub(r"\$\{__data\.fields\.(\w+)\}", lambda m: fields.get(m.group(1), "none"), url)
        url = interpolate(url, chosen)
        try:
            with urllib.request.urlopen(url, timeout=10) as r:
                status = r.status
        except urllib.error.HTTPError as e:
            status = e.code
        except Exception as e:
            status = str(e)
        out(f"{label} / {where} / link {link.get('title')}: GET {url}", "200", status)


# ------------------------------------------------------------------ rules

def check_rules(prom, paths):
    records, alerts = rules(paths)
    data, err = prom.call("/api/v1/rules", {}, method="GET")
    loaded = {} if err else {r["name"]: r for g in data["groups"] for r in g["rules"]}
    out("rules: every rule of the rule files loaded by Prometheus", "yes",
        "yes" if set(records + alerts) <= set(loaded) else
        f"missing {sorted(set(records + alerts) - set(loaded))}" if not err else err)
    for name in records:
        data, err = prom.query(name)
        actual = f"error {err}" if err else "data" if data["result"] else "empty"
        out(f"recording rule {name}: series", "data", actual)
    for name in records + alerts:
        rule = loaded.get(name, {})
        health = rule.get("health", "not loaded")
        out(f"rule {name}: evaluates", "ok", health if health == "ok" else f'{health} {rule.get("lastError", "")}')
    # The alerts pending on the demo data (which ones depends on the day): their annotations
    # must expand (the templates query Prometheus) and name the unit.
    data, err = prom.call("/api/v1/alerts", {}, method="GET")
    for a in [] if err else data["alerts"]:
        l, text = a["labels"], " ".join(a["annotations"].values())
        problems = [p for p in ("error expanding template", "<no value>", "%!") if p in text]
        if "unit" in l and l.get("name") not in a["annotations"].get("summary", ""):
            problems.append("summary without the unit's name")
        out(f'alert {l["alertname"]} {l.get("unit", l.get("instance", ""))} ({a["state"]}): annotations expand',
            "ok", "; ".join(problems) or "ok")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--prometheus", required=True)
    ap.add_argument("--exporter", help="base URL of the exporter, for the snapshot links")
    ap.add_argument("--rules", nargs="+", default=[])
    ap.add_argument("--dashboards", nargs="+", required=True)
    a = ap.parse_args()
    prom = Prometheus(a.prometheus)
    dashes = []
    for path in a.dashboards:
        try:
            with open(path, encoding="utf-8") as f:
                dashes.append((path, json.load(f)))
            out(f"{path.rsplit('/', 1)[-1]}: valid JSON", "yes", "yes")
        except Exception as e:
            out(f"{path.rsplit('/', 1)[-1]}: valid JSON", "yes", str(e))
    uids = {d.get("uid") for _, d in dashes}
    out("dashboards: uids unique", "yes", "yes" if len(uids) == len(dashes) else "no")
    for path, dash in dashes:
        label = check_structure(path, dash, uids)
        chosen = check_queries(prom, dash, label)
        check_district_filter(prom, dash, label)
        check_links(prom, dash, label, chosen, a.exporter)
    if a.rules:
        check_rules(prom, a.rules)


if __name__ == "__main__":
    main()

import EGovKPI

/// The exporter's metric families, built from one refresh's immutable result.
public enum EGovMetrics {
    /// Every family: the figures of `result` (none before the first successful refresh, when
    /// `result` is nil) and the exporter's own metrics.
    public static func families(result: RefreshResult?, selfMetrics: SelfMetrics) -> [MetricFamily] {
        lazyFamilies(result: result, selfMetrics: selfMetrics).map { $0.make() }
    }

    /// The same families, the large per-unit, per-period ones made only when rendered, so that a
    /// rendering holds one of them at a time (`Exposition.renderGzip`).
    public static func lazyFamilies(result: RefreshResult?, selfMetrics: SelfMetrics) -> [LazyFamily] {
        var families = selfFamilies(selfMetrics).map(LazyFamily.init)
        guard let result else { return families }
        let note = "Refreshed every \(selfMetrics.refreshIntervalSeconds) seconds."
        // Sorted input makes the rendering's sort a linear check.
        let units = result.tree.preorder.sorted(by: Exposition.precedes)
        let periods = result.periods.sorted { Exposition.precedes($0.label, $1.label) }
        for family in IndicatorCatalogue.metrics {
            families.append(LazyFamily(name: family.name) { family.family(units: units, periods: periods, refreshNote: note) })
        }
        families += memberFamilies(result, units: units, refreshNote: note).map(LazyFamily.init)
        families += [
            declaredFamily(result, units: units, refreshNote: note), unitInfo(result, units: units, refreshNote: note),
            periodInfo(periods, refreshNote: note), invalidRecords(result.invalid, refreshNote: note),
        ].map(LazyFamily.init)
        return families
    }

    /// `egov_declared_status`: rows 7.1-7.4 in force for each unit, where one is declared.
    static func declaredFamily(_ result: RefreshResult, units: [String], refreshNote: String) -> MetricFamily {
        let indicators = DeclaredIndicator.allCases.sorted { Exposition.precedes($0.rawValue, $1.rawValue) }
        var samples: [MetricSample] = []
        for code in units {
            guard let unit = result.tree[code], let declared = result.declared[code] else { continue }
            for indicator in indicators {
                guard let value = declared[indicator.row]?.fact.value else { continue }
                samples.append(MetricSample(
                    labels: [("unit", code), ("level", unit.level), ("indicator", indicator.rawValue)],
                    value: value))
            }
        }
        return MetricFamily(
            name: "egov_declared_status",
            help: "Status the office declares for appendix rows 7.1-7.4, its own or inherited from the nearest ancestor: ea_v2 (7.1: 0 not yet, 1 done), online_meetings (7.2: 0 none, 1 two levels, 2 three levels), reporting_system (7.3) and lgsp (7.4: 0 not yet, 1 in progress, 2 done). \(refreshNote)",
            samples: samples)
    }

    /// `egov_unit_info`: one series of value 1 per unit, naming it and its parent.
    static func unitInfo(_ result: RefreshResult, units: [String], refreshNote: String) -> MetricFamily {
        let samples = units.compactMap { code in
            result.tree[code].map { unit in
                MetricSample(labels: [("unit", code), ("name", unit.name), ("level", unit.level),
                                      ("parent", unit.parentCode ?? "")], value: 1)
            }
        }
        return MetricFamily(
            name: "egov_unit_info",
            help: "Administrative units in scope, always 1: the unit's name, level and parent unit code (empty for a root). \(refreshNote)",
            samples: samples)
    }

    /// `egov_reporting_period_info`: the days each `period` label currently covers.
    static func periodInfo(_ periods: [ExposedPeriod], refreshNote: String) -> MetricFamily {
        let samples = periods.map { exposed in
            let p = exposed.report.period
            return MetricSample(labels: [("period", exposed.label), ("id", p.id),
                                         ("first_day", p.firstDay.description), ("last_day", p.lastDay.description)],
                                value: 1)
        }
        return MetricFamily(
            name: "egov_reporting_period_info",
            help: "Reporting periods exposed, always 1: the period id and its first and last local day counted (an open period ends today). \(refreshNote)",
            samples: samples)
    }

    /// `egov_invalid_records`: records of the whole source left out of the figures (non-zero only).
    static func invalidRecords(_ invalid: InvalidFigures, refreshNote: String) -> MetricFamily {
        let samples = invalid.counts.filter { $0.value != 0 }.sorted { $0.key < $1.key }.map {
            MetricSample(labels: [("kind", $0.key.kind.rawValue), ("reason", $0.key.reason.rawValue)],
                         value: Double($0.value))
        }
        return MetricFamily(
            name: "egov_invalid_records",
            help: "Source records left out of every figure because they are invalid, by record kind and first failing reason. \(refreshNote)",
            samples: samples)
    }
}

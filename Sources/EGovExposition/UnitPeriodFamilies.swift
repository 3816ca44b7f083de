import EGovKPI

/// The per-unit, per-period families: every `MetricDeclaration` of the indicator catalogue, with
/// series for every unit of the tree and every exposed period, labelled `{unit,level,period,...}`.
extension MetricDeclaration {
    /// This family's series for every unit of `units` (sorted codes) and every period.
    func family(units: [String], periods: [ExposedPeriod], refreshNote: String) -> MetricFamily {
        var samples: [MetricSample] = []
        samples.reserveCapacity(units.count * periods.count * max(1, labelNames.count * 4))
        for code in units {
            for period in periods {
                guard let report = period.report[code] else { continue }
                let base: [(name: String, value: String)] = [
                    ("unit", code), ("level", report.unit.level), ("period", period.label),
                ]
                for (values, value) in series(report) {
                    guard let value else { continue }
                    samples.append(MetricSample(labels: base + zip(labelNames, values).map { ($0, $1) }, value: value))
                }
            }
        }
        return MetricFamily(name: name, help: "\(help) \(refreshNote)", samples: samples)
    }
}

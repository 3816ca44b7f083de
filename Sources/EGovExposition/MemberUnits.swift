import EGovKPI

/// Units of a subtree at one level, and how many of them are connected to each system as of a
/// day: the counts behind appendix rows 7.5.1, 7.6.1 and 7.6.2.
struct MemberCount: Sendable, Equatable {
    var units = 0
    var oneStop = 0
    var documentAxis = 0

    /// Counts of every unit's subtree (the unit included), by member level, as of the end of `day`.
    static func bySubtree(of tree: UnitTree, asOf day: LocalDate) -> [String: [String: MemberCount]] {
        var totals: [String: [String: MemberCount]] = [:]
        // Children before parents, so each unit adds its children's finished totals.
        for code in tree.preorder.reversed() {
            guard let unit = tree[code] else { continue }
            var counts: [String: MemberCount] = [:]
            var own = MemberCount(units: 1)
            if let on = unit.oneStopConnectedOn, on <= day { own.oneStop = 1 }
            if let on = unit.docAxisConnectedOn, on <= day { own.documentAxis = 1 }
            counts[unit.level] = own
            for child in tree.children[code] ?? [] {
                counts.merge(totals[child] ?? [:]) { $0 + $1 }
            }
            totals[code] = counts
        }
        return totals
    }

    static func + (a: MemberCount, b: MemberCount) -> MemberCount {
        MemberCount(units: a.units + b.units, oneStop: a.oneStop + b.oneStop,
                    documentAxis: a.documentAxis + b.documentAxis)
    }
}

extension EGovMetrics {
    /// `egov_member_units` and `egov_member_units_connected` of every unit as of `result.today`,
    /// for the member levels present in its subtree.
    static func memberFamilies(_ result: RefreshResult, units: [String], refreshNote: String) -> [MetricFamily] {
        let counts = MemberCount.bySubtree(of: result.tree, asOf: result.today)
        var members: [MetricSample] = []
        var connected: [MetricSample] = []
        for code in units {
            guard let unit = result.tree[code], let levels = counts[code] else { continue }
            for level in levels.keys.sorted(by: Exposition.precedes) {
                let count = levels[level]!
                let base: [(name: String, value: String)] = [("unit", code), ("level", unit.level), ("member_level", level)]
                members.append(MetricSample(labels: base, value: Double(count.units)))
                connected.append(MetricSample(labels: base + [("system", "document_axis")], value: Double(count.documentAxis)))
                connected.append(MetricSample(labels: base + [("system", "one_stop")], value: Double(count.oneStop)))
            }
        }
        return [
            MetricFamily(
                name: "egov_member_units",
                help: "Units of the unit's whole subtree (itself included) at each member level, as of today: the denominators of appendix rows 7.5.1 (district and commune), 7.6.1 (district) and 7.6.2 (commune). \(refreshNote)",
                samples: members),
            MetricFamily(
                name: "egov_member_units_connected",
                help: "Units of the unit's whole subtree (itself included) at each member level connected by today to the central one-stop-shop system (one_stop, appendix rows 7.6.1/7.6.2) or to the inter-level document axis (document_axis, appendix row 7.5.1). \(refreshNote)",
                samples: connected),
        ]
    }
}

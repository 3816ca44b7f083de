/// A declaration of rows 7.1-7.4: a fact an office states (configuration, not records), in force
/// from its effective day.
public struct DeclaredFact: Hashable, Sendable {
    public let unit: String
    public let indicator: DeclaredIndicator
    public let value: Int
    public let effective: LocalDate

    public init(unit: String, indicator: DeclaredIndicator, value: Int, effective: LocalDate) {
        self.unit = unit
        self.indicator = indicator
        self.value = value
        self.effective = effective
    }
}

/// Which declaration is in force for each unit on a day.
public enum DeclaredStatus {
    /// For every unit of `tree`, the value of each indicator on `day`: the unit's own latest
    /// declaration effective by then, else its nearest ancestor's (DOMAIN.md section 3).
    public static func resolve(_ facts: [DeclaredFact], tree: UnitTree, on day: LocalDate) -> [String: [DeclaredIndicator: Int]] {
        resolveValues(facts, tree: tree, on: day).mapValues { $0.mapValues(\.fact.value) }
    }

    /// The same, with each value's declaration and, when inherited, the declaring ancestor's name
    /// (the snapshot's Ghi chú says where a declared value comes from).
    public static func resolveValues(_ facts: [DeclaredFact], tree: UnitTree, on day: LocalDate) -> [String: [DeclaredIndicator: DeclaredValue]] {
        var own: [String: [DeclaredIndicator: DeclaredFact]] = [:]
        for fact in facts where fact.effective <= day {
            if let current = own[fact.unit]?[fact.indicator], current.effective > fact.effective { continue }
            own[fact.unit, default: [:]][fact.indicator] = fact
        }
        var resolved: [String: [DeclaredIndicator: DeclaredValue]] = [:]
        // Pre-order: a parent is resolved before its children.
        for code in tree.preorder {
            var values = tree[code]?.parentCode.flatMap { resolved[$0] } ?? [:]
            for (indicator, value) in values where value.inheritedFrom == nil {
                values[indicator] = DeclaredValue(fact: value.fact, inheritedFrom: tree[value.fact.unit]?.name ?? value.fact.unit)
            }
            for (indicator, fact) in own[code] ?? [:] { values[indicator] = DeclaredValue(fact: fact, inheritedFrom: nil) }
            resolved[code] = values
        }
        return resolved
    }
}

/// A declaration of an appendix row the office fills (DOMAIN.md section 5): a fact stated in the
/// configuration, not computed from records, in force from its effective day.
public struct DeclaredFact: Hashable, Sendable {
    public let unit: String
    /// The row's id (`1.1.a`, `4.2.1`, `7.4`): `AppendixEntry.id`.
    public let row: String
    public let value: Double
    public let effective: LocalDate

    public init(unit: String, row: String, value: Double, effective: LocalDate) {
        self.unit = unit
        self.row = row
        self.value = value
        self.effective = effective
    }
}

/// A declaration in force for a unit: the fact, and the name of the unit that declared it when
/// that is an ancestor (inherited) rather than the unit itself.
public struct DeclaredValue: Hashable, Sendable {
    public let fact: DeclaredFact
    public let inheritedFrom: String?

    public init(fact: DeclaredFact, inheritedFrom: String?) {
        self.fact = fact
        self.inheritedFrom = inheritedFrom
    }
}

/// The system facts of rows 7.1–7.4, by the names the metrics and older configurations use.
public enum DeclaredIndicator: String, Hashable, Sendable, CaseIterable {
    case eaV2 = "ea_v2", onlineMeetings = "online_meetings", reportingSystem = "reporting_system", lgsp

    /// The appendix row's id.
    public var row: String {
        switch self {
        case .eaV2: "7.1"
        case .onlineMeetings: "7.2"
        case .reportingSystem: "7.3"
        case .lgsp: "7.4"
        }
    }
}

/// Which declaration is in force for each unit on a day.
public enum DeclaredStatus {
    /// For every unit of `tree`, the declarations in force on `day` by row id: the unit's own
    /// latest declaration effective by then; for the rows that inherit (7.1–7.4), else its
    /// nearest ancestor's, with that ancestor's name.
    public static func resolve(_ facts: [DeclaredFact], tree: UnitTree, on day: LocalDate) -> [String: [String: DeclaredValue]] {
        var own: [String: [String: DeclaredFact]] = [:]
        for fact in facts where fact.effective <= day {
            if let current = own[fact.unit]?[fact.row], current.effective > fact.effective { continue }
            own[fact.unit, default: [:]][fact.row] = fact
        }
        let inheriting = Set(IndicatorCatalogue.declarable.values.filter(\.inherits).map(\.id))
        var resolved: [String: [String: DeclaredValue]] = [:]
        // Pre-order: a parent is resolved before its children.
        for code in tree.preorder {
            var values: [String: DeclaredValue] = [:]
            for (row, value) in tree[code]?.parentCode.flatMap({ resolved[$0] }) ?? [:] where inheriting.contains(row) {
                values[row] = value.inheritedFrom != nil ? value
                    : DeclaredValue(fact: value.fact, inheritedFrom: tree[value.fact.unit]?.name ?? value.fact.unit)
            }
            for (row, fact) in own[code] ?? [:] { values[row] = DeclaredValue(fact: fact, inheritedFrom: nil) }
            resolved[code] = values
        }
        return resolved
    }
}

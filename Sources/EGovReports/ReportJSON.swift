import EGovKPI
import EGovSnapshots

extension UnitReport {
    /// The flat JSON object of `report --format json`: the unit and period, then every family's
    /// keys in catalogue order (counts as integers, rates 0–1, null where a row does not apply),
    /// then the invalid records by `kind.reason`.
    public var json: JSONValue {
        var fields: [(String, JSONValue)] = [
            ("unit", .string(unit.code)), ("unit_name", .string(unit.name)), ("level", .string(unit.level)),
            ("period", .string(period.id)),
            ("first_day", .string(period.firstDay.description)), ("last_day", .string(period.lastDay.description)),
        ]
        for family in IndicatorCatalogue.families {
            for field in family.fields {
                switch field.value(self) {
                case .count(let n): fields.append((field.key, n.map(JSONValue.int) ?? .null))
                case .rate(let ratio): fields.append((field.key, ratio.map(JSONValue.rate) ?? .null))
                }
            }
        }
        let invalidFields = invalid.counts.sorted { $0.key < $1.key }.map { ($0.key.name, JSONValue.int($0.value)) }
        fields.append(("invalid_records", .object(invalidFields)))
        return .object(fields)
    }
}

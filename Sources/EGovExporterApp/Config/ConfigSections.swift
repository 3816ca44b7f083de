import EGovKPI
import Yams

/// The two structured sections of the file: `sources` and `declared`.
extension ConfigDecoder {
    /// `sources: {dossiers: ..., documents: ...}`; a source left out keeps the default.
    func sources(_ node: Node, _ path: String) -> SourcesConfig? {
        guard let fields = mapping(node, path, known: ["dossiers", "documents"]) else { return nil }
        let errorsBefore = errors.count
        var sources = ExporterConfig.default.sources
        if let dossiers = optional(fields, "dossiers", source) { sources.dossiers = dossiers }
        if let documents = optional(fields, "documents", source) { sources.documents = documents }
        return errors.count == errorsBefore ? sources : nil
    }

    /// One source: `kind` picks the `SourceKind`, whose keys are then the only ones allowed.
    func source(_ node: Node, _ path: String) -> SourceConfig? {
        guard case .mapping(let mapping) = node else {
            report(node, path, "expected a mapping, got \(Self.describe(node))")
            return nil
        }
        guard let kindNode = mapping["kind"], !Self.isNull(kindNode) else {
            report(node, path, "missing key 'kind': expected \(Self.alternatives(SourceKind.all.map(\.name)))")
            // Still point out typos, against the keys of every kind.
            _ = self.mapping(node, path, known: ["kind"] + SourceKind.all.flatMap(\.keys))
            return nil
        }
        // An unknown kind's keys are unknown too: report the kind alone.
        let kinds = SourceKind.all.map { ($0.name, $0) }
        guard let kind = choice(kindNode, Self.child(path, "kind"), what: "source kind", kinds),
              let fields = self.mapping(node, path, known: ["kind"] + kind.keys) else { return nil }
        return kind.decode(self, fields)
    }

    /// `declared:` the appendix rows the office fills, one per (unit, row, effective day).
    func declarations(_ node: Node, _ path: String) -> [Declaration]? {
        guard let items = list(node, path) else { return nil }
        var declarations: [Declaration] = []
        var firstLines: [DeclarationKey: Int] = [:]
        var complete = true
        for item in items {
            let (key, declaration) = self.declaration(item.node, item.path)
            if let key, let first = firstLines[key] {
                report(item.node, item.path, "duplicate declaration of row \(key.row) for unit '\(key.unit)' effective \(key.effective) (first on line \(first))")
                complete = false
            } else if let key {
                firstLines[key] = item.node.mark?.line ?? 0
            }
            guard let declaration else {
                complete = false
                continue
            }
            declarations.append(declaration)
        }
        return complete ? declarations : nil
    }

    /// One `{unit, row, value, effective}` row (`indicator: ea_v2` still names rows 7.1–7.4); the
    /// value must be one the row accepts. The key comes back even when the value is bad, so
    /// duplicates are still found.
    private func declaration(_ node: Node, _ path: String) -> (DeclarationKey?, Declaration?) {
        guard let fields = mapping(node, path, known: ["unit", "row", "indicator", "value", "effective"]) else { return (nil, nil) }
        let unit = required(fields, "unit", nonEmptyString)
        var row: AppendixEntry?
        if fields.entries["indicator"] != nil, fields.entries["row"] == nil {
            let indicators = DeclaredIndicator.allCases.map { ($0.rawValue, $0) }
            row = required(fields, "indicator") { self.choice($0, $1, what: "indicator", indicators) }
                .flatMap { IndicatorCatalogue.declarable[$0.row] }
        } else {
            row = required(fields, "row", declarableRow)
        }
        let value = required(fields, "value") { node, path -> Double? in
            self.declaredValue(node, path, row)
        }
        let effective = required(fields, "effective", date)
        guard let unit, let row, let effective else { return (nil, nil) }
        let key = DeclarationKey(unit: unit, row: row.id, effective: effective)
        return (key, value.map { Declaration(unit: unit, row: row.id, value: $0, effective: effective) })
    }

    /// A row the configuration may declare, by its id (`1.1.a`, `4.2.1`, `7.4`).
    private func declarableRow(_ node: Node, _ path: String) -> AppendixEntry? {
        guard case .scalar(let scalar) = node else {
            report(node, path, "expected a row number such as 4.2.1, got \(Self.describe(node))")
            return nil
        }
        let id = scalar.string.hasSuffix(".") ? String(scalar.string.dropLast()) : scalar.string
        if let row = IndicatorCatalogue.declarable[id] { return row }
        if IndicatorCatalogue.appendix.contains(where: { $0.id == id || $0.details.contains { $0.id == id } }) {
            report(node, path, "row \(id) is computed from the records and cannot be declared")
        } else {
            report(node, path, "unknown appendix row '\(scalar.string)': expected a row of PHỤ LỤC SỐ II such as 1.1.a, 4.2.1 or 7.4 (README, \"Declared rows\")")
        }
        return nil
    }

    /// A declared value as `row` accepts it: a code, a whole count, a percentage or an amount.
    private func declaredValue(_ node: Node, _ path: String, _ row: AppendixEntry?) -> Double? {
        guard case .scalar(let scalar) = node, let value = Double(scalar.string), value.isFinite,
              scalar.string.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-" || $0 == "+") }) else {
            report(node, path, "expected a number, got \(Self.describe(node))")
            return nil
        }
        guard let row, let kind = row.declared else { return value }
        switch kind {
        case .code(let max):
            guard value.rounded() == value, (0...Double(max)).contains(value) else {
                report(node, path, "\(scalar.string) out of range 0-\(max) for row \(row.id) (\(row.unit))")
                return nil
            }
        case .count:
            guard value.rounded() == value, value >= 0 else {
                report(node, path, "\(scalar.string) is not a whole number ≥ 0 for row \(row.id) (\(row.unit))")
                return nil
            }
        case .percent:
            guard (0...100).contains(value) else {
                report(node, path, "\(scalar.string) out of range 0-100 for row \(row.id) (%)")
                return nil
            }
        case .amount:
            guard value >= 0 else {
                report(node, path, "\(scalar.string) is negative for row \(row.id) (\(row.unit))")
                return nil
            }
        }
        return value
    }

    private func date(_ node: Node, _ path: String) -> LocalDate? {
        guard let text = string(node, path) else { return nil }
        guard let date = LocalDate(iso: text) else {
            report(node, path, "invalid date '\(text)': expected YYYY-MM-DD")
            return nil
        }
        return date
    }
}

/// What makes two declarations the same row.
private struct DeclarationKey: Hashable {
    let unit: String
    let row: String
    let effective: LocalDate
}

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

    /// `declared:` rows 7.1-7.4, one per (unit, indicator, effective day).
    func declarations(_ node: Node, _ path: String) -> [Declaration]? {
        guard let items = list(node, path) else { return nil }
        var declarations: [Declaration] = []
        var firstLines: [DeclarationKey: Int] = [:]
        var complete = true
        for item in items {
            let (key, declaration) = self.declaration(item.node, item.path)
            if let key, let first = firstLines[key] {
                report(item.node, item.path, "duplicate declaration of \(key.indicator.rawValue) for unit '\(key.unit)' effective \(key.effective) (first on line \(first))")
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

    /// One `{unit, indicator, value, effective}` row; the value must be one of the indicator's
    /// codes. The key comes back even when the value is bad, so duplicates are still found.
    private func declaration(_ node: Node, _ path: String) -> (DeclarationKey?, Declaration?) {
        guard let fields = mapping(node, path, known: ["unit", "indicator", "value", "effective"]) else { return (nil, nil) }
        let unit = required(fields, "unit", nonEmptyString)
        let indicators = DeclaredIndicator.allCases.map { ($0.rawValue, $0) }
        let indicator = required(fields, "indicator") { self.choice($0, $1, what: "indicator", indicators) }
        let value = required(fields, "value") { node, path -> Int? in
            guard let value = self.integer(node, path, in: Int.min...Int.max) else { return nil }
            if let indicator, !(0...indicator.maxCode).contains(value) {
                self.report(node, path, "\(value) out of range 0-\(indicator.maxCode) for \(indicator.rawValue) (\(indicator.codes))")
                return nil
            }
            return value
        }
        let effective = required(fields, "effective", date)
        guard let unit, let indicator, let effective else { return (nil, nil) }
        let key = DeclarationKey(unit: unit, indicator: indicator, effective: effective)
        return (key, value.map { Declaration(unit: unit, indicator: indicator, value: $0, effective: effective) })
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
    let indicator: DeclaredIndicator
    let effective: LocalDate
}

import EGovImport
import Yams

/// A CSV import mapping file (`config/import/*.yml`), read as strictly as the configuration:
///
/// ```yaml
/// table: documents                 # optional; must agree with --table
/// columns: {id: SoKyHieu, issued_at: NgayBanHanh, ...}   # canonical column: source column
/// dates: ["dd/MM/yyyy HH:mm", "dd/MM/yyyy"]               # tried before ISO 8601
/// values: {transmission: {"Điện tử": electronic}}        # source text → canonical text
/// ```
public enum ImportMappingLoader {
    /// The mapping for `table` in the file at `path`; every problem is one `ConfigError`.
    public static func load(path: String, table: TableSpec) throws(ConfigErrors) -> CSVMapping {
        switch ConfigLoader.readFile(path) {
        case .success(let text): return try parse(yaml: text, file: path, table: table)
        case .failure(let reason): throw ConfigErrors([ConfigError(file: path, message: "cannot read the mapping: \(reason)")])
        }
    }

    /// The mapping `yaml` describes for `table`; `file` names it in errors.
    public static func parse(yaml: String, file: String, table: TableSpec) throws(ConfigErrors) -> CSVMapping {
        let decoder = ConfigDecoder(file: file)
        guard let root = try ConfigLoader.compose(yaml, file: file) else {
            throw ConfigErrors([ConfigError(file: file, message: "empty mapping: expected at least columns:")])
        }
        guard let mapping = decoder.importMapping(root, table: table), decoder.errors.isEmpty else {
            throw ConfigErrors(decoder.errors)
        }
        return mapping
    }
}

extension ConfigDecoder {
    /// The document of a mapping file.
    func importMapping(_ root: Node, table: TableSpec) -> CSVMapping? {
        guard let fields = mapping(root, "", known: ["table", "columns", "dates", "values"]) else { return nil }
        let errorsBefore = errors.count
        if let named = optional(fields, "table", nonEmptyString), named != table.name {
            report(fields.entries["table"], "table", "this mapping is for table '\(named)', not '\(table.name)'")
        }
        let canonical = table.columns.map(\.name)
        var result = CSVMapping(columns: [:])
        if let columns = required(fields, "columns", { self.textMap($0, $1, keys: canonical, what: "column of \(table.name)") }) {
            result.columns = columns
        }
        if let dates = optional(fields, "dates", datePatterns) { result.dates = dates }
        if let values = optional(fields, "values", { node, path in self.valueMaps(node, path, mapped: Array(result.columns.keys)) }) {
            result.values = values
        }
        return errors.count == errorsBefore ? result : nil
    }

    /// A mapping of strings to non-empty strings; with `keys`, only those keys are allowed.
    private func textMap(_ node: Node, _ path: String, keys: [String]?, what: String) -> [String: String]? {
        guard case .mapping(let pairs) = node else {
            report(node, path, "expected a mapping, got \(Self.describe(node))")
            return nil
        }
        let errorsBefore = errors.count
        var result: [String: String] = [:]
        for (keyNode, value) in pairs {
            guard let key = keyNode.scalar?.string else {
                report(keyNode, path, "expected a string key, got \(Self.describe(keyNode))")
                continue
            }
            if let duplicate = DuplicateKeys.unmark(key) {
                report(keyNode, path, "duplicate key '\(duplicate.key)' (first on line \(duplicate.firstLine))")
                continue
            }
            if let keys, !keys.contains(key) {
                let hint = Self.closest(to: key, in: keys).map { " (did you mean '\($0)'?)" } ?? ": expected one of \(keys.joined(separator: ", "))"
                report(keyNode, path, "unknown \(what) '\(key)'\(hint)")
                continue
            }
            if let text = nonEmptyString(value, Self.child(path, key)) { result[key] = text }
        }
        return errors.count == errorsBefore ? result : nil
    }

    /// `values:`: per mapped canonical column, its source words.
    private func valueMaps(_ node: Node, _ path: String, mapped: [String]) -> [String: [String: String]]? {
        guard case .mapping(let pairs) = node else {
            report(node, path, "expected a mapping, got \(Self.describe(node))")
            return nil
        }
        var result: [String: [String: String]] = [:]
        let errorsBefore = errors.count
        for (keyNode, value) in pairs {
            guard let column = keyNode.scalar?.string, mapped.contains(column) else {
                report(keyNode, path, "'\(keyNode.scalar?.string ?? "?")' is not a column listed under columns:")
                continue
            }
            if let words = textMap(value, Self.child(path, column), keys: nil, what: "value") { result[column] = words }
        }
        return errors.count == errorsBefore ? result : nil
    }

    private func datePatterns(_ node: Node, _ path: String) -> [DatePattern]? {
        guard let items = list(node, path) else { return nil }
        var patterns: [DatePattern] = []
        for item in items {
            guard let text = nonEmptyString(item.node, item.path) else { continue }
            guard let pattern = DatePattern(text) else {
                report(item.node, item.path, "invalid date pattern '\(text)': use yyyy, MM, dd, HH, mm, ss and separators, e.g. dd/MM/yyyy HH:mm")
                continue
            }
            patterns.append(pattern)
        }
        return patterns.count == items.count ? patterns : nil
    }
}

import Yams

/// The `import:` section: how the national-portal payloads of the province's one-stop-shop
/// system are read by `egov-exporter import dvcqg`.
public struct ImportConfig: Sendable, Equatable {
    /// The payload field naming the receiving unit (`DonViXuLy` unless the system uses another).
    public var unitField: String
    /// The system's own agency codes → official unit codes.
    public var unitAliases: [String: String]
    /// A drop folder the daemon imports payload files from (`ImportWatcher`); nil: none.
    public var watchDir: String?

    /// `DonViXuLy`, no aliases, no drop folder.
    public static let `default` = ImportConfig(unitField: "DonViXuLy", unitAliases: [:])

    public init(unitField: String, unitAliases: [String: String], watchDir: String? = nil) {
        self.unitField = unitField
        self.unitAliases = unitAliases
        self.watchDir = watchDir
    }
}

extension ConfigDecoder {
    /// `import: {unit_field, unit_aliases, watch_dir}`; a key left out keeps its default.
    func importSection(_ node: Node, _ path: String) -> ImportConfig? {
        guard let fields = mapping(node, path, known: ["unit_field", "unit_aliases", "watch_dir"]) else { return nil }
        let errorsBefore = errors.count
        var config = ImportConfig.default
        if let field = optional(fields, "unit_field", nonEmptyString) { config.unitField = field }
        if let aliases = optional(fields, "unit_aliases", aliases) { config.unitAliases = aliases }
        config.watchDir = optional(fields, "watch_dir", nonEmptyString)
        return errors.count == errorsBefore ? config : nil
    }

    /// A mapping of non-empty codes to non-empty codes (`"000.00.12.H56": "05587"`).
    private func aliases(_ node: Node, _ path: String) -> [String: String]? {
        guard case .mapping(let mapping) = node else {
            report(node, path, "expected a mapping of system codes to unit codes, got \(Self.describe(node))")
            return nil
        }
        var result: [String: String] = [:]
        let errorsBefore = errors.count
        for (keyNode, value) in mapping {
            guard let key = keyNode.scalar?.string, !key.isEmpty else {
                report(keyNode, path, "expected a system code, got \(Self.describe(keyNode))")
                continue
            }
            if let duplicate = DuplicateKeys.unmark(key) {
                report(keyNode, path, "duplicate key '\(duplicate.key)' (first on line \(duplicate.firstLine))")
                continue
            }
            if let code = nonEmptyString(value, Self.child(path, key)) { result[key] = code }
        }
        return errors.count == errorsBefore ? result : nil
    }
}

/// How the columns of a system's CSV export become a canonical table's columns: the source
/// column of each canonical column, the date spellings, and the system's words for values.
public struct CSVMapping: Sendable, Equatable {
    /// Canonical column → the header of the source column holding it. Source columns not named
    /// here are never read.
    public var columns: [String: String]
    /// Date spellings tried before ISO 8601 (default: the national portal's).
    public var dates: [DatePattern]
    /// Canonical column → source text → canonical text (e.g. transmission: "Điện tử" → electronic).
    /// A value without an entry is kept as written.
    public var values: [String: [String: String]]
    /// The header names the canonical columns itself (no mapping file): the columns it has are read.
    public var isIdentity = false

    public init(columns: [String: String], dates: [DatePattern] = DateNormalizer.portalPatterns, values: [String: [String: String]] = [:]) {
        self.columns = columns
        self.dates = dates
        self.values = values
    }

    /// The mapping of a file whose header already uses the canonical column names.
    public static func identity(_ table: TableSpec) -> CSVMapping {
        var mapping = CSVMapping(columns: Dictionary(uniqueKeysWithValues: table.columns.map { ($0.name, $0.name) }))
        mapping.isIdentity = true
        return mapping
    }
}

import EGovKPI

/// Where SQLite's SQL and PostgreSQL's differ, side by side: the statements of `DossierQueries`,
/// `DocumentQueries`, `ReadPlan` and `UnitDossierList` are written once and ask the dialect for
/// these pieces only.
///
/// PostgreSQL is strictly typed where SQLite is not, so its pieces depend on each column's type,
/// read from `information_schema` before the statements are built: a timestamp may be
/// `timestamp with time zone`, `timestamp` (local time) or text; a day `date` or text; a code an
/// integer or text (cast to text, so that `05587` and `5587` never meet a text literal as numbers).
public struct SQLDialect: Sendable, Equatable {
    public enum Engine: Sendable, Equatable {
        case sqlite
        case postgres
    }

    public let engine: Engine
    /// PostgreSQL: `information_schema.columns.data_type` by column name (lower case). The
    /// canonical column names that carry times or days are unique across the tables.
    public let columnTypes: [String: String]

    /// SQLite's dialect.
    public static let sqlite = SQLDialect(engine: .sqlite, columnTypes: [:])

    /// PostgreSQL's, for tables whose columns have `columnTypes`.
    public static func postgres(columnTypes: [String: String]) -> SQLDialect {
        SQLDialect(engine: .postgres, columnTypes: columnTypes)
    }

    private func type(of column: String) -> String {
        let name = column.split(separator: ".").last.map(String.init) ?? column
        return columnTypes[name.lowercased()] ?? "text"
    }

    /// Local seconds since 1970-01-01 00:00 local of `column`, NULL when NULL or unparseable
    /// (see `SQLTime.localSeconds` for SQLite's).
    func localSeconds(_ column: String, zone: UTCOffset) -> String {
        switch engine {
        case .sqlite: return SQLTime.localSeconds(column, zone: zone)
        case .postgres:
            switch type(of: column) {
            // An instant: its epoch plus the zone. FLOOR cuts fractional seconds as SQLite's does.
            case "timestamp with time zone": return "(FLOOR(EXTRACT(EPOCH FROM \(column)))::bigint + \(zone.seconds))"
            // Local wall-clock time: its epoch read as if UTC is exactly the local seconds.
            case "timestamp without time zone": return "FLOOR(EXTRACT(EPOCH FROM \(column)))::bigint"
            case "date": return "((\(column) - DATE '1970-01-01')::bigint * 86400)"
            default: return PostgresTime.localSeconds("CAST(\(column) AS TEXT)", zone: zone)
            }
        }
    }

    /// The local day number of `column`, or NULL.
    func localDay(_ column: String, zone: UTCOffset) -> String {
        if engine == .postgres, type(of: column) == "date" { return "(\(column) - DATE '1970-01-01')" }
        return "(\(localSeconds(column, zone: zone))) / 86400"
    }

    /// Ends a derived table so that the planner evaluates it once instead of flattening it into
    /// the outer query (which would parse each timestamp once per use). SQLite needs a LIMIT for
    /// that; in PostgreSQL, OFFSET 0 is the documented fence.
    var fence: String { engine == .sqlite ? "LIMIT -1 OFFSET 0" : "OFFSET 0" }

    /// The texts of `expression` over a group, separated by `separator` (a literal).
    func groupConcat(_ expression: String, separator: String) -> String {
        engine == .sqlite ? "group_concat(\(expression), '\(separator)')" : "string_agg(\(expression), '\(separator)')"
    }

    /// A condition as 0 or 1, for arithmetic and sums (SQLite's conditions already are numbers).
    func number(_ condition: String) -> String {
        engine == .sqlite ? condition : "(\(condition))::int"
    }

    /// True when `column` is 1; false for NULL and anything else.
    func isOne(_ column: String) -> String {
        engine == .sqlite ? "\(column) IS 1" : "\(column) IS NOT DISTINCT FROM 1"
    }

    /// True when `condition` is true; false when it is NULL.
    func isTrue(_ condition: String) -> String {
        engine == .sqlite ? "(\(condition)) IS 1" : "COALESCE(\(condition), FALSE)"
    }

    /// True when `column` is not an integer value (so 2.5 or '4x' is never rounded into a code).
    /// A PostgreSQL integer column can only hold NULL otherwise.
    func notInteger(_ column: String) -> String {
        switch engine {
        case .sqlite: return "typeof(\(column)) <> 'integer'"
        case .postgres:
            switch type(of: column) {
            case "smallint", "integer", "bigint": return "\(column) IS NULL"
            case "numeric", "real", "double precision": return "(\(column) IS NULL OR \(column) <> TRUNC(\(column)))"
            // Text codes never compare with the integer codes: the statements need integer columns
            // (a view casts them; see config/postgres/portal-views.sql).
            default: return "TRUE"
            }
        }
    }

    /// A code column (unit, procedure, staff) as text, named as the column.
    func code(_ column: String) -> String {
        engine == .sqlite ? column : "CAST(\(column) AS TEXT) AS \(column.split(separator: ".").last!)"
    }

    /// A code column as text, for comparisons.
    func codeValue(_ column: String) -> String {
        engine == .sqlite ? column : "CAST(\(column) AS TEXT)"
    }

    /// A day column as `YYYY-MM-DD` text, named as the column (PostgreSQL's `date` prints so).
    func dayText(_ column: String) -> String {
        engine == .sqlite ? column : "CAST(\(column) AS TEXT) AS \(column)"
    }

    /// True when the text or date `column` is not a valid day written `YYYY-MM-DD`.
    func notDay(_ column: String) -> String {
        switch engine {
        case .sqlite: return "date(\(column)) IS NOT \(column)"
        case .postgres:
            if type(of: column) == "date" { return "\(column) IS NULL" }
            return "NOT COALESCE(\(PostgresTime.isDay("CAST(\(column) AS TEXT)")), FALSE)"
        }
    }

    /// A condition true for every row.
    var always: String { engine == .sqlite ? "1" : "TRUE" }

    /// The text `expression` compared byte by byte, for an order that is the same on both
    /// engines whatever the database's locale: SQLite's `BINARY` and PostgreSQL's `"C"`
    /// collations both compare the UTF-8 bytes.
    func bytewise(_ expression: String) -> String {
        engine == .sqlite ? "\(expression) COLLATE BINARY" : "\(expression) COLLATE \"C\""
    }
}

import EGovKPI

/// Where SQLite's SQL and PostgreSQL's differ, side by side: the statements of `DossierQueries`,
/// `DocumentQueries`, `ReadPlan` and `UnitDossierList` are written once and ask the dialect for
/// these pieces only.
///
/// PostgreSQL is strictly typed where SQLite is not, so its pieces depend on each column's type,
/// read from `information_schema` before the statements are built: a timestamp may be
/// `timestamp with time zone`, `timestamp` (local time) or text; a day `date` or text; a code an
/// integer or text (cast to text, so that `05587` and `5587` never meet a text literal as numbers);
/// an integer code or flag (channel, status, the 0/1 flags) an integer, a number or text (read
/// as the integer SQLite's INTEGER affinity would store).
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

    /// True when `column`, an integer code or flag, is 1; false for NULL and anything else.
    func isOne(_ column: String) -> String {
        engine == .sqlite ? "\(column) IS 1" : "\(integer(column)) IS NOT DISTINCT FROM 1"
    }

    /// True when `condition` is true; false when it is NULL.
    func isTrue(_ condition: String) -> String {
        engine == .sqlite ? "(\(condition)) IS 1" : "COALESCE(\(condition), FALSE)"
    }

    /// The value of `column`, an integer code or 0/1 flag, as SQLite's INTEGER affinity holds
    /// it: in SQLite the column itself (a text or real that is an integer is stored as one);
    /// in PostgreSQL a bigint, or NULL when the value is not an integer as SQLite would keep it
    /// (2.5, '2x', '', 'NaN'). A text counts when it is a well-formed integer or real literal
    /// with no fractional part, spaces around it allowed (' 2 ', '+2', '2.0', '2e0');
    /// magnitudes from 10^18 on are NULL too (no code or flag is that large).
    func integer(_ column: String) -> String {
        guard engine == .postgres else { return column }
        switch type(of: column) {
        case "smallint", "integer", "bigint": return column
        case "numeric", "real", "double precision":
            return "CASE WHEN \(column) = TRUNC(\(column)) AND ABS(\(column)) < 1e18 THEN CAST(\(column) AS bigint) END"
        default:
            // CASE tests in order (AND does not): the text is cast to numeric only once it is known to be a number.
            let text = "CAST(\(column) AS TEXT)"
            let number = "CAST(\(text) AS numeric)"
            return "CASE WHEN LENGTH(\(text)) > 100 OR \(text) !~ '\(Self.numberLiteral)' THEN NULL "
                + "WHEN \(number) <> TRUNC(\(number)) OR ABS(\(number)) >= 1e18 THEN NULL ELSE CAST(\(number) AS bigint) END"
        }
    }

    /// A number as SQLite reads text into a numeric column (`sqlite3AtoF`): a sign, digits with
    /// an optional point (or a point and digits), an optional exponent (three digits at most past
    /// leading zeros, within what PostgreSQL's numeric accepts), ASCII white space around (not
    /// `\s`, which may take other spaces in some locales).
    static let numberLiteral = #"^[ \t\n\f\r\x0B]*[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?0*[0-9]{1,3})?[ \t\n\f\r\x0B]*$"#

    /// `integer(column)` named as the column, for a derived table's select list.
    func integerColumn(_ column: String) -> String {
        engine == .sqlite ? column : "\(integer(column)) AS \(column.split(separator: ".").last!)"
    }

    /// A 0/1 flag of the catalogue, named as the column, for the reader that checks it: in
    /// PostgreSQL an integer as `integer` gives it, NULL when NULL, and -1 (an invalid flag, as
    /// SQLite's 2.5 or '2x' would be) when it is not an integer.
    func catalogueFlag(_ column: String) -> String {
        guard engine == .postgres, !["smallint", "integer", "bigint"].contains(type(of: column)) else { return column }
        return "CASE WHEN \(column) IS NULL THEN NULL ELSE COALESCE(\(integer(column)), -1) END AS \(column)"
    }

    /// True when `value`, an `integer` expression or a column `integerColumn` named, is not an
    /// integer (so 2.5 or '4x' is never rounded into a code).
    func notInteger(_ value: String) -> String {
        engine == .sqlite ? "typeof(\(value)) <> 'integer'" : "\(value) IS NULL"
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

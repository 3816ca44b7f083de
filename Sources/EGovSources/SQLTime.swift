import EGovKPI

/// SQL fragments that turn the timestamp spellings of DOMAIN.md section 3 into whole local
/// seconds, so that every comparison is exact integer arithmetic. Fractional `julianday()`
/// arithmetic is avoided on purpose: it can put a midnight `Z` value on the wrong side of a
/// period boundary.
enum SQLTime {
    /// Local seconds since 1970-01-01 00:00 local (so `/ 86400` is the local day number), or NULL
    /// when `column` is NULL or not a valid timestamp.
    ///
    /// `unixepoch()` reads a value without an offset as UTC, which is exactly its local reading;
    /// a value with `Z` or `±HH:MM` is a real instant and gets the zone's offset added. The
    /// 5th character must be `-` so that spellings `unixepoch()` would otherwise accept (`now`,
    /// Julian day numbers, bare times) count as unparseable. Fractional seconds are cut off
    /// before parsing: `unixepoch()` rounds them to milliseconds, which would move
    /// `23:59:59.9999` to the next day. Lengths 10, 16 and 19 (date only, `HH:MM`, `HH:MM:SS`,
    /// the common case) can carry neither a fraction nor an offset and skip those tests.
    static func localSeconds(_ column: String, zone: UTCOffset) -> String {
        """
        CASE WHEN substr(\(column), 5, 1) = '-' THEN \
        CASE WHEN length(\(column)) IN (10, 16, 19) THEN unixepoch(\(column)) ELSE \
        CASE WHEN substr(\(column), 20, 1) = '.' \
        THEN unixepoch(substr(\(column), 1, 19) || ltrim(substr(\(column), 21), '0123456789')) \
        ELSE unixepoch(\(column)) END + \
        CASE WHEN substr(\(column), 11) GLOB '*[Z+-]*' THEN \(zone.seconds) ELSE 0 END END END
        """
    }

    /// The local day number of `column` (see `localSeconds`), or NULL.
    static func localDay(_ column: String, zone: UTCOffset) -> String {
        "(\(localSeconds(column, zone: zone))) / 86400"
    }

    /// Invalid rows by unit and reason: (unit_code, reason, count). `reason` is an expression
    /// over the columns of `normalised` that is NULL for a valid row. Only invalid rows reach the
    /// GROUP BY, so SQLite sorts a handful of rows, never the whole table.
    static func invalidRows(reason: String, from normalised: String) -> String {
        """
        SELECT unit_code, reason, COUNT(*) FROM (SELECT unit_code, \(reason) AS reason FROM (\(normalised)) AS n) AS v
        WHERE reason IS NOT NULL
        GROUP BY unit_code, reason
        """
    }

    /// `'YYYY-MM-DD'` as an SQL literal (dates come from `LocalDate`, never from user text).
    static func literal(_ day: LocalDate) -> String { "'\(day)'" }

    /// A cheap text pre-filter: the local day of a valid timestamp is within one day of the
    /// date its text starts with (offsets are at most ±14 h), so comparing the raw text against
    /// a date two days out never drops a row that counts, and lets SQLite skip parsing the rest.
    static func textBound(_ day: LocalDate, slackDays: Int) -> String { literal(day.adding(days: slackDays)) }
}

/// The local-seconds bounds of a period: S = 00:00 of the first day, E = 00:00 of the day after
/// the last day, both in the same "local seconds" the SQL computes.
struct PeriodBounds {
    let start: Int
    let end: Int
    let firstDay: Int
    let lastDay: Int

    /// Text bounds for `SQLTime.textBound`: values before `lowText` end before S; values from
    /// `highText` on start after E.
    let lowText: String
    let highText: String

    init(_ period: ReportingPeriod) {
        self.init(first: period.firstDay, last: period.lastDay)
    }

    /// The span from the earliest first day to the latest last day of `periods` (not empty).
    init(covering periods: [ReportingPeriod]) {
        self.init(first: periods.map(\.firstDay).min()!, last: periods.map(\.lastDay).max()!)
    }

    private init(first: LocalDate, last: LocalDate) {
        lowText = SQLTime.textBound(first, slackDays: -2)
        highText = SQLTime.textBound(last, slackDays: 3)
        firstDay = first.dayNumber
        lastDay = last.dayNumber
        start = firstDay * 86_400
        end = (lastDay + 1) * 86_400
    }
}

/// What an aggregate query covers: the reporting zone, and optionally only some units (a
/// subtree), which the `unit_code`-first indexes turn into a range lookup instead of a scan.
public struct QueryScope: Sendable {
    public let zone: UTCOffset
    /// nil: every unit, including codes missing from the tree.
    public let unitCodes: [String]?
    /// The engine whose SQL the statements are written in.
    public let dialect: SQLDialect

    public init(zone: UTCOffset, unitCodes: [String]? = nil, dialect: SQLDialect = .sqlite) {
        self.zone = zone
        self.unitCodes = unitCodes
        self.dialect = dialect
    }

    /// The local seconds of `column` (see `SQLDialect.localSeconds`).
    func seconds(_ column: String) -> String { dialect.localSeconds(column, zone: zone) }

    /// The local day of `column` (see `SQLDialect.localDay`).
    func day(_ column: String) -> String { dialect.localDay(column, zone: zone) }

    /// `column IN ('a', 'b')`, or true for every unit. With `orNull`, NULL passes too (rows whose
    /// unit cannot be known, such as activity of an unknown staff member, go with the root).
    func filter(_ column: String, orNull: Bool = false) -> String {
        guard let unitCodes else { return dialect.always }
        let list = unitCodes.map { "'" + $0.replacingOccurrences(of: "'", with: "''") + "'" }.joined(separator: ", ")
        return orNull ? "(\(column) IS NULL OR \(column) IN (\(list)))" : "\(column) IN (\(list))"
    }
}

import EGovKPI

/// PostgreSQL's reading of timestamps stored as text, the twin of `SQLTime.localSeconds`: the
/// spellings of DOMAIN.md section 3 become whole local seconds, anything else NULL, never an
/// error (a cast of a bad value would fail the whole statement). Day and month arithmetic is
/// SQLite's: the day of the month is added to the month's first day, so 2024-02-30 is 1 March,
/// as `unixepoch()` reads it. The nested CASEs fix the order of evaluation: the casts run only
/// on text the pattern has matched.
enum PostgresTime {
    /// Date, optional time (`HH:MM`, `:SS`, fraction), optional offset (`Z`, `±HH:MM`).
    static let pattern = "^[0-9]{4}-[0-9]{2}-[0-9]{2}([ T][0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]*)?)? ?(Z|[+-][0-9]{2}:[0-9]{2})?)?$"

    /// The day number since 1970-01-01 of the `YYYY-MM-DD` that `text` starts with (matched).
    private static func days(_ text: String) -> String {
        "(make_date(substr(\(text), 1, 4)::int, substr(\(text), 6, 2)::int, 1) + (substr(\(text), 9, 2)::int - 1) - DATE '1970-01-01')"
    }

    /// Year, month and day within the ranges SQLite accepts (text matched).
    private static func dayInRange(_ text: String) -> String {
        "substr(\(text), 1, 4) <> '0000' AND substr(\(text), 6, 2)::int BETWEEN 1 AND 12 AND substr(\(text), 9, 2)::int BETWEEN 1 AND 31"
    }

    /// Local seconds of the text `text`, or NULL (see the type's summary).
    static func localSeconds(_ text: String, zone: UTCOffset) -> String {
        let offset = "substring(\(text) from '([+-][0-9]{2}:[0-9]{2})$')"
        let hasOffset = "\(text) ~ '(Z|[+-][0-9]{2}:[0-9]{2})$'"
        let timeInRange = """
            (length(\(text)) = 10 OR (substr(\(text), 12, 2)::int <= 24 AND substr(\(text), 15, 2)::int <= 59 \
            AND (substr(\(text), 17, 1) <> ':' OR substr(\(text), 18, 2)::int <= 59))) \
            AND (\(offset) IS NULL OR (substr(\(offset), 2, 2)::int <= 14 AND substr(\(offset), 5, 2)::int <= 59))
            """
        let time = """
            CASE WHEN length(\(text)) > 10 THEN substr(\(text), 12, 2)::int * 3600 + substr(\(text), 15, 2)::int * 60 \
            + CASE WHEN substr(\(text), 17, 1) = ':' THEN substr(\(text), 18, 2)::int ELSE 0 END ELSE 0 END
            """
        let offsetSeconds = """
            COALESCE((CASE WHEN substr(\(offset), 1, 1) = '-' THEN -1 ELSE 1 END) \
            * (substr(\(offset), 2, 2)::int * 3600 + substr(\(offset), 5, 2)::int * 60), 0)
            """
        return """
            (CASE WHEN \(text) ~ '\(pattern)' THEN CASE WHEN \(dayInRange(text)) AND \(timeInRange) THEN \
            \(days(text))::bigint * 86400 + \(time) - \(offsetSeconds) \
            + CASE WHEN \(hasOffset) THEN \(zone.seconds) ELSE 0 END END END)
            """
    }

    /// True when `text` is a day `YYYY-MM-DD` as SQLite's `date(x) IS x` accepts it (any day
    /// 01-31 of a month: `date('2024-02-30')` is itself), else false.
    static func isDay(_ text: String) -> String {
        "CASE WHEN \(text) ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' THEN \(dayInRange(text)) ELSE FALSE END"
    }
}

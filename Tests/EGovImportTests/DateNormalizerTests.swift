@testable import EGovImport
import EGovKPI
import Testing

/// Every date spelling of the national portal and of ISO 8601 becomes one stored spelling.
@Suite("Date normalization")
struct DateNormalizerTests {
    let dates = DateNormalizer()

    /// The stored text, `BLANK` for no date, `REFUSED` for an unparseable one.
    func stored(_ value: FieldValue, _ normalizer: DateNormalizer? = nil) -> String {
        switch (normalizer ?? dates).normalize(value) {
        case .none: "REFUSED"
        case .some(.none): "BLANK"
        case .some(.some(let text)): text
        }
    }

    @Test("each accepted spelling gives YYYY-MM-DD HH:MM:SS in local time", arguments: [
        (FieldValue.string("20240102080000"), "2024-01-02 08:00:00"),
        (.number("20240102080000"), "2024-01-02 08:00:00"),
        (.string(" 20240102080000 "), "2024-01-02 08:00:00"),
        (.string("02/01/2024 08:00:00"), "2024-01-02 08:00:00"),
        (.string("02/01/2024 08:05"), "2024-01-02 08:05:00"),
        (.string("02/01/2024"), "2024-01-02 00:00:00"),
        (.string("2024-01-02"), "2024-01-02 00:00:00"),
        (.string("2024-01-02 08:00:00"), "2024-01-02 08:00:00"),
        (.string("2024-01-02T08:00:00"), "2024-01-02 08:00:00"),
        (.string("2024-01-02T08:00:00.123+07:00"), "2024-01-02 08:00:00"),
        (.string("2024-01-02T01:00:00Z"), "2024-01-02 08:00:00"),
        (.string("2024-01-01T17:30:00-05:00"), "2024-01-02 05:30:00"),
        (.string("2023-12-31T17:00:00Z"), "2024-01-01 00:00:00"),
    ])
    func accepted(_ value: FieldValue, _ expected: String) {
        #expect(stored(value) == expected)
    }

    @Test("blank values are no date, not an error", arguments: [FieldValue.null, .string(""), .string("  ")])
    func blank(_ value: FieldValue) {
        #expect(stored(value) == "BLANK")
    }

    @Test("impossible or unknown spellings are refused", arguments: [
        FieldValue.string("20240230080000"), .string("20240102250000"), .string("2024-13-01"), .string("31/02/2024"),
        .string("02/01/24"), .string("yesterday"), .string("1704182400"), .number("2024"), .bool(true), .nested,
    ])
    func refused(_ value: FieldValue) {
        #expect(stored(value) == "REFUSED")
    }

    @Test("a configured pattern is tried first; a pattern without a date is refused")
    func patterns() {
        let custom = DateNormalizer(patterns: [DatePattern("yyyy/MM/dd HH.mm")!], zone: .vietnam)
        #expect(stored(.string("2024/01/02 08.05"), custom) == "2024-01-02 08:05:00")
        #expect(stored(.string("20240102080000"), custom) == "REFUSED")
        #expect(DatePattern("HH:mm") == nil)
        #expect(DatePattern("yyyy-MM-dd Q") == nil)
        #expect(DatePattern("yyyyyyyy-MM-dd") == nil)
    }

    @Test("the stored updated_at is local time")
    func stamp() {
        #expect(storedTimestamp(epochSeconds: 1_704_153_600, zone: .vietnam) == "2024-01-02 07:00:00")
    }
}

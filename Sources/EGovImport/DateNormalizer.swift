import EGovKPI

/// A fixed date spelling such as `yyyyMMddHHmmss` or `dd/MM/yyyy HH:mm:ss`: the letters `yyyy`,
/// `MM`, `dd`, `HH`, `mm`, `ss` stand for digits, every other character must appear as written.
public struct DatePattern: Hashable, Sendable, CustomStringConvertible {
    private enum Part: Hashable { case year, month, day, hour, minute, second, literal(UInt8) }
    private let parts: [Part]
    /// The pattern as written.
    public let description: String

    /// The pattern `text`, or nil when it has no `yyyy`, `MM` and `dd` or uses other letters.
    public init?(_ text: String) {
        let bytes = Array(text.utf8)
        var parts: [Part] = []
        var i = 0
        let tokens: [(String, Part)] = [("yyyy", .year), ("MM", .month), ("dd", .day), ("HH", .hour), ("mm", .minute), ("ss", .second)]
        outer: while i < bytes.count {
            for (token, part) in tokens where bytes[i...].starts(with: token.utf8) {
                guard !parts.contains(part) else { return nil }
                parts.append(part)
                i += token.utf8.count
                continue outer
            }
            let byte = bytes[i]
            if (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) { return nil }
            parts.append(.literal(byte))
            i += 1
        }
        guard parts.contains(.year), parts.contains(.month), parts.contains(.day) else { return nil }
        self.parts = parts
        self.description = text
    }

    /// `text` read with this pattern as `YYYY-MM-DD HH:MM:SS` (local time, missing time parts 0),
    /// or nil when it does not match or names no real day or time.
    func normalize(_ text: String) -> String? {
        let b = Array(text.utf8)
        var i = 0
        var values: [Part: Int] = [:]
        for part in parts {
            if case .literal(let byte) = part {
                guard i < b.count, b[i] == byte else { return nil }
                i += 1
                continue
            }
            let width = part == .year ? 4 : 2
            guard i + width <= b.count, let n = Self.number(b[i..<(i + width)]) else { return nil }
            values[part] = n
            i += width
        }
        guard i == b.count, let date = LocalDate(year: values[.year]!, month: values[.month]!, day: values[.day]!) else { return nil }
        let (h, m, s) = (values[.hour] ?? 0, values[.minute] ?? 0, values[.second] ?? 0)
        guard h < 24, m < 60, s < 60 else { return nil }
        return DateNormalizer.local(date, h * 3600 + m * 60 + s)
    }

    /// Decimal digits only.
    private static func number(_ digits: ArraySlice<UInt8>) -> Int? {
        var value = 0
        for byte in digits {
            guard byte >= 48, byte <= 57 else { return nil }
            value = value * 10 + Int(byte - 48)
        }
        return value
    }
}

/// Turns the date spellings of the source systems into the one spelling the store keeps:
/// `YYYY-MM-DD HH:MM:SS`, local time, so that indexes and comparisons work on text.
public struct DateNormalizer: Sendable {
    /// Tried in order before ISO 8601.
    public let patterns: [DatePattern]
    /// The zone an ISO 8601 value with an offset is converted to.
    public let zone: UTCOffset

    /// The national portal's spellings: `yyyyMMddHHmmss`, then `dd/MM/yyyy HH:mm:ss`,
    /// `dd/MM/yyyy HH:mm` and `dd/MM/yyyy`; ISO 8601 is always accepted.
    public static let portalPatterns = ["yyyyMMddHHmmss", "dd/MM/yyyy HH:mm:ss", "dd/MM/yyyy HH:mm", "dd/MM/yyyy"].map { DatePattern($0)! }

    /// A normalizer trying `patterns`, then ISO 8601 in `zone`.
    public init(patterns: [DatePattern] = DateNormalizer.portalPatterns, zone: UTCOffset = .vietnam) {
        self.patterns = patterns
        self.zone = zone
    }

    /// The normalized text of `value`: `.some(nil)` for a blank value, nil when unparseable.
    func normalize(_ value: FieldValue) -> String?? {
        if value.isBlank { return .some(nil) }
        guard let text = value.text else { return nil }
        for pattern in patterns {
            if let normalized = pattern.normalize(text) { return normalized }
        }
        // ISO 8601 (`YYYY-MM-DD`, with a time, `T`, fractions, an offset): kept in local time.
        guard let seconds = Timestamp.epochSeconds(text, zone: zone) else { return nil }
        let local = Int(seconds) + zone.seconds
        let day = local >= 0 ? local / 86_400 : -((-local + 86_399) / 86_400)
        return Self.local(LocalDate(dayNumber: day), local - day * 86_400)
    }

    /// `YYYY-MM-DD HH:MM:SS` of `date` at `seconds` after midnight.
    static func local(_ date: LocalDate, _ seconds: Int) -> String {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(date) \(two(seconds / 3600)):\(two(seconds / 60 % 60)):\(two(seconds % 60))"
    }
}

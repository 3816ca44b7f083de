/// A fixed offset from UTC. The reporting zone, Asia/Ho_Chi_Minh, is UTC+07:00 with no daylight
/// saving, so a fixed offset describes it exactly.
public struct UTCOffset: Hashable, Sendable {
    /// Seconds east of UTC.
    public let seconds: Int

    public init(seconds: Int) { self.seconds = seconds }

    /// Asia/Ho_Chi_Minh: UTC+07:00.
    public static let vietnam = UTCOffset(seconds: 7 * 3600)

    /// Accepts `Asia/Ho_Chi_Minh` (and its alias `Asia/Saigon`), `UTC`, or `+HH:MM` / `-HH:MM`.
    public init?(name: String) {
        switch name {
        case "Asia/Ho_Chi_Minh", "Asia/Saigon": self = .vietnam
        case "UTC", "Z": self.init(seconds: 0)
        default:
            guard let seconds = Timestamp.offsetSeconds(Array(name.utf8)[...]) else { return nil }
            self.init(seconds: seconds)
        }
    }

    /// The local day of an instant given in seconds since the Unix epoch.
    public func localDate(epochSeconds: Int64) -> LocalDate {
        LocalDate(dayNumber: Timestamp.floorDiv(Int(epochSeconds) + seconds, 86_400))
    }

    /// The instant at which local day `date` starts.
    public func startOfDay(_ date: LocalDate) -> Int64 {
        Int64(date.dayNumber * 86_400 - seconds)
    }
}

/// Parses the timestamp spellings the source systems use (DOMAIN.md section 3):
/// `YYYY-MM-DD`, `YYYY-MM-DD HH:MM[:SS[.fff]]` or with `T`, optionally followed by `Z` or `±HH:MM`.
/// Values without an offset are local time; a date-only value is 00:00 of that local day.
public enum Timestamp {
    /// Seconds since the Unix epoch (fractional seconds dropped), or nil when `text` is not one of
    /// the accepted spellings.
    public static func epochSeconds(_ text: String, zone: UTCOffset) -> Int64? {
        let b = Array(text.utf8)
        guard b.count >= 10, let date = LocalDate(iso: text.prefix(10)) else { return nil }
        var local = date.dayNumber * 86_400
        var rest = b[10...]
        var offset = zone.seconds
        if let sep = rest.first, sep == UInt8(ascii: "T") || sep == UInt8(ascii: " ") {
            rest = rest.dropFirst()
            guard rest.count >= 5, let h = LocalDate.number(rest.prefix(2)), rest.dropFirst(2).first == UInt8(ascii: ":"),
                  let m = LocalDate.number(rest.dropFirst(3).prefix(2)), h < 24, m < 60 else { return nil }
            local += h * 3600 + m * 60
            rest = rest.dropFirst(5)
            if rest.first == UInt8(ascii: ":") {
                guard let s = LocalDate.number(rest.dropFirst().prefix(2)), rest.count >= 3, s < 60 else { return nil }
                local += s
                rest = rest.dropFirst(3)
                if rest.first == UInt8(ascii: ".") {
                    rest = rest.dropFirst()
                    let digits = rest.prefix { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
                    guard !digits.isEmpty else { return nil }
                    rest = rest.dropFirst(digits.count)
                }
            }
            if !rest.isEmpty {
                guard let explicit = offsetSeconds(rest) else { return nil }
                offset = explicit
                rest = rest[rest.endIndex...]
            }
        }
        guard rest.isEmpty else { return nil }
        return Int64(local - offset)
    }

    /// `Z`, `+HH:MM`, `-HH:MM` (or `+HHMM`) as seconds east of UTC.
    static func offsetSeconds(_ b: ArraySlice<UInt8>) -> Int? {
        if b.count == 1 && b.first == UInt8(ascii: "Z") { return 0 }
        guard let sign = b.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") else { return nil }
        let body = Array(b.dropFirst().filter { $0 != UInt8(ascii: ":") })
        guard body.count == 4, b.count == 5 || (b.count == 6 && b[b.startIndex + 3] == UInt8(ascii: ":")),
              let h = LocalDate.number(body[0..<2]), let m = LocalDate.number(body[2..<4]), h <= 14, m < 60
        else { return nil }
        return (sign == UInt8(ascii: "-") ? -1 : 1) * (h * 3600 + m * 60)
    }

    static func floorDiv(_ a: Int, _ b: Int) -> Int {
        a >= 0 ? a / b : -((-a + b - 1) / b)
    }
}

extension UTCOffset {
    /// `2024-03-15T08:00:00+07:00`: the instant in this offset's local time.
    public func isoTimestamp(epochSeconds: Int64) -> String {
        let date = localDate(epochSeconds: epochSeconds)
        let second = Int(epochSeconds - startOfDay(date))
        let sign = seconds < 0 ? "-" : "+"
        let offset = abs(seconds)
        return "\(date)T\(LocalDate.pad(second / 3600, 2)):\(LocalDate.pad(second / 60 % 60, 2)):\(LocalDate.pad(second % 60, 2))"
            + (seconds == 0 ? "Z" : "\(sign)\(LocalDate.pad(offset / 3600, 2)):\(LocalDate.pad(offset / 60 % 60, 2))")
    }
}

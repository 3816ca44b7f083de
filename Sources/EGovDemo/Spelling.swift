import EGovKPI

/// The ways real exports spell a timestamp (DOMAIN.md section 3). Every spelling of one instant
/// denotes the same local time; `utc` converts to UTC first, so a local time before 07:00 lands
/// on the previous UTC day.
enum Spelling: UInt8 {
    /// `2024-03-15 08:30:00`, local.
    case space
    /// `2024-03-15T08:30:00`, local.
    case t
    /// `2024-03-15 08:30:00.123`, local.
    case fraction
    /// `2024-03-15T01:30:00Z`.
    case utc
    /// `2024-03-15T08:30:00+07:00`.
    case offset
    /// `2024-03-15`: the local day only.
    case dateOnly

    /// The usual mix of an export: mostly plain local time, some of every other spelling.
    static func mixed(_ rng: inout DemoRandom) -> Spelling {
        let x = rng.int(0..<100)
        switch x {
        case ..<68: return .space
        case ..<78: return .t
        case ..<86: return .fraction
        case ..<95: return .utc
        default: return .offset
        }
    }

    /// Like `mixed`, with a share of date-only values (due dates are often stored as a day).
    static func mixedDue(_ rng: inout DemoRandom) -> Spelling {
        rng.chance(0.15) ? .dateOnly : mixed(&rng)
    }

    /// `local` written in this spelling; `millis` is used by `.fraction` only.
    func format(_ local: LocalSeconds, millis: Int = 0) -> String {
        let instant = self == .utc ? local - 7 * 3600 : local
        let day = instant >= 0 ? instant / 86_400 : -((-instant + 86_399) / 86_400)
        let second = instant - day * 86_400
        let date = LocalDate(dayNumber: day)
        let style = self
        return String(unsafeUninitializedCapacity: 29) { buffer in
            var i = 0
            func put(_ value: Int, _ width: Int) {
                var divisor = 1
                for _ in 1..<width { divisor *= 10 }
                var v = value
                while divisor > 0 {
                    buffer[i] = UInt8(ascii: "0") + UInt8(v / divisor)
                    v %= divisor
                    divisor /= 10
                    i += 1
                }
            }
            func put(_ ascii: Unicode.Scalar) {
                buffer[i] = UInt8(ascii: ascii)
                i += 1
            }
            put(date.year, 4); put("-"); put(date.month, 2); put("-"); put(date.day, 2)
            guard style != .dateOnly else { return i }
            put(style == .space || style == .fraction ? " " : "T")
            put(second / 3600, 2); put(":"); put(second / 60 % 60, 2); put(":"); put(second % 60, 2)
            switch style {
            case .fraction: put("."); put(millis, 3)
            case .utc: put("Z")
            case .offset: put("+"); put(7, 2); put(":"); put(0, 2)
            default: break
            }
            return i
        }
    }

    /// `YYYY-MM-DD` of a day number.
    static func day(_ dayNumber: Int) -> String {
        Spelling.dateOnly.format(dayNumber * 86_400)
    }
}

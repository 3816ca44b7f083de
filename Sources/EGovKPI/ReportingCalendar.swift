/// How a year is cut into reporting quarters. A profile is data, not a code branch: the year
/// starts on `startMonth`/`startDay`, in the previous calendar year when `startsInPreviousYear`.
public struct PeriodProfile: Hashable, Sendable {
    /// The profile's name as written in configuration and on the command line.
    public let name: String
    let startMonth: Int
    let startDay: Int
    let startsInPreviousYear: Bool

    /// Nghị định 09/2019/NĐ-CP: the reporting year runs 15/12 of the previous year to 14/12.
    public static let nd09 = PeriodProfile(name: "nd09", startMonth: 12, startDay: 15, startsInPreviousYear: true)
    /// Calendar quarters, halves and years (QĐ 766, statistics).
    public static let calendar = PeriodProfile(name: "calendar", startMonth: 1, startDay: 1, startsInPreviousYear: false)

    /// Every profile, by name.
    public static let all: [PeriodProfile] = [.nd09, .calendar]

    /// The profile named `name`, or nil.
    public static func named(_ name: String) -> PeriodProfile? { all.first { $0.name == name } }

    /// First day of quarter `quarter` (1-based; 5 means the next year's first quarter) of year `year`.
    func quarterStart(year: Int, quarter: Int) -> LocalDate {
        let start = LocalDate(year: startsInPreviousYear ? year - 1 : year, month: startMonth, day: startDay)!
        return start.adding(months: 3 * (quarter - 1))!
    }
}

/// The span a period id names: a quarter, the first half, the first nine months or the year.
public enum PeriodSpan: String, Hashable, Sendable, CaseIterable {
    case q1 = "Q1", q2 = "Q2", q3 = "Q3", q4 = "Q4", h1 = "H1", nineMonths = "9M", year = "Y"

    /// The quarters covered, first and last (1-based).
    var quarters: ClosedRange<Int> {
        switch self {
        case .q1: 1...1
        case .q2: 2...2
        case .q3: 3...3
        case .q4: 4...4
        case .h1: 1...2
        case .nineMonths: 1...3
        case .year: 1...4
        }
    }
}

/// A reporting period: an inclusive range of whole local days with an id such as `2024-Q1`.
public struct ReportingPeriod: Hashable, Sendable, CustomStringConvertible {
    /// `YYYY-Q1`…`YYYY-Q4`, `YYYY-H1`, `YYYY-9M`, `YYYY-Y`, or a free name (e.g. `last_30_days`).
    public let id: String
    public let firstDay: LocalDate
    /// The last day counted. For an open period computed as of an instant, that instant's day.
    public let lastDay: LocalDate

    /// Whether `day` is one of the period's days.
    public func contains(_ day: LocalDate) -> Bool { firstDay <= day && day <= lastDay }

    public init(id: String, firstDay: LocalDate, lastDay: LocalDate) {
        self.id = id
        self.firstDay = firstDay
        self.lastDay = lastDay
    }

    /// The same period cut at `day` when `day` falls inside it (an open period); unchanged otherwise.
    public func truncated(toDay day: LocalDate) -> ReportingPeriod {
        guard day >= firstDay, day < lastDay else { return self }
        return ReportingPeriod(id: id, firstDay: firstDay, lastDay: day)
    }

    /// Whether the period has not ended by `day` (its last day is on or after it).
    public func isOpen(on day: LocalDate) -> Bool { lastDay >= day }

    /// Number of days in the period.
    public var dayCount: Int { lastDay.dayNumber - firstDay.dayNumber + 1 }

    public var description: String { "\(id) (\(firstDay)..\(lastDay))" }
}

/// An error in a period id, with the offending text.
public struct PeriodIDError: Error, Equatable, CustomStringConvertible {
    public let text: String

    public init(text: String) { self.text = text }

    public var description: String {
        "invalid period id '\(text)': expected YYYY-Q1..YYYY-Q4, YYYY-H1, YYYY-9M or YYYY-Y"
    }
}

/// The reporting calendar: turns period ids into day ranges and finds the period of a day.
public struct ReportingCalendar: Hashable, Sendable {
    public let profile: PeriodProfile
    public let zone: UTCOffset

    public init(profile: PeriodProfile = .nd09, zone: UTCOffset = .vietnam) {
        self.profile = profile
        self.zone = zone
    }

    /// The period named `id`, e.g. `2024-Q1` (`2024-q1` too: the id is not case-sensitive).
    public func period(id: String) throws(PeriodIDError) -> ReportingPeriod {
        let parts = id.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[0].allSatisfy(\.isASCII),
              let year = Int(parts[0]), (1001...9998).contains(year),
              let span = PeriodSpan(rawValue: parts[1].uppercased())
        else { throw PeriodIDError(text: id) }
        return period(year: year, span: span)
    }

    /// The period `span` of reporting year `year`.
    public func period(year: Int, span: PeriodSpan) -> ReportingPeriod {
        let first = profile.quarterStart(year: year, quarter: span.quarters.lowerBound)
        let end = profile.quarterStart(year: year, quarter: span.quarters.upperBound + 1)
        return ReportingPeriod(id: "\(year)-\(span.rawValue)", firstDay: first, lastDay: end.adding(days: -1))
    }

    /// The reporting year and quarter (1-4) that contain `day`.
    public func quarter(containing day: LocalDate) -> (year: Int, quarter: Int) {
        // The reporting year is the calendar year or the next one; try both.
        for year in [day.year, day.year + 1] {
            for quarter in 1...4 {
                let first = profile.quarterStart(year: year, quarter: quarter)
                let next = profile.quarterStart(year: year, quarter: quarter + 1)
                if first <= day && day < next { return (year, quarter) }
            }
        }
        preconditionFailure("profile \(profile.name) leaves \(day) outside every quarter")
    }

    /// The quarter period that contains `day`.
    public func quarterPeriod(containing day: LocalDate) -> ReportingPeriod {
        let q = quarter(containing: day)
        return period(year: q.year, span: PeriodSpan.allCases[q.quarter - 1])
    }

    /// The quarter period that contains the instant `epochSeconds`.
    public func quarterPeriod(containing epochSeconds: Int64) -> ReportingPeriod {
        quarterPeriod(containing: zone.localDate(epochSeconds: epochSeconds))
    }

    /// The quarter before the one containing `day`.
    public func previousQuarterPeriod(before day: LocalDate) -> ReportingPeriod {
        quarterPeriod(containing: quarterPeriod(containing: day).firstDay.adding(days: -1))
    }

    /// The whole reporting year containing `day`, cut at `day` when still open.
    public func yearPeriod(containing day: LocalDate) -> ReportingPeriod {
        period(year: quarter(containing: day).year, span: .year)
    }
}

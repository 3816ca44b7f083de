import EGovKPI

/// Local wall-clock seconds since 1970-01-01 00:00 in Asia/Ho_Chi_Minh: day number × 86 400 plus
/// the second of the day. All generation happens in this unit; only spelling converts to UTC.
typealias LocalSeconds = Int

/// Working days of Vietnamese state offices: Monday to Friday, minus the public holidays
/// (Tết, Hùng Kings, 30/4, 1/5, 2/9, New Year) of the years the demo covers.
struct WorkCalendar {
    /// Office hours, local: 07:30 to 17:00.
    static let opens = 7 * 3600 + 30 * 60
    static let closes = 17 * 3600

    private let first: Int
    private let working: [Bool]
    /// Working days in [first, first + i], for each index i.
    private let countThrough: [Int]
    /// Day numbers of the working days, in order.
    private let workingDays: [Int]

    /// A calendar covering `from` through `through` (both included).
    init(from: LocalDate, through: LocalDate) {
        first = from.dayNumber
        // Before the listed years (the demo's history), the fixed-date holidays only.
        let fixed = (from.year..<2023).flatMap { year in [(year, 1, 1), (year, 4, 30), (year, 5, 1), (year, 9, 2)] }
        let holidays = Set((fixed + WorkCalendar.holidays).compactMap { LocalDate(year: $0.0, month: $0.1, day: $0.2)?.dayNumber })
        var working: [Bool] = []
        var counts: [Int] = []
        var days: [Int] = []
        for day in from.dayNumber...through.dayNumber {
            let weekday = ((day + 4) % 7 + 7) % 7 // 0 = Sunday; 1970-01-01 was a Thursday
            let isWorking = weekday != 0 && weekday != 6 && !holidays.contains(day)
            working.append(isWorking)
            if isWorking { days.append(day) }
            counts.append(days.count)
        }
        self.working = working
        self.countThrough = counts
        self.workingDays = days
    }

    /// Whether `day` (a day number) is a working day.
    func isWorkingDay(_ day: Int) -> Bool {
        working[day - first]
    }

    /// `day` itself when it is a working day, else the next one.
    func workingDay(onOrAfter day: Int) -> Int {
        let before = countThrough[day - first] - (working[day - first] ? 1 : 0)
        return workingDays[before]
    }

    /// The `n`-th working day after `day` (n ≥ 1; `day` itself is not counted), or for n = 0
    /// `workingDay(onOrAfter:)`.
    func adding(workingDays n: Int, to day: Int) -> Int {
        guard n > 0 else { return workingDay(onOrAfter: day) }
        return workingDays[countThrough[day - first] + n - 1]
    }

    /// Working days in [from, through] (day numbers; 0 when the range is empty).
    func workingDayCount(from: Int, through: Int) -> Int {
        guard through >= from else { return 0 }
        return countThrough[through - first] - countThrough[from - first] + (working[from - first] ? 1 : 0)
    }

    /// The working days in [from, through], in order.
    func workingDays(from: Int, through: Int) -> ArraySlice<Int> {
        guard through >= from else { return [] }
        let lower = countThrough[from - first] - (working[from - first] ? 1 : 0)
        return workingDays[lower..<countThrough[through - first]]
    }

    /// Official days off (weekday ones matter; swaps approximated).
    private static let holidays: [(Int, Int, Int)] = [
        (2023, 1, 2), (2023, 1, 20), (2023, 1, 23), (2023, 1, 24), (2023, 1, 25), (2023, 1, 26),
        (2023, 5, 1), (2023, 5, 2), (2023, 5, 3), (2023, 9, 1), (2023, 9, 4),
        (2024, 1, 1), (2024, 2, 8), (2024, 2, 9), (2024, 2, 12), (2024, 2, 13), (2024, 2, 14),
        (2024, 4, 18), (2024, 4, 29), (2024, 4, 30), (2024, 5, 1), (2024, 9, 2), (2024, 9, 3),
        (2025, 1, 1), (2025, 1, 27), (2025, 1, 28), (2025, 1, 29), (2025, 1, 30), (2025, 1, 31),
        (2025, 4, 7), (2025, 4, 30), (2025, 5, 1), (2025, 5, 2), (2025, 9, 1), (2025, 9, 2),
        (2026, 1, 1), (2026, 1, 2), (2026, 2, 16), (2026, 2, 17), (2026, 2, 18), (2026, 2, 19),
        (2026, 2, 20), (2026, 4, 27), (2026, 4, 30), (2026, 5, 1), (2026, 8, 31), (2026, 9, 1),
        (2026, 9, 2), (2027, 1, 1), (2027, 2, 4), (2027, 2, 5), (2027, 2, 8), (2027, 2, 9),
        (2027, 2, 10), (2027, 4, 16), (2027, 4, 30), (2027, 9, 2), (2027, 9, 3),
    ]
}

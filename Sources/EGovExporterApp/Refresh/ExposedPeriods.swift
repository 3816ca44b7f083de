import EGovKPI

extension ExposedPeriodKind {
    /// The period this kind names on `today`. Open periods end on `today` (their figures are
    /// those of the days so far); `previous_quarter` is closed; `last_30_days` is the 30 days
    /// ending today.
    public func period(calendar: ReportingCalendar, today: LocalDate) -> ReportingPeriod {
        switch self {
        case .currentQuarter: calendar.quarterPeriod(containing: today).truncated(toDay: today)
        case .previousQuarter: calendar.previousQuarterPeriod(before: today)
        case .currentYear: calendar.yearPeriod(containing: today).truncated(toDay: today)
        case .last30Days: ReportingPeriod(id: "last_30_days", firstDay: today.adding(days: -29), lastDay: today)
        }
    }
}

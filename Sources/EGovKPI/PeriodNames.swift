extension ReportingPeriod {
    /// The period as a Vietnamese report names it: "Quý I năm 2024", "6 tháng đầu năm 2024"...
    /// Free-named periods (e.g. `last_30_days`) are named by their days.
    public var vietnameseName: String {
        let parts = id.split(separator: "-")
        guard parts.count == 2, let year = Int(parts[0]), let span = PeriodSpan(rawValue: String(parts[1])) else {
            return "từ \(firstDay.vietnamese) đến \(lastDay.vietnamese)"
        }
        return switch span {
        case .q1: "Quý I năm \(year)"
        case .q2: "Quý II năm \(year)"
        case .q3: "Quý III năm \(year)"
        case .q4: "Quý IV năm \(year)"
        case .h1: "6 tháng đầu năm \(year)"
        case .nineMonths: "9 tháng năm \(year)"
        case .year: "năm \(year)"
        }
    }
}

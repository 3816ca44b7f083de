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

extension ReportingPeriod {
    /// The period as the narrative names it: "Quý I", "6 tháng đầu năm", "9 tháng đầu năm", "năm
    /// 2024"; a free-named period by its days.
    public var vietnameseShortName: String {
        guard let span = span else { return vietnameseName }
        return switch span {
        case .q1: "Quý I"
        case .q2: "Quý II"
        case .q3: "Quý III"
        case .q4: "Quý IV"
        case .h1: "6 tháng đầu năm"
        case .nineMonths: "9 tháng"
        case .year: vietnameseName
        }
    }

    /// The title line of the appendix: "BÁO CÁO CÔNG TÁC CẢI CÁCH HÀNH CHÍNH QUÝ I NĂM 2024".
    public var appendixTitle: String {
        "BÁO CÁO CÔNG TÁC CẢI CÁCH HÀNH CHÍNH " + vietnameseName.uppercased()
    }

    /// The span of a named period id (`2024-Q1` → `.q1`), or nil for a free-named period.
    public var span: PeriodSpan? {
        let parts = id.split(separator: "-")
        guard parts.count == 2, Int(parts[0]) != nil else { return nil }
        return PeriodSpan(rawValue: String(parts[1]))
    }
}

import EGovKPI

/// An indicator the pages show at a glance, with its target: its heading, its cell and its JSON
/// value. The landing page shows `landing`; a unit's page shows `all`.
struct MainIndicator: Sendable {
    /// Column heading, Vietnamese.
    let heading: String
    /// JSON key on the unit page.
    let key: String
    let ratio: (@Sendable (UnitReport) -> Ratio)?
    let target: (@Sendable (Targets) -> Targets.Target)?
    /// A count instead of a rate (overdue dossiers in progress).
    let count: (@Sendable (UnitReport) -> Int)?

    init(_ heading: String, key: String, ratio: @escaping @Sendable (UnitReport) -> Ratio, target: @escaping @Sendable (Targets) -> Targets.Target) {
        self.heading = heading
        self.key = key
        self.ratio = ratio
        self.target = target
        self.count = nil
    }

    init(_ heading: String, key: String, count: @escaping @Sendable (UnitReport) -> Int) {
        self.heading = heading
        self.key = key
        self.ratio = nil
        self.target = nil
        self.count = count
    }

    /// The cell of `report`, coloured against the target for its unit's level.
    func cell(_ report: UnitReport, _ targets: Targets) -> String {
        if let ratio {
            return PageHTML.rateCell(ratio(report), target: target?(targets).percent(for: report.unit.level))
        }
        return PageHTML.overdueCell(count?(report) ?? 0)
    }

    /// The value as JSON: `{"numerator": n, "denominator": d, "percent": p|null, "target": t|null}`
    /// for a rate, the count for a count.
    func json(_ report: UnitReport, _ targets: Targets) -> String {
        guard let ratio else { return String(count?(report) ?? 0) }
        let value = ratio(report)
        let percent = AppendixValue(percent: value)?.literal ?? "null"
        let goal = target?(targets).percent(for: report.unit.level).map { AppendixValue($0).literal } ?? "null"
        return "{\"numerator\": \(value.numerator), \"denominator\": \(value.denominator), \"percent\": \(percent), \"target\": \(goal)}"
    }

    static let onTime = MainIndicator("Tỷ lệ hồ sơ giải quyết đúng hạn", key: "on_time", ratio: { $0.dossiers.onTimeRate }, target: \.onTime)
    static let online = MainIndicator("Tỷ lệ hồ sơ trực tuyến (3.2.4)", key: "online", ratio: { $0.dossiers.onlineRate }, target: \.online)
    static let signed = MainIndicator("Tỷ lệ văn bản đi được ký số", key: "signed", ratio: { $0.documents.signedRate }, target: \.signed)
    static let eoffice = MainIndicator("Tỷ lệ sử dụng văn phòng điện tử", key: "eoffice_usage", ratio: { $0.eoffice.usageRate },
                                       target: \.eofficeUsage)
    static let workFiles = MainIndicator("Tỷ lệ hồ sơ công việc điện tử", key: "electronic_work_files",
                                         ratio: { $0.eoffice.electronicWorkFileRate }, target: \.electronicWorkFiles)
    static let overdue = MainIndicator("Hồ sơ đang giải quyết quá hạn", key: "overdue_in_progress", count: { $0.dossiers.inProgressOverdue })

    static let landing = [onTime, online, signed, eoffice, overdue]
    static let all = [onTime, online, signed, eoffice, workFiles, overdue]
}

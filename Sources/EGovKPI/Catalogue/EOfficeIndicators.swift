extension IndicatorFamily {
    /// E-office usage and electronic work files: figures of the dashboards and the narrative;
    /// the appendix has no row of them.
    static let eoffice = IndicatorFamily(
        name: "eoffice",
        fields: [
            .count("staff") { $0.eoffice.staff },
            .count("eoffice_active_staff") { $0.eoffice.activeUsers },
            .rate("eoffice_usage_rate") { $0.eoffice.usageRate },
            .count("work_files") { $0.eoffice.workFiles },
            .count("work_files_electronic") { $0.eoffice.workFilesElectronic },
            .rate("work_files_electronic_rate") { $0.eoffice.electronicWorkFileRate },
        ],
        metrics: [
            .count("egov_staff",
                   "Staff of the unit's whole subtree active on at least one day of the period.") { $0.eoffice.staff },
            .count("egov_eoffice_active_staff",
                   "Staff of the unit's whole subtree with at least one day of activity in the document-management system in the period.") { $0.eoffice.activeUsers },
            .ratio("egov_eoffice_usage_ratio",
                   "Share (0-1) of the staff of the unit's whole subtree active in the document-management system in the period; absent when there is no staff.") { $0.eoffice.usageRate },
            .split("egov_work_files",
                   "Work files opened in the period by the unit's whole subtree, by whether they are created and processed electronically.",
                   "electronic") { [("false", $0.eoffice.workFiles - $0.eoffice.workFilesElectronic), ("true", $0.eoffice.workFilesElectronic)] },
            .ratio("egov_work_files_electronic_ratio",
                   "Share (0-1) of work files opened in the period by the unit's whole subtree that are electronic (Resolution 17/NQ-CP targets); absent when none was opened.") { $0.eoffice.electronicWorkFileRate },
        ],
        rows: [])

    /// Staff on the books (biên chế): row 4.2.2.
    static let staff = IndicatorFamily(
        name: "staff",
        fields: [.count("staff_present") { $0.eoffice.present }],
        metrics: [
            .count("egov_staff_present",
                   "Staff of the unit's whole subtree active on the period's last day (appendix row 4.2.2).") { $0.eoffice.present },
        ],
        rows: [
            AppendixEntry(.indicator, "4.2.2", "Tổng số biên chế có mặt tại thời điểm báo cáo", unit: "Người",
                          value: { .integer($0.report.eoffice.present) },
                          note: { c in
                              AppendixNote.join("Cán bộ, công chức có mặt ngày \(c.report.period.lastDay.vietnamese)",
                                                AppendixNote.invalid(c.report, .staff, "cán bộ"))
                          }),
        ])
}

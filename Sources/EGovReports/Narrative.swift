import EGovKPI
import EGovSnapshots

/// The paragraphs of part II of the report that the figures write, in the seed's wording, with
/// numbers as Vietnamese prints them.
extension UnitReport {
    /// The one-stop-shop sentence, with the online figure over the received total so the
    /// narrative and the appendix agree (the seed's hand-typed 348 against the appendix's 351).
    /// Withdrawn, stopped and no-due-date dossiers are named only when there are some, so the
    /// received total always adds up.
    public var dossierNarrative: String {
        let d = dossiers
        func n(_ value: Int) -> String { VietnameseNumber.text(value) }
        var text = "Tổng hợp, cập nhật kết quả giải quyết hồ sơ TTHC \(period.vietnameseShortName): "
            + "(từ \(period.firstDay.vietnamese) đến \(period.lastDay.vietnamese)): "
            + "Tổng số \(n(d.receivedTotal)) hồ sơ (trong đó: hồ sơ kỳ trước chuyển sang: \(Self.twoDigits(d.carriedOver))); "
            + "Hồ sơ tiếp nhận qua mạng: \(n(d.received(.online))); "
            + "Hồ sơ đã giải quyết: \(n(d.resolved)); hồ sơ giải quyết trước hạn: \(n(d.resolved(.early))); "
            + "hồ sơ giải quyết đúng hạn: \(n(d.resolved(.onTime))); hồ sơ quá hạn: \(n(d.resolved(.late))); "
        if d.resolved(.noDueDate) > 0 { text += "hồ sơ không có hạn trả: \(n(d.resolved(.noDueDate))); " }
        if d.withdrawn > 0 { text += "Hồ sơ rút theo yêu cầu: \(n(d.withdrawn)); " }
        if d.stopped > 0 { text += "Hồ sơ dừng xử lý: \(n(d.stopped)); " }
        return text + "Hồ sơ đang giải quyết: \(n(d.inProgress))."
    }

    /// The e-government sentence: outgoing documents digitally signed, documents to other
    /// agencies sent electronically, e-office usage and electronic work files.
    public var eGovernmentNarrative: String {
        let doc = documents
        let e = eoffice
        func n(_ value: Int) -> String { VietnameseNumber.text(value) }
        func percent(_ ratio: Ratio) -> String { VietnameseNumber.percent(ratio) ?? "0%" }
        var parts: [String] = []
        if doc.outgoing > 0 {
            parts.append("\(percent(doc.signedRate)) văn bản đi được ký số (\(n(doc.outgoingSigned))/\(n(doc.outgoing)) văn bản)")
        } else {
            parts.append("không có văn bản đi")
        }
        if doc.interagencyTotal > 0 {
            parts.append("\(percent(doc.electronicRate)) văn bản gửi các cơ quan, đơn vị được trao đổi dưới dạng điện tử "
                + "(trừ văn bản gửi đến xóm), trong đó \(percent(doc.fullyElectronicRate)) gửi hoàn toàn dưới dạng điện tử "
                + "và \(percent(doc.withPaperRate)) gửi song song với văn bản giấy")
        } else {
            parts.append("không có văn bản gửi các cơ quan, đơn vị")
        }
        if e.staff > 0 {
            parts.append("\(n(e.activeUsers))/\(n(e.staff)) cán bộ, công chức (\(percent(e.usageRate))) sử dụng phần mềm QLVB&ĐH")
        }
        if e.workFiles > 0 {
            parts.append("\(percent(e.electronicWorkFileRate)) hồ sơ công việc được tạo lập và xử lý trên môi trường mạng "
                + "(\(n(e.workFilesElectronic))/\(n(e.workFiles)) hồ sơ)")
        }
        return "Kết quả xây dựng Chính quyền điện tử, Chính quyền số \(period.vietnameseShortName): "
            + "(từ \(period.firstDay.vietnamese) đến \(period.lastDay.vietnamese)): " + parts.joined(separator: "; ") + "."
    }

    /// "03": the seed writes small counts with two digits.
    static func twoDigits(_ n: Int) -> String { n < 10 ? "0\(n)" : VietnameseNumber.text(n) }
}

extension SnapshotDocument {
    /// The snapshot of `report`, a closed period's figures for one unit, with the declarations in
    /// force on the period's last day (by row id).
    public init(report: UnitReport, profile: String, declared: [String: DeclaredValue]) {
        self.init(
            unitCode: report.unit.code, unitName: report.unit.name, unitLevel: report.unit.level,
            period: report.period, profile: profile,
            rows: report.appendix(declared: declared),
            narrative: [report.dossierNarrative, report.eGovernmentNarrative],
            figures: report.json.text,
            dataQuality: report.invalid.counts.sorted { $0.key < $1.key }.map { DataQualityCount(key: $0.key.name, count: $0.value) })
    }
}

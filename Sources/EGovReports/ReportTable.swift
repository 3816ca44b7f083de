import EGovKPI
import EGovSnapshots

extension UnitReport {
    /// The human-readable report of `report --format table`: header, the narrative sentences, the
    /// whole appendix, and the figures behind it. Vietnamese, for offices.
    public func table(asOf: LocalDate? = nil, declared: [String: DeclaredValue] = [:]) -> String {
        var lines: [String] = []
        func paragraph(_ text: String) { lines += Self.wrap(text, Self.width, indent: "") }
        paragraph("\(unit.name) (\(unit.code)) — \(period.vietnameseName)")
        var span = "Kỳ báo cáo \(period.id): từ \(period.firstDay.vietnamese) đến \(period.lastDay.vietnamese)"
        if let asOf, asOf == period.lastDay { span += " (kỳ đang diễn ra, số liệu tính đến hết ngày \(asOf.vietnamese))" }
        paragraph(span)
        lines.append("")
        paragraph(dossierNarrative)
        paragraph(eGovernmentNarrative)
        lines.append("")
        paragraph("PHỤ LỤC SỐ II")
        lines += Self.render(appendix(declared: declared))
        lines.append("")
        let d = dossiers
        func n(_ value: Int) -> String { VietnameseNumber.text(value) }
        paragraph("Chi tiết hồ sơ: trực tiếp \(n(d.received(.direct))), trực tuyến \(n(d.received(.online))) "
            + "(\(Self.rate(d.onlineShare)) tổng số), bưu chính công ích \(n(d.received(.postal))); rút hồ sơ \(n(d.withdrawn)); "
            + "dừng xử lý \(n(d.stopped)); không có hạn trả \(n(d.resolved(.noDueDate))); "
            + "đang giải quyết quá hạn \(n(d.inProgressOverdue)); số hóa \(Self.rate(d.digitizedRate)) hồ sơ tiếp nhận mới; "
            + "thanh toán trực tuyến \(Self.rate(d.paidOnlineRate)) hồ sơ có nghĩa vụ tài chính.")
        paragraph("Văn bản đi: \(n(documents.outgoing)), ký số \(n(documents.outgoingSigned)) "
            + "(\(Self.rate(documents.signedRate))); gửi cơ quan khác: \(n(documents.interagencyTotal)).")
        paragraph("Cán bộ, công chức: \(n(eoffice.staff)), sử dụng phần mềm QLVB&ĐH: \(n(eoffice.activeUsers)) "
            + "(\(Self.rate(eoffice.usageRate))); hồ sơ công việc điện tử: "
            + "\(n(eoffice.workFilesElectronic))/\(n(eoffice.workFiles)) (\(Self.rate(eoffice.electronicWorkFileRate))).")
        if invalid.total > 0 {
            paragraph("Bản ghi không hợp lệ (không tính vào chỉ tiêu): \(n(invalid.total)) — " + DataQualityText.parts(invalid))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The widest line of the table report.
    static let width = 100

    /// Columns STT | Các chỉ tiêu | Đơn vị tính | Số liệu: 8, 54, 24 and 10 characters wide (100
    /// with the spaces between them); labels and units wrapped, sub-rows indented under their
    /// label, values right-aligned in Vietnamese notation (24,14).
    static func render(_ rows: [AppendixRow]) -> [String] {
        let (sttWidth, labelWidth, unitWidth, valueWidth) = (8, 54, 24, 10)
        func pad(_ s: String, _ width: Int) -> String { s + String(repeating: " ", count: max(0, width - s.count)) }
        func right(_ s: String, _ width: Int) -> String { String(repeating: " ", count: max(0, width - s.count)) + s }
        var out = [pad("STT", sttWidth) + " " + pad("Các chỉ tiêu", labelWidth) + " " + pad("Đơn vị tính", unitWidth) + " "
            + right("Số liệu", valueWidth)]
        for row in rows {
            let label = wrap((row.isDetail ? "- " : "") + row.label, labelWidth, indent: row.isDetail ? "  " : "")
            let unit = wrap(row.unit, unitWidth, indent: "")
            for index in 0..<max(label.count, unit.count) {
                let first = index == 0
                out.append(pad(first ? row.number : "", sttWidth) + " " + pad(index < label.count ? label[index] : "", labelWidth) + " "
                    + pad(index < unit.count ? unit[index] : "", unitWidth) + " "
                    + right(first ? row.value?.vietnamese ?? "" : "", valueWidth))
            }
        }
        return out.map { String($0.reversed().drop { $0 == " " }.reversed()) }
    }

    /// "98,5 %", or "—" for an undefined rate.
    private static func rate(_ ratio: Ratio) -> String { VietnameseNumber.percent(ratio) ?? "—" }

    static func wrap(_ text: String, _ width: Int, indent: String) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            if !current.isEmpty && current.count + 1 + word.count > width {
                lines.append(current)
                current = indent + word
            } else {
                current += (current.isEmpty ? "" : " ") + word
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
}

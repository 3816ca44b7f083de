extension UnitReport {
    /// The human-readable report of `report --format table`: header, the narrative sentence, the
    /// appendix rows of sections 3 and 7, and the figures behind them. Vietnamese, for offices.
    public func table(asOf: LocalDate? = nil, declared: [DeclaredIndicator: DeclaredValue] = [:]) -> String {
        var lines: [String] = []
        lines.append("\(unit.name) (\(unit.code)) — \(period.vietnameseName)")
        var span = "Kỳ báo cáo \(period.id): từ \(period.firstDay.vietnamese) đến \(period.lastDay.vietnamese)"
        if let asOf, asOf == period.lastDay { span += " (kỳ đang diễn ra, số liệu tính đến hết ngày \(asOf.vietnamese))" }
        lines.append(span)
        lines.append("")
        lines.append(dossierNarrative)
        lines.append(eGovernmentNarrative)
        lines.append("")
        lines.append("PHỤ LỤC SỐ II (trích): các chỉ tiêu tính từ dữ liệu")
        lines += Self.render(appendixRows(declared: declared))
        lines.append("")
        let d = dossiers
        lines.append("Chi tiết hồ sơ: trực tiếp \(d.received(.direct)), trực tuyến \(d.received(.online)), "
            + "bưu chính công ích \(d.received(.postal)); rút hồ sơ \(d.withdrawn); dừng xử lý \(d.stopped); "
            + "không có hạn trả \(d.resolved(.noDueDate)); đang giải quyết quá hạn \(d.inProgressOverdue).")
        lines.append("Văn bản đi: \(documents.outgoing), ký số \(documents.outgoingSigned) "
            + "(\(documents.signedRate.percentText() ?? "—") %); gửi cơ quan khác: \(documents.interagencyTotal).")
        lines.append("Cán bộ, công chức: \(eoffice.staff), sử dụng phần mềm QLVB&ĐH: \(eoffice.activeUsers) "
            + "(\(eoffice.usageRate.percentText() ?? "—") %); hồ sơ công việc điện tử: "
            + "\(eoffice.workFilesElectronic)/\(eoffice.workFiles) (\(eoffice.electronicWorkFileRate.percentText() ?? "—") %).")
        if invalid.total > 0 {
            let parts = invalid.counts.sorted { $0.key < $1.key }.map { "\($0.key.name) \($0.value)" }
            lines.append("Bản ghi không hợp lệ (không tính vào chỉ tiêu): \(invalid.total) — " + parts.joined(separator: ", "))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Aligned columns STT | Các chỉ tiêu | Đơn vị tính | Số liệu, labels wrapped at 64 characters.
    static func render(_ rows: [AppendixRow]) -> [String] {
        let labelWidth = 64
        let unitWidth = rows.map(\.unit.count).max() ?? 0
        func pad(_ s: String, _ width: Int) -> String { s + String(repeating: " ", count: max(0, width - s.count)) }
        var out = [pad("STT", 7) + " " + pad("Các chỉ tiêu", labelWidth) + " " + pad("Đơn vị tính", unitWidth) + " Số liệu"]
        for row in rows {
            let label = (row.isDetail ? "  - " : "") + row.label
            let wrapped = wrap(label, labelWidth, indent: row.isDetail ? "    " : "")
            for (index, piece) in wrapped.enumerated() {
                let first = index == 0
                out.append(pad(first ? row.number : "", 7) + " " + pad(piece, labelWidth) + " "
                    + pad(first ? row.unit : "", unitWidth) + (first ? " " + (row.value ?? "") : ""))
            }
        }
        return out.map { String($0.reversed().drop { $0 == " " }.reversed()) }
    }

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

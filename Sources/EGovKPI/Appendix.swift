/// One row of PHỤ LỤC SỐ II: STT, Các chỉ tiêu, Đơn vị tính, Số liệu, Ghi chú.
public struct AppendixRow: Hashable, Sendable {
    /// A section heading (bold, no figure), an indicator with its number, or a "Trong đó" sub-row.
    public enum Kind: String, Hashable, Sendable { case heading, indicator, detail }

    public let kind: Kind
    /// The STT column: "3.2.4." for an indicator or heading; "Trong đó" on the first sub-row of a
    /// group and "" on the others.
    public let number: String
    /// The indicator's label, verbatim from the seed report.
    public let label: String
    /// Đơn vị tính.
    public let unit: String
    /// Số liệu as a decimal literal ("351", "66.67"), or nil for a blank cell (not applicable, not
    /// declared, or a rate whose denominator is 0).
    public let value: String?
    /// Ghi chú: what a reader must know (invalid records left out, not applicable, a declared
    /// value's source); "" for none.
    public let note: String

    public init(_ kind: Kind, _ number: String, _ label: String, _ unit: String, _ value: String?, note: String = "") {
        self.kind = kind
        self.number = number
        self.label = label
        self.unit = unit
        self.value = value
        self.note = note
    }

    public var isDetail: Bool { kind == .detail }

    static func heading(_ number: String, _ label: String) -> AppendixRow { AppendixRow(.heading, number, label, "", nil) }
}

/// Rows 7.1-7.4: facts the office declares, with their value codes (DOMAIN.md section 5).
public enum DeclaredIndicator: String, Hashable, Sendable, CaseIterable {
    case eaV2 = "ea_v2", onlineMeetings = "online_meetings", reportingSystem = "reporting_system", lgsp

    /// Appendix row number.
    public var row: String {
        switch self {
        case .eaV2: "7.1."
        case .onlineMeetings: "7.2."
        case .reportingSystem: "7.3."
        case .lgsp: "7.4."
        }
    }

    /// The largest valid code.
    public var maxCode: Int { self == .eaV2 ? 1 : 2 }

    /// The value codes as the appendix's unit column prints them.
    public var codes: String {
        switch self {
        case .eaV2: "Chưa = 0; Hoàn thành = 1"
        case .onlineMeetings: "Chưa có = 0; 2 cấp = 1; 3 cấp = 2"
        case .reportingSystem, .lgsp: "Chưa = 0; Đang làm = 1; Hoàn thành = 2"
        }
    }

    /// Label verbatim from the seed.
    public var label: String {
        switch self {
        case .eaV2: "Cập nhật Kiến trúc chính quyền điện tử phiên bản 2.0"
        case .onlineMeetings: "Xây dựng và vận hành Hệ thống họp trực tuyến"
        case .reportingSystem: "Hệ thống thông tin báo cáo và kết nối với Hệ thống thông tin báo cáo của tỉnh"
        case .lgsp: "Triển khai xây dựng nền tảng chia sẻ, tích hợp dùng chung (LGSP)"
        }
    }
}

/// A declaration in force for a unit: the fact, and the name of the unit that declared it when
/// that is an ancestor (inherited) rather than the unit itself.
public struct DeclaredValue: Hashable, Sendable {
    public let fact: DeclaredFact
    public let inheritedFrom: String?

    public init(fact: DeclaredFact, inheritedFrom: String?) {
        self.fact = fact
        self.inheritedFrom = inheritedFrom
    }
}

extension UnitReport {
    /// Sections 3 and 7 as the snapshot files them: headings, indicators and sub-rows.
    public func appendixRows(declared: [DeclaredIndicator: DeclaredValue] = [:]) -> [AppendixRow] {
        appendixSection3 + appendixSection7(declared: declared)
    }

    /// Section 3: 3.1.3, 3.2.4, 3.2.5, and 3.4.1 (district) or 3.4.2 (commune and any other
    /// level), each with its "Trong đó" sub-rows, under their headings.
    public var appendixSection3: [AppendixRow] {
        let d = dossiers
        let isDistrict = unit.level == UnitLevel.district
        let isCommune = unit.level == UnitLevel.commune
        let ownLevel = Self.levelName(unit.level)
        let dossierNote = invalidNote(.dossiers, "hồ sơ")
        let onTime = d.onTimeRate
        return [
            .heading("3.", "Cải cách thủ tục hành chính"),
            .heading("3.1.", "Thống kê TTHC"),
            AppendixRow(.indicator, "3.1.3.", "Tổng số TTHC đang có hiệu lực", "Thủ tục", String(procedures.total),
                        note: "TTHC \(ownLevel) trong danh mục"),
            AppendixRow(.detail, "Trong đó", "Số TTHC cấp huyện", "Thủ tục", isDistrict ? String(procedures.total) : nil,
                        note: isDistrict ? "" : "Không áp dụng cho đơn vị \(ownLevel)"),
            AppendixRow(.detail, "", "Số TTHC cấp xã", "Thủ tục", isCommune ? String(procedures.total) : nil,
                        note: isCommune ? "" : "Không áp dụng cho đơn vị \(ownLevel)"),
            .heading("3.2.", "Vận hành Cổng dịch vụ công (DVC)"),
            AppendixRow(.indicator, "3.2.4.", "Tỷ lệ hồ sơ TTHC được tiếp nhận trực tuyến mức độ 3 và 4 (Chỉ thống kê đối với các TTHC mức độ 3 và 4 có phát sinh hồ sơ)",
                        "%", d.onlineRate.percentText(),
                        note: Self.join(d.receivedTotal == 0 ? "Không có hồ sơ trong kỳ" : "", dossierNote)),
            AppendixRow(.detail, "Trong đó", "Tổng số hồ sơ TTHC đã tiếp nhận (cả trực tiếp và trực tuyến)", "Hồ sơ", String(d.receivedTotal),
                        note: "Gồm \(Self.twoDigits(d.carriedOver)) hồ sơ kỳ trước chuyển sang và \(d.receivedNew) hồ sơ tiếp nhận mới"),
            AppendixRow(.detail, "", "Số hồ sơ TTHC đã tiếp nhận trực tuyến", "Hồ sơ", String(d.received(.online))),
            AppendixRow(.indicator, "3.2.5.", "Tỷ lệ TTHC được tích hợp, triển khai thanh toán trực tuyến", "%",
                        procedures.onlinePaymentRate.percentText(),
                        note: procedures.withFee == 0 ? "Không có TTHC có yêu cầu nghĩa vụ tài chính" : ""),
            AppendixRow(.detail, "Trong đó", "Tổng số TTHC có yêu cầu nghĩa vụ tài chính", "Thủ tục", String(procedures.withFee)),
            AppendixRow(.detail, "", "Số TTHC đã được tích hợp, triển khai thanh toán trực tuyến", "Thủ tục", String(procedures.withFeeOnlinePayment)),
            .heading("3.4.", "Kết quả giải quyết TTHC"),
            AppendixRow(.indicator, isDistrict ? "3.4.1." : "3.4.2.",
                        isDistrict ? "Tỷ lệ hồ sơ TTHC do UBND cấp huyện tiếp nhận được giải quyết đúng hạn"
                                   : "Tỷ lệ hồ sơ TTHC do UBND cấp xã tiếp nhận được giải quyết đúng hạn",
                        "%", onTime.percentText(),
                        note: Self.join(d.resolved == 0 ? "Không có hồ sơ giải quyết xong trong kỳ" : "", dossierNote)),
            AppendixRow(.detail, "Trong đó", "Tổng số hồ sơ TTHC đã giải quyết xong", "Hồ sơ", String(d.resolved),
                        note: d.resolved(.noDueDate) > 0 ? "Gồm \(d.resolved(.noDueDate)) hồ sơ không có hạn trả, tính là không đúng hạn" : ""),
            AppendixRow(.detail, "", "Số hồ sơ TTHC giải quyết đúng hạn", "Hồ sơ", String(onTime.numerator),
                        note: "Trước hạn: \(d.resolved(.early)); đúng hạn: \(d.resolved(.onTime)); quá hạn: \(d.resolved(.late))"),
        ]
    }

    /// Section 7: 7.1-7.4 from the declarations in force (blank when none), 7.5.1, 7.5.2 with its
    /// two sub-rows, 7.6.1 and 7.6.2 (blank when not applicable).
    public func appendixSection7(declared: [DeclaredIndicator: DeclaredValue] = [:]) -> [AppendixRow] {
        let doc = documents
        let c = connections
        let documentNote = invalidNote(.documents, "văn bản")
        var rows: [AppendixRow] = [.heading("7.", "Xây dựng và phát triển Chính phủ điện tử, Chính phủ số")]
        for indicator in DeclaredIndicator.allCases {
            let value = declared[indicator]
            rows.append(AppendixRow(.indicator, indicator.row, indicator.label, indicator.codes,
                                    value.map { String($0.fact.value) }, note: value.map(Self.declaredNote) ?? "Chưa khai báo"))
        }
        rows += [
            .heading("7.5.", "Số liệu về trao đổi văn bản điện tử"),
            AppendixRow(.indicator, "7.5.1.", "Tỷ lệ thực hiện kết nối, liên thông các Hệ thống quản lý văn bản điều hành từ cấp huyện đến cấp xã",
                        "%", c.docAxisRate.percentText(),
                        note: Self.connectedNote(c.docAxisConnected, of: c.docAxisUnits, "cấp huyện, cấp xã")),
            AppendixRow(.indicator, "7.5.2.", "Tỷ lệ văn bản trao đổi giữa các cơ quan, đơn vị trên địa bàn dưới dạng điện tử",
                        "%", doc.electronicRate.percentText(),
                        note: Self.join(doc.interagencyTotal == 0 ? "Không có văn bản đi gửi cơ quan, đơn vị trong kỳ"
                                            : "\(doc.interagencyElectronic)/\(doc.interagencyTotal) văn bản; không tính văn bản gửi đến xóm",
                                        documentNote)),
            AppendixRow(.detail, "Trong đó", "Tỷ lệ văn bản được gửi hoàn toàn dưới dạng điện tử (Sử dụng chữ ký số, chứng thư số và gửi trên môi trường điện tử)",
                        "%", doc.fullyElectronicRate.percentText(),
                        note: doc.interagencyTotal == 0 ? "" : "\(doc.interagency(.fullyElectronic)) văn bản"),
            AppendixRow(.detail, "", "Tỷ lệ văn bản được gửi dưới dạng điện tử và song song với văn bản giấy",
                        "%", doc.withPaperRate.percentText(),
                        note: doc.interagencyTotal == 0 ? "" : "\(doc.interagency(.electronicWithPaper)) văn bản"),
            .heading("7.6.", "Vận hành Hệ thống thông tin một cửa điện tử tập trung của tỉnh"),
            AppendixRow(.indicator, "7.6.1.", "Tỷ lệ đơn vị cấp huyện đã kết nối liên thông với Hệ thống", "%",
                        c.districtOneStopRate.percentText(),
                        note: Self.connectedNote(c.districtsOneStopConnected, of: c.districts, "cấp huyện")),
            AppendixRow(.indicator, "7.6.2.", "Tỷ lệ đơn vị cấp xã đã kết nối liên thông với Hệ thống", "%",
                        c.communeOneStopRate.percentText(),
                        note: Self.connectedNote(c.communesOneStopConnected, of: c.communes, "cấp xã")),
        ]
        return rows
    }

    /// The one-stop-shop sentence of part II of the report, in the seed's wording, with the
    /// online figure over the received total so the narrative and the appendix agree (the seed's
    /// hand-typed 348 against the appendix's 351). Withdrawn, stopped and no-due-date dossiers
    /// are named only when there are some, so the received total always adds up.
    public var dossierNarrative: String {
        let d = dossiers
        var text = "Tổng hợp, cập nhật kết quả giải quyết hồ sơ TTHC \(period.vietnameseShortName): "
            + "(từ \(period.firstDay.vietnamese) đến \(period.lastDay.vietnamese)): "
            + "Tổng số \(d.receivedTotal) hồ sơ (trong đó: hồ sơ kỳ trước chuyển sang: \(Self.twoDigits(d.carriedOver))); "
            + "Hồ sơ tiếp nhận qua mạng: \(d.received(.online)); "
            + "Hồ sơ đã giải quyết: \(d.resolved); hồ sơ giải quyết trước hạn: \(d.resolved(.early)); "
            + "hồ sơ giải quyết đúng hạn: \(d.resolved(.onTime)); hồ sơ quá hạn: \(d.resolved(.late)); "
        if d.resolved(.noDueDate) > 0 { text += "hồ sơ không có hạn trả: \(d.resolved(.noDueDate)); " }
        if d.withdrawn > 0 { text += "Hồ sơ rút theo yêu cầu: \(d.withdrawn); " }
        if d.stopped > 0 { text += "Hồ sơ dừng xử lý: \(d.stopped); " }
        return text + "Hồ sơ đang giải quyết: \(d.inProgress)."
    }

    /// The e-government sentence of part II: outgoing documents digitally signed, documents to
    /// other agencies sent electronically, e-office usage and electronic work files.
    public var eGovernmentNarrative: String {
        let doc = documents
        let e = eoffice
        var parts: [String] = []
        if doc.outgoing > 0 {
            parts.append("\(Self.percent(doc.signedRate)) văn bản đi được ký số (\(doc.outgoingSigned)/\(doc.outgoing) văn bản)")
        } else {
            parts.append("không có văn bản đi")
        }
        if doc.interagencyTotal > 0 {
            parts.append("\(Self.percent(doc.electronicRate)) văn bản gửi các cơ quan, đơn vị được trao đổi dưới dạng điện tử "
                + "(trừ văn bản gửi đến xóm), trong đó \(Self.percent(doc.fullyElectronicRate)) gửi hoàn toàn dưới dạng điện tử "
                + "và \(Self.percent(doc.withPaperRate)) gửi song song với văn bản giấy")
        } else {
            parts.append("không có văn bản gửi các cơ quan, đơn vị")
        }
        if e.staff > 0 {
            parts.append("\(e.activeUsers)/\(e.staff) cán bộ, công chức (\(Self.percent(e.usageRate))) sử dụng phần mềm QLVB&ĐH")
        }
        if e.workFiles > 0 {
            parts.append("\(Self.percent(e.electronicWorkFileRate)) hồ sơ công việc được tạo lập và xử lý trên môi trường mạng "
                + "(\(e.workFilesElectronic)/\(e.workFiles) hồ sơ)")
        }
        return "Kết quả xây dựng Chính quyền điện tử, Chính quyền số \(period.vietnameseShortName): "
            + "(từ \(period.firstDay.vietnamese) đến \(period.lastDay.vietnamese)): " + parts.joined(separator: "; ") + "."
    }

    /// "Không tính 12 hồ sơ có dữ liệu không hợp lệ", or "" when every record of the kind is valid.
    private func invalidNote(_ kind: RecordKind, _ noun: String) -> String {
        let count = invalid.counts.filter { $0.key.kind == kind }.values.reduce(0, +)
        return count == 0 ? "" : "Không tính \(count) \(noun) có dữ liệu không hợp lệ (toàn bộ dữ liệu của đơn vị)"
    }

    private static func declaredNote(_ value: DeclaredValue) -> String {
        let source = value.inheritedFrom.map { "Theo khai báo của \($0)" } ?? "Đơn vị khai báo"
        return "\(source), hiệu lực từ \(value.fact.effective.vietnamese)"
    }

    private static func connectedNote(_ connected: Int, of total: Int, _ level: String) -> String {
        total == 0 ? "Không áp dụng: không có đơn vị \(level) trong phạm vi đơn vị" : "\(connected)/\(total) đơn vị"
    }

    private static func join(_ a: String, _ b: String) -> String {
        [a, b].filter { !$0.isEmpty }.joined(separator: "; ")
    }

    /// "cấp xã", "cấp huyện", "cấp tỉnh", or the level's own word.
    static func levelName(_ level: String) -> String {
        switch level {
        case UnitLevel.commune: "cấp xã"
        case UnitLevel.district: "cấp huyện"
        case UnitLevel.province: "cấp tỉnh"
        default: "cấp \(level)"
        }
    }

    /// "98,5%": a rate as Vietnamese prose writes it (decimal comma, at most two decimals).
    static func percent(_ ratio: Ratio) -> String {
        (ratio.percentText() ?? "0").withDecimalComma + "%"
    }

    static func twoDigits(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }
}

extension String {
    /// "66,67" for "66.67": a decimal as Vietnamese prose writes it.
    var withDecimalComma: String { String(map { $0 == "." ? "," : $0 }) }
}

/// Numbers as Vietnamese documents print them: thousands grouped with a dot, decimals after a
/// comma (77.068; 24,14).
public enum VietnameseNumber {
    /// A decimal literal ("77068", "24.14", "-5") in Vietnamese notation.
    public static func text(_ literal: String) -> String {
        let negative = literal.hasPrefix("-")
        let body = negative ? literal.dropFirst() : Substring(literal)
        let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        var grouped = ""
        for (index, digit) in parts[0].enumerated() {
            if index > 0 && (parts[0].count - index) % 3 == 0 { grouped.append(".") }
            grouped.append(digit)
        }
        return (negative ? "-" : "") + grouped + (parts.count > 1 ? "," + parts[1] : "")
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

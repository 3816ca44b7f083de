/// One row of PHỤ LỤC SỐ II: STT, Các chỉ tiêu, Đơn vị tính, Số liệu, Ghi chú.
public struct AppendixRow: Hashable, Sendable {
    /// "3.2.4", or "" for a "Trong đó" sub-row or a heading without a number.
    public let number: String
    /// The indicator's label, verbatim from the seed report.
    public let label: String
    /// Đơn vị tính.
    public let unit: String
    /// Số liệu; nil leaves the cell blank (not applicable or not declared).
    public let value: String?
    /// True for the "Trong đó" sub-rows.
    public let isDetail: Bool

    public init(_ number: String, _ label: String, _ unit: String, _ value: String?, detail: Bool = false) {
        self.number = number
        self.label = label
        self.unit = unit
        self.value = value
        self.isDetail = detail
    }
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

extension UnitReport {
    /// The section 3 rows the exporter fills: 3.1.3, 3.2.4, 3.2.5, and 3.4.1 (district) or
    /// 3.4.2 (commune and any other level), each with its "Trong đó" sub-rows.
    public var appendixSection3: [AppendixRow] {
        let d = dossiers
        let isDistrict = unit.level == UnitLevel.district
        let procedureDistrict = isDistrict ? String(procedures.total) : nil
        let procedureCommune = unit.level == UnitLevel.commune ? String(procedures.total) : nil
        return [
            AppendixRow("3.1.3.", "Tổng số TTHC đang có hiệu lực", "Thủ tục", String(procedures.total)),
            AppendixRow("", "Số TTHC cấp huyện", "Thủ tục", procedureDistrict, detail: true),
            AppendixRow("", "Số TTHC cấp xã", "Thủ tục", procedureCommune, detail: true),
            AppendixRow("3.2.4.", "Tỷ lệ hồ sơ TTHC được tiếp nhận trực tuyến mức độ 3 và 4 (Chỉ thống kê đối với các TTHC mức độ 3 và 4 có phát sinh hồ sơ)", "%", d.onlineRate.percentText()),
            AppendixRow("", "Tổng số hồ sơ TTHC đã tiếp nhận (cả trực tiếp và trực tuyến)", "Hồ sơ", String(d.receivedTotal), detail: true),
            AppendixRow("", "Số hồ sơ TTHC đã tiếp nhận trực tuyến", "Hồ sơ", String(d.received(.online)), detail: true),
            AppendixRow("3.2.5.", "Tỷ lệ TTHC được tích hợp, triển khai thanh toán trực tuyến", "%", procedures.onlinePaymentRate.percentText()),
            AppendixRow("", "Tổng số TTHC có yêu cầu nghĩa vụ tài chính", "Thủ tục", String(procedures.withFee), detail: true),
            AppendixRow("", "Số TTHC đã được tích hợp, triển khai thanh toán trực tuyến", "Thủ tục", String(procedures.withFeeOnlinePayment), detail: true),
            isDistrict
                ? AppendixRow("3.4.1.", "Tỷ lệ hồ sơ TTHC do UBND cấp huyện tiếp nhận được giải quyết đúng hạn", "%", d.onTimeRate.percentText())
                : AppendixRow("3.4.2.", "Tỷ lệ hồ sơ TTHC do UBND cấp xã tiếp nhận được giải quyết đúng hạn", "%", d.onTimeRate.percentText()),
            AppendixRow("", "Tổng số hồ sơ TTHC đã giải quyết xong", "Hồ sơ", String(d.resolved), detail: true),
            AppendixRow("", "Số hồ sơ TTHC giải quyết đúng hạn", "Hồ sơ", String(d.onTimeRate.numerator), detail: true),
        ]
    }

    /// The section 7 rows: 7.1-7.4 from `declared` (blank when not declared), 7.5.1, 7.5.2 with
    /// its two sub-rows, 7.6.1 and 7.6.2 (blank when not applicable).
    public func appendixSection7(declared: [DeclaredIndicator: Int] = [:]) -> [AppendixRow] {
        let doc = documents
        var rows = DeclaredIndicator.allCases.map { AppendixRow($0.row, $0.label, $0.codes, declared[$0].map(String.init)) }
        rows += [
            AppendixRow("7.5.", "Số liệu về trao đổi văn bản điện tử", "", nil),
            AppendixRow("7.5.1.", "Tỷ lệ thực hiện kết nối, liên thông các Hệ thống quản lý văn bản điều hành từ cấp huyện đến cấp xã", "%", connections.docAxisRate.percentText()),
            AppendixRow("7.5.2.", "Tỷ lệ văn bản trao đổi giữa các cơ quan, đơn vị trên địa bàn dưới dạng điện tử", "%", doc.electronicRate.percentText()),
            AppendixRow("", "Tỷ lệ văn bản được gửi hoàn toàn dưới dạng điện tử (Sử dụng chữ ký số, chứng thư số và gửi trên môi trường điện tử)", "%", doc.fullyElectronicRate.percentText(), detail: true),
            AppendixRow("", "Tỷ lệ văn bản được gửi dưới dạng điện tử và song song với văn bản giấy", "%", doc.withPaperRate.percentText(), detail: true),
            AppendixRow("7.6.", "Vận hành Hệ thống thông tin một cửa điện tử tập trung của tỉnh", "", nil),
            AppendixRow("7.6.1.", "Tỷ lệ đơn vị cấp huyện đã kết nối liên thông với Hệ thống", "%", connections.districtOneStopRate.percentText()),
            AppendixRow("7.6.2.", "Tỷ lệ đơn vị cấp xã đã kết nối liên thông với Hệ thống", "%", connections.communeOneStopRate.percentText()),
        ]
        return rows
    }

    /// The dossier sentence of the report's narrative, as offices write it, with the online
    /// figure split so the narrative and the appendix agree (the seed's 348 vs 351).
    public var dossierNarrative: String {
        let d = dossiers
        return "Tổng hợp, cập nhật kết quả giải quyết hồ sơ TTHC \(period.vietnameseName) "
            + "(từ \(period.firstDay.vietnamese) đến \(period.lastDay.vietnamese)): "
            + "Tổng số \(d.receivedTotal) hồ sơ (trong đó: hồ sơ kỳ trước chuyển sang: \(Self.twoDigits(d.carriedOver)); "
            + "tiếp nhận mới: \(d.receivedNew)); "
            + "Hồ sơ tiếp nhận qua mạng: \(d.received(.online)) (trong đó tiếp nhận mới: \(d.received(.new, .online))); "
            + "Hồ sơ đã giải quyết: \(d.resolved); hồ sơ giải quyết trước hạn: \(d.resolved(.early)); "
            + "hồ sơ giải quyết đúng hạn: \(d.resolved(.onTime)); hồ sơ quá hạn: \(d.resolved(.late)); "
            + "Hồ sơ đang giải quyết: \(d.inProgress)."
    }

    private static func twoDigits(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }
}

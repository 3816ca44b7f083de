extension IndicatorFamily {
    /// The rows the office declares in the configuration (DOMAIN.md section 5): sections 1, 2, 5
    /// and 6, section 4 but 4.2.2, and the system facts 7.1–7.4 (inherited from the nearest
    /// ancestor). A rate over two declared sub-rows is computed from them.
    static let declared = IndicatorFamily(
        name: "declared",
        fields: [],
        metrics: [],
        rows: [
            rate("1.1", "Tỷ lệ hoàn thành kế hoạch CCHC năm (lũy kế đến thời điểm báo cáo)",
                 count("1.1.a", "Số nhiệm vụ đề ra trong kế hoạch", "Nhiệm vụ"),
                 count("1.1.b", "Số nhiệm vụ đã hoàn thành", "Nhiệm vụ")),
            percent("1.2.1", "Tỷ lệ phòng chuyên môn, đơn vị thuộc, trực thuộc UBND cấp huyện đã kiểm tra (tính lũy kế từ đầu năm)"),
            percent("1.2.2", "Tỷ lệ UBND cấp xã đã kiểm tra (tính lũy kế từ đầu năm)"),
            rate("1.2.3", "Tỷ lệ xử lý các vấn đề phát hiện qua kiểm tra (tính lũy kế từ đầu năm)",
                 count("1.2.3.a", "Số vấn đề phát hiện qua kiểm tra", "Vấn đề"),
                 count("1.2.3.b", "Số vấn đề phát hiện đã xử lý xong", "Vấn đề")),
            count("1.3.1", "Tổng số nhiệm vụ được giao", "Nhiệm vụ"),
            count("1.3.2", "Số nhiệm vụ đã hoàn thành đúng hạn", "Nhiệm vụ"),
            count("1.3.3", "Số nhiệm vụ đã hoàn thành nhưng quá hạn", "Nhiệm vụ"),
            count("1.4.1", "Số lượng phiếu khảo sát", "Số lượng"),
            code("1.4.2", "Hình thức khảo sát", "Trực tuyến = 0; Phát phiếu = 1; Kết hợp = 2", max: 2),
            code("1.5", "Tổ chức đối thoại của lãnh đạo với người dân, cộng đồng doanh nghiệp", "Không = 0; Có = 1", max: 1),
            count("2.1", "Số VBQPPL do HĐND, UBND cấp huyện đã ban hành (cấp xã)", "Văn bản"),
            count("2.2", "Số VBQPPL đã kiểm tra theo thẩm quyền của Chủ tịch UBND cấp huyện", "-"),
            count("2.3", "Số VBQPPL đã rà soát", "Văn bản"),
            rate("2.4", "Tỷ lệ xử lý văn bản sau kiểm tra, rà soát",
                 count("2.4.a", "Tổng số VBQPPL cần phải xử lý sau kiểm tra, rà soát", "Văn bản"),
                 count("2.4.b", "Số VBQPPL đã được xử lý xong", "Văn bản")),
            percent("4.1.1", "Tỷ lệ UBND cấp huyện đã hoàn thành việc sắp xếp các phòng chuyên môn đáp ứng các tiêu chí theo quy định của Chính phủ"),
            percent("4.1.5", "Tỷ lệ đơn vị sự nghiệp thuộc UBND cấp huyện đã cắt giảm so với năm 2015",
                    details: [count("4.1.5.a", "Tổng số đơn vị sự nghiệp thuộc UBND cấp huyện", "Đơn vị"),
                              count("4.1.5.b", "Số đơn vị sự nghiệp tại thời điểm báo cáo", "Đơn vị")]),
            count("4.2.1", "Tổng số biên chế được giao trong năm", "Người"),
            count("4.2.3", "Số hợp đồng lao động làm việc tại cơ quan hành chính nhà nước", "Người"),
            count("4.2.4", "Số biên chế đã tinh giản trong kỳ báo cáo", "Người"),
            percent("4.2.5", "Tỷ lệ phần trăm biên chế đã tinh giản so với năm 2015"),
            count("4.3.1", "Tổng số người làm việc được giao", "Người"),
            count("4.3.2", "Tổng số người làm việc có mặt", "Người"),
            count("4.3.3", "Số người đã tinh giản trong kỳ báo cáo", "Người"),
            percent("4.3.4", "Tỷ lệ % đã tinh giản so với năm 2015"),
            count("5.1.1", "Số cơ quan, tổ chức hành chính đã được phê duyệt vị trí việc làm theo quy định", "Cơ quan, đơn vị"),
            count("5.1.2", "Số đơn vị sự nghiệp đã được phê duyệt vị trí việc làm theo quy định", "Cơ quan, đơn vị"),
            count("5.2.1", "Số công chức được tuyển dụng (thi tuyển, xét tuyển)", "Người"),
            count("5.2.2", "Số công chức được tuyển dụng theo trường hợp đặc biệt", "Người"),
            count("5.2.3", "Số cán bộ, công chức cấp xã được xét chuyển thành công chức cấp huyện trở lên", "Người"),
            count("5.2.4", "Số viên chức được tuyển dụng (thi tuyển, xét tuyển)", "Người"),
            count("5.2.5", "Số viên chức được tuyển dụng theo trường hợp đặc biệt", "Người"),
            count("5.3", "Số lượng lãnh đạo quản lý cấp phòng thuộc UBND cấp huyện được tuyển chọn, bổ nhiệm thông qua thi tuyển.", "Người"),
            count("5.4", "Số lượng cán bộ, công chức, viên chức bị kỷ luật (cả về Đảng và chính quyền).", "Người",
                  details: [count("5.4.a", "Số lãnh đạo UBND cấp xã bị kỷ luật.", "Người"),
                            count("5.4.b", "Số lãnh đạo cấp phòng thuộc UBND cấp huyện bị kỷ luật.", "Người"),
                            count("5.4.c", "Số người làm việc hưởng lương từ NSNN tại các ĐVSN bị kỷ luật.", "Người")]),
            rate("6.1", "Tỷ lệ thực hiện kế hoạch giải ngân vốn đầu tư công",
                 amount("6.1.a", "Kế hoạch được giao", "Triệu đồng"),
                 amount("6.1.b", "Đã thực hiện", "Triệu đồng")),
            count("6.2.1", "Tổng số ĐVSN công lập tại địa phương", "Đơn vị"),
            count("6.2.2", "Số ĐVSN tự bảo đảm chi thường xuyên và chi đầu tư", "Đơn vị"),
            count("6.2.3", "Số ĐVSN tự bảo đảm chi thường xuyên", "Đơn vị"),
            count("6.2.4", "Số ĐVSN tự bảo đảm một phần chi thường xuyên", "Đơn vị",
                  details: [count("6.2.4.a", "Số ĐVSN tự bảo đảm từ 70% - dưới 100% chi thường xuyên", "Đơn vị"),
                            count("6.2.4.b", "Số ĐVSN tự bảo đảm từ 30% - dưới 70% chi thường xuyên", "Đơn vị"),
                            count("6.2.4.c", "Số ĐVSN tự bảo đảm từ 10% - dưới 30% chi thường xuyên", "Đơn vị")]),
            count("6.2.5", "Số ĐVSN do Nhà nước bảo đảm chi thường xuyên", "Đơn vị"),
            count("6.2.6", "Số lượng ĐVSN đã chuyển đổi thành công ty cổ phần (lũy kế đến thời điểm báo cáo)", "Đơn vị"),
            code("7.1", "Cập nhật Kiến trúc chính quyền điện tử phiên bản 2.0", "Chưa = 0; Hoàn thành = 1", max: 1, inherits: true),
            code("7.2", "Xây dựng và vận hành Hệ thống họp trực tuyến (Liên thông 2 cấp: Từ UBND tỉnh đến 100% UBND các huyện; Liên thông 3 cấp: Từ UBND tỉnh đến 100% UBND cấp huyện, cấp xã)",
                 "Chưa có = 0; 2 cấp = 1; 3 cấp = 2", max: 2, inherits: true),
            code("7.3", "Hệ thống thông tin báo cáo và kết nối với Hệ thống thông tin báo cáo của tỉnh",
                 "Chưa = 0; Đang làm = 1; Hoàn thành = 2", max: 2, inherits: true),
            code("7.4", "Triển khai xây dựng nền tảng chia sẻ, tích hợp dùng chung (LGSP)",
                 "Chưa = 0; Đang làm = 1; Hoàn thành = 2", max: 2, inherits: true),
        ])

    /// A declared row: its own declaration's value, and where it comes from in the note.
    private static func row(_ kind: AppendixEntry.Kind, _ id: String, _ label: String, _ unit: String, _ declared: DeclaredKind,
                            inherits: Bool = false, details: [AppendixEntry] = []) -> AppendixEntry {
        AppendixEntry(kind, id, label, unit: unit, declared: declared, inherits: inherits, details: details,
                      value: { $0.declared[id].map { AppendixValue($0.fact.value) } },
                      note: { $0.declared[id].map(AppendixNote.declared) ?? "" })
    }

    private static func count(_ id: String, _ label: String, _ unit: String, details: [AppendixEntry] = []) -> AppendixEntry {
        row(id.last!.isLetter ? .detail : .indicator, id, label, unit, .count, details: details)
    }

    private static func amount(_ id: String, _ label: String, _ unit: String) -> AppendixEntry {
        row(.detail, id, label, unit, .amount)
    }

    private static func percent(_ id: String, _ label: String, details: [AppendixEntry] = []) -> AppendixEntry {
        row(.indicator, id, label, "%", .percent, details: details)
    }

    private static func code(_ id: String, _ label: String, _ codes: String, max: Int, inherits: Bool = false) -> AppendixEntry {
        row(.indicator, id, label, codes, .code(max: max), inherits: inherits)
    }

    /// A rate over two declared sub-rows (done / planned), computed when both are declared;
    /// otherwise the rate the office declares itself.
    private static func rate(_ id: String, _ label: String, _ whole: AppendixEntry, _ part: AppendixEntry) -> AppendixEntry {
        AppendixEntry(.indicator, id, label, unit: "%", declared: .percent, details: [whole, part],
                      value: { c in
                          if let w = c.declared[whole.id]?.fact.value, let p = c.declared[part.id]?.fact.value, w > 0 {
                              // In percent, rounded half up to two decimals like every rate.
                              return AppendixValue((p * 10_000 / w).rounded() / 100)
                          }
                          return c.declared[id].map { AppendixValue($0.fact.value) }
                      },
                      note: { c in
                          if c.declared[whole.id] != nil, c.declared[part.id] != nil { return "Tính từ hai số liệu khai báo" }
                          return c.declared[id].map(AppendixNote.declared) ?? ""
                      })
    }
}

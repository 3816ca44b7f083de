/// Fields (lĩnh vực) of the procedure catalogue per level, with how many procedures each has and
/// how popular it is; a few fields carry their real procedure names, the others get plausible ones.
enum ProcedureNames {
    /// A field: name, number of procedures, relative popularity, known procedure names.
    typealias Field = (name: String, count: Int, popularity: Double, names: [String])

    /// Commune level: exactly 118 procedures, xã Bình Yên's catalogue size.
    static let commune: [Field] = [
        ("Hộ tịch", 24, 6, [
            "Đăng ký khai sinh", "Đăng ký kết hôn", "Đăng ký khai tử", "Đăng ký nhận cha, mẹ, con",
            "Đăng ký khai sinh kết hợp nhận cha, mẹ, con", "Đăng ký lại khai sinh", "Đăng ký lại kết hôn",
            "Đăng ký lại khai tử", "Cấp Giấy xác nhận tình trạng hôn nhân", "Cấp bản sao Trích lục hộ tịch",
            "Thay đổi, cải chính, bổ sung thông tin hộ tịch", "Đăng ký giám hộ", "Đăng ký chấm dứt giám hộ",
            "Đăng ký khai sinh lưu động", "Đăng ký kết hôn lưu động", "Đăng ký khai tử lưu động",
            "Đăng ký khai sinh cho người đã có hồ sơ, giấy tờ cá nhân",
            "Liên thông đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi",
            "Liên thông đăng ký khai tử, xóa đăng ký thường trú, hưởng chế độ tử tuất",
        ]),
        ("Chứng thực", 12, 7, [
            "Chứng thực bản sao từ bản chính giấy tờ, văn bản", "Chứng thực chữ ký trong các giấy tờ, văn bản",
            "Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản",
            "Chứng thực hợp đồng, giao dịch liên quan đến thực hiện các quyền của người sử dụng đất",
            "Chứng thực hợp đồng, giao dịch về nhà ở", "Chứng thực di chúc", "Chứng thực văn bản từ chối nhận di sản",
            "Chứng thực văn bản thỏa thuận phân chia di sản", "Chứng thực văn bản khai nhận di sản",
            "Chứng thực việc sửa đổi, bổ sung, hủy bỏ hợp đồng, giao dịch", "Sửa lỗi sai sót trong hợp đồng, giao dịch",
            "Cấp bản sao có chứng thực từ bản chính hợp đồng, giao dịch đã được chứng thực",
        ]),
        ("Bảo trợ xã hội", 11, 2, [
            "Trợ giúp xã hội khẩn cấp về hỗ trợ làm nhà ở", "Thực hiện, điều chỉnh, thôi hưởng trợ cấp xã hội hằng tháng",
            "Hỗ trợ chi phí mai táng cho đối tượng bảo trợ xã hội", "Xác định, xác định lại mức độ khuyết tật",
            "Cấp đổi, cấp lại Giấy xác nhận khuyết tật", "Công nhận hộ nghèo, hộ cận nghèo phát sinh trong năm",
            "Công nhận hộ thoát nghèo, hộ thoát cận nghèo trong năm",
        ]),
        ("Người có công", 10, 1.5, []), ("Đất đai", 6, 2, []), ("Văn hóa cơ sở", 8, 0.5, []),
        ("Thi đua, khen thưởng", 6, 0.5, []), ("Tín ngưỡng, tôn giáo", 5, 0.3, []), ("Nuôi con nuôi", 3, 0.2, []),
        ("Phòng, chống tệ nạn xã hội", 4, 0.3, []), ("Hòa giải cơ sở", 5, 0.3, []), ("Nông nghiệp", 6, 1, []),
        ("Lâm nghiệp", 4, 0.5, []), ("Giáo dục và Đào tạo", 5, 0.5, []), ("Trẻ em", 5, 0.5, []), ("Dân tộc", 4, 0.3, []),
    ]

    /// District level: 252 procedures.
    static let district: [Field] = [
        ("Hộ tịch", 20, 3, []), ("Chứng thực", 10, 3, []), ("Đất đai", 20, 5, []), ("Xây dựng", 15, 3, []),
        ("Thành lập và hoạt động của hộ kinh doanh", 8, 3, []), ("Lao động, Thương binh và Xã hội", 35, 2, []),
        ("Giáo dục và Đào tạo", 30, 1, []), ("Văn hóa", 12, 0.5, []), ("Y tế", 8, 0.5, []),
        ("Tài nguyên và Môi trường", 15, 1.5, []), ("Nông nghiệp và Phát triển nông thôn", 25, 1, []),
        ("Công thương", 12, 1, []), ("Nội vụ", 14, 0.5, []), ("Tư pháp", 8, 0.5, []),
        ("Giao thông vận tải", 8, 0.5, []), ("Tài chính", 6, 0.5, []), ("Thanh tra", 6, 0.2, []),
    ]

    /// Province level: 400 procedures (resolved by the province and its departments).
    static let province: [Field] = [
        ("Đất đai", 30, 3, []), ("Xây dựng", 30, 2, []), ("Đầu tư", 35, 1, []), ("Thành lập và hoạt động doanh nghiệp", 30, 4, []),
        ("Giáo dục và Đào tạo", 40, 1, []), ("Y tế", 45, 2, []), ("Việc làm", 35, 2, []), ("Đường bộ", 35, 3, []),
        ("Công thương", 40, 1, []), ("Nông nghiệp", 35, 1, []), ("Môi trường", 25, 1, []), ("Văn hóa, Thể thao và Du lịch", 20, 0.5, []),
    ]

    /// Generic actions for fields without known names.
    static let actions = [
        "Cấp giấy chứng nhận", "Cấp lại giấy chứng nhận", "Xác nhận hồ sơ", "Công nhận", "Đăng ký",
        "Điều chỉnh thông tin", "Giải quyết chế độ", "Thẩm định hồ sơ", "Cấp phép", "Gia hạn giấy phép",
        "Thông báo", "Hỗ trợ", "Thu hồi", "Phê duyệt",
    ]
}

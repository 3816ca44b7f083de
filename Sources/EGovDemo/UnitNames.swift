/// The real districts of Thái Nguyên (before the 1/7/2025 reform) and their communes, wards and
/// towns, with the archetype a few of them play in the demo.
enum UnitNames {
    /// A district and its commune-level units, in code order.
    struct District {
        let code: String
        let name: String
        /// Code of the first commune; the others follow in steps of 3, as GSO codes do.
        let firstCommuneCode: Int?
        let communes: [String]
    }

    static let provinceName = "Tỉnh Thái Nguyên"

    /// The departments (sở) directly under the province, code and name; the small scale keeps the first.
    static let departments: [(String, String)] = [("19-SNV", "Sở Nội vụ"), ("19-STP", "Sở Tư pháp")]

    /// The communes of the small scale, by district code, with their archetypes.
    static let small: [(district: String, commune: String, archetype: Archetype)] = [
        ("164", "Thị trấn Chợ Chu", .average), ("164", "Xã Bình Yên", .binhYen),
        ("164", "Xã Trung Hội", .digital), ("164", "Xã Phú Đình", .inPerson),
        ("164", "Xã Điềm Mặc", .struggling),
        ("165", "Phường Hoàng Văn Thụ", .digital), ("165", "Phường Tân Thịnh", .average),
        ("165", "Xã Phúc Xuân", .struggling), ("165", "Xã Tân Cương", .average),
        ("169", "Thị trấn Đình Cả", .average), ("169", "Xã Thần Sa", .inPerson),
        ("169", "Xã La Hiên", .struggling),
    ]

    /// Communes whose connections are fixed in both scales (one-stop, document axis), so that the
    /// small demo too has units connected during 2024-2025 and units never connected.
    static let fixedConnections: [(commune: String, oneStop: (Int, Int, Int)?, docAxis: (Int, Int, Int)?)] = [
        ("Xã Phúc Xuân", (2024, 5, 20), nil),
        ("Xã La Hiên", nil, (2025, 2, 10)),
        ("Xã Thần Sa", (2022, 8, 1), (2024, 9, 9)),
        ("Xã Điềm Mặc", (2021, 4, 5), (2024, 4, 1)),
    ]

    /// All districts; Định Hóa first so that xã Bình Yên gets its real code 05587.
    static let districts: [District] = [
        District(code: "164", name: "Huyện Định Hóa", firstCommuneCode: 5539, communes: [
            "Thị trấn Chợ Chu", "Xã Linh Thông", "Xã Lam Vỹ", "Xã Quy Kỳ", "Xã Tân Thịnh",
            "Xã Kim Phượng", "Xã Bảo Linh", "Xã Phúc Chu", "Xã Tân Dương", "Xã Phượng Tiến",
            "Xã Bảo Cường", "Xã Đồng Thịnh", "Xã Định Biên", "Xã Thanh Định", "Xã Trung Hội",
            "Xã Trung Lương", "Xã Bình Yên", "Xã Điềm Mặc", "Xã Phú Tiến", "Xã Bộc Nhiêu",
            "Xã Sơn Phú", "Xã Phú Đình", "Xã Bình Thành",
        ]),
        District(code: "165", name: "Thành phố Thái Nguyên", firstCommuneCode: 5440, communes: [
            "Phường Quán Triều", "Phường Quang Vinh", "Phường Túc Duyên", "Phường Hoàng Văn Thụ",
            "Phường Trưng Vương", "Phường Quang Trung", "Phường Phan Đình Phùng", "Phường Tân Thịnh",
            "Phường Thịnh Đán", "Phường Đồng Quang", "Phường Gia Sàng", "Phường Tân Lập",
            "Phường Cam Giá", "Phường Phú Xá", "Phường Hương Sơn", "Phường Trung Thành",
            "Phường Tân Thành", "Phường Tân Long", "Xã Phúc Hà", "Xã Phúc Xuân", "Xã Quyết Thắng",
            "Xã Phúc Trìu", "Xã Thịnh Đức", "Phường Tích Lương", "Xã Tân Cương", "Xã Sơn Cẩm",
            "Phường Chùa Hang", "Xã Cao Ngạn", "Xã Linh Sơn", "Phường Đồng Bẩm", "Xã Huống Thượng",
            "Xã Đồng Liên",
        ]),
        District(code: "166", name: "Thành phố Sông Công", firstCommuneCode: nil, communes: [
            "Phường Mỏ Chè", "Phường Cải Đan", "Phường Thắng Lợi", "Phường Phố Cò", "Phường Lương Sơn",
            "Phường Bách Quang", "Xã Tân Quang", "Xã Bá Xuyên", "Xã Bình Sơn", "Xã Vinh Sơn",
        ]),
        District(code: "167", name: "Thành phố Phổ Yên", firstCommuneCode: nil, communes: [
            "Phường Ba Hàng", "Phường Bãi Bông", "Phường Đồng Tiến", "Phường Bắc Sơn", "Phường Hồng Tiến",
            "Phường Đắc Sơn", "Phường Nam Tiến", "Phường Tân Hương", "Phường Tiên Phong",
            "Phường Trung Thành", "Phường Thuận Thành", "Phường Đông Cao", "Xã Minh Đức",
            "Xã Phúc Thuận", "Xã Thành Công", "Xã Vạn Phái", "Xã Phúc Tân", "Xã Tân Phú",
        ]),
        District(code: "168", name: "Huyện Phú Lương", firstCommuneCode: nil, communes: [
            "Thị trấn Đu", "Thị trấn Giang Tiên", "Xã Yên Ninh", "Xã Yên Trạch", "Xã Yên Đổ",
            "Xã Yên Lạc", "Xã Ôn Lương", "Xã Động Đạt", "Xã Phủ Lý", "Xã Phú Đô", "Xã Hợp Thành",
            "Xã Tức Tranh", "Xã Phấn Mễ", "Xã Vô Tranh", "Xã Cổ Lũng",
        ]),
        District(code: "169", name: "Huyện Võ Nhai", firstCommuneCode: nil, communes: [
            "Thị trấn Đình Cả", "Xã Sảng Mộc", "Xã Nghinh Tường", "Xã Thần Sa", "Xã Vũ Chấn",
            "Xã Thượng Nung", "Xã Phú Thượng", "Xã Cúc Đường", "Xã La Hiên", "Xã Lâu Thượng",
            "Xã Tràng Xá", "Xã Phương Giao", "Xã Liên Minh", "Xã Dân Tiến", "Xã Bình Long",
        ]),
        District(code: "170", name: "Huyện Đồng Hỷ", firstCommuneCode: nil, communes: [
            "Thị trấn Trại Cau", "Thị trấn Sông Cầu", "Xã Nam Hòa", "Xã Văn Hán", "Xã Văn Lăng",
            "Xã Quang Sơn", "Xã Hòa Bình", "Xã Minh Lập", "Xã Hóa Trung", "Xã Hóa Thượng",
            "Xã Khe Mo", "Xã Cây Thị", "Xã Hợp Tiến", "Xã Tân Long", "Xã Tân Lợi",
        ]),
        District(code: "171", name: "Huyện Đại Từ", firstCommuneCode: nil, communes: [
            "Thị trấn Hùng Sơn", "Thị trấn Quân Chu", "Xã Phúc Lương", "Xã Minh Tiến", "Xã Yên Lãng",
            "Xã Đức Lương", "Xã Phú Cường", "Xã Na Mao", "Xã Phú Lạc", "Xã Tân Linh", "Xã Phú Thịnh",
            "Xã Phục Linh", "Xã Phú Xuyên", "Xã Bản Ngoại", "Xã Tiên Hội", "Xã Cù Vân",
            "Xã Hà Thượng", "Xã La Bằng", "Xã Hoàng Nông", "Xã Khôi Kỳ", "Xã An Khánh",
            "Xã Tân Thái", "Xã Bình Thuận", "Xã Lục Ba", "Xã Mỹ Yên", "Xã Vạn Thọ", "Xã Văn Yên",
            "Xã Ký Phú", "Xã Cát Nê",
        ]),
        District(code: "172", name: "Huyện Phú Bình", firstCommuneCode: nil, communes: [
            "Thị trấn Hương Sơn", "Xã Bàn Đạt", "Xã Tân Khánh", "Xã Tân Kim", "Xã Tân Thành",
            "Xã Đào Xá", "Xã Bảo Lý", "Xã Thượng Đình", "Xã Tân Hòa", "Xã Nhã Lộng", "Xã Điềm Thụy",
            "Xã Xuân Phương", "Xã Tân Đức", "Xã Úc Kỳ", "Xã Lương Phú", "Xã Nga My", "Xã Kha Sơn",
            "Xã Thanh Ninh", "Xã Dương Thành", "Xã Hà Châu",
        ]),
    ]
}

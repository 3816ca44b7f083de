/// The section headings of PHỤ LỤC SỐ II, verbatim from the seed; the families' rows fall
/// between them by number.
enum AppendixHeadings {
    static let all: [AppendixEntry] = [
        .heading("1", "Công tác chỉ đạo, điều hành CCHC"),
        .heading("1.2", "Kiểm tra CCHC"),
        .heading("1.3", "Thực hiện nhiệm vụ Chủ tịch UBND huyện, UBND huyện giao"),
        .heading("1.4", "Khảo sát sự hài lòng của người dân, tổ chức"),
        .heading("2", "Cải cách thể chế"),
        .heading("3", "Cải cách thủ tục hành chính"),
        .heading("3.1", "Thống kê TTHC"),
        .heading("3.2", "Vận hành Cổng dịch vụ công (DVC)"),
        .heading("3.3", "Thực hiện cơ chế một cửa, một cửa liên thông"),
        .heading("3.4", "Kết quả giải quyết TTHC"),
        .heading("4", "Cải cách tổ chức bộ máy hành chính nhà nước"),
        .heading("4.1", "Sắp xếp, kiện toàn tổ chức bộ máy"),
        .heading("4.2", "Số liệu về biên chế công chức"),
        .heading("4.3", "Số người làm việc hưởng lương từ NSNN tại các đơn vị sự nghiệp công lập"),
        .heading("5", "Cải cách chế độ công vụ"),
        .heading("5.1", "Vị trí việc làm của công chức, viên chức"),
        .heading("5.2", "Tuyển dụng công chức, viên chức"),
        .heading("6", "Cải cách tài chính công"),
        .heading("6.2", "Thực hiện tự chủ tài chính của đơn vị sự nghiệp (ĐVSN) (lũy kế đến thời điểm báo cáo)"),
        .heading("7", "Xây dựng và phát triển Chính phủ điện tử, Chính phủ số"),
        .heading("7.5", "Số liệu về trao đổi văn bản điện tử"),
        .heading("7.6", "Vận hành Hệ thống thông tin một cửa điện tử tập trung của tỉnh"),
    ]
}

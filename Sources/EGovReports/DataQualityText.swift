import EGovKPI
import EGovSnapshots

/// The records left out of the figures, as a reader of the appendix understands them: "12 hồ sơ
/// thiếu ngày tiếp nhận", never `dossiers.missing_received_at`.
enum DataQualityText {
    /// "12 hồ sơ thiếu ngày tiếp nhận, 3 văn bản thiếu ngày ban hành".
    static func parts(_ invalid: InvalidFigures) -> String {
        invalid.counts.sorted { $0.key < $1.key }.map { phrase($0.key, $0.value) }.joined(separator: ", ")
    }

    /// The same for a snapshot's stored counts (`kind.reason` names).
    static func parts(_ counts: [DataQualityCount]) -> String {
        counts.map { count in
            guard let key = InvalidKey(name: count.key) else { return "\(VietnameseNumber.text(count.count)) bản ghi \(count.key)" }
            return phrase(key, count.count)
        }.joined(separator: ", ")
    }

    static func phrase(_ key: InvalidKey, _ count: Int) -> String {
        "\(VietnameseNumber.text(count)) \(noun(key.kind)) \(reason(key.reason))"
    }

    static func noun(_ kind: RecordKind) -> String {
        switch kind {
        case .units: "đơn vị"
        case .procedures: "TTHC"
        case .dossiers: "hồ sơ"
        case .documents: "văn bản"
        case .staff: "cán bộ"
        case .eofficeActivity: "ngày sử dụng phần mềm QLVB"
        case .workFiles: "hồ sơ công việc"
        }
    }

    static func reason(_ reason: InvalidReason) -> String {
        switch reason {
        case .unknownUnit: "có mã đơn vị không có trong danh mục"
        case .unknownParent: "có đơn vị cấp trên không có trong danh mục"
        case .parentCycle: "có quan hệ cấp trên lặp vòng"
        case .unparseableConnectedOn: "có ngày kết nối không đọc được"
        case .missingLevel: "thiếu cấp giải quyết"
        case .unknownOnlineService: "có mức độ cung cấp trực tuyến không hợp lệ"
        case .unknownOnlineEligible: "có mức độ đủ điều kiện trực tuyến không hợp lệ"
        case .unknownInterconnection: "có hình thức liên thông không hợp lệ"
        case .unknownInternalProcess: "có trạng thái quy trình nội bộ không hợp lệ"
        case .unparseablePublishedOn: "có ngày công bố không đọc được"
        case .unparseableAbolishedOn: "có ngày bãi bỏ không đọc được"
        case .missingReceivedAt: "thiếu ngày tiếp nhận"
        case .unparseableReceivedAt: "có ngày tiếp nhận không đọc được"
        case .unparseableDueAt: "có ngày hẹn trả không đọc được"
        case .unparseableFinishedAt: "có ngày kết thúc xử lý không đọc được"
        case .unknownChannel: "có kênh thực hiện không hợp lệ"
        case .unknownStatus: "có trạng thái không hợp lệ"
        case .finishedBeforeReceived: "kết thúc xử lý trước ngày tiếp nhận"
        case .terminalWithoutFinishedAt: "đã kết thúc nhưng thiếu ngày kết thúc xử lý"
        case .finishedAtOnOpenStatus: "chưa kết thúc nhưng có ngày kết thúc xử lý"
        case .missingIssuedAt: "thiếu ngày ban hành"
        case .unparseableIssuedAt: "có ngày ban hành không đọc được"
        case .unknownDirection: "có chiều văn bản (đi, đến) không hợp lệ"
        case .unknownTransmission: "có hình thức gửi không hợp lệ"
        case .unknownRecipientScope: "có nơi nhận không hợp lệ"
        case .invalidFlag: "có giá trị có/không (0/1) không hợp lệ"
        case .missingActiveFrom: "thiếu ngày bắt đầu công tác"
        case .unparseableActiveFrom: "có ngày bắt đầu công tác không đọc được"
        case .unparseableActiveTo: "có ngày kết thúc công tác không đọc được"
        case .activeToBeforeActiveFrom: "có ngày kết thúc công tác trước ngày bắt đầu"
        case .unknownStaff: "của cán bộ không có trong danh sách"
        case .unparseableDay: "có ngày không đọc được"
        case .missingOpenedAt: "thiếu ngày mở hồ sơ"
        case .unparseableOpenedAt: "có ngày mở hồ sơ không đọc được"
        case .missingId: "thiếu mã bản ghi"
        case .unparseableReturnedAt: "có ngày trả kết quả không đọc được"
        case .malformedRecord: "sai cấu trúc"
        case .unparseableValue: "có giá trị không đọc được"
        case .missingValue: "thiếu giá trị bắt buộc"
        }
    }
}

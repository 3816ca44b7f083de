/// The wording of the appendix's Ghi chú column, shared by the families' rows.
enum AppendixNote {
    /// "Không tính 12 hồ sơ có dữ liệu không hợp lệ (toàn bộ dữ liệu của đơn vị)", or "" when every
    /// record of the kind is valid.
    static func invalid(_ report: UnitReport, _ kind: RecordKind, _ noun: String) -> String {
        let n = report.invalid.counts.filter { $0.key.kind == kind }.values.reduce(0, +)
        return n == 0 ? "" : "Không tính \(grouped(n)) \(noun) có dữ liệu không hợp lệ (toàn bộ dữ liệu của đơn vị)"
    }

    /// A row about units of `level` in a subtree that has none.
    static func notApplicable(_ level: String) -> String {
        "Không áp dụng: không có đơn vị \(levelName(level)) trong phạm vi đơn vị"
    }

    /// A row that needs a catalogue column the source lacks.
    static let noCatalogue = "Chưa có dữ liệu danh mục"

    /// "12/15 đơn vị", or not applicable when there is no unit of the kind.
    static func connected(_ connected: Int, of total: Int, _ levels: String) -> String {
        total == 0 ? "Không áp dụng: không có đơn vị \(levels) trong phạm vi đơn vị" : "\(grouped(connected))/\(grouped(total)) đơn vị"
    }

    /// Where a declared value comes from and since when.
    static func declared(_ value: DeclaredValue) -> String {
        let source = value.inheritedFrom.map { "Theo khai báo của \($0)" } ?? "Đơn vị khai báo"
        return "\(source), hiệu lực từ \(value.fact.effective.vietnamese)"
    }

    /// The non-empty parts, separated by "; ".
    static func join(_ parts: String...) -> String { parts.filter { !$0.isEmpty }.joined(separator: "; ") }

    /// "cấp xã", "cấp huyện", "cấp tỉnh", or the level's own word.
    static func levelName(_ level: String) -> String {
        switch level {
        case UnitLevel.commune: "cấp xã"
        case UnitLevel.district: "cấp huyện"
        case UnitLevel.province: "cấp tỉnh"
        default: "cấp \(level)"
        }
    }
}

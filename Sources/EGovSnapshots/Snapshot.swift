import EGovKPI

/// The content of a quarterly snapshot: one unit's whole appendix (sections 1 to 7) for one closed
/// period, the narrative paragraphs of part II, every figure behind them and the data-quality
/// counts. Computed once and frozen; two documents with the same content are the same snapshot.
public struct SnapshotDocument: Hashable, Sendable {
    public let unitCode: String
    public let unitName: String
    public let unitLevel: String
    public let period: ReportingPeriod
    /// The period profile the period was cut by (`nd09`, `calendar`).
    public let profile: String
    public let rows: [AppendixRow]
    /// The paragraphs of part II: the one-stop-shop sentence and the e-government sentence.
    public let narrative: [String]
    /// Every figure, as the JSON object of `report --format json`.
    public let figures: String
    /// Records left out of the figures, by `kind.reason`, sorted by key.
    public let dataQuality: [DataQualityCount]

    public init(unitCode: String, unitName: String, unitLevel: String, period: ReportingPeriod, profile: String,
                rows: [AppendixRow], narrative: [String], figures: String, dataQuality: [DataQualityCount]) {
        self.unitCode = unitCode
        self.unitName = unitName
        self.unitLevel = unitLevel
        self.period = period
        self.profile = profile
        self.rows = rows
        self.narrative = narrative
        self.figures = figures
        self.dataQuality = dataQuality
    }

    /// The issuing authority as the appendix names it: "UBND xã Bình Yên" for a commune, district
    /// or province; the unit's own name for any other level (a department).
    public var authority: String {
        let levels = [UnitLevel.commune, UnitLevel.district, UnitLevel.province]
        guard levels.contains(unitLevel), let first = unitName.first else { return unitName }
        return "UBND " + first.lowercased() + unitName.dropFirst()
    }

    /// "PHỤ LỤC SỐ II".
    public static let heading = "PHỤ LỤC SỐ II"

    /// "BÁO CÁO CÔNG TÁC CẢI CÁCH HÀNH CHÍNH QUÝ I NĂM 2024".
    public var title: String { period.appendixTitle }

    /// "(Kèm theo Báo cáo số ... của UBND xã Bình Yên)", with blanks for the office to fill.
    public var attachment: String {
        "(Kèm theo Báo cáo số      /BC-UBND ngày      /     /      của \(authority))"
    }

    /// "Kỳ báo cáo: từ 15/12/2023 đến 14/03/2024".
    public var span: String { "Kỳ báo cáo: từ \(period.firstDay.vietnamese) đến \(period.lastDay.vietnamese)" }

    /// The appendix's column headings.
    public static let columns = ["STT", "Các chỉ tiêu", "Đơn vị tính", "Số liệu", "Ghi chú"]

    /// The heading the seed's table prints over Đơn vị tính and Số liệu.
    public static let resultColumn = "Kết quả"
}

/// Records of one kind left out for one reason (`dossier.missing_received_at`).
public struct DataQualityCount: Hashable, Sendable {
    public let key: String
    public let count: Int

    public init(key: String, count: Int) {
        self.key = key
        self.count = count
    }
}

/// A stored snapshot: its content, and which version of the unit's snapshot of that period it is.
public struct Snapshot: Hashable, Sendable {
    public let document: SnapshotDocument
    /// 1 for the first; each amendment (a retake after the records changed) adds one.
    public let version: Int
    /// When it was taken: ISO 8601 local time with its offset (`2024-03-15T08:00:00+07:00`).
    public let takenAt: String
    /// `command` (snapshot take) or `daemon` (automatic, at the close of the period).
    public let takenBy: String

    public init(document: SnapshotDocument, version: Int, takenAt: String, takenBy: String) {
        self.document = document
        self.version = version
        self.takenAt = takenAt
        self.takenBy = takenBy
    }

    /// The file name of an export: `phu-luc-II_05587_2024-Q1_v1.xlsx`.
    public func fileName(format: String) -> String {
        "phu-luc-II_\(document.unitCode)_\(document.period.id)_v\(version).\(format)"
    }
}

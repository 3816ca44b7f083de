/// How far a procedure is offered online (Nghị định 42/2022/NĐ-CP Art. 11): not at all, partly
/// (một phần, formerly mức độ 3) or wholly (toàn trình, formerly mức độ 4). Also the online level
/// a procedure qualifies for (`online_eligible`).
public enum OnlineService: String, Hashable, Sendable, CaseIterable {
    case none, partial, full

    /// Offered online, partly or wholly.
    public var isOnline: Bool { self != .none }
}

/// Whether a procedure is resolved together with other agencies (liên thông): at the same level
/// of government or across levels.
public enum Interconnection: String, Hashable, Sendable, CaseIterable {
    case none, sameLevel = "same_level", interLevel = "inter_level"
}

/// The state of a procedure's internal process (quy trình nội bộ): approved, or approved and
/// digitised (điện tử hóa).
public enum InternalProcess: String, Hashable, Sendable, CaseIterable {
    case none, approved, digitized

    /// Approved, digitised or not.
    public var isApproved: Bool { self != .none }
}

/// The optional catalogue columns of `procedures` (DOMAIN.md section 3). A source without one
/// leaves the appendix rows that need it blank.
public enum CatalogueColumn: String, Hashable, Sendable, CaseIterable {
    case publishedOn = "published_on", abolishedOn = "abolished_on", onlineEligible = "online_eligible"
    case onNationalPortal = "on_national_portal", interconnection
    case locationIndependent = "location_independent", internalProcess = "internal_process"
}

/// One valid procedure of the catalogue. The optional facts are nil when the source lacks their
/// column (or, for the two dates, when the cell is NULL: no announcement or abolition day).
public struct ProcedureRecord: Hashable, Sendable {
    public let code: String
    /// The unit level that resolves it.
    public let level: String
    public let onlineService: OnlineService
    public let hasFee: Bool
    public let onlinePayment: Bool
    public let publishedOn: LocalDate?
    public let abolishedOn: LocalDate?
    public let onlineEligible: OnlineService?
    public let onNationalPortal: Bool?
    public let interconnection: Interconnection?
    public let locationIndependent: Bool?
    public let internalProcess: InternalProcess?

    public init(code: String, level: String, onlineService: OnlineService = .none, hasFee: Bool = false,
                onlinePayment: Bool = false, publishedOn: LocalDate? = nil, abolishedOn: LocalDate? = nil,
                onlineEligible: OnlineService? = nil, onNationalPortal: Bool? = nil, interconnection: Interconnection? = nil,
                locationIndependent: Bool? = nil, internalProcess: InternalProcess? = nil) {
        self.code = code
        self.level = level
        self.onlineService = onlineService
        self.hasFee = hasFee
        self.onlinePayment = onlinePayment
        self.publishedOn = publishedOn
        self.abolishedOn = abolishedOn
        self.onlineEligible = onlineEligible
        self.onNationalPortal = onNationalPortal
        self.interconnection = interconnection
        self.locationIndependent = locationIndependent
        self.internalProcess = internalProcess
    }

    /// In force on `day`: announced by then (or no day given) and not yet abolished.
    public func inForce(on day: LocalDate) -> Bool {
        (publishedOn.map { $0 <= day } ?? true) && (abolishedOn.map { $0 > day } ?? true)
    }
}

/// One aggregate row of the online-procedures query: `unit` received at least one dossier of
/// `procedure` online in the period (received new, channel 2, a valid dossier of the workload).
public struct OnlineProcedureUse: Hashable, Sendable {
    public let unit: String
    public let procedure: String

    public init(unit: String, procedure: String) {
        self.unit = unit
        self.procedure = procedure
    }
}

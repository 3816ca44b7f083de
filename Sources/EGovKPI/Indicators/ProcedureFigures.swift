/// The procedures of one online level (rows 3.2.1 and 3.2.2): those that qualify for it, those
/// offered at it, and those of the offered that received a dossier online in the period.
public struct OnlineOffer: Hashable, Sendable {
    public init(eligible: Int = 0, offered: Int = 0, withOnlineDossiers: Int = 0) {
        self.eligible = eligible
        self.offered = offered
        self.withOnlineDossiers = withOnlineDossiers
    }

    public var eligible = 0
    public var offered = 0
    public var withOnlineDossiers = 0

    /// offered / eligible.
    public var offeredRate: Ratio { Ratio(offered, of: eligible) }
}

/// Procedure-catalogue figures of a unit for a period (DOMAIN.md section 4, "Procedures"): the
/// procedures at the levels present in the unit's subtree, in force on the period's last day.
/// A figure that needs a catalogue column the source lacks is nil.
public struct ProcedureFigures: Hashable, Sendable {
    /// The unit levels present in the subtree: the levels whose procedures are in scope.
    public let levels: Set<String>
    /// 3.1.1: announced (published_on) in the period, at those levels.
    public private(set) var published: Int?
    /// 3.1.2: abolished or replaced (abolished_on) in the period, at those levels.
    public private(set) var abolished: Int?
    /// 3.1.3: in scope.
    public private(set) var total = 0
    /// In scope, by level.
    public private(set) var byLevel: [String: Int] = [:]
    /// 3.2.1 (một phần ≙ mức độ 3) and 3.2.2 (toàn trình ≙ mức độ 4).
    public private(set) var partial: OnlineOffer?
    public private(set) var full: OnlineOffer?
    /// 3.2.3: offered online (partly or wholly), and of them on the national portal.
    public private(set) var online = 0
    public private(set) var onNationalPortal: Int?
    /// 3.2.5: with a financial obligation, and of them integrated with online payment.
    public private(set) var withFee = 0
    public private(set) var withFeeOnlinePayment = 0
    /// 3.3.1, 3.3.2, 3.3.3.
    public private(set) var sameLevel: Int?
    public private(set) var interLevel: Int?
    public private(set) var locationIndependent: Int?
    /// 3.3.4 and 3.3.5: internal process approved (digitised or not), and digitised.
    public private(set) var processApproved: Int?
    public private(set) var processDigitized: Int?

    /// The figures of `catalog` for a subtree with unit levels `levels` in `period`, `online`
    /// being the procedures the subtree received a dossier of online in the period.
    public init(catalog: [ProcedureRecord], columns: Set<CatalogueColumn>, levels: Set<String>,
                period: ReportingPeriod, online usedOnline: Set<String>) {
        self.levels = levels
        func present(_ column: CatalogueColumn) -> Int? { columns.contains(column) ? 0 : nil }
        published = present(.publishedOn)
        abolished = present(.abolishedOn)
        if columns.contains(.onlineEligible) {
            partial = OnlineOffer()
            full = OnlineOffer()
        }
        onNationalPortal = present(.onNationalPortal)
        sameLevel = present(.interconnection)
        interLevel = sameLevel
        locationIndependent = present(.locationIndependent)
        processApproved = present(.internalProcess)
        processDigitized = processApproved
        for procedure in catalog where levels.contains(procedure.level) {
            if let day = procedure.publishedOn, period.contains(day) { published? += 1 }
            if let day = procedure.abolishedOn, period.contains(day) { abolished? += 1 }
            guard procedure.inForce(on: period.lastDay) else { continue }
            total += 1
            byLevel[procedure.level, default: 0] += 1
            let service = procedure.onlineService
            if procedure.onlineEligible == .partial { partial?.count(offered: service.isOnline, used: usedOnline.contains(procedure.code)) }
            if procedure.onlineEligible == .full { full?.count(offered: service == .full, used: usedOnline.contains(procedure.code)) }
            if service.isOnline {
                online += 1
                if procedure.onNationalPortal == true { onNationalPortal? += 1 }
            }
            if procedure.hasFee {
                withFee += 1
                if procedure.onlinePayment { withFeeOnlinePayment += 1 }
            }
            if procedure.interconnection == .sameLevel { sameLevel? += 1 }
            if procedure.interconnection == .interLevel { interLevel? += 1 }
            if procedure.locationIndependent == true { locationIndependent? += 1 }
            if procedure.internalProcess?.isApproved == true { processApproved? += 1 }
            if procedure.internalProcess == .digitized { processDigitized? += 1 }
        }
    }

    /// In scope at `level`, or nil when the level is not in scope.
    public func total(at level: String) -> Int? { levels.contains(level) ? byLevel[level] ?? 0 : nil }
    /// 3.2.3: on the national portal / offered online.
    public var nationalPortalRate: Ratio? { onNationalPortal.map { Ratio($0, of: online) } }
    /// 3.2.5: with a fee integrated with online payment / with a fee.
    public var onlinePaymentRate: Ratio { Ratio(withFeeOnlinePayment, of: withFee) }
    /// 3.3.4: internal process approved / in scope.
    public var processApprovedRate: Ratio? { processApproved.map { Ratio($0, of: total) } }
    /// 3.3.5: internal process digitised / approved.
    public var processDigitizedRate: Ratio? { processDigitized.flatMap { d in processApproved.map { Ratio(d, of: $0) } } }
}

extension OnlineOffer {
    /// Counts one eligible procedure, offered at the level or not, used online in the period or not.
    mutating func count(offered isOffered: Bool, used: Bool) {
        eligible += 1
        guard isOffered else { return }
        offered += 1
        if used { withOnlineDossiers += 1 }
    }
}

/// A set of words gathered over a subtree: the unit levels present in it, the procedures it
/// received a dossier of online.
public struct WordSet: Summable, Hashable {
    public var words: Set<String> = []

    public init(_ words: Set<String> = []) { self.words = words }

    public static let zero = WordSet()

    public static func + (a: WordSet, b: WordSet) -> WordSet {
        a.words.count >= b.words.count ? WordSet(a.words.union(b.words)) : WordSet(b.words.union(a.words))
    }
}

/// How a dossier reached the unit (KenhThucHien).
public enum Channel: Int, Hashable, Sendable, CaseIterable {
    case direct = 1, online = 2, postal = 3

    /// Metric label value.
    public var label: String {
        switch self {
        case .direct: "direct"
        case .online: "online"
        case .postal: "postal"
        }
    }
}

/// Whether a dossier of the received total was carried over from before the period or is new.
public enum Origin: Int, Hashable, Sendable, CaseIterable {
    case carriedOver = 0, new = 1

    /// Metric label value.
    public var label: String { self == .carriedOver ? "carried_over" : "new" }
}

/// Where a dossier of the received total stands at the end of the period.
public enum Outcome: Int, Hashable, Sendable, CaseIterable {
    case resolved = 0, withdrawn = 1, stopped = 2, inProgress = 3
}

/// Timeliness of a resolved dossier (early / on time / late / no due date) or of one still in
/// progress (on time / overdue; one without a due date is never overdue).
public enum Timeliness: Int, Hashable, Sendable, CaseIterable {
    case early = 0, onTime = 1, late = 2, noDueDate = 3, overdue = 4

    /// Metric label value.
    public var label: String {
        switch self {
        case .early: "early"
        case .onTime: "on_time"
        case .late: "late"
        case .noDueDate: "no_due_date"
        case .overdue: "overdue"
        }
    }
}

/// Whether a dossier's procedure asks a financial obligation (has_fee), and if so whether the
/// dossier paid it online.
public enum FeePayment: Int, Hashable, Sendable, CaseIterable {
    case noFee = 0, unpaidOnline = 1, paidOnline = 2
}

/// One aggregate row of the dossier query: how many dossiers of `unit` fall in one class.
public struct DossierClassCount: Hashable, Sendable {
    public let unit: String
    public let origin: Origin
    public let channel: Channel
    public let outcome: Outcome
    /// nil for withdrawn and stopped dossiers.
    public let timeliness: Timeliness?
    /// Whether the dossier's procedure is offered online (online_service `partial` or `full`):
    /// the dossiers row 3.2.4 counts. False for a procedure missing from the catalogue.
    public let procedureOnline: Bool
    /// The dossier has digitised components (digitized = 1).
    public let digitized: Bool
    /// The fee of the dossier's procedure and whether it was paid online.
    public let fee: FeePayment
    public let count: Int

    public init(unit: String, origin: Origin, channel: Channel, outcome: Outcome, timeliness: Timeliness?,
                procedureOnline: Bool = false, digitized: Bool = false, fee: FeePayment = .noFee, count: Int) {
        self.unit = unit
        self.origin = origin
        self.channel = channel
        self.outcome = outcome
        self.timeliness = timeliness
        self.procedureOnline = procedureOnline
        self.digitized = digitized
        self.fee = fee
        self.count = count
    }
}

/// Dossier figures of a unit's subtree for a period (DOMAIN.md section 4, "Dossiers").
public struct DossierFigures: Summable, Hashable {
    /// received[origin][channel - 1]
    public private(set) var received: [[Int]] = [[0, 0, 0], [0, 0, 0]]
    /// resolved by timeliness: early, on time, late, no due date.
    public private(set) var resolvedBy: [Int] = [0, 0, 0, 0]
    public private(set) var withdrawn = 0
    public private(set) var stopped = 0
    public private(set) var inProgressOnTime = 0
    public private(set) var inProgressOverdue = 0
    /// Of the received total, dossiers of procedures offered online (row 3.2.4): all, and online.
    public private(set) var onlineServiceReceived = 0
    public private(set) var onlineServiceReceivedOnline = 0
    /// Received new with digitised components.
    public private(set) var receivedNewDigitized = 0
    /// Resolved dossiers of procedures with a fee, and of them paid online.
    public private(set) var resolvedFee = 0
    public private(set) var resolvedFeePaidOnline = 0

    public init() {}

    /// Figures of the rows (all of one unit, or any set to be summed).
    public init(_ rows: some Sequence<DossierClassCount>) {
        for row in rows { add(row) }
    }

    public static let zero = DossierFigures()

    /// Adds one aggregate row.
    public mutating func add(_ row: DossierClassCount) {
        received[row.origin.rawValue][row.channel.rawValue - 1] += row.count
        if row.procedureOnline {
            onlineServiceReceived += row.count
            if row.channel == .online { onlineServiceReceivedOnline += row.count }
        }
        if row.origin == .new && row.digitized { receivedNewDigitized += row.count }
        switch row.outcome {
        case .resolved:
            resolvedBy[min(row.timeliness?.rawValue ?? 3, 3)] += row.count
            if row.fee != .noFee { resolvedFee += row.count }
            if row.fee == .paidOnline { resolvedFeePaidOnline += row.count }
        case .withdrawn: withdrawn += row.count
        case .stopped: stopped += row.count
        case .inProgress:
            if row.timeliness == .overdue { inProgressOverdue += row.count } else { inProgressOnTime += row.count }
        }
    }

    public static func + (a: DossierFigures, b: DossierFigures) -> DossierFigures {
        var sum = a
        for o in 0..<2 { for c in 0..<3 { sum.received[o][c] += b.received[o][c] } }
        for t in 0..<4 { sum.resolvedBy[t] += b.resolvedBy[t] }
        sum.withdrawn += b.withdrawn
        sum.stopped += b.stopped
        sum.inProgressOnTime += b.inProgressOnTime
        sum.inProgressOverdue += b.inProgressOverdue
        sum.onlineServiceReceived += b.onlineServiceReceived
        sum.onlineServiceReceivedOnline += b.onlineServiceReceivedOnline
        sum.receivedNewDigitized += b.receivedNewDigitized
        sum.resolvedFee += b.resolvedFee
        sum.resolvedFeePaidOnline += b.resolvedFeePaidOnline
        return sum
    }

    /// Received in `origin` through `channel`.
    public func received(_ origin: Origin, _ channel: Channel) -> Int { received[origin.rawValue][channel.rawValue - 1] }
    /// Received before S and not finished before S.
    public var carriedOver: Int { received[0].reduce(0, +) }
    /// Received in [S, E).
    public var receivedNew: Int { received[1].reduce(0, +) }
    /// carried over + received new.
    public var receivedTotal: Int { carriedOver + receivedNew }
    /// Of the received total, through `channel`.
    public func received(_ channel: Channel) -> Int { received[0][channel.rawValue - 1] + received[1][channel.rawValue - 1] }
    /// Resolved with `timeliness` (early, onTime, late or noDueDate).
    public func resolved(_ timeliness: Timeliness) -> Int { resolvedBy[timeliness.rawValue] }
    /// Finished in [S, E) with status 9 or 10.
    public var resolved: Int { resolvedBy.reduce(0, +) }
    /// Of the received total, not finished before E.
    public var inProgress: Int { inProgressOnTime + inProgressOverdue }
    /// Row 3.2.4: of the dossiers of procedures offered online, received online / received.
    public var onlineRate: Ratio { Ratio(onlineServiceReceivedOnline, of: onlineServiceReceived) }
    /// The whole workload's online share: received online / received total.
    public var onlineShare: Ratio { Ratio(received(.online), of: receivedTotal) }
    /// Early + on time.
    public var resolvedInTime: Int { resolvedBy[0] + resolvedBy[1] }
    /// (early + on time) / resolved: the whole subtree's, or rows 3.4.1 / 3.4.2 over the dossiers
    /// received at one level.
    public var onTimeRate: Ratio { Ratio(resolvedInTime, of: resolved) }
    /// Received new with digitised components / received new (QĐ 766 số hóa).
    public var digitizedRate: Ratio { Ratio(receivedNewDigitized, of: receivedNew) }
    /// Of the resolved dossiers of procedures with a fee, paid online.
    public var paidOnlineRate: Ratio { Ratio(resolvedFeePaidOnline, of: resolvedFee) }
    /// received total = resolved + withdrawn + stopped + in progress.
    public var identityHolds: Bool { receivedTotal == resolved + withdrawn + stopped + inProgress }
}

/// One aggregate row of the procedure catalogue query.
public struct ProcedureCount: Hashable, Sendable {
    /// The unit level that resolves the procedures.
    public let level: String
    public let hasFee: Bool
    public let onlinePayment: Bool
    public let count: Int

    public init(level: String, hasFee: Bool, onlinePayment: Bool, count: Int) {
        self.level = level
        self.hasFee = hasFee
        self.onlinePayment = onlinePayment
        self.count = count
    }
}

/// Procedure-catalogue figures for one unit level (rows 3.1.3 and 3.2.5).
public struct ProcedureFigures: Hashable, Sendable {
    public let level: String
    public private(set) var total = 0
    public private(set) var withFee = 0
    public private(set) var withFeeOnlinePayment = 0

    /// Figures of the procedures resolved at `level`.
    public init(level: String, rows: some Sequence<ProcedureCount>) {
        self.level = level
        for row in rows where row.level == level {
            total += row.count
            if row.hasFee {
                withFee += row.count
                if row.onlinePayment { withFeeOnlinePayment += row.count }
            }
        }
    }

    /// 3.2.5: procedures with a fee integrated with online payment / procedures with a fee.
    public var onlinePaymentRate: Ratio { Ratio(withFeeOnlinePayment, of: withFee) }
}

/// One aggregate row of the staff query: staff of `unit` active in the period, how many of
/// them used the document-management system on at least one day of it, and how many are active
/// on the period's last day (row 4.2.2, biên chế có mặt).
public struct StaffCount: Hashable, Sendable {
    public let unit: String
    public let staff: Int
    public let activeUsers: Int
    public let present: Int

    public init(unit: String, staff: Int, activeUsers: Int, present: Int = 0) {
        self.unit = unit
        self.staff = staff
        self.activeUsers = activeUsers
        self.present = present
    }
}

/// One aggregate row of the work-file query.
public struct WorkFileCount: Hashable, Sendable {
    public let unit: String
    public let electronic: Bool
    public let count: Int

    public init(unit: String, electronic: Bool, count: Int) {
        self.unit = unit
        self.electronic = electronic
        self.count = count
    }
}

/// E-office usage and work files of a subtree for a period.
public struct EOfficeFigures: Summable, Hashable {
    public private(set) var staff = 0
    public private(set) var activeUsers = 0
    /// Staff active on the period's last day (row 4.2.2).
    public private(set) var present = 0
    public private(set) var workFiles = 0
    public private(set) var workFilesElectronic = 0

    public init() {}

    public init(staff: some Sequence<StaffCount>, workFiles: some Sequence<WorkFileCount>) {
        for row in staff {
            self.staff += row.staff
            activeUsers += row.activeUsers
            present += row.present
        }
        for row in workFiles {
            self.workFiles += row.count
            if row.electronic { workFilesElectronic += row.count }
        }
    }

    public static let zero = EOfficeFigures()

    public static func + (a: EOfficeFigures, b: EOfficeFigures) -> EOfficeFigures {
        var sum = a
        sum.staff += b.staff
        sum.activeUsers += b.activeUsers
        sum.present += b.present
        sum.workFiles += b.workFiles
        sum.workFilesElectronic += b.workFilesElectronic
        return sum
    }

    /// Active e-office users / staff.
    public var usageRate: Ratio { Ratio(activeUsers, of: staff) }
    /// Electronic work files / work files opened (Nghị quyết 17/NQ-CP).
    public var electronicWorkFileRate: Ratio { Ratio(workFilesElectronic, of: workFiles) }
}

/// One aggregate row of the staff query: staff of `unit` active in the period, and how many of
/// them used the document-management system on at least one day of it.
public struct StaffCount: Hashable, Sendable {
    public let unit: String
    public let staff: Int
    public let activeUsers: Int

    public init(unit: String, staff: Int, activeUsers: Int) {
        self.unit = unit
        self.staff = staff
        self.activeUsers = activeUsers
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
    public private(set) var workFiles = 0
    public private(set) var workFilesElectronic = 0

    public init() {}

    public init(staff: some Sequence<StaffCount>, workFiles: some Sequence<WorkFileCount>) {
        for row in staff {
            self.staff += row.staff
            activeUsers += row.activeUsers
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
        sum.workFiles += b.workFiles
        sum.workFilesElectronic += b.workFilesElectronic
        return sum
    }

    /// Active e-office users / staff.
    public var usageRate: Ratio { Ratio(activeUsers, of: staff) }
    /// Electronic work files / work files opened (Nghị quyết 17/NQ-CP).
    public var electronicWorkFileRate: Ratio { Ratio(workFilesElectronic, of: workFiles) }
}

/// The kind of source record an invalid-record count is about.
public enum RecordKind: String, Hashable, Sendable, CaseIterable, Comparable {
    case units, procedures, dossiers, documents, staff, eofficeActivity = "eoffice_activity", workFiles = "work_files"

    public static func < (a: RecordKind, b: RecordKind) -> Bool { a.rawValue < b.rawValue }
}

/// Why a record was left out of the indicators. Each invalid record is counted once, under the
/// first reason that applies in the order the adapters check them (see README, "Invalid records").
public enum InvalidReason: String, Hashable, Sendable, CaseIterable, Comparable {
    case unknownUnit = "unknown_unit"
    case unknownParent = "unknown_parent"
    case parentCycle = "parent_cycle"
    case unparseableConnectedOn = "unparseable_connected_on"
    case missingLevel = "missing_level"
    case unknownOnlineService = "unknown_online_service"
    case unknownOnlineEligible = "unknown_online_eligible"
    case unknownInterconnection = "unknown_interconnection"
    case unknownInternalProcess = "unknown_internal_process"
    case unparseablePublishedOn = "unparseable_published_on"
    case unparseableAbolishedOn = "unparseable_abolished_on"
    case missingReceivedAt = "missing_received_at"
    case unparseableReceivedAt = "unparseable_received_at"
    case unparseableDueAt = "unparseable_due_at"
    case unparseableFinishedAt = "unparseable_finished_at"
    case unknownChannel = "unknown_channel"
    case unknownStatus = "unknown_status"
    case finishedBeforeReceived = "finished_before_received"
    case terminalWithoutFinishedAt = "terminal_status_without_finished_at"
    case finishedAtOnOpenStatus = "finished_at_on_non_terminal_status"
    case missingIssuedAt = "missing_issued_at"
    case unparseableIssuedAt = "unparseable_issued_at"
    case unknownDirection = "unknown_direction"
    case unknownTransmission = "unknown_transmission"
    case unknownRecipientScope = "unknown_recipient_scope"
    case invalidFlag = "invalid_flag"
    case missingActiveFrom = "missing_active_from"
    case unparseableActiveFrom = "unparseable_active_from"
    case unparseableActiveTo = "unparseable_active_to"
    case activeToBeforeActiveFrom = "active_to_before_active_from"
    case unknownStaff = "unknown_staff"
    case unparseableDay = "unparseable_day"
    case missingOpenedAt = "missing_opened_at"
    case unparseableOpenedAt = "unparseable_opened_at"
    // Import rejections (rows of `rejected_records`): records that never became canonical rows.
    case missingId = "missing_id"
    case unparseableReturnedAt = "unparseable_returned_at"
    case malformedRecord = "malformed_record"
    case unparseableValue = "unparseable_value"
    case missingValue = "missing_value"

    public static func < (a: InvalidReason, b: InvalidReason) -> Bool { a.rawValue < b.rawValue }
}

/// Invalid records counted by kind and reason.
public struct InvalidKey: Hashable, Sendable, Comparable {
    public let kind: RecordKind
    public let reason: InvalidReason

    public init(_ kind: RecordKind, _ reason: InvalidReason) {
        self.kind = kind
        self.reason = reason
    }

    /// `dossiers.unknown_unit`, the key used in JSON reports.
    public var name: String { "\(kind.rawValue).\(reason.rawValue)" }

    /// The key of a `name`, or nil when it names no kind and reason.
    public init?(name: String) {
        let parts = name.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2, let kind = RecordKind(rawValue: parts[0]), let reason = InvalidReason(rawValue: parts[1]) else { return nil }
        self.init(kind, reason)
    }

    public static func < (a: InvalidKey, b: InvalidKey) -> Bool { (a.kind, a.reason) < (b.kind, b.reason) }
}

/// A count of invalid records of one unit (nil when the unit code itself is unknown or missing).
public struct InvalidCount: Hashable, Sendable {
    public let unit: String?
    public let key: InvalidKey
    public let count: Int

    public init(unit: String?, key: InvalidKey, count: Int) {
        self.unit = unit
        self.key = key
        self.count = count
    }
}

/// Invalid-record counts of a subtree, by kind and reason.
public struct InvalidFigures: Summable, Hashable {
    public var counts: [InvalidKey: Int]

    public init(counts: [InvalidKey: Int] = [:]) { self.counts = counts }

    public static let zero = InvalidFigures()

    public static func + (a: InvalidFigures, b: InvalidFigures) -> InvalidFigures {
        InvalidFigures(counts: a.counts.merging(b.counts, uniquingKeysWith: +))
    }

    /// All invalid records counted.
    public var total: Int { counts.values.reduce(0, +) }
}

/// One aggregate row of a validity query: how many records of `kind` with unit code `unit` fail
/// with `reason` (nil: the record is valid). Valid rows are included so that records of a unit
/// missing from the tree are found and counted as `unknown_unit`.
public struct ValidityCount: Hashable, Sendable {
    public let kind: RecordKind
    public let unit: String?
    public let reason: InvalidReason?
    public let count: Int

    public init(kind: RecordKind, unit: String?, reason: InvalidReason?, count: Int) {
        self.kind = kind
        self.unit = unit
        self.reason = reason
        self.count = count
    }
}

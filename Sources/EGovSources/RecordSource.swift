import EGovKPI
import Foundation
import GRDB

/// Where the records come from. Adapters return plain aggregate rows; the indicators are pure
/// functions of them (`PeriodReport`), which the domain tests feed literal rows directly.
public protocol RecordSource: Sendable {
    /// The catalog and the aggregate rows of `periods`, read consistently (one transaction).
    /// The figures read only the records the periods need; with `countingInvalid`, the invalid
    /// records of the scope's whole history are counted too (`SourceReading.invalidCounted`).
    func read(periods: [ReportingPeriod], scope: ReadScope, countingInvalid: Bool) throws -> SourceReading
}

/// Which records a read covers. The unit tree itself is always read whole. Figures are only
/// ever computed for units of the tree, so the figure queries name the units they read (the
/// `unit_code`-first indexes turn that into one range per unit); the invalid-record count of
/// `everything` also reads the records of codes missing from the tree (`unknown_unit`).
public enum ReadScope: Sendable, Equatable {
    /// Every record: the figures of every unit of the source's tree, and every invalid record.
    case everything
    /// The subtree of one unit (everything for a root); needs the source's units table.
    case subtree(of: String)
    /// The records of these unit codes only (for a source without the units table).
    case units([String])
    /// The figures of these unit codes, and every invalid record: `everything` for a source
    /// without the units table (the document system in a database of its own).
    case tree([String])
}

/// The two source systems and their tables. They may live in one database or two.
public struct RecordSystems: OptionSet, Sendable, Hashable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// The one-stop-shop system: `units`, `procedures`, `dossiers`.
    public static let oneStop = RecordSystems(rawValue: 1)
    /// The document-management system: `documents`, `staff`, `eoffice_activity`, `work_files`.
    public static let documents = RecordSystems(rawValue: 2)
    public static let all: RecordSystems = [.oneStop, .documents]
}

extension RecordSource {
    /// Every unit's report for `period` (or only `unit`'s subtree's, when given).
    public func report(for period: ReportingPeriod, unit: String? = nil) throws -> PeriodReport {
        try read(periods: [period], scope: unit.map { .subtree(of: $0) } ?? .everything).reports()[0]
    }

    /// The catalog and the aggregate rows of `periods`, with the invalid records counted.
    public func read(periods: [ReportingPeriod], scope: ReadScope) throws -> SourceReading {
        try read(periods: periods, scope: scope, countingInvalid: true)
    }
}

/// A source failure, described without paths to credentials or connection strings.
public struct SourceError: Error, CustomStringConvertible, Equatable {
    /// What was being done: "open", "query units"...
    public let operation: String
    /// The database file (never a connection string with a password).
    public let location: String
    public let message: String

    public init(operation: String, location: String, message: String) {
        self.operation = operation
        self.location = location
        self.message = message
    }

    public var description: String { "\(location): \(operation): \(message)" }
}

/// A read abandoned after its time limit (`refresh_timeout`), said as a `SourceError`.
public struct ReadTimeout: Error, CustomStringConvertible, Equatable {
    public let seconds: Int
    /// What was abandoned, where, and after how long.
    public let error: SourceError

    public init(operation: String, location: String, seconds: Int) {
        self.seconds = seconds
        error = SourceError(operation: operation, location: location, message: "timed out after \(seconds) s (refresh_timeout)")
    }

    public var description: String { error.description }
}

/// Lets another thread abort the read a source is running (a refresh past its timeout).
public final class ReadInterrupter: @unchecked Sendable {
    private let lock = NSLock()
    private var current: DatabaseQueue?

    public init() {}

    func begin(_ queue: DatabaseQueue) { lock.withLock { current = queue } }
    func end() { lock.withLock { current = nil } }

    /// Aborts the statement running now, if any; the read then fails with SQLITE_INTERRUPT.
    public func interrupt() { lock.withLock { current?.interrupt() } }
}

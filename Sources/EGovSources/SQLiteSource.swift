import EGovKPI
import Foundation
import GRDB

/// Reads the canonical tables from an SQLite file, read-only. The file is opened afresh for each
/// read (`SQLITE_OPEN_READONLY`), so a file that was missing or locked is picked up again as soon
/// as it is back, and the exporter never changes a byte of it.
public struct SQLiteSource: RecordSource {
    public let path: String
    /// The tables this file holds: the one-stop-shop system's, the document system's, or both.
    public let systems: RecordSystems
    public let zone: UTCOffset
    /// How long a read waits for a writer's lock before failing.
    public let busyTimeout: Double
    /// Aborts a read in progress from another thread (a refresh that overran its timeout).
    public let interrupter = ReadInterrupter()
    /// Receives the SQL of every statement the reads run (audits; the test that `statements`
    /// lists exactly what a read runs).
    public var statementObserver: (@Sendable (String) -> Void)?

    public init(path: String, systems: RecordSystems = .all, zone: UTCOffset = .vietnam, busyTimeout: Double = 5) {
        self.path = path
        self.systems = systems
        self.zone = zone
        self.busyTimeout = busyTimeout
    }

    /// Runs `body` on a read-only connection to the file.
    public func read<T>(_ operation: String, _ body: (Database) throws -> T) throws -> T {
        guard FileManager.default.fileExists(atPath: path) else {
            throw SourceError(operation: operation, location: path, message: "no such file")
        }
        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(busyTimeout)
        config.label = "egov-source"
        let observer = statementObserver
        config.prepareDatabase { db in
            // A 1 MB page cache (SQLite's default is 2 MB): the reads are index ranges, read
            // once, and the daemon's resident memory is what a province's server budgets.
            try db.execute(sql: "PRAGMA cache_size = -1024")
            if let observer {
                db.trace { event in
                    if case .statement(let statement) = event { observer(statement.sql) }
                }
            }
        }
        do {
            let queue = try DatabaseQueue(path: path, configuration: config)
            interrupter.begin(queue)
            defer {
                interrupter.end()
                try? queue.close()
            }
            return try queue.read(body)
        } catch let error as DatabaseError {
            throw SourceError(operation: operation, location: path, message: error.message ?? "\(error.resultCode)")
        }
    }

    public func read(periods: [ReportingPeriod], scope wanted: ReadScope, countingInvalid: Bool) throws -> SourceReading {
        try read("read records") { db in
            try ReadAssembly.read(GRDBRunner(db: db), periods: periods, scope: wanted, countingInvalid: countingInvalid,
                                  systems: systems, zone: zone)
        }
    }

    /// The unit tree's records alone (a cheap read, for start-up checks).
    public func unitRecords() throws -> [UnitRecord] {
        try read("read units") { db in
            var ignored: [ValidityCount] = []
            return try ReadAssembly.units(GRDBRunner(db: db), validity: &ignored)
        }
    }

    /// The SQL statements a read of `periods` for `unit`'s subtree (every unit when nil)
    /// runs, in order (for `make bench` and audits). Reads the unit tree, which the statements
    /// name. Nil when `unit` is not in the tree.
    public func statements(for periods: [ReportingPeriod], unit: String? = nil, countingInvalid: Bool = true) throws -> [String]? {
        try read("read units") { db in
            try ReadAssembly.statements(GRDBRunner(db: db), periods: periods, unit: unit, countingInvalid: countingInvalid,
                                            systems: systems, zone: zone)
        }
    }
}

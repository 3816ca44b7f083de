import EGovKPI
import Foundation
import GRDB

/// A problem with the exporter's own state database, in one line.
public struct SnapshotStoreError: Error, CustomStringConvertible, Equatable {
    public let description: String

    public init(_ description: String) { self.description = description }
}

/// What `save` did: a new version, or nothing because the latest version has the same content.
public enum SaveOutcome: Sendable, Equatable {
    case taken(Snapshot)
    case unchanged(Snapshot)

    public var snapshot: Snapshot {
        switch self {
        case .taken(let s), .unchanged(let s): s
        }
    }
}

/// One line of `snapshot list` and `GET /snapshots`.
public struct SnapshotSummary: Hashable, Sendable {
    public let unit: String
    public let unitName: String
    public let level: String
    public let period: String
    public let firstDay: String
    public let lastDay: String
    public let version: Int
    public let takenAt: String
    public let takenBy: String
}

/// The exporter's own state database (SQLite in WAL mode, never a source database): every
/// snapshot, keyed by unit, period and version. A snapshot is written in one transaction, so a
/// process killed while writing leaves it whole or absent. The schema comes from migrations that
/// are never edited once shipped; a later change is a new migration.
public final class SnapshotStore: Sendable {
    public let path: String
    private let pool: DatabasePool
    /// Test hook: how long `save` waits inside its transaction, after writing and before
    /// committing (`EGOV_SNAPSHOT_TEST_PAUSE_MS`), so a test can kill the process mid-write.
    private let pauseInsideTransaction: Double

    /// Opens the store at `path`; with `create`, makes the file (and its folder) and migrates it,
    /// otherwise a missing file is an error.
    public init(path: String, create: Bool, pauseInsideTransaction: Double = 0) throws(SnapshotStoreError) {
        self.path = path
        self.pauseInsideTransaction = pauseInsideTransaction
        let exists = FileManager.default.fileExists(atPath: path)
        if !exists && !create {
            throw SnapshotStoreError("\(path): no snapshot store here yet (take a snapshot first, or give --state)")
        }
        do {
            let folder = (path as NSString).deletingLastPathComponent
            if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
            var config = Configuration()
            config.busyMode = .timeout(10)
            config.foreignKeysEnabled = true
            pool = try DatabasePool(path: path, configuration: config)
            try Self.migrator.migrate(pool)
        } catch {
            throw SnapshotStoreError("\(path): cannot open the snapshot store: \(Self.message(error))")
        }
    }

    /// The schema. Shipped migrations are never edited: a change is a new registered migration.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1 snapshots") { db in
            try db.execute(sql: """
                CREATE TABLE snapshot (
                    id INTEGER PRIMARY KEY,
                    unit_code TEXT NOT NULL,
                    period_id TEXT NOT NULL,
                    version INTEGER NOT NULL CHECK (version >= 1),
                    unit_name TEXT NOT NULL,
                    unit_level TEXT NOT NULL,
                    profile TEXT NOT NULL,
                    first_day TEXT NOT NULL,
                    last_day TEXT NOT NULL,
                    taken_at TEXT NOT NULL,
                    taken_at_epoch INTEGER NOT NULL,
                    taken_by TEXT NOT NULL,
                    exporter_version TEXT NOT NULL,
                    narrative TEXT NOT NULL,
                    figures TEXT NOT NULL,
                    UNIQUE (unit_code, period_id, version)
                );
                CREATE INDEX snapshot_by_period ON snapshot (period_id, unit_code);
                CREATE TABLE snapshot_row (
                    snapshot_id INTEGER NOT NULL REFERENCES snapshot (id),
                    position INTEGER NOT NULL,
                    kind TEXT NOT NULL CHECK (kind IN ('heading', 'indicator', 'detail')),
                    stt TEXT NOT NULL,
                    label TEXT NOT NULL,
                    unit_of_measure TEXT NOT NULL,
                    value TEXT,
                    note TEXT NOT NULL,
                    PRIMARY KEY (snapshot_id, position)
                ) WITHOUT ROWID;
                CREATE TABLE snapshot_data_quality (
                    snapshot_id INTEGER NOT NULL REFERENCES snapshot (id),
                    key TEXT NOT NULL,
                    count INTEGER NOT NULL,
                    PRIMARY KEY (snapshot_id, key)
                ) WITHOUT ROWID;
                """)
        }
        // Values kept as numbers: `value` has TEXT affinity, so a number stored in it comes back
        // as text. New rows store it in `number` (NUMERIC: integers stay integers, decimals
        // reals); rows of earlier versions keep their decimal literal in `value`.
        migrator.registerMigration("v2 numeric values") { db in
            try db.execute(sql: "ALTER TABLE snapshot_row ADD COLUMN number NUMERIC")
        }
        return migrator
    }

    /// Stores `document` as the next version of its unit's snapshot of its period, unless the
    /// latest version already has the same content. One immediate transaction: concurrent takers
    /// (the daemon and a command) never write the same version twice.
    public func save(_ document: SnapshotDocument, takenAt: Int64, zone: UTCOffset, takenBy: String,
                     exporterVersion: String) throws(SnapshotStoreError) -> SaveOutcome {
        let pause = pauseInsideTransaction
        do {
            return try pool.writeWithoutTransaction { db in
                var outcome: SaveOutcome?
                try db.inTransaction(.immediate) {
                    let latest = try Self.load(db, unit: document.unitCode, period: document.period.id, version: nil)
                    if let latest, latest.document == document {
                        outcome = .unchanged(latest)
                        return .commit
                    }
                    let snapshot = Snapshot(document: document, version: (latest?.version ?? 0) + 1,
                                            takenAt: zone.isoTimestamp(epochSeconds: takenAt), takenBy: takenBy)
                    try Self.insert(db, snapshot, epoch: takenAt, exporterVersion: exporterVersion)
                    if pause > 0 { Thread.sleep(forTimeInterval: pause) }
                    outcome = .taken(snapshot)
                    return .commit
                }
                return outcome!
            }
        } catch {
            throw SnapshotStoreError("\(path): cannot store the snapshot of \(document.unitCode) \(document.period.id): \(Self.message(error))")
        }
    }

    /// Version `version` (the latest when nil) of `unit`'s snapshot of `period`, or nil.
    public func snapshot(unit: String, period: String, version: Int? = nil) throws(SnapshotStoreError) -> Snapshot? {
        try read { db in try Self.load(db, unit: unit, period: period, version: version) }
    }

    /// The stored snapshots, oldest period first, each version on its own line.
    public func list(period: String? = nil, unit: String? = nil) throws(SnapshotStoreError) -> [SnapshotSummary] {
        try read { db in
            var conditions: [String] = []
            var arguments: [any DatabaseValueConvertible] = []
            if let period { conditions.append("period_id = ?"); arguments.append(period) }
            if let unit { conditions.append("unit_code = ?"); arguments.append(unit) }
            let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            return try Row.fetchAll(db, sql: """
                SELECT unit_code, unit_name, unit_level, period_id, first_day, last_day, version, taken_at, taken_by
                FROM snapshot \(filter) ORDER BY last_day, period_id, unit_code, version
                """, arguments: StatementArguments(arguments)).map { row in
                SnapshotSummary(unit: row[0], unitName: row[1], level: row[2], period: row[3], firstDay: row[4],
                                lastDay: row[5], version: row[6], takenAt: row[7], takenBy: row[8])
            }
        }
    }

    /// The units with at least one snapshot of `period`.
    public func units(withSnapshotOf period: String) throws(SnapshotStoreError) -> Set<String> {
        try read { db in Set(try String.fetchAll(db, sql: "SELECT DISTINCT unit_code FROM snapshot WHERE period_id = ?", arguments: [period])) }
    }

    /// Unix time of the latest snapshot stored, or nil when there is none.
    public func lastTakenEpoch() throws(SnapshotStoreError) -> Int64? {
        try read { db in try Int64.fetchOne(db, sql: "SELECT max(taken_at_epoch) FROM snapshot") }
    }

    /// The versions of `unit`'s snapshot of `period`, for error messages.
    public func versions(unit: String, period: String) throws(SnapshotStoreError) -> [Int] {
        try read { db in try Int.fetchAll(db, sql: "SELECT version FROM snapshot WHERE unit_code = ? AND period_id = ? ORDER BY version", arguments: [unit, period]) }
    }

    private func read<T>(_ body: (Database) throws -> T) throws(SnapshotStoreError) -> T {
        do { return try pool.read(body) } catch {
            throw SnapshotStoreError("\(path): cannot read the snapshot store: \(Self.message(error))")
        }
    }

    private static func insert(_ db: Database, _ snapshot: Snapshot, epoch: Int64, exporterVersion: String) throws {
        let d = snapshot.document
        try db.execute(sql: """
            INSERT INTO snapshot (unit_code, period_id, version, unit_name, unit_level, profile, first_day, last_day,
                                  taken_at, taken_at_epoch, taken_by, exporter_version, narrative, figures)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [d.unitCode, d.period.id, snapshot.version, d.unitName, d.unitLevel, d.profile,
                             d.period.firstDay.description, d.period.lastDay.description, snapshot.takenAt, epoch,
                             snapshot.takenBy, exporterVersion, d.narrative.joined(separator: "\n"), d.figures])
        let id = db.lastInsertedRowID
        for (position, row) in d.rows.enumerated() {
            try db.execute(sql: """
                INSERT INTO snapshot_row (snapshot_id, position, kind, stt, label, unit_of_measure, number, note)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [id, position, row.kind.rawValue, row.number, row.label, row.unit, Self.number(row.value), row.note])
        }
        for entry in d.dataQuality {
            try db.execute(sql: "INSERT INTO snapshot_data_quality (snapshot_id, key, count) VALUES (?, ?, ?)",
                           arguments: [id, entry.key, entry.count])
        }
    }

    /// A row's value as the `number` column stores it.
    private static func number(_ value: AppendixValue?) -> DatabaseValue {
        switch value {
        case .integer(let n): n.databaseValue
        case .decimal(let x): x.databaseValue
        case nil: .null
        }
    }

    /// A stored row's value: its `number`, or the decimal literal of a row stored before it.
    private static func value(number: DatabaseValue, literal: String?) -> AppendixValue? {
        switch number.storage {
        case .int64(let n): return .integer(Int(n))
        case .double(let x): return AppendixValue(x)
        default:
            guard let literal else { return nil }
            if let n = Int(literal) { return .integer(n) }
            return Double(literal).map(AppendixValue.init)
        }
    }

    private static func load(_ db: Database, unit: String, period: String, version: Int?) throws -> Snapshot? {
        let versionFilter = version == nil ? "" : "AND version = ?"
        var arguments: StatementArguments = [unit, period]
        if let version { arguments += [version] }
        guard let head = try Row.fetchOne(db, sql: """
            SELECT id, unit_code, unit_name, unit_level, period_id, profile, first_day, last_day, version,
                   taken_at, taken_by, narrative, figures
            FROM snapshot WHERE unit_code = ? AND period_id = ? \(versionFilter) ORDER BY version DESC LIMIT 1
            """, arguments: arguments) else { return nil }
        let id: Int64 = head["id"]
        let rows = try Row.fetchAll(db, sql: """
            SELECT kind, stt, label, unit_of_measure, number, value, note FROM snapshot_row WHERE snapshot_id = ? ORDER BY position
            """, arguments: [id]).map { row in
            AppendixRow(AppendixRow.Kind(rawValue: row["kind"]) ?? .indicator, row["stt"], row["label"],
                        row["unit_of_measure"], Self.value(number: row["number"], literal: row["value"]), note: row["note"])
        }
        let quality = try Row.fetchAll(db, sql: "SELECT key, count FROM snapshot_data_quality WHERE snapshot_id = ? ORDER BY key",
                                       arguments: [id]).map { DataQualityCount(key: $0["key"], count: $0["count"]) }
        let firstText: String = head["first_day"]
        let lastText: String = head["last_day"]
        guard let first = LocalDate(iso: firstText), let last = LocalDate(iso: lastText) else {
            throw SnapshotStoreError("snapshot \(id): bad period days '\(firstText)'..'\(lastText)'")
        }
        let narrative: String = head["narrative"]
        let document = SnapshotDocument(
            unitCode: head["unit_code"], unitName: head["unit_name"], unitLevel: head["unit_level"],
            period: ReportingPeriod(id: head["period_id"], firstDay: first, lastDay: last), profile: head["profile"],
            rows: rows, narrative: narrative.split(separator: "\n", omittingEmptySubsequences: false).map(String.init),
            figures: head["figures"], dataQuality: quality)
        return Snapshot(document: document, version: head["version"], takenAt: head["taken_at"], takenBy: head["taken_by"])
    }

    static func message(_ error: any Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? "\(error)" }
        if let error = error as? SnapshotStoreError { return error.description }
        return "\(error)"
    }
}

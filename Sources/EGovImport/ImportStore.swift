import EGovKPI
import EGovSources
import Foundation
import GRDB

/// The embedded store imports write: an SQLite file in the canonical schema, created if missing
/// (as `init-db` does), in WAL mode so the daemon keeps reading while an import writes.
public final class ImportStore {
    /// The database file.
    public let path: String
    let queue: DatabaseQueue

    /// Opens `path`, creating it with the canonical schema first when it does not exist, and
    /// adds `rejected_records` to a database created before that table existed.
    public init(path: String) throws {
        self.path = path
        if !FileManager.default.fileExists(atPath: path) { try SchemaWriter.create(at: path) }
        var config = Configuration()
        config.busyMode = .timeout(30)
        config.label = "egov-import"
        queue = try DatabaseQueue(path: path, configuration: config)
        try queue.writeWithoutTransaction { db in
            _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
            try db.execute(sql: CanonicalSchema.rejectedRecords)
            try db.execute(sql: DossierWriter.versionsTable)
        }
    }

    /// Runs `body` in one immediate transaction: everything it writes is committed together, or
    /// nothing is when it throws (or the process dies before the commit).
    func transaction<T>(_ body: (Database) throws -> T) throws -> T {
        var result: T?
        try queue.writeWithoutTransaction { db in
            try db.inTransaction(.immediate) {
                result = try body(db)
                return .commit
            }
        }
        return result!
    }

    /// Closes the database (a checkpoint folds the WAL back into the file).
    public func close() throws { try queue.close() }
}

/// Writes the rejected records of one file: the file's earlier rejections of the same kind are
/// replaced, so importing a file again leaves the table as it was.
final class RejectionWriter {
    private let insert: Statement
    private let file: String
    private let kind: String

    /// Clears `file`'s earlier rejections of `kind` (in the caller's transaction).
    init(_ db: Database, file: String, kind: String) throws {
        self.file = file
        self.kind = kind
        try db.execute(sql: "DELETE FROM rejected_records WHERE file = ? AND kind = ?", arguments: [file, kind])
        insert = try db.makeStatement(sql: """
            INSERT OR REPLACE INTO rejected_records (file, position, kind, reason, record_id, unit_code, record)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
    }

    /// Stores one rejected record: its allowed fields only, as JSON.
    func add(position: String, reason: String, recordId: String?, unit: String?, record: String) throws {
        try insert.execute(arguments: [file, position, kind, reason, recordId, unit, record])
    }
}

/// The local time of `epochSeconds` as stored: `YYYY-MM-DD HH:MM:SS`.
public func storedTimestamp(epochSeconds: Int64, zone: UTCOffset) -> String {
    let local = Int(epochSeconds) + zone.seconds
    let day = local >= 0 ? local / 86_400 : -((-local + 86_399) / 86_400)
    return DateNormalizer.local(LocalDate(dayNumber: day), local - day * 86_400)
}

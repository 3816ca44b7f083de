import EGovKPI
import EGovSources
import Foundation
import GRDB

/// The embedded store imports write: an SQLite file in the canonical schema, created if missing
/// (as `init-db` does), in WAL mode so the daemon keeps reading while an import writes.
public final class ImportStore: ImportTarget {
    /// The database file.
    public let path: String
    let queue: DatabaseQueue

    /// The bookkeeping table of applied versions (not part of the canonical schema; the exporter
    /// never reads it).
    public static let versionsTable = """
        CREATE TABLE IF NOT EXISTS import_versions (
            id TEXT NOT NULL,
            hash INTEGER NOT NULL,
            PRIMARY KEY (id, hash)
        ) WITHOUT ROWID;
        """

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
            try db.execute(sql: Self.versionsTable)
        }
    }

    /// Rows are read and written one statement each, in process: a batch only bounds the
    /// records held in memory.
    public var batchSize: Int { 1_000 }

    /// Runs `body` in one immediate transaction: everything it writes is committed together, or
    /// nothing is when it throws (or the process dies before the commit).
    public func transaction<T>(_ body: (any ImportSession) throws -> T) throws -> T {
        var result: T?
        try queue.writeWithoutTransaction { db in
            try db.inTransaction(.immediate) {
                result = try body(SQLiteImportSession(db: db))
                return .commit
            }
        }
        return result!
    }

    /// Closes the database (a checkpoint folds the WAL back into the file).
    public func close() throws { try queue.close() }
}

/// One transaction of the SQLite store: cached statements, a row at a time.
struct SQLiteImportSession: ImportSession {
    let db: Database

    /// The store is created with the canonical tables: there is nothing to check.
    func checkTable(_ table: String) throws {}

    func unitCodes() throws -> Set<String> { Set(try String.fetchAll(db, sql: "SELECT code FROM units")) }

    func columnNames(of table: String) throws -> Set<String> {
        // Another connection may have added columns (the procedure catalogue's) since this one
        // read the schema.
        db.clearSchemaCache()
        return Set(try db.columns(in: table).map(\.name))
    }

    func storedRows(_ table: ImportTable, keys: [RowKey]) throws -> [RowKey: [DatabaseValue]] {
        let names = table.columns.map(\.name)
        let select = try db.cachedStatement(sql: "SELECT \((names.isEmpty ? ["1"] : names).joined(separator: ", ")) FROM \(table.name) WHERE \(keyFilter(table))")
        var rows: [RowKey: [DatabaseValue]] = [:]
        for key in keys {
            if let row = try Row.fetchOne(select, arguments: StatementArguments(key)) {
                rows[key] = names.isEmpty ? [] : Array(row.databaseValues)
            }
        }
        return rows
    }

    func rememberVersions(_ versions: [RecordVersion]) throws -> Set<RecordVersion> {
        let remember = try db.cachedStatement(sql: "INSERT OR IGNORE INTO import_versions (id, hash) VALUES (?, ?)")
        var new: Set<RecordVersion> = []
        for version in versions {
            try remember.execute(arguments: [version.id, version.hash])
            if db.changesCount > 0 { new.insert(version) }
        }
        return new
    }

    func write(_ table: ImportTable, rows: [RowWrite], updatedAt: String) throws {
        let keys = table.key.map(\.name)
        let names = table.columns.map(\.name)
        let stamp = table.hasUpdatedAt ? ["updated_at"] : []
        let stampValue: [DatabaseValue] = table.hasUpdatedAt ? [updatedAt.databaseValue] : []
        let insertColumns = keys + names + stamp
        let insert = try db.cachedStatement(sql: "INSERT INTO \(table.name) (\(insertColumns.joined(separator: ", "))) VALUES (\(Array(repeating: "?", count: insertColumns.count).joined(separator: ", ")))")
        // A table written by its key alone (no other column) has nothing to update.
        let update = names.isEmpty ? nil : try db.cachedStatement(
            sql: "UPDATE \(table.name) SET \((names + stamp).map { "\($0) = ?" }.joined(separator: ", ")) WHERE \(keyFilter(table))")
        for row in rows {
            let key = row.key.map(\.databaseValue)
            if row.isNew {
                try insert.execute(arguments: StatementArguments(key + row.values + stampValue))
            } else if let update {
                try update.execute(arguments: StatementArguments(row.values + stampValue + key))
            }
        }
    }

    func clearRejections(file: String, kind: String) throws {
        try db.execute(sql: "DELETE FROM rejected_records WHERE file = ? AND kind = ?", arguments: [file, kind])
    }

    func addRejections(_ rejections: [RejectedRow]) throws {
        let insert = try db.cachedStatement(sql: """
            INSERT OR REPLACE INTO rejected_records (file, position, kind, reason, record_id, unit_code, record)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        for r in rejections {
            try insert.execute(arguments: [r.file, r.position, r.kind, r.reason, r.recordId, r.unit, r.record])
        }
    }

    /// `key1 = ? AND key2 = ?`.
    private func keyFilter(_ table: ImportTable) -> String {
        table.key.map { "\($0.name) = ?" }.joined(separator: " AND ")
    }
}

/// The local time of `epochSeconds` as stored: `YYYY-MM-DD HH:MM:SS`.
public func storedTimestamp(epochSeconds: Int64, zone: UTCOffset) -> String {
    let local = Int(epochSeconds) + zone.seconds
    let day = local >= 0 ? local / 86_400 : -((-local + 86_399) / 86_400)
    return DateNormalizer.local(LocalDate(dayNumber: day), local - day * 86_400)
}

import GRDB

/// Upserts the dossiers of one file, inside the file's transaction.
///
/// Systems send a dossier again at each change of status, and a province may send a batch
/// twice. Every version applied to a dossier is remembered by a hash of its allowed fields
/// (`import_versions`), so a version seen before is a replay and changes nothing: importing the
/// same files again, in any order, leaves the store as it was.
final class DossierWriter {
    private let select: Statement
    private let insert: Statement
    private let update: Statement
    private let remember: Statement
    private let db: Database
    private let updatedAt: String

    /// The bookkeeping table of applied versions (not part of the canonical schema; the exporter
    /// never reads it).
    static let versionsTable = """
        CREATE TABLE IF NOT EXISTS import_versions (
            id TEXT NOT NULL,
            hash INTEGER NOT NULL,
            PRIMARY KEY (id, hash)
        ) WITHOUT ROWID;
        """

    /// What a record did to its dossier.
    enum Outcome { case inserted, updated, unchanged }

    /// Prepares the statements; changed rows get `updatedAt`.
    init(_ db: Database, updatedAt: String) throws {
        self.db = db
        self.updatedAt = updatedAt
        let columns = DossierColumns.names
        let marks = Array(repeating: "?", count: columns.count + 1).joined(separator: ", ")
        select = try db.makeStatement(sql: "SELECT \(columns.joined(separator: ", ")) FROM dossiers WHERE id = ?")
        insert = try db.makeStatement(sql: "INSERT INTO dossiers (\(columns.joined(separator: ", ")), updated_at, id) VALUES (\(marks), ?)")
        update = try db.makeStatement(sql: "UPDATE dossiers SET \(columns.map { "\($0) = ?" }.joined(separator: ", ")), updated_at = ? WHERE id = ?")
        remember = try db.makeStatement(sql: "INSERT OR IGNORE INTO import_versions (id, hash) VALUES (?, ?)")
    }

    /// Applies `patch`, whose record's allowed fields hash to `version`. A new dossier that
    /// names no unit is refused.
    func apply(_ patch: DossierPatch, version: Int64) throws -> Result<Outcome, Rejection> {
        let existing = try Row.fetchOne(select, arguments: [patch.id]).map { Array($0.databaseValues) }
        if existing == nil && patch.values[0] == nil {
            return .failure(Rejection(reason: .unknownUnit, key: nil, message: "new dossier without a unit code"))
        }
        try remember.execute(arguments: [patch.id, version])
        if existing != nil && db.changesCount == 0 { return .success(.unchanged) }
        let row = patch.applied(to: existing)
        guard row != existing else { return .success(.unchanged) }
        try (existing == nil ? insert : update).execute(arguments: StatementArguments(row + [updatedAt.databaseValue, patch.id.databaseValue]))
        return .success(existing == nil ? .inserted : .updated)
    }
}

/// FNV-1a, 64 bits: a stable hash of a record's allowed fields (Swift's `Hasher` is seeded per
/// process, so it cannot be stored).
enum StableHash {
    static func of(_ text: String) -> Int64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return Int64(bitPattern: hash)
    }
}

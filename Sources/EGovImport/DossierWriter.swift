import GRDB

/// Upserts the dossiers of one file, inside the file's transaction.
///
/// A file may carry several versions of one dossier (each sync sends the record again with its
/// new status). To stay idempotent the outcome is judged per dossier against the row as it was
/// before the file, kept in a temporary table on first sight: a dossier whose final row equals
/// its row before the file is `unchanged` (and keeps its `updated_at`), however many versions the
/// file went through.
final class DossierWriter {
    private let select: Statement
    private let insert: Statement
    private let update: Statement
    private let remember: Statement
    private let db: Database

    private static let columns = DossierColumns.names

    /// Prepares the statements and an empty `temp.import_seen`.
    init(_ db: Database) throws {
        self.db = db
        let columns = Self.columns
        try db.execute(sql: """
            CREATE TEMP TABLE IF NOT EXISTS import_seen (id TEXT PRIMARY KEY NOT NULL, existed INTEGER NOT NULL,
                \(columns.joined(separator: ", "))) WITHOUT ROWID;
            DELETE FROM temp.import_seen;
            """)
        let marks = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        select = try db.makeStatement(sql: "SELECT \(columns.joined(separator: ", ")) FROM dossiers WHERE id = ?")
        insert = try db.makeStatement(sql: "INSERT INTO dossiers (\(columns.joined(separator: ", ")), id) VALUES (\(marks), ?)")
        update = try db.makeStatement(sql: "UPDATE dossiers SET \(columns.map { "\($0) = ?" }.joined(separator: ", ")) WHERE id = ?")
        remember = try db.makeStatement(sql: "INSERT OR IGNORE INTO temp.import_seen VALUES (?, ?, \(marks))")
    }

    /// Applies `patch`; a new dossier that names no unit is refused (nil returned on success).
    func apply(_ patch: DossierPatch) throws -> Rejection? {
        let existing = try Row.fetchOne(select, arguments: [patch.id]).map { Array($0.databaseValues) }
        if existing == nil && patch.values[0] == nil {
            return Rejection(reason: .unknownUnit, key: nil, message: "new dossier without a unit code")
        }
        let row = patch.applied(to: existing)
        var before: [DatabaseValue] = [patch.id.databaseValue, (existing == nil ? 0 : 1).databaseValue]
        before += existing ?? Array(repeating: .null, count: Self.columns.count)
        try remember.execute(arguments: StatementArguments(before))
        if row != existing {
            try (existing == nil ? insert : update).execute(arguments: StatementArguments(row + [patch.id.databaseValue]))
        }
        return nil
    }

    /// Stamps `updated_at` on the dossiers the file changed and counts them.
    func finish(updatedAt: String) throws -> (inserted: Int, updated: Int, unchanged: Int) {
        let same = Self.columns.map { "d.\($0) IS s.\($0)" }.joined(separator: " AND ")
        try db.execute(sql: """
            UPDATE dossiers SET updated_at = ? WHERE id IN (
                SELECT s.id FROM temp.import_seen s JOIN dossiers d ON d.id = s.id WHERE s.existed = 0 OR NOT (\(same)))
            """, arguments: [updatedAt])
        let row = try Row.fetchOne(db, sql: """
            SELECT COALESCE(SUM(s.existed = 0), 0), COALESCE(SUM(s.existed = 1 AND NOT (\(same))), 0),
                   COALESCE(SUM(s.existed = 1 AND (\(same))), 0)
            FROM temp.import_seen s JOIN dossiers d ON d.id = s.id
            """)!
        try db.execute(sql: "DELETE FROM temp.import_seen")
        return (row[0], row[1], row[2])
    }
}

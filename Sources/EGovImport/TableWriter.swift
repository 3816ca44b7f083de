import GRDB

/// Upserts the rows of one CSV file into a canonical table, inside the file's transaction. Only
/// the mapped columns are written: a column the file does not carry keeps its stored value (or
/// the schema's default in a new row). Versions already applied are remembered by hash, as for
/// payloads, so importing a file again changes nothing.
final class TableWriter {
    let table: TableSpec
    /// The mapped columns the database has, in table order; the key columns first.
    let columns: [ColumnSpec]
    private let select: Statement
    private let insert: Statement
    private let update: Statement?
    private let remember: Statement
    private let db: Database
    private let updatedAt: String

    init(_ db: Database, table: TableSpec, mapped: Set<String>, updatedAt: String) throws {
        self.db = db
        self.table = table
        self.updatedAt = updatedAt
        // Another connection may have added columns (the procedure catalogue's) since this one
        // read the schema.
        db.clearSchemaCache()
        let present = Set(try db.columns(in: table.name).map(\.name))
        let keys = table.key.compactMap { key in table.columns.first { $0.name == key } }
        columns = keys + table.columns.filter { !table.key.contains($0.name) && mapped.contains($0.name) && present.contains($0.name) }
        let names = columns.map(\.name)
        let rest = names.dropFirst(keys.count)
        let keyFilter = table.key.map { "\($0) = ?" }.joined(separator: " AND ")
        let stamp = table.hasUpdatedAt ? ["updated_at"] : []
        select = try db.makeStatement(sql: "SELECT \(names.joined(separator: ", ")) FROM \(table.name) WHERE \(keyFilter)")
        insert = try db.makeStatement(sql: "INSERT INTO \(table.name) (\((names + stamp).joined(separator: ", "))) VALUES (\(Array(repeating: "?", count: names.count + stamp.count).joined(separator: ", ")))")
        update = rest.isEmpty ? nil : try db.makeStatement(sql: "UPDATE \(table.name) SET \((rest + stamp).map { "\($0) = ?" }.joined(separator: ", ")) WHERE \(keyFilter)")
        remember = try db.makeStatement(sql: "INSERT OR IGNORE INTO import_versions (id, hash) VALUES (?, ?)")
    }

    /// Writes `values` (one per `columns`, key first); `version` is the hash of the row's text.
    func apply(_ values: [DatabaseValue], version: Int64) throws -> Result<DossierWriter.Outcome, Rejection> {
        let keyValues = Array(values.prefix(table.key.count))
        let existing = try Row.fetchOne(select, arguments: StatementArguments(keyValues)).map { Array($0.databaseValues) }
        if let missing = zip(columns, values).first(where: { $0.0.required && $0.1.isNull }) {
            return .failure(Rejection(reason: .missingValue, key: missing.0.name, message: "no value for \(missing.0.name)"))
        }
        let versionKey = table.name + "\u{1F}" + keyValues.map { "\($0)" }.joined(separator: "\u{1F}")
        try remember.execute(arguments: [versionKey, version])
        if existing != nil && db.changesCount == 0 { return .success(.unchanged) }
        let row = zip(columns, values).map { column, value in value.isNull ? (column.fallback ?? .null) : value }
        guard row != existing else { return .success(.unchanged) }
        let stamp: [DatabaseValue] = table.hasUpdatedAt ? [updatedAt.databaseValue] : []
        if existing == nil {
            try insert.execute(arguments: StatementArguments(row + stamp))
            return .success(.inserted)
        }
        guard let update else { return .success(.unchanged) }
        try update.execute(arguments: StatementArguments(Array(row.dropFirst(keyValues.count)) + stamp + keyValues))
        return .success(.updated)
    }
}

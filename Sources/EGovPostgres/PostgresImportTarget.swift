import EGovImport
import EGovKPI
import EGovSources
import GRDB
import Logging
#if Postgres
import PostgresNIO
#endif

/// A PostgreSQL schema as the target of `import`: one connection of its own whose session is not
/// read-only (the reads' sessions are) and keeps the statement timeout; each file in one
/// transaction, a batch of records in a few statements (`PostgresImportSQL`). The importers
/// call it synchronously: each statement's future is waited for on the calling thread (the
/// command's, or the drop folder's worker).
public final class PostgresImportTarget: ImportTarget {
    public let settings: PostgresSettings
    public let zone: UTCOffset
    #if Postgres
    private let connection: PostgresConnection
    #endif
    private let logger: Logger

    /// Records per batch: each is a handful of statements whatever its size.
    public var batchSize: Int { 1_000 }

    /// Connects to `settings`' server; throws `SourceError` saying why it cannot (never showing
    /// the password).
    public init(settings: PostgresSettings, zone: UTCOffset, logger: Logger = Logger(label: "egov-exporter.import")) throws {
        self.settings = settings
        self.zone = zone
        self.logger = logger
        #if Postgres
        let location = settings.location
        connection = try Self.translating("connect", location: location) {
            let configuration = try PostgresClients.connectionConfiguration(settings, readOnly: false)
            return try PostgresConnection.connect(on: MultiThreadedEventLoopGroup.singleton.any(), configuration: configuration,
                                                  id: 1, logger: logger).wait()
        }
        #else
        throw SourceError(operation: "import", location: settings.location,
                          message: "this build writes no PostgreSQL (built without the Postgres package trait)")
        #endif
    }

    public func close() throws {
        #if Postgres
        try Self.translating("close", location: settings.location) { try connection.close().wait() }
        #endif
    }

    public func transaction<T>(_ body: (any ImportSession) throws -> T) throws -> T {
        #if Postgres
        let session = PostgresImportSession(target: self)
        try session.run("BEGIN")
        do {
            try session.prepare()
            let result = try body(session)
            try session.run("COMMIT")
            return result
        } catch {
            // A failed statement aborts the transaction; a lost connection has rolled it back.
            _ = try? session.run("ROLLBACK")
            throw error
        }
        #else
        throw SourceError(operation: "import", location: settings.location,
                          message: "this build writes no PostgreSQL (built without the Postgres package trait)")
        #endif
    }

    #if Postgres
    /// Runs `query` and returns its rows as texts (every statement selects text), waiting on this
    /// thread for the answer: the connection's event loop answers, so the wait holds no thread
    /// of the concurrency pool hostage (a command's `run` may be on one).
    func rows(_ query: PostgresQuery, operation: String) throws -> [[String?]] {
        // A statement sent on a connection the server has closed (a shutdown between two
        // statements) is never answered: say so instead of waiting.
        guard !connection.isClosed else {
            throw SourceError(operation: operation, location: settings.location, message: "the server closed the connection")
        }
        return try Self.translating(operation, location: settings.location) {
            try connection.query(query, logger: logger).wait().map { row in try row.map { try $0.decode(String?.self) } }
        }
    }

    /// Runs `body`; PostgreSQL's and the password file's errors become `SourceError`s of
    /// `operation` that say why, never showing the password.
    private static func translating<T>(_ operation: String, location: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as PSQLError {
            throw SourceError(operation: operation, location: location, message: PostgresSource.message(error))
        } catch let error as PasswordFileError {
            throw SourceError(operation: operation, location: location, message: "\(error)")
        }
    }
    #endif
}

#if Postgres
/// One file's transaction on PostgreSQL: the schema's tables checked and their column types
/// read first, then a few statements per batch.
final class PostgresImportSession: ImportSession {
    private let target: PostgresImportTarget
    private var sql: PostgresImportSQL
    /// Table → `r` (table), `v` (view), `p` (partitioned table)... as `pg_class.relkind`.
    private var kinds: [String: String] = [:]

    init(target: PostgresImportTarget) {
        self.target = target
        sql = PostgresImportSQL(schema: target.settings.schema, types: [:], zone: target.zone)
    }

    /// Runs a statement without parameters or rows.
    func run(_ statement: String) throws {
        _ = try target.rows(PostgresQuery(unsafeSQL: statement), operation: "import")
    }

    /// Reads the schema's tables and column types, creating the imports' own tables where missing.
    func prepare() throws {
        try readCatalog()
        let missing = PostgresSchema.importTables.filter { kinds[$0.name] == nil }
        guard !missing.isEmpty else { return }
        for table in missing { try run(table.sql) }
        try readCatalog()
    }

    private func readCatalog() throws {
        var bindings = PostgresBindings()
        bindings.append(target.settings.schema)
        let rows = try target.rows(PostgresQuery(unsafeSQL: """
            SELECT c.relname::text, c.relkind::text, a.attname::text, format_type(a.atttypid, a.atttypmod)
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
            WHERE n.nspname = $1 AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
            """, binds: bindings), operation: "read the schema")
        var types: [String: [String: String]] = [:]
        for row in rows {
            guard let table = row[0], let kind = row[1] else { continue }
            kinds[table] = kind
            if let column = row[2], let type = row[3] { types[table, default: [:]][column] = type }
        }
        sql = PostgresImportSQL(schema: sql.schema, types: types, zone: sql.zone)
        for table in PostgresSchema.importTables.map(\.name) where kinds[table] != nil { try checkTable(table) }
    }

    func checkTable(_ table: String) throws {
        let name = "\(sql.schema).\(table)"
        switch kinds[table] {
        case "r", "p": return
        case nil: throw failure("\(name) does not exist: create the canonical tables with `egov-exporter init-db --postgres CONFIG`")
        default: throw failure("import writes tables; \(name) is a view")
        }
    }

    private func failure(_ message: String) -> SourceError {
        SourceError(operation: "import", location: target.settings.location, message: message)
    }

    func unitCodes() throws -> Set<String> {
        try checkTable("units")
        return Set(try target.rows(PostgresQuery(unsafeSQL: "SELECT code::text FROM \(sql.qualified("units"))"), operation: "import").compactMap { $0[0] })
    }

    func columnNames(of table: String) throws -> Set<String> {
        try checkTable(table)
        return Set((sql.types[table] ?? [:]).keys)
    }

    func storedRows(_ table: ImportTable, keys: [RowKey]) throws -> [RowKey: [DatabaseValue]] {
        try checkTable(table.name)
        var bindings = PostgresBindings()
        for column in table.key.indices { bindings.append(PostgresImportSQL.arrayLiteral(keys.map { $0[column] })) }
        var stored: [RowKey: [DatabaseValue]] = [:]
        for row in try target.rows(PostgresQuery(unsafeSQL: sql.select(table), binds: bindings), operation: "import") {
            let key = row.prefix(table.key.count).map { $0 ?? "" }
            stored[key] = zip(table.columns, row.dropFirst(table.key.count)).map { column, text in Self.value(text, column) }
        }
        return stored
    }

    /// A stored value read back as text, as the import's own values are: integer codes and flags
    /// as numbers, the rest as text.
    static func value(_ text: String?, _ column: ColumnSpec) -> DatabaseValue {
        guard let text else { return .null }
        if [.integer, .flag].contains(column.type), let number = Int64(text) { return number.databaseValue }
        return text.databaseValue
    }

    func rememberVersions(_ versions: [RecordVersion]) throws -> Set<RecordVersion> {
        var bindings = PostgresBindings()
        bindings.append(PostgresImportSQL.arrayLiteral(versions.map(\.id)))
        bindings.append(PostgresImportSQL.arrayLiteral(versions.map { String($0.hash) }))
        let rows = try target.rows(PostgresQuery(unsafeSQL: sql.rememberVersions(), binds: bindings), operation: "import")
        return Set(rows.compactMap { row in
            guard let id = row[0], let hash = row[1].flatMap({ Int64($0) }) else { return nil }
            return RecordVersion(id: id, hash: hash)
        })
    }

    func write(_ table: ImportTable, rows: [RowWrite], updatedAt: String) throws {
        var bindings = PostgresBindings()
        for column in table.key.indices { bindings.append(PostgresImportSQL.arrayLiteral(rows.map { $0.key[column] })) }
        for column in table.columns.indices {
            bindings.append(PostgresImportSQL.arrayLiteral(rows.map { Self.text($0.values[column]) }))
        }
        if table.hasUpdatedAt { bindings.append(updatedAt) }
        _ = try target.rows(PostgresQuery(unsafeSQL: sql.upsert(table), binds: bindings), operation: "import")
    }

    /// A value as the text bound for it (nil: NULL).
    private static func text(_ value: DatabaseValue) -> String? {
        switch value.storage {
        case .null: nil
        case .int64(let n): String(n)
        case .double(let d): String(d)
        case .string(let s): s
        case .blob: nil
        }
    }

    func clearRejections(file: String, kind: String) throws {
        var bindings = PostgresBindings()
        bindings.append(file)
        bindings.append(kind)
        _ = try target.rows(PostgresQuery(unsafeSQL: sql.clearRejections(), binds: bindings), operation: "import")
    }

    func addRejections(_ rejections: [RejectedRow]) throws {
        var bindings = PostgresBindings()
        let columns: [(RejectedRow) -> String?] = [{ $0.file }, { $0.position }, { $0.kind }, { $0.reason }, { $0.recordId },
                                                   { $0.unit }, { $0.record }]
        for column in columns {
            bindings.append(PostgresImportSQL.arrayLiteral(rejections.map(column)))
        }
        _ = try target.rows(PostgresQuery(unsafeSQL: sql.addRejections(), binds: bindings), operation: "import")
    }
}
#endif

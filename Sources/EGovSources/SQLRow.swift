import EGovKPI
import GRDB

/// One result row, whatever the engine: its values by position and by column name, as GRDB's
/// `DatabaseValue`s (NULL, integer, real, text; PostgreSQL's booleans arrive as 0 and 1).
public struct SQLRow: Sendable {
    public let names: [String]
    public let values: [DatabaseValue]

    public init(names: [String], values: [DatabaseValue]) {
        self.names = names
        self.values = values
    }

    /// A row GRDB fetched.
    init(_ row: Row) {
        names = Array(row.columnNames)
        values = Array(row.databaseValues)
    }

    /// The value at `index` (NULL past the end).
    subscript(index: Int) -> DatabaseValue { index < values.count ? values[index] : .null }

    /// The value of the column `name` (case-insensitive; NULL when there is none).
    subscript(name: String) -> DatabaseValue {
        let lowered = name.lowercased()
        return names.firstIndex { $0.lowercased() == lowered }.map { values[$0] } ?? .null
    }

    /// The text at `index`, nil for NULL or a number.
    public func text(_ index: Int) -> String? { String.fromDatabaseValue(self[index]) }

    /// The integer at `index` (a whole real counts), nil for NULL or text.
    public func int(_ index: Int) -> Int? { Int.fromDatabaseValue(self[index]) }
}

/// What a read needs from an engine: the rows of a statement, and three facts of the
/// schema. `SQLiteSource` answers on an open connection; `PostgresSource` from rows it fetched
/// beforehand (its reads are asynchronous), so both assemble a reading with the same code
/// (`ReadAssembly`).
protocol StatementRunner {
    /// The dialect the statements are written in.
    var dialect: SQLDialect { get }
    /// Every row of `sql`.
    func rows(_ sql: String) throws -> [SQLRow]
    /// The rows of `sql`, one at a time (SQLite never holds them all).
    func each(_ sql: String, _ body: (SQLRow) throws -> Void) throws
    /// The names of the `procedures` table's columns, in lower case.
    func procedureColumns() throws -> Set<String>
    /// Whether the table (or view) exists.
    func hasTable(_ name: String) throws -> Bool
    /// The names of the indexes present, for the missing-index warning; nil when the engine
    /// cannot say (views over other tables).
    func indexNames() throws -> Set<String>?
}

extension StatementRunner {
    /// The optional catalogue columns the `procedures` table has.
    func catalogueColumns() throws -> Set<CatalogueColumn> {
        let names = try procedureColumns()
        return Set(CatalogueColumn.allCases.filter { names.contains($0.rawValue) })
    }

    func each(_ sql: String, _ body: (SQLRow) throws -> Void) throws {
        for row in try rows(sql) { try body(row) }
    }
}

/// A runner on an open GRDB connection (SQLite).
struct GRDBRunner: StatementRunner {
    let db: Database
    var dialect: SQLDialect { .sqlite }

    func rows(_ sql: String) throws -> [SQLRow] { try Row.fetchAll(db, sql: sql).map(SQLRow.init) }

    func each(_ sql: String, _ body: (SQLRow) throws -> Void) throws {
        let cursor = try Row.fetchCursor(db, sql: sql)
        while let row = try cursor.next() { try body(SQLRow(row)) }
    }

    func procedureColumns() throws -> Set<String> { Set(try db.columns(in: "procedures").map { $0.name.lowercased() }) }

    func hasTable(_ name: String) throws -> Bool { try db.tableExists(name) }

    /// The indexes present in their current form: one an earlier version made in another form
    /// counts as missing (`CanonicalSchema.outdatedIndexes`).
    func indexNames() throws -> Set<String>? {
        Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index'"))
            .subtracting(try CanonicalSchema.outdatedIndexes(in: db))
    }
}

/// A runner over rows fetched beforehand, by statement; a statement not fetched is an error
/// (the fetching side and the assembling side disagree on the plan, a bug).
public struct PrefetchedRunner: StatementRunner {
    public let dialect: SQLDialect
    var fetched: [String: [SQLRow]] = [:]
    /// The names of the `procedures` table's columns, in lower case.
    public let procedureNames: Set<String>
    let tables: Set<String>
    let indexes: Set<String>?

    public init(dialect: SQLDialect, procedureColumns: Set<String>, tables: Set<String>, indexes: Set<String>?) {
        self.dialect = dialect
        self.procedureNames = procedureColumns
        self.tables = tables
        self.indexes = indexes
    }

    /// Records the rows of `sql`.
    public mutating func add(_ sql: String, rows: [SQLRow]) { fetched[sql] = rows }

    func rows(_ sql: String) throws -> [SQLRow] {
        guard let rows = fetched[sql] else {
            throw SourceError(operation: "assemble", location: "prefetched rows", message: "a statement was not fetched")
        }
        return rows
    }

    func procedureColumns() throws -> Set<String> { procedureNames }
    func hasTable(_ name: String) throws -> Bool { tables.contains(name) }
    func indexNames() throws -> Set<String>? { indexes }
}

extension PrefetchedRunner {
    /// Fetches the unit tree and the catalogue (when the source has the one-stop-shop tables),
    /// on which the rest of a read depends.
    public mutating func fetchCatalog(systems: RecordSystems, fetch: (String) async throws -> [SQLRow]) async throws {
        guard systems.contains(.oneStop) else { return }
        for sql in [ReadAssembly.unitsSQL(dialect), CatalogueReader.sql(columns: try catalogueColumns(), dialect: dialect)] {
            add(sql, rows: try await fetch(sql))
        }
    }

    /// Fetches and reads the unit tree's records alone (a cheap read, for `units` and start-up
    /// checks).
    public mutating func unitRecords(fetch: (String) async throws -> [SQLRow]) async throws -> [UnitRecord] {
        let sql = ReadAssembly.unitsSQL(dialect)
        add(sql, rows: try await fetch(sql))
        var ignored: [ValidityCount] = []
        return try ReadAssembly.units(self, validity: &ignored)
    }

    /// Fetches the unit tree and the catalogue, then returns the statements of a read of
    /// `periods` over `scope` that remain to be fetched (see `RecordSource.read`).
    public mutating func prepare(periods: [ReportingPeriod], scope: ReadScope, countingInvalid: Bool, systems: RecordSystems,
                                 zone: UTCOffset, fetch: (String) async throws -> [SQLRow]) async throws -> [String] {
        try await fetchCatalog(systems: systems, fetch: fetch)
        var ignored: [ValidityCount] = []
        let tree = systems.contains(.oneStop) ? UnitTree(try ReadAssembly.units(self, validity: &ignored)) : nil
        return try ReadAssembly.plan(self, periods: periods, scope: scope, systems: systems, zone: zone, tree: tree,
                                         countingInvalid: countingInvalid).statements
    }

    /// The reading, once `prepare`'s statements have been fetched.
    public func read(periods: [ReportingPeriod], scope: ReadScope, countingInvalid: Bool, systems: RecordSystems,
                     zone: UTCOffset) throws -> SourceReading {
        try ReadAssembly.read(self, periods: periods, scope: scope, countingInvalid: countingInvalid, systems: systems, zone: zone)
    }

    /// Every statement of a read, once `fetchCatalog` has run (see `SQLiteSource.statements`).
    public func statements(periods: [ReportingPeriod], unit: String?, countingInvalid: Bool, systems: RecordSystems,
                           zone: UTCOffset) throws -> [String]? {
        try ReadAssembly.statements(self, periods: periods, unit: unit, countingInvalid: countingInvalid, systems: systems, zone: zone)
    }
}

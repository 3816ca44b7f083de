import EGovKPI
import EGovSources
import Foundation
import GRDB
import Logging
import Synchronization
#if Postgres
import PostgresNIO
#endif

/// Reads the canonical tables (or views of the same names) from a PostgreSQL schema, in one
/// read-only, repeatable-read transaction per read, so a read sees one consistent state as
/// SQLite's does. The statements are `EGovSources`' own in PostgreSQL's dialect
/// (`SQLDialect.postgres`), built after reading the columns' types; the rows are fetched first
/// and then assembled by the same code as SQLite's (`PrefetchedRunner`).
public struct PostgresSource: Sendable {
    public let settings: PostgresSettings
    public let systems: RecordSystems
    public let zone: UTCOffset
    private let clients: PostgresClients
    private let logger: Logger

    public init(settings: PostgresSettings, systems: RecordSystems = .all, zone: UTCOffset = .vietnam,
                clients: PostgresClients, logger: Logger = Logger(label: "egov-exporter.postgres")) {
        self.settings = settings
        self.systems = systems
        self.zone = zone
        self.clients = clients
        self.logger = logger
    }

    /// Where, for messages: never the password.
    public var location: String { settings.location }

    /// The catalogue and the aggregate rows of `periods` (see `RecordSource.read`). Past
    /// `timeout` seconds the read is abandoned and fails (the server's statement timeout stops
    /// the statement itself).
    public func read(periods: [ReportingPeriod], scope: ReadScope, countingInvalid: Bool,
                     timeout: Int? = nil) async throws -> SourceReading {
        try await limited(timeout) {
            try await self.transaction("read records", leaseWait: Self.leaseWait(within: timeout)) { fetch, schema in
                var runner = schema
                let pending = try await runner.prepare(periods: periods, scope: scope, countingInvalid: countingInvalid,
                                                       systems: systems, zone: zone, fetch: fetch)
                for sql in pending { runner.add(sql, rows: try await fetch(sql)) }
                return try runner.read(periods: periods, scope: scope, countingInvalid: countingInvalid,
                                       systems: systems, zone: zone)
            }
        }
    }

    /// The statements a read of `periods` for `unit`'s subtree runs (see
    /// `SQLiteSource.statements`); nil when `unit` is not in the tree.
    public func statements(for periods: [ReportingPeriod], unit: String? = nil, countingInvalid: Bool = true) async throws -> [String]? {
        try await transaction("read units") { fetch, schema in
            var runner = schema
            try await runner.fetchCatalog(systems: systems, fetch: fetch)
            return try runner.statements(periods: periods, unit: unit, countingInvalid: countingInvalid, systems: systems, zone: zone)
        }
    }

    /// The unit tree's records alone (a cheap read, for `units` and start-up checks), within
    /// `timeout` seconds as `read`.
    public func unitRecords(timeout: Int? = nil) async throws -> [UnitRecord] {
        try await limited(timeout, "read units") {
            try await self.transaction("read units", leaseWait: Self.leaseWait(within: timeout)) { fetch, schema in
                var runner = schema
                return try await runner.unitRecords(fetch: fetch)
            }
        }
    }

    /// Page `page` (1-based, `pageSize` rows) of the dossiers of `kind` received by the units
    /// `codes` in `period` (see `UnitDossierList`), within `timeout` seconds as `read`; the
    /// transaction's statement timeout is cut to `timeout` too, so the server stops a list that
    /// runs on.
    public func dossierList(_ kind: DossierListKind, period: ReportingPeriod, codes: [String], page: Int, pageSize: Int,
                            timeout: Int? = nil) async throws -> DossierListPage {
        try await limited(timeout, "list dossiers") {
            try await self.transaction("list dossiers", leaseWait: Self.leaseWait(within: timeout)) { fetch, schema in
                if let timeout, timeout < settings.statementTimeout {
                    _ = try await fetch("SET LOCAL statement_timeout = '\(timeout)s'")
                }
                let list = UnitDossierList(kind, period: period, codes: codes, page: page, pageSize: pageSize, zone: zone,
                                           dialect: schema.dialect, procedureColumns: schema.procedureNames)
                return list.page(counts: try await fetch(list.countsSQL), rows: try await fetch(list.rowsSQL))
            }
        }
    }

    /// Runs `body` past `timeout` seconds no longer: `operation` fails with a `ReadTimeout`.
    private func limited<T: Sendable>(_ timeout: Int?, _ operation: String = "read records",
                                      _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        guard let timeout else { return try await body() }
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await body() }
            group.addTask {
                try await Task.sleep(for: .seconds(timeout))
                return nil
            }
            defer { group.cancelAll() }
            if let first = try await group.next(), let result = first { return result }
            throw ReadTimeout(operation: operation, location: location, seconds: timeout)
        }
    }

    /// Seconds a read bounded by `timeout` waits for a connection: half its time at most, so that
    /// the cause of a failing server is found (and said) before the read times out.
    private static func leaseWait(within timeout: Int?) -> Int {
        timeout.map { max(1, min(leaseWait, $0 / 2)) } ?? leaseWait
    }

    /// Seconds a read waits for a connection from the pool.
    static let leaseWait = 5

    #if Postgres
    /// Runs `body` in a read-only repeatable-read transaction, with a fetcher of a statement's
    /// rows and the schema's facts (a runner with nothing fetched yet). Errors become
    /// `SourceError`s that show the server's message, never the password.
    private func transaction<T: Sendable>(
        _ operation: String, leaseWait: Int = leaseWait,
        _ body: @escaping @Sendable (_ fetch: (String) async throws -> [SQLRow], _ schema: PrefetchedRunner) async throws -> T
    ) async throws -> T {
        do {
            return try await clients.withClient(for: settings) { client in
                try await Self.leased(within: .seconds(leaseWait)) { leased in try await client.withConnection { connection in
                    leased.set()
                    let logger = self.logger
                    func fetch(_ sql: String) async throws -> [SQLRow] {
                        var rows: [SQLRow] = []
                        for try await row in try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger) {
                            rows.append(try Self.row(row))
                        }
                        return rows
                    }
                    try await connection.query("START TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY", logger: logger)
                    do {
                        let schema = try await self.schema(fetch)
                        let result = try await body(fetch, schema)
                        try await connection.query("COMMIT", logger: logger)
                        return result
                    } catch {
                        _ = try? await connection.query("ROLLBACK", logger: logger)
                        throw error
                    }
                } }
            }
        } catch let error as SourceError {
            throw error
        } catch let error as PSQLError {
            throw SourceError(operation: operation, location: location, message: Self.message(error))
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            // The pool's own errors (no connection within the wait, its circuit breaker) say
            // nothing of the cause: one connection of our own does.
            let cause = await PostgresClients.diagnose(settings, logger: logger)
            throw SourceError(operation: operation, location: location,
                              message: cause ?? "no connection from the pool within \(leaseWait) s")
        }
    }

    /// Set once the pool has handed over a connection.
    final class LeaseFlag: Sendable {
        private let value = Mutex(false)
        func set() { value.withLock { $0 = true } }
        var isSet: Bool { value.withLock { $0 } }
    }

    /// No connection came from the pool in time.
    struct LeaseTimeout: Error {}

    /// Runs `body`, failing with `LeaseTimeout` when it has not set its flag within `wait`
    /// (the pool keeps a lease waiting for a minute while connections fail).
    private static func leased<T: Sendable>(within wait: Duration,
                                            _ body: @escaping @Sendable (LeaseFlag) async throws -> T) async throws -> T {
        let flag = LeaseFlag()
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await body(flag) }
            group.addTask {
                try await Task.sleep(for: wait)
                if !flag.isSet { throw LeaseTimeout() }
                return nil
            }
            defer { group.cancelAll() }
            while let result = try await group.next() {
                if let result { return result }
            }
            throw LeaseTimeout()
        }
    }

    /// The column types, tables and indexes of the configured schema, as a runner's facts.
    private func schema(_ fetch: (String) async throws -> [SQLRow]) async throws -> PrefetchedRunner {
        let schema = settings.schema
        var types: [String: String] = [:]
        var procedureColumns: Set<String> = []
        for row in try await fetch("SELECT table_name::text, column_name::text, data_type::text FROM information_schema.columns WHERE table_schema = '\(schema)'") {
            guard let table = row.text(0), let column = row.text(1)?.lowercased(), let type = row.text(2) else { continue }
            if table == "procedures" {
                procedureColumns.insert(column)
                // Its flags (has_fee...) are named in no other table; a name shared with
                // another table (name, level) keeps that table's type.
                if column != "code", types[column] == nil { types[column] = type }
            } else if column != "code" {
                types[column] = type
            }
        }
        var tables: Set<String> = []
        var views = false
        for row in try await fetch("SELECT table_name::text, table_type::text FROM information_schema.tables WHERE table_schema = '\(schema)'") {
            guard let table = row.text(0) else { continue }
            tables.insert(table)
            if row.text(1) == "VIEW", ["units", "procedures", "dossiers", "documents", "staff", "eoffice_activity", "work_files"].contains(table) {
                views = true
            }
        }
        let present = Set(try await fetch("SELECT indexname::text FROM pg_indexes WHERE schemaname = '\(schema)'").compactMap { $0.text(0) })
        return PrefetchedRunner(dialect: .postgres(columnTypes: types), procedureColumns: procedureColumns,
                                tables: tables, indexes: views ? nil : present)
    }

    /// One row as database values: integers, reals, texts and booleans (as 0 and 1).
    static func row(_ row: PostgresRow) throws -> SQLRow {
        var names: [String] = []
        var values: [DatabaseValue] = []
        for cell in row {
            names.append(cell.columnName)
            guard cell.bytes != nil else {
                values.append(.null)
                continue
            }
            switch cell.dataType {
            case .int2, .int4, .int8: values.append(try cell.decode(Int64.self).databaseValue)
            case .float4, .float8: values.append(try cell.decode(Double.self).databaseValue)
            case .numeric:
                let number = try cell.decode(Decimal.self)
                let whole = NSDecimalNumber(decimal: number)
                values.append(number == Decimal(whole.int64Value) ? whole.int64Value.databaseValue : whole.doubleValue.databaseValue)
            case .bool: values.append((try cell.decode(Bool.self) ? 1 : 0).databaseValue)
            case .text, .varchar, .bpchar, .name: values.append(try cell.decode(String.self).databaseValue)
            default:
                throw SourceError(operation: "decode", location: "column \(cell.columnName)",
                                  message: "unsupported type \(cell.dataType): cast it to text or an integer in the view")
            }
        }
        return SQLRow(names: names, values: values)
    }

    /// What went wrong, from the server's message or the client's error code; PSQLError's own
    /// description is deliberately generic.
    static func message(_ error: PSQLError) -> String {
        if let message = error.serverInfo?[.message] {
            let state = error.serverInfo?[.sqlState].map { " (SQLSTATE \($0))" } ?? ""
            return message + state
        }
        switch error.code {
        case .sslUnsupported: return "the server does not offer TLS (tls: require or verify-full)"
        case .connectionError: return "cannot connect" + (error.underlying.map { ": \(Self.underlying($0))" } ?? "")
        case .serverClosedConnection: return "the server closed the connection"
        case .authMechanismRequiresPassword: return "the server asks for a password: set password_file"
        case .queryCancelled: return "the statement was cancelled"
        default: return "\(error.code)" + (error.underlying.map { ": \(Self.underlying($0))" } ?? "")
        }
    }

    private static func underlying(_ error: any Error) -> String {
        let text = "\(error)"
        return text.count > 200 ? String(text.prefix(200)) : text
    }
    #else
    private func transaction<T: Sendable>(
        _ operation: String, leaseWait: Int = leaseWait,
        _ body: @escaping @Sendable (_ fetch: (String) async throws -> [SQLRow], _ schema: PrefetchedRunner) async throws -> T
    ) async throws -> T {
        throw SourceError(operation: operation, location: location,
                          message: "this build reads no PostgreSQL (built without the Postgres package trait)")
    }
    #endif
}

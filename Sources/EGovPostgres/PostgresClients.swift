import Logging
import EGovSources
import ServiceLifecycle
import Synchronization
#if Postgres
import NIOSSL
import PostgresNIO
#endif

/// The PostgreSQL connection pools of the configured sources, one per distinct `PostgresSettings`
/// (the password included), as one `Service` of the daemon's ServiceGroup: each pool
/// (`PostgresClient`) runs inside `run()`, started when a source first asks for it, so that a
/// reload naming another server (or another password) gets a pool of its own without restarting
/// the group. Once `keep(only:)` says which settings the configuration names, a pool of other
/// settings is closed as soon as no read uses it. The others close with the group. Outside a
/// ServiceGroup (`report`, `snapshot`), a command runs `run()` in a task of its own.
public final class PostgresClients: Service, Sendable {
    #if Postgres
    /// The pools and the settings in use.
    private let state = Mutex(Pools())
    private let started: AsyncStream<Pool>
    private let start: AsyncStream<Pool>.Continuation
    #endif
    private let logger: Logger

    /// `logger` receives the pools' own errors (their warnings, such as a lease that comes
    /// before the pool has started running, are left out).
    public init(logger: Logger = Logger(label: "egov-exporter.postgres")) {
        var logger = logger
        logger.logLevel = .error
        self.logger = logger
        #if Postgres
        (started, start) = AsyncStream.makeStream()
        #endif
    }

    /// Runs every pool until graceful shutdown (or cancellation); a pool that is closed earlier
    /// (`keep(only:)`) ends on its own.
    public func run() async throws {
        #if Postgres
        await cancelWhenGracefulShutdown {
            await withDiscardingTaskGroup { group in
                for await pool in self.started {
                    group.addTask { await pool.run() }
                }
                group.cancelAll()
            }
        }
        #endif
    }

    /// Says which settings the configuration names now (after a reload): every pool of other
    /// settings is closed once the reads using it end, and so is a pool such a read still
    /// creates. The number of pools closed right away is returned.
    @discardableResult
    public func keep(only settings: Set<PostgresSettings>) -> Int {
        #if Postgres
        let closing = state.withLock { state in
            state.configured = settings
            let unused = state.pools.filter { !settings.contains($0.key) && $0.value.leases == 0 }
            for key in unused.keys { state.pools[key] = nil }
            return unused.values.map(\.pool)
        }
        for pool in closing { pool.close() }
        return closing.count
        #else
        return 0
        #endif
    }

    /// The number of pools open: for tests.
    public var openPools: Int {
        #if Postgres
        state.withLock { $0.pools.count }
        #else
        0
        #endif
    }

    #if Postgres
    /// One pool and the task that runs it, which ends when the pool is closed.
    final class Pool: Sendable {
        let client: PostgresClient
        private let stop: AsyncStream<Void>
        private let stopping: AsyncStream<Void>.Continuation

        init(_ client: PostgresClient) {
            self.client = client
            (stop, stopping) = AsyncStream.makeStream()
        }

        /// Runs the pool until `close()` or cancellation; postgres-nio's client closes its
        /// connections when its `run()` is cancelled.
        func run() async {
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await self.client.run() }
                group.addTask { for await _ in self.stop {} }
                _ = await group.next()
                group.cancelAll()
            }
        }

        /// Ends `run()`.
        func close() { stopping.finish() }
    }

    /// The open pools by settings, each with the number of reads using it, and the settings the
    /// configuration names (nil until told: every pool stays open, as in a one-off command).
    private struct Pools {
        var pools: [PostgresSettings: (pool: Pool, leases: Int)] = [:]
        var configured: Set<PostgresSettings>?
    }

    /// Runs `body` with the pool for `settings`, created (and started) on first use. A pool whose
    /// settings are no longer configured is closed when the last such call ends.
    func withClient<T>(for settings: PostgresSettings, _ body: (PostgresClient) async throws -> T) async throws -> T {
        let pool = state.withLock { state in
            if let entry = state.pools[settings] {
                state.pools[settings]!.leases += 1
                return entry.pool
            }
            let pool = Pool(PostgresClient(configuration: Self.configuration(settings), backgroundLogger: logger))
            state.pools[settings] = (pool, 1)
            start.yield(pool)
            return pool
        }
        defer {
            let closing: Pool? = state.withLock { state in
                guard let entry = state.pools[settings] else { return nil }
                state.pools[settings]!.leases -= 1
                guard entry.leases == 1, let configured = state.configured, !configured.contains(settings) else { return nil }
                state.pools[settings] = nil
                return entry.pool
            }
            closing?.close()
        }
        return try await body(pool.client)
    }

    /// The TLS of `settings` (nil: none): `require` checks the certificate against `ca_file`
    /// when given, `verify-full` the host name too.
    static func tlsConfiguration(_ settings: PostgresSettings) -> TLSConfiguration? {
        guard settings.tls != .disable else { return nil }
        var context = TLSConfiguration.makeClientConfiguration()
        if let caFile = settings.caFile { context.trustRoots = .file(caFile) }
        switch settings.tls {
        case .disable, .verifyFull: context.certificateVerification = .fullVerification
        case .require: context.certificateVerification = settings.caFile == nil ? .none : .noHostnameVerification
        }
        return context
    }

    /// The pool's configuration: TLS as configured, the session settings as startup parameters.
    static func configuration(_ settings: PostgresSettings) -> PostgresClient.Configuration {
        let tls = tlsConfiguration(settings).map { PostgresClient.Configuration.TLS.require($0) } ?? .disable
        var configuration = PostgresClient.Configuration(host: settings.host, port: settings.port, username: settings.user,
                                                         password: settings.password?.text, database: settings.database, tls: tls)
        configuration.options.additionalStartupParameters = settings.startupParameters(readOnly: true)
        configuration.options.connectTimeout = .seconds(min(10, max(1, settings.statementTimeout)))
        if settings.tls == .verifyFull { configuration.options.tlsServerName = settings.host }
        configuration.options.maximumConnections = 2
        configuration.options.connectionIdleTimeout = .seconds(60)
        configuration.options.keepAliveBehavior = nil
        return configuration
    }

    /// The configuration of one connection of its own to `settings`' server: TLS as configured,
    /// the session settings as startup parameters, read-only or not. Reads the password file.
    static func connectionConfiguration(_ settings: PostgresSettings, readOnly: Bool) throws -> PostgresConnection.Configuration {
        let tls = try tlsConfiguration(settings).map { PostgresConnection.Configuration.TLS.require(try NIOSSLContext(configuration: $0)) }
        var configuration = PostgresConnection.Configuration(
            host: settings.host, port: settings.port, username: settings.user, password: settings.password?.text,
            database: settings.database, tls: tls ?? .disable)
        configuration.options.additionalStartupParameters = settings.startupParameters(readOnly: readOnly)
        configuration.options.connectTimeout = .seconds(10)
        if settings.tls == .verifyFull { configuration.options.tlsServerName = settings.host }
        return configuration
    }

    /// Why no connection can be made to `settings`' server, from one connection of its own: the
    /// pool only says that its attempts keep failing (after a minute), this says why (refused,
    /// wrong password, no TLS offered, certificate not trusted). Nil when it connects.
    static func diagnose(_ settings: PostgresSettings, logger: Logger) async -> String? {
        do {
            let configuration = try connectionConfiguration(settings, readOnly: true)
            let connection = try await PostgresConnection.connect(configuration: configuration, id: 0, logger: logger)
            try? await connection.close()
            return nil
        } catch let error as PSQLError {
            return PostgresSource.message(error)
        } catch {
            return "\(error)"
        }
    }
    #endif
}

extension PostgresClients {
    /// Creates the canonical tables and indexes (`PostgresSchema`) in `settings`' schema, which
    /// must exist, in one transaction: the one write the exporter ever makes to a server, with a
    /// session of its own that is not read-only.
    public static func createSchema(_ settings: PostgresSettings, logger: Logger = Logger(label: "egov-exporter.postgres")) async throws {
        #if Postgres
        var configuration = configuration(settings)
        configuration.options.additionalStartupParameters = settings.startupParameters(readOnly: false)
        // The pool warns when the lease comes before its `run()` has started (a race of no
        // consequence here): only its errors are worth a line.
        var quiet = logger
        quiet.logLevel = .error
        let client = PostgresClient(configuration: configuration, backgroundLogger: quiet)
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { await client.run() }
                defer { group.cancelAll() }
                try await client.withTransaction(logger: logger) { connection in
                    for statement in PostgresSchema.statements {
                        try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                    }
                }
            }
        } catch let error as PSQLError {
            throw SourceError(operation: "create the schema", location: settings.location, message: PostgresSource.message(error))
        } catch let error as PostgresTransactionError {
            let underlying = (error.closureError ?? error.commitError ?? error.beginError).flatMap { $0 as? PSQLError }
            throw SourceError(operation: "create the schema", location: settings.location,
                              message: underlying.map(PostgresSource.message) ?? "the transaction failed")
        }
        #else
        throw SourceError(operation: "create the schema", location: settings.location,
                          message: "this build reads no PostgreSQL (built without the Postgres package trait)")
        #endif
    }
}

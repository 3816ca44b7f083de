import Logging
import EGovSources
import ServiceLifecycle
import Synchronization
#if Postgres
import NIOSSL
import PostgresNIO
#endif

/// The PostgreSQL connection pools of the configured sources, one per distinct `PostgresSettings`,
/// as one `Service` of the daemon's ServiceGroup: each pool (`PostgresClient`) runs inside
/// `run()`, started when a source first asks for it, so that a reload naming another server
/// (or a new password) gets a pool of its own without restarting the group. Pools close with the
/// group. Outside a ServiceGroup (`report`, `snapshot`), a command runs `run()` in a task of its own.
public final class PostgresClients: Service, Sendable {
    #if Postgres
    /// The pools by settings and password: a changed password file gets a pool of its own.
    private let clients = Mutex<[PoolKey: PostgresClient]>([:])
    private let started: AsyncStream<PostgresClient>
    private let start: AsyncStream<PostgresClient>.Continuation
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

    /// Runs every pool until graceful shutdown (or cancellation).
    public func run() async throws {
        #if Postgres
        await cancelWhenGracefulShutdown {
            await withDiscardingTaskGroup { group in
                for await client in self.started {
                    group.addTask { await client.run() }
                }
                group.cancelAll()
            }
        }
        #endif
    }

    #if Postgres
    private struct PoolKey: Hashable {
        let settings: PostgresSettings
        let password: String?
    }

    /// The pool for `settings`, created (and started) on first use. The password file is read
    /// at each call: a new password takes effect at the next read.
    func client(for settings: PostgresSettings) throws -> PostgresClient {
        let key = PoolKey(settings: settings, password: try settings.readPassword())
        return clients.withLock { clients in
            if let client = clients[key] { return client }
            let client = PostgresClient(configuration: Self.configuration(settings, password: key.password), backgroundLogger: logger)
            clients[key] = client
            start.yield(client)
            return client
        }
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
    static func configuration(_ settings: PostgresSettings, password: String?) -> PostgresClient.Configuration {
        let tls = tlsConfiguration(settings).map { PostgresClient.Configuration.TLS.require($0) } ?? .disable
        var configuration = PostgresClient.Configuration(host: settings.host, port: settings.port, username: settings.user,
                                                         password: password, database: settings.database, tls: tls)
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
            host: settings.host, port: settings.port, username: settings.user, password: try settings.readPassword(),
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
        var configuration = configuration(settings, password: try settings.readPassword())
        configuration.options.additionalStartupParameters = settings.startupParameters(readOnly: false)
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
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

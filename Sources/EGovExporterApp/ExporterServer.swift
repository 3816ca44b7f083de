import EGovKPI
import EGovPostgres
import EGovSnapshots
import EGovSources
import Foundation
import Hummingbird
import NIOCore
import Logging
import ServiceLifecycle

/// The daemon's composition root, shared by `serve` and the tests: the HTTP application, the
/// refresh service and the reload service in one ServiceGroup. SIGTERM and SIGINT shut it down
/// gracefully; SIGHUP reloads the configuration.
public enum ExporterServer {
    /// Checks the cardinality guard against the unit tree before anything starts, SQLite or
    /// PostgreSQL (within `refresh_timeout`, on pools of its own that close when it is done). A
    /// source that cannot be read yet is not an error here: the refresh service keeps trying.
    public static func checkCardinality(_ config: ExporterConfig) async throws(RefreshError) {
        let clients = PostgresClients()
        let source = SourceReader(config.sources.dossiers, systems: .oneStop, zone: config.timeZone, postgres: clients)
        let units = await withTaskGroup(of: [UnitRecord]?.self) { group in
            group.addTask { try? await clients.run(); return nil }
            defer { group.cancelAll() }
            return try? await source.unitRecords(timeout: config.refreshTimeout)
        }
        guard let units else { return }
        let tree = UnitTree(units)
        let count = config.rootUnit.map { tree.subtree(of: $0).count } ?? tree.units.count
        if count > config.maxUnits {
            throw RefreshError(
                message: "refusing to start: \(count) units to expose, more than max_units \(config.maxUnits); "
                    + "raise max_units or set root_unit to expose a smaller subtree", isCardinality: true)
        }
    }

    /// One line when the exporter listens beyond loopback without TLS or without users: anyone
    /// on the network could then read the figures, or read them in transit. Nil on loopback.
    public static func exposureWarning(listen: ListenAddress, web: WebConfig) -> String? {
        let host = listen.host.lowercased()
        let loopback = host == "localhost" || host == "::1" || host.hasPrefix("127.")
        let missing = [web.tls == nil ? "TLS" : nil, web.users.isEmpty ? "basic_auth_users" : nil].compactMap { $0 }
        guard !loopback, !missing.isEmpty else { return nil }
        return "listening on \(listen) beyond loopback without \(missing.joined(separator: " and ")): set them in a web configuration file (--web.config.file)"
    }

    /// Why the server could not start, in one plain line: "the address is already in use" for
    /// the usual case (another process listens on it), the system's message otherwise.
    public static func startFailure(_ error: any Error, listen: ListenAddress) -> String {
        if let io = error as? IOError {
            if io.errnoCode == EADDRINUSE {
                return "cannot serve on \(listen): the address is already in use (another process listens on it; choose another with --listen)"
            }
            return "cannot serve on \(listen): \(String(cString: strerror(io.errnoCode)))"
        }
        return "cannot serve on \(listen): \(error)"
    }

    /// Runs until SIGTERM or SIGINT, with `web` (loaded from `web_config_file`) in force.
    public static func run(config: ExporterConfig, web: WebConfig = .none, path: String?, overrides: ConfigOverrides,
                           version: String, logger: Logger) async throws {
        try await checkCardinality(config)
        let store = MetricsStore()
        let box = ConfigBox(config)
        let trigger = RefreshTrigger()
        // A state database that cannot be opened stops the snapshots, not the metrics: one line
        // now, `egov_snapshot_store_up 0`, and another try at each refresh.
        let snapshots = StateStore(path: config.statePath)
        if case .failure(let error) = snapshots.open() {
            logger.warning("the state database cannot be opened; serving the metrics without snapshots until it can",
                           metadata: ["error": "\(error)"])
        }
        let imports = ImportWatcher(config: box, logger: logger, trigger: trigger)
        // The PostgreSQL sources' pools run in the group, so they close with it.
        let postgres = PostgresClients(logger: logger)
        postgres.keep(only: config.sources.postgresSettings)
        let refresher = Refresher(store: store, version: version, logger: logger,
                                  snapshotter: Snapshotter(stateStore: snapshots, version: version, logger: logger, postgres: postgres),
                                  imports: imports, postgres: postgres)
        let security = WebSecurity(web)
        var app = buildApplication(listen: config.listen, store: store, stateStore: snapshots,
                                   unitLists: UnitListReader(config: box, postgres: postgres, logger: logger), limits: config.http,
                                   security: security, logger: logger)
        app.addServices(
            postgres,
            RefreshService(refresher: refresher, config: box, trigger: trigger),
            imports,
            ReloadService(path: path, overrides: overrides, config: box, trigger: trigger, web: security, postgres: postgres,
                          logger: logger))
        logger.notice("egov-exporter \(version) starting", metadata: [
            "url": "\(web.tls == nil ? "http" : "https")://\(config.listen)/metrics", "refresh_interval": "\(config.refreshInterval)s",
            "web": "\(web)",
        ])
        if let warning = exposureWarning(listen: config.listen, web: web) { logger.warning("\(warning)") }
        try await app.runService(gracefulShutdownSignals: [.sigterm, .sigint])
    }
}

import ArgumentParser
import EGovExporterApp
import Logging
#if os(Linux)
/// glibc's `mallopt` (malloc.h is not part of the Glibc module).
@_silgen_name("mallopt") private func mallopt(_ parameter: Int32, _ value: Int32) -> Int32
private let M_ARENA_MAX: Int32 = -8
#endif

/// `egov-exporter serve`: the daemon.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the indicators as Prometheus metrics, refreshed in the background.")

    @Option(help: "YAML configuration file (default: built-in defaults; see config/egov-exporter.yml).")
    var config: String?
    @Option(help: "An SQLite database holding all tables (sets both sources).")
    var db: String?
    @Option(help: "Listen address HOST:PORT (default 127.0.0.1:\(ExporterConfig.defaultPort)).")
    var listen: String?
    @Option(help: "Time between refreshes: seconds (60) or a duration (30s, 5m, 1h); default 60s.")
    var refreshInterval: String?
    @Option(help: "The exporter's own state database, where snapshots are kept (default: state_db, data/egov-exporter-state.sqlite).")
    var state: String?
    @Option(name: .customLong("web.config.file"),
            help: "exporter-toolkit web configuration: TLS, basic auth, headers, rate limit (default: web_config_file).")
    var webConfigFile: String?
    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: String = "info"

    func run() async throws {
        #if os(Linux)
        // glibc gives every thread that allocates its own malloc arena (up to 8 per core), and
        // the refresh thread and the event loops would each keep theirs warm: one arena keeps
        // the resident memory of this mostly idle daemon small (scrapes allocate next to
        // nothing, so they do not contend for it).
        _ = mallopt(M_ARENA_MAX, 1)
        #endif
        guard let level = Logger.Level(rawValue: logLevel) else {
            throw fail("unknown --log-level '\(logLevel)': expected trace, debug, info, notice, warning, error or critical")
        }
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        var interval: Int?
        if let refreshInterval {
            guard let seconds = ConfigOverrides.seconds(refreshInterval) else {
                throw fail("command line: --refresh-interval: expected a number of seconds or a duration such as 30s, 5m or 1h, got '\(refreshInterval)'")
            }
            interval = seconds
        }
        let overrides = ConfigOverrides(db: db, listen: listen, refreshInterval: interval, state: state, webConfigFile: webConfigFile)
        let loaded = try Resolve.config(path: config, overrides: overrides)
        LogTime.use(loaded.timeZone)
        let web = try Resolve.web(loaded)
        let logger = Logger(label: "egov-exporter")
        do {
            try await ExporterServer.run(config: loaded, web: web, path: config, overrides: overrides,
                                         version: BuildInfo.version, logger: logger)
        } catch let error as RefreshError {
            throw fail(error.message)
        } catch {
            // The server could not start (typically: the address is in use).
            throw fail(ExporterServer.startFailure(error, listen: loaded.listen))
        }
    }
}

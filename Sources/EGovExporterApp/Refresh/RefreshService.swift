import EGovPostgres
import Logging
import ServiceLifecycle
import Synchronization
import UnixSignals

/// The running configuration, replaced whole by a successful reload.
public final class ConfigBox: Sendable {
    private let value: Mutex<ExporterConfig>

    public init(_ config: ExporterConfig) { value = Mutex(config) }

    public var current: ExporterConfig { value.withLock { $0 } }

    func replace(with config: ExporterConfig) { value.withLock { $0 = config } }
}

/// Asks the refresh service for a refresh now (after a reload), coalescing requests.
public final class RefreshTrigger: Sendable {
    private let continuation: Mutex<AsyncStream<Void>.Continuation?> = Mutex(nil)

    public init() {}

    func attach(_ continuation: AsyncStream<Void>.Continuation?) { self.continuation.withLock { $0 = continuation } }

    /// Requests a refresh as soon as the one running (if any) ends.
    public func fire() { _ = continuation.withLock { $0?.yield() } }
}

/// Refreshes on start, then every `refresh_interval` seconds and after each reload. Refreshes
/// never overlap; ticks that arrive during a refresh are coalesced into one. On graceful
/// shutdown the refresh in progress finishes and no other starts.
public struct RefreshService: Service {
    let refresher: Refresher
    let config: ConfigBox
    let trigger: RefreshTrigger

    public init(refresher: Refresher, config: ConfigBox, trigger: RefreshTrigger) {
        self.refresher = refresher
        self.config = config
        self.trigger = trigger
    }

    public func run() async throws {
        let (stream, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        trigger.attach(continuation)
        defer { trigger.attach(nil) }
        let config = self.config
        await withGracefulShutdownHandler {
            await withTaskGroup(of: Void.self) { group in
                group.addTask {
                    while !Task.isCancelled {
                        try? await Task.sleep(for: .seconds(config.current.refreshInterval))
                        continuation.yield()
                    }
                }
                continuation.yield()
                for await _ in stream {
                    await refresher.refresh(config: config.current)
                }
                group.cancelAll()
            }
        } onGracefulShutdown: {
            continuation.finish()
        }
    }
}

/// Reloads the configuration file and the web configuration file on SIGHUP. A configuration
/// with errors (or an empty file, or a password file that cannot be read) is refused, logged,
/// and the running one keeps serving. The PostgreSQL pools the new configuration no longer
/// names are closed once their reads end.
public struct ReloadService: Service {
    let path: String?
    let overrides: ConfigOverrides
    let config: ConfigBox
    let trigger: RefreshTrigger
    let web: WebSecurity?
    let postgres: PostgresClients?
    let logger: Logger

    public init(path: String?, overrides: ConfigOverrides, config: ConfigBox, trigger: RefreshTrigger,
                web: WebSecurity? = nil, postgres: PostgresClients? = nil, logger: Logger) {
        self.path = path
        self.overrides = overrides
        self.config = config
        self.trigger = trigger
        self.web = web
        self.postgres = postgres
        self.logger = logger
    }

    public func run() async throws {
        for await _ in await UnixSignalsSequence(trapping: .sighup).cancelOnGracefulShutdown() {
            reload()
        }
    }

    /// Loads and validates both files again; swaps them in only when both are valid.
    public func reload() {
        let webFile = { (config: ExporterConfig) in self.web == nil ? nil : config.webConfigFile }
        guard path != nil || webFile(config.current) != nil else {
            logger.notice("SIGHUP: no configuration file to reload (started without --config)")
            return
        }
        let file = [path, webFile(config.current)].compactMap { $0 }.joined(separator: ", ")
        do throws(ConfigErrors) {
            let new = try path.map { path throws(ConfigErrors) in try overrides.apply(to: ConfigLoader.load(path: path, allowEmpty: false)) }
            let newWeb = try webFile(new ?? config.current).map { path throws(ConfigErrors) in
                try WebConfigLoader.load(path: path, allowEmpty: false)
            }
            if let new {
                let old = config.current
                if new.listen != old.listen {
                    logger.warning("SIGHUP: the listen address changes only on restart", metadata: ["listen": "\(old.listen)"])
                }
                if new.http != old.http {
                    logger.warning("SIGHUP: the http limits change only on restart")
                }
                config.replace(with: new)
                postgres?.keep(only: new.sources.postgresSettings)
            }
            if let web, let newWeb {
                if (web.config.tls == nil) != (newWeb.tls == nil) {
                    logger.warning("SIGHUP: TLS is turned on or off only on restart; certificates and keys are reloaded")
                }
                web.replace(with: newWeb)
            }
            logger.notice("SIGHUP: configuration reloaded", metadata: ["file": "\(file)"])
            trigger.fire()
        } catch {
            logger.error("SIGHUP: configuration refused, keeping the running one",
                         metadata: ["file": "\(file)", "errors": "\(error.lines().joined(separator: "; "))"])
        }
    }
}

/// The `serve` flags that override the file: `--db`, `--listen`, `--refresh-interval`.
/// Applied after loading, so `egov-exporter serve --db data/egov.sqlite` needs no file at all.
public struct ConfigOverrides: Sendable {
    /// `--db PATH`: both sources become this SQLite file (keeping their busy timeouts).
    public var db: String?
    /// `--listen HOST:PORT`.
    public var listen: String?
    /// `--refresh-interval SECONDS`.
    public var refreshInterval: Int?
    /// `--state PATH`: the exporter's own state database.
    public var state: String?
    /// `--web.config.file FILE`: the exporter-toolkit web configuration.
    public var webConfigFile: String?

    /// The flags as given; nil leaves the configuration's value.
    public init(db: String? = nil, listen: String? = nil, refreshInterval: Int? = nil, state: String? = nil,
                webConfigFile: String? = nil) {
        self.webConfigFile = webConfigFile
        self.db = db
        self.listen = listen
        self.refreshInterval = refreshInterval
        self.state = state
    }

    /// `--refresh-interval` as written: whole seconds (`60`) or a Prometheus duration (`5s`,
    /// `5m`, `1h`), as in the file; nil when it is neither.
    public static func seconds(_ text: String) -> Int? { DurationText.seconds(text) }

    /// The file name in errors about flags.
    public static let origin = "command line"

    /// `config` with the flags applied. The refresh timeout shrinks to a shorter
    /// `--refresh-interval`, since no flag sets the timeout. Bad flags are reported together,
    /// each naming its flag.
    public func apply(to config: ExporterConfig) throws(ConfigErrors) -> ExporterConfig {
        var config = config
        var errors: [ConfigError] = []
        if let db {
            if db.isEmpty {
                errors.append(ConfigError(file: Self.origin, key: "--db", message: "expected a path to an SQLite file"))
            } else {
                config.sources.dossiers = Self.sqlite(db, keepingTimeoutOf: config.sources.dossiers)
                config.sources.documents = Self.sqlite(db, keepingTimeoutOf: config.sources.documents)
            }
        }
        if let listen {
            switch ListenAddress.parse(listen) {
            case .success(let address): config.listen = address
            case .failure(let problem): errors.append(ConfigError(file: Self.origin, key: "--listen", message: problem.description))
            }
        }
        if let refreshInterval {
            let range = ExporterConfig.refreshIntervalRange
            if range.contains(refreshInterval) {
                config.refreshInterval = refreshInterval
                config.refreshTimeout = min(config.refreshTimeout, refreshInterval)
            } else {
                let message = "\(refreshInterval)s out of range \(range.lowerBound)s-\(range.upperBound)s"
                errors.append(ConfigError(file: Self.origin, key: "--refresh-interval", message: message))
            }
        }
        if let state {
            if state.isEmpty {
                errors.append(ConfigError(file: Self.origin, key: "--state", message: "expected a path to the exporter's state database"))
            } else {
                config.statePath = state
            }
        }
        if let webConfigFile {
            if webConfigFile.isEmpty {
                errors.append(ConfigError(file: Self.origin, key: "--web.config.file", message: "expected a path to a web configuration file"))
            } else {
                config.webConfigFile = webConfigFile
            }
        }
        if errors.isEmpty, let clash = config.stateClash {
            errors.append(ConfigError(file: Self.origin, key: state != nil ? "--state" : "--db", message: clash))
        }
        guard errors.isEmpty else { throw ConfigErrors(errors) }
        return config
    }

    /// An SQLite source at `path`, with the busy timeout `previous` had if it was SQLite too.
    private static func sqlite(_ path: String, keepingTimeoutOf previous: SourceConfig) -> SourceConfig {
        switch previous {
        case .sqlite(_, let busyTimeout): .sqlite(path: path, busyTimeout: busyTimeout)
        case .postgres: .sqlite(path: path, busyTimeout: SourceConfig.defaultBusyTimeout)
        }
    }
}

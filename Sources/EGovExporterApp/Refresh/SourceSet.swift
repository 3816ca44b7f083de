import Foundation
import EGovKPI
import EGovPostgres
import EGovSources

/// One configured source: an SQLite file, a PostgreSQL server, or a server that cannot be
/// read at all (a command without pools, a build without PostgreSQL), which fails every read
/// like a down server.
enum SourceReader: Sendable {
    case sqlite(SQLiteSource)
    case postgres(PostgresSource)
    case unusable(location: String, systems: RecordSystems, error: SourceError)

    /// The systems whose tables it holds.
    var systems: RecordSystems {
        switch self {
        case .sqlite(let source): source.systems
        case .postgres(let source): source.systems
        case .unusable(_, let systems, _): systems
        }
    }

    /// The file's path or `postgres://user@host:port/database` (never a password).
    var path: String {
        switch self {
        case .sqlite(let source): source.path
        case .postgres(let source): source.location
        case .unusable(let location, _, _): location
        }
    }

    /// The reader of `config` for the tables of `systems`; `postgres` runs the connection pools
    /// (nil: a PostgreSQL source fails as unusable).
    init(_ config: SourceConfig, systems: RecordSystems, zone: UTCOffset, postgres: PostgresClients?) {
        switch config {
        case .sqlite(let path, let busyTimeout):
            self = .sqlite(SQLiteSource(path: path, systems: systems, zone: zone, busyTimeout: Double(busyTimeout)))
        case .postgres(let server):
            let unusable = { (message: String) in
                SourceReader.unusable(location: server.location, systems: systems,
                                      error: SourceError(operation: "open", location: server.location, message: message))
            }
            if let postgres {
                self = PostgresSettings.isSupported
                    ? .postgres(PostgresSource(settings: server, systems: systems, zone: zone, clients: postgres))
                    : unusable("this build reads no PostgreSQL (built without the Postgres package trait)")
            } else {
                self = unusable("no PostgreSQL connection pool in this command")
            }
        }
    }

    /// The unit tree's records alone (a cheap read): SQLite's on the calling thread,
    /// PostgreSQL's asynchronously, bounded by `timeout` seconds.
    func unitRecords(timeout: Int?) async throws -> [UnitRecord] {
        switch self {
        case .sqlite(let source): try source.unitRecords()
        case .postgres(let source): try await source.unitRecords(timeout: timeout)
        case .unusable(_, _, let error): throw error
        }
    }

    /// A read (see `RecordSource.read`): SQLite's on the calling thread, PostgreSQL's
    /// asynchronously, bounded by `timeout` seconds.
    func read(periods: [ReportingPeriod], scope: ReadScope, countingInvalid: Bool, timeout: Int?) async throws -> SourceReading {
        switch self {
        case .sqlite(let source): try source.read(periods: periods, scope: scope, countingInvalid: countingInvalid)
        case .postgres(let source): try await source.read(periods: periods, scope: scope, countingInvalid: countingInvalid, timeout: timeout)
        case .unusable(_, _, let error): throw error
        }
    }
}

/// The configured sources, as readers. When both systems live in one database it is read once.
struct SourceSet: Sendable {
    /// A reader and the `egov_source_up` names it answers for.
    struct Reader: Sendable {
        let names: [String]
        let source: SourceReader
    }

    let readers: [Reader]

    /// The readers of `config`; `postgres` runs the connection pools (nil: PostgreSQL sources
    /// fail as unusable).
    init(_ config: SourcesConfig, zone: UTCOffset, postgres: PostgresClients? = nil) {
        func source(_ config: SourceConfig, _ systems: RecordSystems) -> SourceReader {
            SourceReader(config, systems: systems, zone: zone, postgres: postgres)
        }
        if config.dossiers == config.documents {
            readers = [Reader(names: ["dossiers", "documents"], source: source(config.dossiers, .all))]
        } else {
            readers = [Reader(names: ["dossiers"], source: source(config.dossiers, .oneStop)),
                       Reader(names: ["documents"], source: source(config.documents, .documents))]
        }
    }
}

extension SourceReading {
    /// The one-stop-shop part of `self` joined with the document part of `other` (same periods).
    func joined(documents other: SourceReading) -> SourceReading {
        let catalog = SourceCatalog(units: self.catalog.units, procedures: self.catalog.procedures,
                                    catalogueColumns: self.catalog.catalogueColumns,
                                    validity: self.catalog.validity + other.catalog.validity)
        let periods = zip(self.periods, other.periods).map { mine, theirs in
            PeriodAggregates(period: mine.period, dossiers: mine.dossiers, documents: theirs.documents,
                             staff: theirs.staff, workFiles: theirs.workFiles, onlineProcedures: mine.onlineProcedures)
        }
        return SourceReading(catalog: catalog, periods: periods, invalidCounted: invalidCounted && other.invalidCounted,
                              missingIndexes: missingIndexes + other.missingIndexes)
    }
}

extension SourceSet {
    /// What `reader` reads: `base`, except that the document system has no units table, so it
    /// is told the codes of the tree (or subtree) the first (one-stop-shop) read found.
    func scope(of reader: Reader, base: ReadScope, first: SourceReading?) -> ReadScope {
        guard !reader.source.systems.contains(.oneStop), let first else { return base }
        let tree = UnitTree(first.catalog.units)
        switch base {
        case .everything: return .tree(tree.preorder)
        case .subtree(let unit) where tree.roots.contains(unit): return .tree(tree.subtree(of: unit))
        case .subtree(let unit): return .units(tree.subtree(of: unit))
        case .units, .tree: return base
        }
    }

    /// What identifies the invalid-record count of `reader` over `scope`: the same key means
    /// the same records counted, so an earlier count can stand in for a new one.
    static func countKey(of reader: Reader, scope: ReadScope) -> String {
        let counted = switch scope {
        case .everything, .tree: "all"
        case .subtree(let unit): "subtree \(unit)"
        case .units(let codes): "units \(codes.joined(separator: ","))"
        }
        return "\(reader.names.joined(separator: ",")) \(reader.source.path) \(counted)"
    }

    /// The readers' readings, in reader order, as one.
    static func joined(_ readings: [SourceReading]) -> SourceReading {
        readings.count == 2 ? readings[0].joined(documents: readings[1]) : readings[0]
    }

    /// Reads every source for `periods`, invalid records counted, and joins the two systems'
    /// parts; `warn` receives a line for each source that lacks indexes.
    func read(periods: [ReportingPeriod], scope: ReadScope, timeout: Int? = nil,
              warn: (String) -> Void = { _ in }) async throws -> SourceReading {
        var readings: [SourceReading] = []
        for reader in readers {
            let reading = try await reader.source.read(periods: periods, scope: self.scope(of: reader, base: scope, first: readings.first),
                                                            countingInvalid: true, timeout: timeout)
            if !reading.missingIndexes.isEmpty {
                warn(CanonicalSchema.missingIndexesWarning(reading.missingIndexes, path: reader.source.path))
            }
            readings.append(reading)
        }
        return Self.joined(readings)
    }
}

extension SourceSet {
    /// `read`, blocking the calling thread until it is done: for the synchronous snapshot job,
    /// which runs on the refresh worker's own thread or on a command's main thread, never on the
    /// concurrency pool (a PostgreSQL read needs that pool while this thread waits).
    /// Returns the reading and the missing-index warnings.
    func readBlocking(periods: [ReportingPeriod], scope: ReadScope) throws -> (SourceReading, [String]) {
        let result = BlockingResult<(SourceReading, [String])>()
        let sources = self
        Task.detached {
            do {
                var warnings: [String] = []
                let reading = try await sources.read(periods: periods, scope: scope) { warnings.append($0) }
                result.set(.success((reading, warnings)))
            } catch {
                result.set(.failure(error))
            }
        }
        return try result.wait().get()
    }
}

/// A value handed from a task to a waiting thread.
private final class BlockingResult<T: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var value: Result<T, any Error>?

    func set(_ value: Result<T, any Error>) {
        condition.lock()
        self.value = value
        condition.signal()
        condition.unlock()
    }

    func wait() -> Result<T, any Error> {
        condition.lock()
        defer { condition.unlock() }
        while value == nil { condition.wait() }
        return value!
    }
}

/// The configured sources read once, for the commands (`report --config`): SQLite or PostgreSQL
/// alike.
public enum ConfiguredSources {
    /// The reading of `periods` over `scope` and the missing-index warnings; blocks the calling
    /// thread (a command's main thread). `postgres` runs the pools of PostgreSQL sources.
    public static func read(_ config: ExporterConfig, periods: [ReportingPeriod], scope: ReadScope,
                            postgres: PostgresClients?) throws -> (SourceReading, [String]) {
        try SourceSet(config.sources, zone: config.timeZone, postgres: postgres).readBlocking(periods: periods, scope: scope)
    }

    /// The unit tree of the dossier source (`units --config`); blocks like `read`. `postgres`
    /// runs the pools of a PostgreSQL source.
    public static func unitRecords(_ config: ExporterConfig, postgres: PostgresClients?) throws -> [UnitRecord] {
        let source = SourceReader(config.sources.dossiers, systems: .oneStop, zone: config.timeZone, postgres: postgres)
        let timeout = config.refreshTimeout
        let result = BlockingResult<[UnitRecord]>()
        Task.detached {
            do { result.set(.success(try await source.unitRecords(timeout: timeout))) } catch { result.set(.failure(error)) }
        }
        return try result.wait().get()
    }

    /// The statements a read of every configured source runs (`egov-exporter sql --config`), in
    /// order, each source's after the other's; nil when `unit` is not in the tree. Blocks like
    /// `read`.
    public static func statements(_ config: ExporterConfig, periods: [ReportingPeriod], unit: String?, countingInvalid: Bool,
                                  postgres: PostgresClients?) throws -> [String]? {
        let readers = SourceSet(config.sources, zone: config.timeZone, postgres: postgres).readers
        let result = BlockingResult<[String]?>()
        Task.detached {
            do {
                var all: [String] = []
                for reader in readers {
                    let statements: [String]?
                    switch reader.source {
                    case .sqlite(let source): statements = try source.statements(for: periods, unit: unit, countingInvalid: countingInvalid)
                    case .postgres(let source):
                        statements = try await source.statements(for: periods, unit: unit, countingInvalid: countingInvalid)
                    case .unusable(_, _, let error): throw error
                    }
                    guard let statements else { return result.set(.success(nil)) }
                    all += statements
                }
                result.set(.success(all))
            } catch {
                result.set(.failure(error))
            }
        }
        return try result.wait().get()
    }
}

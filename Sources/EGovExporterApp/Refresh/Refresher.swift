import EGovExposition
import EGovKPI
import EGovPostgres
import EGovSources
import Foundation
import Hummingbird
import Logging
import Synchronization

/// Why a refresh could not produce new figures.
public struct RefreshError: Error, CustomStringConvertible, Equatable {
    public let message: String
    /// True when the configured cardinality guard refused the unit tree: `serve` refuses to
    /// start on it rather than flood Prometheus.
    public let isCardinality: Bool

    public var description: String { message }
}

/// Computes every unit's figures from the sources and publishes the rendered exposition. One
/// failing source never fails the scrape: it shows as `egov_source_up 0` and the last good
/// figures stay. State changes are logged once, not once per refresh.
public final class Refresher: Sendable {
    struct State {
        var sourceUp: [String: Bool] = [:]
        var lastResult: RefreshResult?
        var lastSuccess: Double?
        var failures = 0
        var lastDuration = 0.0
        var lastError: String?
        /// Declared units missing from the tree, last warned about.
        var unknownDeclared: Set<String> = []
        /// The snapshots' state after the last successful refresh.
        var lastSnapshots: SnapshotStatus?
        /// The last invalid-record count of each reader, by `SourceSet.countKey`.
        var invalidCounts: [String: InvalidRecordCount] = [:]
        /// Per source file, the indexes it was last found to lack (warned about once).
        var missingIndexes: [String: [String]] = [:]
        /// Per source file whose last invalid-record count failed, why.
        var countErrors: [String: String] = [:]
    }

    /// A whole-history count of invalid records, kept until the next one is due.
    struct InvalidRecordCount {
        let validity: [ValidityCount]
        /// Unix time of the count.
        let at: Double
    }

    let store: MetricsStore
    let logger: Logger
    let version: String
    /// Everything a refresh remembers for the next one (read and written under its lock; the
    /// log notices of RefreshNotices.swift use it too).
    let state = Mutex(State())
    /// Reads run here, one at a time, off the concurrency pool (SQLite calls block) and below
    /// the priority of the threads that serve scrapes.
    private let worker = BackgroundWorker(name: "egov-refresh", niceness: 10)

    /// Takes the quarterly snapshots when a period closes; nil keeps none.
    let snapshotter: Snapshotter?

    /// The drop folder's watcher, whose counts the exposition carries; nil watches none.
    let imports: ImportWatcher?

    /// The connection pools of PostgreSQL sources (a Service of the same group); nil reads
    /// SQLite only.
    let postgres: PostgresClients?

    public init(store: MetricsStore, version: String, logger: Logger, snapshotter: Snapshotter? = nil,
                imports: ImportWatcher? = nil, postgres: PostgresClients? = nil) {
        self.postgres = postgres
        self.store = store
        self.version = version
        self.logger = logger
        self.snapshotter = snapshotter
        self.imports = imports
    }

    /// Reads the sources, computes and publishes. Returns the error when no new figures came out.
    @discardableResult
    public func refresh(config: ExporterConfig, now: Double = Date().timeIntervalSince1970) async -> RefreshError? {
        let started = ContinuousClock.now
        let today = config.timeZone.localDate(epochSeconds: Int64(now.rounded(.down)))
        let calendar = ReportingCalendar(profile: config.periodProfile, zone: config.timeZone)
        let periods = config.periods.map { $0.period(calendar: calendar, today: today) }
        let sources = SourceSet(config.sources, zone: config.timeZone, postgres: postgres)
        var outcome: Result<RefreshResult, RefreshError>
        var up: [String: Bool] = [:]
        var readings: [SourceReading] = []
        var failure: RefreshError?
        let base: ReadScope = config.rootUnit.map { .subtree(of: $0) } ?? .everything
        var invalidCounts: [String: InvalidRecordCount] = [:]
        var countedAt: [String: Double] = [:]
        var invalidComplete = true
        for reader in sources.readers {
            let scope = sources.scope(of: reader, base: base, first: readings.first)
            let key = SourceSet.countKey(of: reader, scope: scope)
            do {
                let (reading, count) = try await readFigures(reader, scope: scope, periods: periods, key: key, config: config, now: now)
                readings.append(reading)
                invalidCounts[key] = count
                invalidComplete = invalidComplete && count != nil
                for name in reader.names {
                    up[name] = true
                    countedAt[name] = count?.at
                }
                noteSource(reader, up: true, error: nil)
                noteIndexes(reader, missing: reading.missingIndexes)
            } catch {
                // Shutting down is not a source failure: leave the state and the figures as they are.
                if error is CancellationError || Task.isCancelled {
                    return RefreshError(message: "refresh cancelled", isCardinality: false)
                }
                invalidCounts[key] = state.withLock { $0.invalidCounts[key] }
                for name in reader.names {
                    up[name] = false
                    countedAt[name] = invalidCounts[key]?.at
                }
                noteSource(reader, up: false, error: "\(error)")
                failure = failure ?? RefreshError(message: "\(error)", isCardinality: false)
            }
        }
        if let failure {
            outcome = .failure(failure)
        } else {
            outcome = Self.result(SourceSet.joined(readings), config: config, kinds: config.periods, today: today)
        }
        let duration = (ContinuousClock.now - started) / .seconds(1)
        // Snapshots after the figures: the refresh duration is the figures' alone. A snapshot is
        // frozen for good, so it waits for the invalid records to be counted (its data-quality
        // notes).
        var snapshotStatus: SnapshotStatus?
        if let snapshotter, case .success(let result) = outcome, invalidComplete {
            let tree = result.tree
            let reports = result.periods.map(\.report)
            let instant = Int64(now.rounded(.down))
            snapshotStatus = try? await worker.run { snapshotter.run(config: config, tree: tree, computed: reports, now: instant) }
        }
        let selfMetrics: SelfMetrics = state.withLock { state in
            state.sourceUp = up
            state.lastDuration = duration
            state.invalidCounts = invalidCounts
            switch outcome {
            case .success(let result):
                state.lastResult = result
                state.lastSuccess = now
                state.lastError = nil
                let unknown = Set(config.declared.map(\.unit)).filter { result.tree[$0] == nil }
                if unknown != state.unknownDeclared, !unknown.isEmpty {
                    logger.warning("declared rows name units that are not in the unit tree; they are ignored",
                                   metadata: ["units": "\(unknown.sorted().joined(separator: ","))"])
                }
                state.unknownDeclared = unknown
            case .failure(let error):
                state.failures += 1
                if state.lastError != error.message, failure == nil {
                    // Source errors are logged per source; log the others once per change.
                    logger.error("refresh failed", metadata: ["error": "\(error.message)"])
                }
                state.lastError = error.message
            }
            if let snapshotStatus { state.lastSnapshots = snapshotStatus }
            var metrics = SelfMetrics(version: version, sourceUp: up, refreshDurationSeconds: duration,
                                      lastSuccessTimestamp: state.lastSuccess, refreshFailures: state.failures,
                                      refreshIntervalSeconds: config.refreshInterval, invalidRecordsCountedAt: countedAt,
                                      snapshots: state.lastSnapshots)
            metrics.imports = config.importing.watchDir == nil ? nil : imports?.current
            return metrics
        }
        let result = state.withLock { $0.lastResult }
        publish(result: result, selfMetrics: selfMetrics, config: config, now: now)
        if case .failure(let error) = outcome { return error }
        return nil
    }

    /// Builds the immutable result of one refresh, cut to the configured root unit.
    static func result(_ reading: SourceReading, config: ExporterConfig, kinds: [ExposedPeriodKind],
                       today: LocalDate) -> Result<RefreshResult, RefreshError> {
        let reports = reading.reports()
        let fullTree = UnitTree(reading.catalog.units)
        var tree = fullTree
        if let root = config.rootUnit {
            guard fullTree[root] != nil else {
                return .failure(RefreshError(message: "root unit '\(root)' is not in the units table", isCardinality: false))
            }
            let records = fullTree.subtree(of: root).compactMap { fullTree[$0] }.map { unit in
                unit.code == root ? UnitRecord(code: unit.code, name: unit.name, level: unit.level, parentCode: nil,
                                               oneStopConnectedOn: unit.oneStopConnectedOn,
                                               docAxisConnectedOn: unit.docAxisConnectedOn) : unit
            }
            tree = UnitTree(records)
        }
        guard tree.units.count <= config.maxUnits else {
            return .failure(RefreshError(
                message: "the unit tree has \(tree.units.count) units, more than max_units \(config.maxUnits): "
                    + "raise max_units or set root_unit to expose a smaller subtree", isCardinality: true))
        }
        let invalid = tree.roots.reduce(InvalidFigures.zero) { $0 + (reports.first?[$1]?.invalid ?? .zero) }
        return .success(RefreshResult(
            periods: zip(kinds, reports).map { ExposedPeriod(label: $0.rawValue, report: $1) },
            tree: tree, declared: DeclaredStatus.resolve(config.declared, tree: tree, on: today), invalid: invalid, today: today))
    }

    private func publish(result: RefreshResult?, selfMetrics: SelfMetrics, config: ExporterConfig, now: Double) {
        let pages = PageModel(result: result, selfMetrics: selfMetrics, zone: config.timeZone, targets: config.targets)
        let page = LandingPage.render(pages)
        // Both formats are rendered in one pass, family by family, straight into gzip: the peak
        // holds one family's samples and 64 kB of text per format, never a whole body.
        let bodies = Exposition.renderGzip(EGovMetrics.lazyFamilies(result: result, selfMetrics: selfMetrics),
                                           formats: [.prometheusText, .openMetrics])
        store.publish(PublishedMetrics(textGzip: ByteBuffer(bytes: bodies[0]), openMetricsGzip: ByteBuffer(bytes: bodies[1]),
                                       landingPage: ByteBuffer(string: page), pages: pages, ready: selfMetrics.lastSuccessTimestamp != nil))
        MemoryTrim.now()
    }

    /// One reader's figures, bounded by the periods, completed with the invalid records of the
    /// whole history: counted anew when the last count of `key` is `invalid_records_interval`
    /// old (or there is none), in a read of its own with its own timeout, so that a count that
    /// fails or runs long never costs the figures; otherwise the last count. Nil count: none
    /// has succeeded yet.
    private func readFigures(_ reader: SourceSet.Reader, scope: ReadScope, periods: [ReportingPeriod], key: String,
                             config: ExporterConfig, now: Double) async throws -> (SourceReading, InvalidRecordCount?) {
        let reading = try await read(reader.source, periods: periods, scope: scope, countingInvalid: false,
                                      timeout: config.refreshTimeout)
        var count = state.withLock { $0.invalidCounts[key] }
        if count.map({ now - $0.at >= Double(config.invalidRecordsInterval) }) ?? true {
            do {
                let counted = try await read(reader.source, periods: [], scope: scope, countingInvalid: true,
                                             timeout: config.invalidRecordsTimeout)
                count = InvalidRecordCount(validity: counted.recordValidity, at: now)
                noteCount(reader, error: nil)
            } catch {
                if error is CancellationError || Task.isCancelled { throw error }
                noteCount(reader, error: "\(error)")
            }
        }
        return (count.map { reading.withRecordValidity($0.validity) } ?? reading, count)
    }

    /// Reads one source within `timeout` seconds: an SQLite file on the worker thread, a
    /// PostgreSQL server asynchronously (its read is bounded in the same way, and the server's
    /// statement timeout stops a statement that runs on).
    private func read(_ source: SourceReader, periods: [ReportingPeriod], scope: ReadScope,
                      countingInvalid: Bool, timeout: Int) async throws -> SourceReading {
        switch source {
        case .sqlite(let file):
            return try await read(file, periods: periods, scope: scope, countingInvalid: countingInvalid, timeout: timeout)
        case .postgres, .unusable:
            return try await source.read(periods: periods, scope: scope, countingInvalid: countingInvalid, timeout: timeout)
        }
    }

    /// Runs the blocking read off the concurrency pool; past `timeout` seconds it interrupts
    /// the statement in progress and fails.
    private func read(_ source: SQLiteSource, periods: [ReportingPeriod], scope: ReadScope,
                      countingInvalid: Bool, timeout: Int) async throws -> SourceReading {
        let worker = self.worker
        return try await withThrowingTaskGroup(of: SourceReading?.self) { group in
            group.addTask {
                try await worker.run {
                    defer { MemoryTrim.now() }
                    return try source.read(periods: periods, scope: scope, countingInvalid: countingInvalid)
                }
            }
            group.addTask {
                try await Task.sleep(for: .seconds(timeout))
                return nil
            }
            if let first = try await group.next(), let reading = first {
                group.cancelAll()
                return reading
            }
            // Timed out. An interrupt only stops the statement running at that instant, so keep
            // interrupting until the read gives up.
            group.addTask {
                while !Task.isCancelled {
                    source.interrupter.interrupt()
                    try? await Task.sleep(for: .milliseconds(50))
                }
                return nil
            }
            _ = try? await group.next()
            group.cancelAll()
            throw ReadTimeout(operation: "read records", location: source.path, seconds: timeout)
        }
    }
}

import EGovKPI
import EGovPostgres
import EGovSources
import Logging
import Synchronization

/// Reads a unit page's dossier lists from the dossiers' source, on request: read-only, never on
/// the event loops (an SQLite file on a thread of its own below the priority of the threads that
/// serve scrapes, a PostgreSQL server asynchronously through its pool), one read at a time with
/// at most `maxWaiting` more queued (beyond, the page says to try again), and stopped after the
/// configuration's `refresh_timeout`. /metrics is served from memory and never waits for it.
public final class UnitListReader: Sendable {
    /// Rows per page of a list.
    public static let pageSize = 50

    /// Why a list could not be read.
    enum Failure: Error, Equatable {
        /// Too many unit pages are being read: try again in a moment.
        case busy
        case timedOut(seconds: Int)
        /// The source failed; the reason is logged, not shown.
        case failed(String)
    }

    private let config: ConfigBox
    /// Runs the pools of a PostgreSQL dossier source (nil: such a source cannot be listed).
    private let postgres: PostgresClients?
    private let worker = BackgroundWorker(name: "egov-unit-pages", niceness: 10)
    private let pending = Mutex(0)
    private let maxWaiting: Int
    private let logger: Logger

    /// Reads from the sources of `config`'s current configuration, a PostgreSQL one through the
    /// pools of `postgres`; failures and time-outs go to `logger` (the pages only say that the
    /// read failed).
    public init(config: ConfigBox, postgres: PostgresClients? = nil, maxWaiting: Int = 4,
                logger: Logger = Logger(label: "egov-exporter")) {
        self.config = config
        self.postgres = postgres
        self.maxWaiting = maxWaiting
        self.logger = logger
    }

    /// Page `page` of the `kind` list of `codes` (a unit's subtree) in `period`, given to
    /// `render`, which also runs on the reader's thread: a unit page's whole cost stays below
    /// the priority of the scrapes. When too many pages are being read, `render` gets `.busy`
    /// at once.
    func answer(_ kind: DossierListKind, period: ReportingPeriod, codes: [String], page: Int,
                render: @escaping @Sendable (Result<DossierListPage, Failure>) -> String) async -> String {
        let admitted = pending.withLock { count -> Bool in
            guard count <= maxWaiting else { return false }
            count += 1
            return true
        }
        guard admitted else { return render(.failure(.busy)) }
        defer { pending.withLock { $0 -= 1 } }
        let list = await self.list(kind, period: period, codes: codes, page: page)
        switch list {
        case .failure(.failed(let reason)):
            logger.error("unit page: the dossier list cannot be read", metadata: ["error": "\(reason)", "list": "\(kind.rawValue)"])
        case .failure(.timedOut(let seconds)):
            logger.warning("unit page: the dossier list read was interrupted after refresh_timeout",
                           metadata: ["timeout": "\(seconds)s", "units": "\(codes.count)"])
        default: break
        }
        return (try? await worker.run { render(list) }) ?? render(list)
    }

    /// Page `page` of the `kind` list of `codes` in `period`, from the current dossier source,
    /// stopped after `refresh_timeout`.
    private func list(_ kind: DossierListKind, period: ReportingPeriod, codes: [String], page: Int) async -> Result<DossierListPage, Failure> {
        let current = config.current
        let timeout = current.refreshTimeout
        switch SourceReader(current.sources.dossiers, systems: .oneStop, zone: current.timeZone, postgres: postgres) {
        case .sqlite(let source):
            return await list(source, kind, period: period, codes: codes, page: page, timeout: timeout)
        case .postgres(let source):
            do {
                return .success(try await source.dossierList(kind, period: period, codes: codes, page: page, pageSize: Self.pageSize,
                                                             timeout: timeout))
            } catch let error as ReadTimeout {
                return .failure(.timedOut(seconds: error.seconds))
            } catch {
                return .failure(.failed("\(error)"))
            }
        case .unusable(_, _, let error):
            return .failure(.failed("\(error)"))
        }
    }

    /// The list read from an SQLite file on the reader's thread, interrupted after `timeout`
    /// seconds.
    private func list(_ source: SQLiteSource, _ kind: DossierListKind, period: ReportingPeriod, codes: [String], page: Int,
                      timeout: Int) async -> Result<DossierListPage, Failure> {
        let worker = self.worker
        return await withTaskGroup(of: Result<DossierListPage, Failure>?.self) { group in
            group.addTask {
                do {
                    return .success(try await worker.run {
                        try source.dossierList(kind, period: period, codes: codes, page: page, pageSize: Self.pageSize)
                    })
                } catch {
                    return .failure(.failed("\(error)"))
                }
            }
            group.addTask {
                try? await Task.sleep(for: .seconds(timeout))
                return Task.isCancelled ? nil : .failure(.timedOut(seconds: timeout))
            }
            while let next = await group.next() {
                guard let outcome = next else { continue }
                if case .failure(.timedOut) = outcome {
                    // An interrupt stops the statement running at that instant: keep
                    // interrupting until the read gives up, so the worker is free again.
                    group.addTask {
                        while !Task.isCancelled {
                            source.interrupter.interrupt()
                            try? await Task.sleep(for: .milliseconds(50))
                        }
                        return nil
                    }
                    _ = await group.next()
                }
                group.cancelAll()
                return outcome
            }
            return .failure(.failed("no result"))
        }
    }
}

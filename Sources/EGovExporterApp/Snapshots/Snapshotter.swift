import EGovExposition
import EGovKPI
import EGovPostgres
import EGovSnapshots
import Logging
import Synchronization

/// The daemon's automatic snapshots. After each successful refresh it looks for the units at
/// the configured levels that have no snapshot of the last closed period of each configured kind
/// (closed for `delay_days` already), and takes theirs: exactly once per period and unit, since
/// the state database says which exist and survives restarts. A failure is logged once per
/// change and retried at the next refresh; the units stay in `egov_snapshot_missing_since_...`
/// and `egov_snapshot_store_up` is 0. A state database that cannot even be opened is the same
/// kind of failure: the metrics are served all the same.
public final class Snapshotter: Sendable {
    let stateStore: StateStore
    let logger: Logger
    let version: String
    private struct State {
        var taken = 0
        var lastError: String?
    }
    private let state = Mutex(State())

    /// A snapshotter over a store already open.
    public convenience init(store: SnapshotStore, version: String, logger: Logger) {
        self.init(stateStore: StateStore(store), version: version, logger: logger)
    }

    /// A snapshotter over `stateStore`, opened (again) at each refresh until it opens;
    /// `postgres` runs the pools of PostgreSQL sources.
    public init(stateStore: StateStore, version: String, logger: Logger, postgres: PostgresClients? = nil) {
        self.stateStore = stateStore
        self.version = version
        self.logger = logger
        self.postgres = postgres
    }

    /// The PostgreSQL pools a snapshot of a period not computed by the refresh reads through.
    let postgres: PostgresClients?

    /// The closed periods due a snapshot on `today`, one per configured kind.
    public static func duePeriods(_ config: ExporterConfig, today: LocalDate) -> [ReportingPeriod] {
        let calendar = ReportingCalendar(profile: config.periodProfile, zone: config.timeZone)
        var periods: [ReportingPeriod] = []
        for kind in config.snapshots.periods {
            let period = kind.lastClosed(before: today.adding(days: -config.snapshots.delayDays), calendar: calendar)
            if !periods.contains(period) { periods.append(period) }
        }
        return periods
    }

    /// Takes the due snapshots (blocking: run it off the concurrency pool) and reports the state.
    /// `computed` are the refresh's reports: a due period among them is not read again.
    func run(config: ExporterConfig, tree: UnitTree, computed: [PeriodReport], now: Int64) -> SnapshotStatus {
        let today = config.timeZone.localDate(epochSeconds: now)
        var missing: [MissingSnapshot] = []
        var problem: String?
        let opened = stateStore.open()
        if case .failure(let error) = opened {
            problem = "the state database cannot be opened: \(error)"
        }
        if config.snapshots.enabled, case .success(let store) = opened {
            let levels = Set(config.snapshots.levels)
            let units = tree.preorder.filter { levels.contains(tree[$0]!.level) }
            for period in Self.duePeriods(config, today: today) {
                let dueSince = Double(config.timeZone.startOfDay(period.lastDay.adding(days: 1 + config.snapshots.delayDays)))
                do {
                    var absent = try absentUnits(units, period: period, store: store)
                    if !absent.isEmpty {
                        // Counted as each one is stored: when a later save fails, the ones
                        // already stored still count.
                        var count = 0
                        defer { logger.notice("snapshots taken", metadata: ["period": "\(period.id)", "units": "\(count)"]) }
                        _ = try SnapshotJob.take(config: config, store: store, period: period, selection: .units(absent),
                                                 now: now, takenBy: "daemon", version: version,
                                                 computed: computed.first { $0.period == period }, postgres: postgres, each: { outcome in
                            guard case .taken = outcome else { return }
                            count += 1
                            self.state.withLock { $0.taken += 1 }
                        })
                        absent = try absentUnits(units, period: period, store: store)
                    }
                    missing += absent.map { MissingSnapshot(unit: $0, level: tree[$0]!.level, period: period.id, dueSince: dueSince) }
                } catch {
                    problem = problem ?? "\(period.id): \(error)"
                    let absent = (try? absentUnits(units, period: period, store: store)) ?? units
                    missing += absent.map { MissingSnapshot(unit: $0, level: tree[$0]!.level, period: period.id, dueSince: dueSince) }
                }
            }
        } else if config.snapshots.enabled {
            // No state database: every due unit is missing.
            let levels = Set(config.snapshots.levels)
            let units = tree.preorder.filter { levels.contains(tree[$0]!.level) }
            for period in Self.duePeriods(config, today: today) {
                let dueSince = Double(config.timeZone.startOfDay(period.lastDay.adding(days: 1 + config.snapshots.delayDays)))
                missing += units.map { MissingSnapshot(unit: $0, level: tree[$0]!.level, period: period.id, dueSince: dueSince) }
            }
        }
        let last = try? opened.get().lastTakenEpoch()
        let taken: Int = state.withLock { state in
            if state.lastError != problem {
                if let problem {
                    logger.error("cannot take the due snapshots; retrying at the next refresh", metadata: ["error": "\(problem)"])
                } else if state.lastError != nil {
                    logger.notice("snapshots are being taken again")
                }
                state.lastError = problem
            }
            return state.taken
        }
        return SnapshotStatus(lastSuccessTimestamp: (last ?? nil).map(Double.init), taken: taken, missing: missing,
                              storeUp: problem == nil)
    }

    /// `units` without a snapshot of `period`, in the given order.
    private func absentUnits(_ units: [String], period: ReportingPeriod, store: SnapshotStore) throws -> [String] {
        let present = try store.units(withSnapshotOf: period.id)
        return units.filter { !present.contains($0) }
    }
}

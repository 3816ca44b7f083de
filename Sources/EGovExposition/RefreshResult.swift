import EGovKPI

/// A period the exporter exposes: its `period` label value (`current_quarter`...) and every
/// unit's report for it.
public struct ExposedPeriod: Sendable {
    /// The `period` label value: `current_quarter`, `previous_quarter`, `current_year`, `last_30_days`.
    public let label: String
    /// Every unit's figures for the period.
    public let report: PeriodReport

    public init(label: String, report: PeriodReport) {
        self.label = label
        self.report = report
    }
}

/// The immutable result of one successful computation of every unit's figures. The exposition is
/// rendered from it whole, so series of a vanished unit disappear and scrapes never race.
public struct RefreshResult: Sendable {
    /// The exposed periods, in configuration order.
    public let periods: [ExposedPeriod]
    /// The unit tree (already cut to the configured root unit, if any).
    public let tree: UnitTree
    /// Rows 7.1-7.4 in force for each unit (own declaration or nearest ancestor's), by unit code.
    public let declared: [String: [String: DeclaredValue]]
    /// Invalid records of the whole source, by kind and reason.
    public let invalid: InvalidFigures
    /// The day member-unit connections are counted at (today).
    public let today: LocalDate

    public init(periods: [ExposedPeriod], tree: UnitTree, declared: [String: [String: DeclaredValue]],
                invalid: InvalidFigures, today: LocalDate) {
        self.periods = periods
        self.tree = tree
        self.declared = declared
        self.invalid = invalid
        self.today = today
    }
}

/// The exporter's own state, exposed beside the figures.
public struct SelfMetrics: Sendable, Equatable {
    /// The build's version (`egov_exporter_build_info{version}`).
    public let version: String
    /// Whether the last read of each source (`dossiers`, `documents`) succeeded.
    public let sourceUp: [String: Bool]
    /// Seconds the last refresh took (reading and computing).
    public let refreshDurationSeconds: Double
    /// Unix time of the last successful refresh; nil before the first.
    public let lastSuccessTimestamp: Double?
    /// Refreshes that failed since start (a counter).
    public let refreshFailures: Int
    /// The configured refresh interval (`egov_refresh_interval_seconds`, quoted in HELP texts).
    public let refreshIntervalSeconds: Int
    /// Per source (`dossiers`, `documents`): Unix time of the whole-history count of invalid
    /// records behind `egov_invalid_records`; absent before the first count.
    public let invalidRecordsCountedAt: [String: Double]
    /// The snapshot store's state; nil when the daemon keeps no snapshots (the `metrics` command).
    public var snapshots: SnapshotStatus?
    /// The drop folder's imports; nil when the daemon watches none.
    public var imports: ImportStatus?

    public init(version: String, sourceUp: [String: Bool], refreshDurationSeconds: Double,
                lastSuccessTimestamp: Double?, refreshFailures: Int, refreshIntervalSeconds: Int,
                invalidRecordsCountedAt: [String: Double] = [:], snapshots: SnapshotStatus? = nil) {
        self.invalidRecordsCountedAt = invalidRecordsCountedAt
        self.snapshots = snapshots
        self.version = version
        self.sourceUp = sourceUp
        self.refreshDurationSeconds = refreshDurationSeconds
        self.lastSuccessTimestamp = lastSuccessTimestamp
        self.refreshFailures = refreshFailures
        self.refreshIntervalSeconds = refreshIntervalSeconds
    }
}

/// The quarterly snapshots as the daemon sees them.
public struct SnapshotStatus: Sendable, Equatable {
    /// Unix time of the latest snapshot stored (by anyone); nil when none is.
    public let lastSuccessTimestamp: Double?
    /// Snapshots this process has taken (a counter).
    public let taken: Int
    /// The units at the configured levels still without a snapshot of a closed period.
    public let missing: [MissingSnapshot]
    /// Whether the state database could be opened, read and written at the last refresh.
    public let storeUp: Bool

    public init(lastSuccessTimestamp: Double?, taken: Int, missing: [MissingSnapshot], storeUp: Bool = true) {
        self.lastSuccessTimestamp = lastSuccessTimestamp
        self.taken = taken
        self.missing = missing
        self.storeUp = storeUp
    }
}

/// A unit whose snapshot of a closed period is due and not yet stored.
public struct MissingSnapshot: Sendable, Equatable {
    public let unit: String
    public let level: String
    /// The period id (`2024-Q3`).
    public let period: String
    /// Unix time since which the snapshot is due: 00:00 local of the day after the period's last
    /// day, plus the configured delay.
    public let dueSince: Double

    public init(unit: String, level: String, period: String, dueSince: Double) {
        self.unit = unit
        self.level = level
        self.period = period
        self.dueSince = dueSince
    }
}

/// What the daemon imported from its drop folder since it started.
public struct ImportStatus: Sendable, Equatable {
    /// Records by format (`dvcqg`) and outcome (`inserted`, `updated`, `unchanged`, `rejected`).
    public var records: [String: [String: Int]] = [:]
    /// Files that could not be imported (moved to `failed/`).
    public var failedFiles = 0
    /// Unix time of the last file imported; nil before the first.
    public var lastSuccess: Double?

    public init() {}
}

import EGovKPI
import EGovPostgres
import EGovReports
import EGovSnapshots
import EGovSources

/// Which units a snapshot run covers.
public enum SnapshotSelection: Sendable, Equatable {
    /// One unit (its whole subtree's figures).
    case unit(String)
    /// Every unit of the tree (under `root_unit` when set), or only those at `levels`.
    case all(levels: [String]?)
    /// These units (the daemon: those still without a snapshot); unknown codes are skipped.
    case units([String])
}

/// A snapshot run that could not start or stopped, in one line.
public struct SnapshotJobError: Error, CustomStringConvertible, Equatable {
    public let description: String

    public init(_ description: String) { self.description = description }
}

/// Taking snapshots: reads the sources for one closed period, computes every selected unit's
/// appendix and stores each unit's snapshot in its own transaction (so a run killed half-way
/// leaves whole snapshots and absent ones, never a partial one). Shared by `snapshot take` and
/// the daemon.
public enum SnapshotJob {
    /// Takes the snapshots of `selection` for `period`, calling `each` after every unit is
    /// committed; `warn` receives a line for each source that lacks indexes. The period must be closed on the day of `now`. With `computed`, a report of
    /// that very period already computed (the daemon's refresh exposes the previous quarter),
    /// the sources are not read again.
    public static func take(config: ExporterConfig, store: SnapshotStore, period: ReportingPeriod,
                            selection: SnapshotSelection, now: Int64, takenBy: String, version: String,
                            computed: PeriodReport? = nil, postgres: PostgresClients? = nil, warn: (String) -> Void = { _ in },
                            each: (SaveOutcome) -> Void = { _ in }) throws(SnapshotJobError) -> [SaveOutcome] {
        let today = config.timeZone.localDate(epochSeconds: now)
        guard period.lastDay < today else {
            throw SnapshotJobError("period \(period.id) is still open (it ends on \(period.lastDay)): "
                + "a snapshot freezes a closed period, from \(period.lastDay.adding(days: 1)) on")
        }
        let scope: ReadScope
        switch selection {
        case .unit(let code): scope = .subtree(of: code)
        case .all, .units: scope = config.rootUnit.map { .subtree(of: $0) } ?? .everything
        }
        let report: PeriodReport
        if let computed, computed.period == period {
            report = computed
        } else {
            do {
                let (snapshot, warnings) = try SourceSet(config.sources, zone: config.timeZone, postgres: postgres)
                    .readBlocking(periods: [period], scope: scope)
                warnings.forEach(warn)
                report = snapshot.reports()[0]
            } catch {
                throw SnapshotJobError("\(error)")
            }
        }
        let units: [String]
        switch selection {
        case .unit(let code):
            guard report[code] != nil else {
                throw SnapshotJobError(report.tree.unknownUnitMessage(code, in: config.sources.dossiers.location))
            }
            units = [code]
        case .all(let levels):
            var codes = report.tree.preorder
            if let root = config.rootUnit {
                guard report.tree[root] != nil else { throw SnapshotJobError("root unit '\(root)' is not in the units table") }
                let subtree = Set(report.tree.subtree(of: root))
                codes = codes.filter(subtree.contains)
            }
            if let levels { codes = codes.filter { levels.contains(report.tree[$0]!.level) } }
            units = codes
        case .units(let codes):
            units = codes.filter { report[$0] != nil }
        }
        let declared = DeclaredStatus.resolve(config.declared, tree: report.tree, on: period.lastDay)
        var outcomes: [SaveOutcome] = []
        for code in units {
            let document = SnapshotDocument(report: report[code]!, profile: config.periodProfile.name, declared: declared[code] ?? [:])
            do {
                let outcome = try store.save(document, takenAt: now, zone: config.timeZone, takenBy: takenBy, exporterVersion: version)
                outcomes.append(outcome)
                each(outcome)
            } catch {
                throw SnapshotJobError(error.description)
            }
        }
        return outcomes
    }
}

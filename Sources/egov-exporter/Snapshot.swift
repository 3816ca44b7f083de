import ArgumentParser
import EGovExporterApp
import EGovKPI
import EGovReports
import EGovSnapshots
import Foundation

/// `egov-exporter snapshot`: freeze a closed period's appendix per unit, list and export them.
struct SnapshotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot",
        abstract: "Freeze the CCHC appendix (sections 3 and 7) of closed periods, list and export them.",
        subcommands: [Take.self, List.self, Export.self])

    /// The options every subcommand shares, as `serve` has them.
    struct Common: ParsableArguments {
        @Option(help: "YAML configuration file (default: built-in defaults; see config/egov-exporter.yml).")
        var config: String?
        @Option(help: "An SQLite database holding all source tables (sets both sources).")
        var db: String?
        @Option(help: "The exporter's own state database (default: state_db, data/egov-exporter-state.sqlite).")
        var state: String?

        func load() throws -> ExporterConfig {
            try Resolve.config(path: config, overrides: ConfigOverrides(db: db, state: state))
        }

        /// The store; only `take` creates it.
        func store(_ config: ExporterConfig, create: Bool) throws -> SnapshotStore {
            let pause = ProcessInfo.processInfo.environment["EGOV_SNAPSHOT_TEST_PAUSE_MS"].flatMap(Double.init) ?? 0
            do { return try SnapshotStore(path: config.statePath, create: create, pauseInsideTransaction: pause / 1000) } catch {
                throw fail(error.description)
            }
        }

        /// The period `id` of the configured profile, whole (never cut at today).
        func period(_ id: String, _ config: ExporterConfig) throws -> ReportingPeriod {
            do { return try ReportingCalendar(profile: config.periodProfile, zone: config.timeZone).period(id: id) } catch {
                throw fail(error.description)
            }
        }
    }

    struct Take: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Take the snapshot of one unit, or of every unit, for a closed period.")

        @OptionGroup var common: Common
        @Option(help: "Period id of a closed period: YYYY-Q1..Q4, YYYY-H1, YYYY-9M or YYYY-Y.")
        var period: String
        @Option(help: "The unit code, e.g. 05587.")
        var unit: String?
        @Flag(help: "Every unit of the tree (under root_unit when configured).")
        var all = false
        @Option(help: "With --all: only units at this level (repeatable), e.g. commune.")
        var level: [String] = []
        @Option(help: "The instant the snapshot is taken at (ISO 8601; default: now).")
        var asOf: String?

        func validate() throws {
            guard (unit != nil) != all else { throw ValidationError("give either --unit CODE or --all") }
            if !level.isEmpty && !all { throw ValidationError("--level goes with --all") }
        }

        func run() throws {
            let config = try common.load()
            let period = try common.period(period, config)
            let now = try Resolve.asOf(asOf, zone: config.timeZone)
            let store = try common.store(config, create: true)
            let selection: SnapshotSelection = unit.map { .unit($0) } ?? .all(levels: level.isEmpty ? nil : level)
            var taken = 0
            var unchanged = 0
            do {
                _ = try SnapshotJob.take(config: config, store: store, period: period, selection: selection, now: now,
                                         takenBy: "command", version: BuildInfo.version, postgres: runningPostgres(), warn: warn) { outcome in
                    let s = outcome.snapshot
                    switch outcome {
                    case .taken:
                        taken += 1
                        print("\(s.document.unitCode) \(s.document.period.id): version \(s.version) taken"
                            + (s.version > 1 ? " (amendment)" : ""))
                    case .unchanged:
                        unchanged += 1
                        print("\(s.document.unitCode) \(s.document.period.id): unchanged since version \(s.version)")
                    }
                    fflush(nil)
                }
            } catch {
                throw fail(error.description)
            }
            if all { print("\(taken) taken, \(unchanged) unchanged, in \(config.statePath)") }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the stored snapshots, every version.")

        @OptionGroup var common: Common
        @Option(help: "Only this period id.")
        var period: String?
        @Option(help: "Only this unit code.")
        var unit: String?

        func run() throws {
            let config = try common.load()
            if let period { _ = try common.period(period, config) }
            let store = try common.store(config, create: false)
            let rows: [SnapshotSummary]
            do { rows = try store.list(period: period, unit: unit) } catch { throw fail(error.description) }
            print(["period", "unit", "version", "taken_at", "taken_by", "name"].joined(separator: "\t"))
            for r in rows {
                print([r.period, r.unit, String(r.version), r.takenAt, r.takenBy, r.unitName].joined(separator: "\t"))
            }
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Export a stored snapshot as the appendix (xlsx, csv, json or md), or every snapshot as OpenMetrics.",
            discussion: """
                With --all --format openmetrics: the figures of every stored snapshot (the latest version \
                of each unit and period), timestamped at the end of each period's last day, for \
                `promtool tsdb create-blocks-from openmetrics FILE DIR` (see README, "Trends across quarters").
                """)

        @OptionGroup var common: Common
        @Option(help: "Period id, e.g. 2024-Q1.")
        var period: String?
        @Option(help: "The unit code, e.g. 05587.")
        var unit: String?
        @Flag(help: "Every stored snapshot, the latest version of each unit and period (with --format openmetrics).")
        var all = false
        @Option(help: "The version (default: the latest).")
        var version: Int?
        @Option(help: "xlsx (the appendix workbook), csv (UTF-8 with BOM), json or md; openmetrics with --all.")
        var format: ExportFormat
        @Option(name: [.short, .customLong("output")], help: "Write to this file (whole or not at all) instead of standard output.")
        var output: String?

        func validate() throws {
            if all {
                guard format == .openmetrics else { throw ValidationError("--all exports as --format openmetrics") }
                guard period == nil, unit == nil, version == nil else {
                    throw ValidationError("--all exports every snapshot: no --period, --unit or --version")
                }
            } else {
                guard format != .openmetrics else { throw ValidationError("--format openmetrics goes with --all") }
                guard period != nil, unit != nil else { throw ValidationError("give --period and --unit, or --all") }
            }
        }

        func run() throws {
            let config = try common.load()
            if let period { _ = try common.period(period, config) }
            let store = try common.store(config, create: false)
            let bytes: [UInt8]
            if all {
                bytes = try Self.trends(store, zone: config.timeZone)
            } else if let period, let unit, let format = format.snapshotFormat {
                let snapshot = try Self.snapshot(store, unit: unit, period: period, version: version, statePath: config.statePath)
                do { bytes = try format.render(snapshot) } catch { throw fail("\(error)") }
            } else {
                throw fail("give --period and --unit, or --all")
            }
            if let output {
                do { try AtomicFile.write(bytes, to: output) } catch { throw fail("\(output): cannot write: \(error)") }
            } else {
                FileHandle.standardOutput.write(Data(bytes))
            }
        }

        /// Every stored snapshot's latest version as OpenMetrics.
        static func trends(_ store: SnapshotStore, zone: UTCOffset) throws -> [UInt8] {
            do {
                let latest = Dictionary(try store.list().map { ("\($0.unit) \($0.period)", $0) }) { a, b in a.version >= b.version ? a : b }
                let snapshots = try latest.values.compactMap { try store.snapshot(unit: $0.unit, period: $0.period, version: $0.version) }
                return Array(try SnapshotTrends.openMetrics(snapshots, zone: zone).utf8)
            } catch let error as SnapshotStoreError {
                throw fail(error.description)
            }
        }

        /// Version `version` (the latest when nil) of one snapshot, or a failure naming what exists.
        static func snapshot(_ store: SnapshotStore, unit: String, period: String, version: Int?, statePath: String) throws -> Snapshot {
            do {
                guard let found = try store.snapshot(unit: unit, period: period, version: version) else {
                    let versions = try store.versions(unit: unit, period: period)
                    if let version, !versions.isEmpty {
                        throw fail("no version \(version) of the snapshot of \(unit) for \(period): versions "
                            + versions.map(String.init).joined(separator: ", "))
                    }
                    throw fail("no snapshot of unit \(unit) for \(period) in \(statePath): "
                        + "take it with `egov-exporter snapshot take --period \(period) --unit \(unit)`")
                }
                return found
            } catch let error as SnapshotStoreError {
                throw fail(error.description)
            }
        }
    }
}

/// What `snapshot export` writes: one snapshot in one of its formats, or every snapshot as OpenMetrics.
enum ExportFormat: String, ExpressibleByArgument, CaseIterable {
    case xlsx, csv, json, md, openmetrics

    /// The per-snapshot format, nil for `openmetrics`.
    var snapshotFormat: SnapshotFormat? { SnapshotFormat(rawValue: rawValue) }
}

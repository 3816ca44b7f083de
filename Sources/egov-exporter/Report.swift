import ArgumentParser
import EGovExporterApp
import EGovKPI
import EGovPostgres
import EGovReports
import EGovSources

/// `egov-exporter report`: one unit's indicators for one period.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print a unit's indicators for a reporting period (its whole subtree).")

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json }

    @Option(help: "The SQLite database with the canonical tables (opened read-only).")
    var db: String?
    @Option(help: "A YAML configuration whose sources are read instead of --db (SQLite or PostgreSQL); its period profile and time zone apply.")
    var config: String?
    @Option(help: "The unit code, e.g. 05587 (xã Bình Yên).")
    var unit: String
    @Option(help: "Period id: YYYY-Q1..Q4, YYYY-H1, YYYY-9M or YYYY-Y.")
    var period: String
    @Option(help: "Period profile: nd09 (15/12-14/12, the default) or calendar.")
    var profile: String = "nd09"
    @Option(help: "The instant an open period is computed at (ISO 8601; default: now).")
    var asOf: String?
    @Option(help: "Time zone of the records: Asia/Ho_Chi_Minh (default), UTC or ±HH:MM.")
    var timeZone: String = "Asia/Ho_Chi_Minh"
    @Option(help: "table (Vietnamese, for people) or json (one flat object).")
    var format: Format = .table

    func validate() throws {
        guard (db == nil) != (config == nil) else { throw ValidationError("give either --db or --config") }
    }

    func run() throws {
        let loaded = try config.map { try Resolve.config(path: $0, overrides: ConfigOverrides()) }
        let calendar = try loaded.map { ReportingCalendar(profile: $0.periodProfile, zone: $0.timeZone) }
            ?? Resolve.calendar(profile: profile, timeZone: timeZone)
        let instant = try Resolve.asOf(asOf, zone: calendar.zone)
        let period = try Resolve.period(period, calendar: calendar, asOf: instant)
        let read: SourceReading
        let location: String
        if let db {
            location = db
            do { read = try SQLiteSource(path: db, zone: calendar.zone).read(periods: [period], scope: .subtree(of: unit)) } catch {
                throw fail("\(error)")
            }
            if !read.missingIndexes.isEmpty { warn(CanonicalSchema.missingIndexesWarning(read.missingIndexes, path: db)) }
        } else {
            let loaded = loaded!
            location = loaded.sources.dossiers.location
            do {
                let warnings: [String]
                (read, warnings) = try ConfiguredSources.read(loaded, periods: [period], scope: .subtree(of: unit), postgres: runningPostgres())
                warnings.forEach(warn)
            } catch { throw fail("\(error)") }
        }
        let report = read.reports()[0]
        guard let unitReport = report[unit] else { throw fail(report.tree.unknownUnitMessage(unit, in: location)) }
        switch format {
        case .json: print(unitReport.json.text)
        case .table: print(unitReport.table(asOf: calendar.zone.localDate(epochSeconds: instant)), terminator: "")
        }
    }
}

/// `egov-exporter sql`: the aggregate statements a report runs, for benchmarks and audits.
struct PrintSQL: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sql",
        abstract: "Print the aggregate SQL statements a report or a refresh runs (for `make bench` and audits).")

    @Option(help: "The SQLite database whose unit tree the statements name.")
    var db: String?
    @Option(help: "A YAML configuration whose sources (SQLite or PostgreSQL, in their dialect) are read instead of --db.")
    var config: String?
    @Option(help: "Scope the statements to this unit's subtree, as `report --unit` does.")
    var unit: String?
    @Option(help: "Period id: YYYY-Q1..Q4, YYYY-H1, YYYY-9M or YYYY-Y (the statements of `report`, invalid-record count included).")
    var period: String?
    @Flag(help: "The statements of a daemon refresh: the four exposed periods as of --as-of, without the invalid-record count (it runs every invalid_records_interval).")
    var refresh = false
    @Flag(help: "With --refresh: also the whole-history invalid-record count, as a process's first refresh runs it.")
    var countingInvalid = false
    @Option(help: "Period profile: nd09 or calendar.")
    var profile: String = "nd09"
    @Option(help: "The instant an open period is computed at (ISO 8601; default: now).")
    var asOf: String?
    @Option(help: "Time zone of the records.")
    var timeZone: String = "Asia/Ho_Chi_Minh"

    func validate() throws {
        guard (db == nil) != (config == nil) else { throw ValidationError("give either --db or --config") }
        guard (period != nil) != refresh else { throw ValidationError("give either --period or --refresh") }
        if countingInvalid && !refresh { throw ValidationError("--counting-invalid goes with --refresh (a --period counts them always)") }
    }

    func run() throws {
        let calendar = try Resolve.calendar(profile: profile, timeZone: timeZone)
        let instant = try Resolve.asOf(asOf, zone: calendar.zone)
        let periods = try period.map { [try Resolve.period($0, calendar: calendar, asOf: instant)] }
            ?? ExposedPeriodKind.allCases.map { $0.period(calendar: calendar, today: calendar.zone.localDate(epochSeconds: instant)) }
        let counting = !refresh || countingInvalid
        let statements: [String]?
        if let config {
            let loaded = try Resolve.config(path: config, overrides: ConfigOverrides())
            do {
                statements = try ConfiguredSources.statements(loaded, periods: periods, unit: unit, countingInvalid: counting,
                                                              postgres: runningPostgres())
            } catch { throw fail("\(error)") }
            guard let statements else { throw fail("unit '\(unit ?? "")' is not in the units table of \(loaded.sources.dossiers.location)") }
            return statements.forEach { print($0 + ";") }
        }
        let db = db!
        let source = SQLiteSource(path: db, zone: calendar.zone)
        do { statements = try source.statements(for: periods, unit: unit, countingInvalid: counting) } catch { throw fail("\(error)") }
        guard let statements else {
            let tree = UnitTree((try? source.unitRecords()) ?? [])
            throw fail(tree.unknownUnitMessage(unit ?? "", in: db))
        }
        for statement in statements {
            print(statement + ";")
        }
    }
}

/// One warning line on standard error.
func warn(_ message: String) {
    var stderr = StandardError()
    print("egov-exporter: warning: \(message)", to: &stderr)
}

import EGovKPI
import Foundation
import GRDB

/// Reads the canonical tables from an SQLite file, read-only. The file is opened afresh for each
/// read (`SQLITE_OPEN_READONLY`), so a file that was missing or locked is picked up again as soon
/// as it is back, and the exporter never changes a byte of it.
public struct SQLiteSource: RecordSource {
    public let path: String
    /// The tables this file holds: the one-stop-shop system's, the document system's, or both.
    public let systems: RecordSystems
    public let zone: UTCOffset
    /// How long a read waits for a writer's lock before failing.
    public let busyTimeout: Double
    /// Aborts a read in progress from another thread (a refresh that overran its timeout).
    public let interrupter = ReadInterrupter()
    /// Receives the SQL of every statement the reads run (audits; the test that `statements`
    /// lists exactly what a snapshot runs).
    public var statementObserver: (@Sendable (String) -> Void)?

    public init(path: String, systems: RecordSystems = .all, zone: UTCOffset = .vietnam, busyTimeout: Double = 5) {
        self.path = path
        self.systems = systems
        self.zone = zone
        self.busyTimeout = busyTimeout
    }

    /// Runs `body` on a read-only connection to the file.
    public func read<T>(_ operation: String, _ body: (Database) throws -> T) throws -> T {
        guard FileManager.default.fileExists(atPath: path) else {
            throw SourceError(operation: operation, location: path, message: "no such file")
        }
        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(busyTimeout)
        config.label = "egov-source"
        let observer = statementObserver
        config.prepareDatabase { db in
            // A 1 MB page cache (SQLite's default is 2 MB): the reads are index ranges, read
            // once, and the daemon's resident memory is what a province's server budgets.
            try db.execute(sql: "PRAGMA cache_size = -1024")
            if let observer {
                db.trace { event in
                    if case .statement(let statement) = event { observer(statement.sql) }
                }
            }
        }
        do {
            let queue = try DatabaseQueue(path: path, configuration: config)
            interrupter.begin(queue)
            defer {
                interrupter.end()
                try? queue.close()
            }
            return try queue.read(body)
        } catch let error as DatabaseError {
            throw SourceError(operation: operation, location: path, message: error.message ?? "\(error.resultCode)")
        }
    }

    public func snapshot(periods: [ReportingPeriod], scope wanted: SnapshotScope, countingInvalid: Bool) throws -> SourceSnapshot {
        try read("read records") { db in
            var validity: [ValidityCount] = []
            var units: [UnitRecord] = []
            var catalogue = CatalogueReader()
            if systems.contains(.oneStop) {
                units = try Self.units(db, validity: &validity)
                catalogue = try CatalogueReader.read(db)
                // Like every record table's, the catalogue's invalid rows are counted by the reads
                // that count invalid records (the later ones reuse that count).
                if countingInvalid { validity += catalogue.validity }
            }
            let plan = try plan(db, periods: periods, scope: wanted, tree: systems.contains(.oneStop) ? UnitTree(units) : nil,
                                countingInvalid: countingInvalid)
            var dossierPeriods = Array(repeating: [DossierClassCount](), count: periods.count)
            if let sql = plan.dossierFigures {
                // One row per unit, decoded as it comes: the rows are never all held at once.
                let rows = try Row.fetchCursor(db, sql: sql)
                while let row = try rows.next() {
                    guard let unit: String = row[0] else { continue }
                    let decoded = DossierQueries.decode(unit: unit, groups: row[1], periodCount: periods.count)
                    for index in periods.indices { dossierPeriods[index] += decoded[index] }
                }
            }
            var onlinePeriods = Array(repeating: [OnlineProcedureUse](), count: periods.count)
            if let sql = plan.onlineProcedures {
                for row in try Row.fetchAll(db, sql: sql) {
                    let (use, periodFlags) = DossierQueries.onlineUse(row, periodCount: periods.count)
                    guard let use else { continue }
                    for index in periods.indices where periodFlags[index] { onlinePeriods[index].append(use) }
                }
            }
            for count in plan.invalidCounts {
                let invalid = try Row.fetchAll(db, sql: count.invalid).map { ($0[0] as String?, Self.reason($0[1])!, $0[2] as Int) }
                validity += try Self.validity(db, count.kind, totalsSQL: count.totals, invalid: invalid)
            }
            if let sql = plan.eofficeInvalid {
                for row in try Row.fetchAll(db, sql: sql) {
                    validity.append(ValidityCount(kind: .eofficeActivity, unit: row[0], reason: Self.reason(row[1]), count: row[2]))
                }
            }
            if let sql = plan.rejected { validity += RejectedRecords.validity(try Row.fetchAll(db, sql: sql), systems: systems) }
            let aggregates = try periods.enumerated().map { index, period in
                try Self.aggregates(db, period, plan.periodQueries.isEmpty ? nil : plan.periodQueries[index],
                                    dossiers: dossierPeriods[index], onlineProcedures: onlinePeriods[index])
            }
            let outdated = Set(try CanonicalSchema.outdatedIndexes(in: db))
            let present = Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index'"))
                .subtracting(outdated)
            let catalog = SourceCatalog(units: units, procedures: catalogue.records, catalogueColumns: catalogue.columns,
                                        validity: validity)
            return SourceSnapshot(catalog: catalog,
                                  periods: aggregates, invalidCounted: countingInvalid,
                                  missingIndexes: CanonicalSchema.readIndexes(for: systems).filter { !present.contains($0) })
        }
    }

    /// The statements after the catalogue of a read of `periods` over `scope` in `db`.
    private func plan(_ db: Database, periods: [ReportingPeriod], scope: SnapshotScope, tree: UnitTree?,
                      countingInvalid: Bool) throws -> ReadPlan {
        let codes = scope.codes(in: tree)
        return ReadPlan(periods: periods, systems: systems, figures: QueryScope(zone: zone, unitCodes: codes.figures),
                        count: countingInvalid ? QueryScope(zone: zone, unitCodes: codes.count) : nil,
                        hasRejected: try db.tableExists("rejected_records"))
    }

    /// One period's document-system rows, joined with its dossier rows from the figures query.
    private static func aggregates(_ db: Database, _ period: ReportingPeriod,
                                   _ queries: (documents: String, staff: String, workFiles: String)?,
                                   dossiers: [DossierClassCount], onlineProcedures: [OnlineProcedureUse]) throws -> PeriodAggregates {
        guard let queries else {
            return PeriodAggregates(period: period, dossiers: dossiers, documents: [], staff: [], workFiles: [],
                                    onlineProcedures: onlineProcedures)
        }
        let documents = try Row.fetchAll(db, sql: queries.documents).compactMap { row -> DocumentClassCount? in
            guard let unit: String = row[0] else { return nil }
            return DocumentClassCount(unit: unit, signed: (row[1] as Int) == 1, transmission: Transmission(rawValue: row[2])!,
                                      scope: RecipientScope(rawValue: row[3])!, count: row[4])
        }
        let staff = try Row.fetchAll(db, sql: queries.staff).compactMap { row -> StaffCount? in
            (row[0] as String?).map { StaffCount(unit: $0, staff: row[1], activeUsers: row[2], present: row[3]) }
        }
        let files = try Row.fetchAll(db, sql: queries.workFiles).compactMap { row -> WorkFileCount? in
            (row[0] as String?).map { WorkFileCount(unit: $0, electronic: (row[1] as Int) == 1, count: row[2]) }
        }
        return PeriodAggregates(period: period, dossiers: dossiers, documents: documents, staff: staff, workFiles: files,
                                onlineProcedures: onlineProcedures)
    }

    /// The unit tree's records alone (a cheap read, for start-up checks).
    public func unitRecords() throws -> [UnitRecord] {
        try read("read units") { db in
            var ignored: [ValidityCount] = []
            return try Self.units(db, validity: &ignored)
        }
    }

    private static let unitsSQL = "SELECT code, name, level, parent_code, one_stop_connected_on, doc_axis_connected_on FROM units"

    /// The SQL statements a snapshot of `periods` for `unit`'s subtree (every unit when nil)
    /// runs, in order (for `make bench` and audits). Reads the unit tree, which the statements
    /// name. Nil when `unit` is not in the tree.
    public func statements(for periods: [ReportingPeriod], unit: String? = nil, countingInvalid: Bool = true) throws -> [String]? {
        try read("read units") { db in
            var ignored: [ValidityCount] = []
            let tree = systems.contains(.oneStop) ? UnitTree(try Self.units(db, validity: &ignored)) : nil
            if let unit, tree?[unit] == nil { return nil }
            let scope: SnapshotScope = unit.map { .subtree(of: $0) } ?? .everything
            let catalog = systems.contains(.oneStop)
                ? [Self.unitsSQL, CatalogueReader.sql(columns: try CatalogueReader.columns(in: db))] : []
            return catalog + (try plan(db, periods: periods, scope: scope, tree: tree, countingInvalid: countingInvalid)).statements
        }
    }

    private static func units(_ db: Database, validity: inout [ValidityCount]) throws -> [UnitRecord] {
        try Row.fetchAll(db, sql: unitsSQL).map { row in
            let code: String = row[0]
            func day(_ index: Int) -> LocalDate? {
                guard let text: String = row[index] else { return nil }
                guard let date = LocalDate(iso: text) else {
                    validity.append(ValidityCount(kind: .units, unit: code, reason: .unparseableConnectedOn, count: 1))
                    return nil
                }
                return date
            }
            return UnitRecord(code: code, name: row[1] ?? code, level: row[2] ?? "", parentCode: row[3],
                              oneStopConnectedOn: day(4), docAxisConnectedOn: day(5))
        }
    }

    /// Invalid rows by unit and reason, plus the valid rest of each unit (reason nil), which
    /// is how records of unit codes missing from the tree are found.
    private static func validity(_ db: Database, _ kind: RecordKind, totalsSQL: String,
                                 invalid: [(unit: String?, reason: InvalidReason, count: Int)]) throws -> [ValidityCount] {
        var valid: [String?: Int] = [:]
        for row in try Row.fetchAll(db, sql: totalsSQL) { valid[row[0] as String?] = row[1] }
        var result: [ValidityCount] = []
        for (unit, reason, count) in invalid {
            result.append(ValidityCount(kind: kind, unit: unit, reason: reason, count: count))
            valid[unit, default: 0] -= count
        }
        for (unit, count) in valid.sorted(by: { ($0.key ?? "") < ($1.key ?? "") }) where count > 0 {
            result.append(ValidityCount(kind: kind, unit: unit, reason: nil, count: count))
        }
        return result
    }

    private static func reason(_ text: String?) -> InvalidReason? {
        text.map { InvalidReason(rawValue: $0)! }
    }
}

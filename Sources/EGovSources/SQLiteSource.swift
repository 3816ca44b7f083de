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
        if let observer = statementObserver {
            config.prepareDatabase { db in
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

    public func snapshot(periods: [ReportingPeriod], scope wanted: SnapshotScope) throws -> SourceSnapshot {
        try read("read records") { db in
            var validity: [ValidityCount] = []
            var units: [UnitRecord] = []
            var procedures: [ProcedureCount] = []
            var scope = QueryScope(zone: zone)
            if systems.contains(.oneStop) {
                units = try Self.units(db, validity: &validity)
                procedures = try Row.fetchAll(db, sql: Self.proceduresSQL).map {
                    ProcedureCount(level: $0[0], hasFee: $0[1], onlinePayment: $0[2], count: $0[3])
                }
            }
            switch wanted {
            case .everything: break
            case .units(let codes): scope = QueryScope(zone: zone, unitCodes: codes)
            case .subtree(let unit):
                // A root's subtree is everything (and its report counts records of unknown units),
                // so it reads unscoped; an unknown unit reads nothing, and the caller reports it.
                let tree = UnitTree(units)
                if !tree.roots.contains(unit) { scope = QueryScope(zone: zone, unitCodes: tree.subtree(of: unit)) }
            }
            var dossierPeriods = Array(repeating: [DossierClassCount](), count: periods.count)
            if systems.contains(.oneStop) {
                let rows = try Row.fetchAll(db, sql: DossierQueries.combined(periods: periods, scope: scope))
                let decoded = DossierQueries.decode(rows.map { ($0[0], $0[1]) }, periodCount: periods.count)
                dossierPeriods = decoded.periods
                validity += try Self.validity(db, .dossiers, totalsSQL: Self.totalsSQL("dossiers", scope), invalid: decoded.invalid)
            }
            for (kind, table, invalidSQL) in Self.validityQueries(scope, systems) {
                let invalid = try Row.fetchAll(db, sql: invalidSQL).map { ($0[0] as String?, Self.reason($0[1])!, $0[2] as Int) }
                validity += try Self.validity(db, kind, totalsSQL: Self.totalsSQL(table, scope), invalid: invalid)
            }
            if systems.contains(.documents) {
                for row in try Row.fetchAll(db, sql: DocumentQueries.eofficeInvalid(scope: scope)) {
                    validity.append(ValidityCount(kind: .eofficeActivity, unit: row[0], reason: Self.reason(row[1]), count: row[2]))
                }
            }
            validity += try RejectedRecords.validity(db, systems: systems)
            let catalog = SourceCatalog(units: units, procedures: procedures, validity: validity)
            let aggregates = try periods.enumerated().map { index, period in
                try Self.aggregates(db, period, scope, systems, dossiers: dossierPeriods[index])
            }
            return SourceSnapshot(catalog: catalog, periods: aggregates)
        }
    }

    /// One period's document-system rows, joined with its dossier rows from the combined query.
    private static func aggregates(_ db: Database, _ period: ReportingPeriod, _ scope: QueryScope,
                                   _ systems: RecordSystems, dossiers: [DossierClassCount]) throws -> PeriodAggregates {
        guard systems.contains(.documents) else {
            return PeriodAggregates(period: period, dossiers: dossiers, documents: [], staff: [], workFiles: [])
        }
        let documents = try Row.fetchAll(db, sql: DocumentQueries.period(period, scope: scope)).compactMap { row -> DocumentClassCount? in
            guard let unit: String = row[0] else { return nil }
            return DocumentClassCount(unit: unit, signed: (row[1] as Int) == 1, transmission: Transmission(rawValue: row[2])!,
                                      scope: RecipientScope(rawValue: row[3])!, count: row[4])
        }
        let staff = try Row.fetchAll(db, sql: DocumentQueries.staff(period, scope: scope)).compactMap { row -> StaffCount? in
            (row[0] as String?).map { StaffCount(unit: $0, staff: row[1], activeUsers: row[2]) }
        }
        let files = try Row.fetchAll(db, sql: DocumentQueries.workFiles(period, scope: scope)).compactMap { row -> WorkFileCount? in
            (row[0] as String?).map { WorkFileCount(unit: $0, electronic: (row[1] as Int) == 1, count: row[2]) }
        }
        return PeriodAggregates(period: period, dossiers: dossiers, documents: documents, staff: staff, workFiles: files)
    }

    /// The unit tree's records alone (a cheap read, for start-up checks).
    public func unitRecords() throws -> [UnitRecord] {
        try read("read units") { db in
            var ignored: [ValidityCount] = []
            return try Self.units(db, validity: &ignored)
        }
    }

    /// The codes a `snapshot` for `unit` reads: nil (everything) for a root, its subtree's codes
    /// otherwise, empty when the unit is unknown.
    public func scopeCodes(of unit: String) throws -> [String]? {
        try read("read units") { db in
            var ignored: [ValidityCount] = []
            let tree = UnitTree(try Self.units(db, validity: &ignored))
            return tree.roots.contains(unit) ? nil : tree.subtree(of: unit)
        }
    }

    private static let unitsSQL = "SELECT code, name, level, parent_code, one_stop_connected_on, doc_axis_connected_on FROM units"
    private static let proceduresSQL = "SELECT level, has_fee = 1, online_payment = 1, COUNT(*) FROM procedures GROUP BY 1, 2, 3"

    /// The SQL statements a snapshot of `periods` runs, in order (for `make bench` and audits).
    public func statements(for periods: [ReportingPeriod], unitCodes: [String]? = nil) -> [String] {
        let scope = QueryScope(zone: zone, unitCodes: unitCodes)
        var result: [String] = []
        if systems.contains(.oneStop) {
            result += [Self.unitsSQL, Self.proceduresSQL, DossierQueries.combined(periods: periods, scope: scope),
                       Self.totalsSQL("dossiers", scope)]
        }
        result += Self.validityQueries(scope, systems).flatMap { [$0.2, Self.totalsSQL($0.1, scope)] }
        if systems.contains(.documents) { result.append(DocumentQueries.eofficeInvalid(scope: scope)) }
        for period in periods {
            if systems.contains(.documents) {
                result += [DocumentQueries.period(period, scope: scope), DocumentQueries.staff(period, scope: scope),
                           DocumentQueries.workFiles(period, scope: scope)]
            }
        }
        return result
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

    /// Per kind of the document system: the table and the query of its invalid rows (the
    /// dossiers' come from the combined query).
    private static func validityQueries(_ scope: QueryScope, _ systems: RecordSystems) -> [(RecordKind, String, String)] {
        var queries: [(RecordKind, String, String)] = []
        if systems.contains(.documents) {
            queries += [(.documents, "documents", DocumentQueries.invalid(scope: scope)),
                        (.workFiles, "work_files", DocumentQueries.workFileInvalid(scope: scope)),
                        (.staff, "staff", DocumentQueries.staffInvalid(scope: scope))]
        }
        return queries
    }

    /// Rows per unit code: read from the `unit_code`-first index in order, without sorting.
    private static func totalsSQL(_ table: String, _ scope: QueryScope) -> String {
        "SELECT unit_code, COUNT(*) FROM \(table) WHERE \(scope.filter("unit_code")) GROUP BY unit_code"
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

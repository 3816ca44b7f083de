import EGovKPI
import GRDB

/// Builds a `SourceReading` from the statements' rows, whatever the engine (`StatementRunner`):
/// the unit tree, the catalogue, then the statements of the read's `ReadPlan`, in that order.
enum ReadAssembly {
    /// The unit tree's query.
    static func unitsSQL(_ dialect: SQLDialect) -> String {
        "SELECT \(dialect.code("code")), name, level, \(dialect.code("parent_code")), "
            + "\(dialect.dayText("one_stop_connected_on")), \(dialect.dayText("doc_axis_connected_on")) FROM units"
    }

    /// The catalogue and the aggregate rows of `periods` over `scope` (see `RecordSource`).
    static func read(_ runner: some StatementRunner, periods: [ReportingPeriod], scope wanted: ReadScope,
                     countingInvalid: Bool, systems: RecordSystems, zone: UTCOffset) throws -> SourceReading {
        var validity: [ValidityCount] = []
        var units: [UnitRecord] = []
        var catalogue = CatalogueReader()
        if systems.contains(.oneStop) {
            units = try Self.units(runner, validity: &validity)
            catalogue = try CatalogueReader.read(runner)
            // Like every record table's, the catalogue's invalid rows are counted by the reads
            // that count invalid records (the later ones reuse that count).
            if countingInvalid { validity += catalogue.validity }
        }
        let plan = try plan(runner, periods: periods, scope: wanted, systems: systems, zone: zone,
                            tree: systems.contains(.oneStop) ? UnitTree(units) : nil, countingInvalid: countingInvalid)
        var dossierPeriods = Array(repeating: [DossierClassCount](), count: periods.count)
        if let sql = plan.dossierFigures {
            // One row per unit, decoded as it comes: the rows are never all held at once.
            try runner.each(sql) { row in
                guard let unit = row.text(0) else { return }
                let decoded = DossierQueries.decode(unit: unit, groups: row.text(1), periodCount: periods.count)
                for index in periods.indices { dossierPeriods[index] += decoded[index] }
            }
        }
        var onlinePeriods = Array(repeating: [OnlineProcedureUse](), count: periods.count)
        if let sql = plan.onlineProcedures {
            // Decoded as the rows come, as the figures are: a province has tens of thousands.
            try runner.each(sql) { row in
                let (use, periodFlags) = DossierQueries.onlineUse(row, periodCount: periods.count)
                guard let use else { return }
                for index in periods.indices where periodFlags[index] { onlinePeriods[index].append(use) }
            }
        }
        for count in plan.invalidCounts {
            let invalid = try runner.rows(count.invalid).map { ($0.text(0), reason($0.text(1))!, $0.int(2) ?? 0) }
            validity += try Self.validity(runner, count.kind, totalsSQL: count.totals, invalid: invalid)
        }
        if let sql = plan.eofficeInvalid {
            for row in try runner.rows(sql) {
                validity.append(ValidityCount(kind: .eofficeActivity, unit: row.text(0), reason: reason(row.text(1)), count: row.int(2) ?? 0))
            }
        }
        if let sql = plan.rejected { validity += RejectedRecords.validity(try runner.rows(sql), systems: systems) }
        let aggregates = try periods.enumerated().map { index, period in
            try Self.aggregates(runner, period, plan.periodQueries.isEmpty ? nil : plan.periodQueries[index],
                                dossiers: dossierPeriods[index], onlineProcedures: onlinePeriods[index])
        }
        let missing: [String] = try runner.indexNames().map { present in
            CanonicalSchema.readIndexes(for: systems).filter { !present.contains($0) }
        } ?? []
        let catalog = SourceCatalog(units: units, procedures: catalogue.records, catalogueColumns: catalogue.columns,
                                    validity: validity)
        return SourceReading(catalog: catalog, periods: aggregates, invalidCounted: countingInvalid, missingIndexes: missing)
    }

    /// The statements after the catalogue of a read of `periods` over `scope`.
    static func plan(_ runner: some StatementRunner, periods: [ReportingPeriod], scope: ReadScope, systems: RecordSystems,
                     zone: UTCOffset, tree: UnitTree?, countingInvalid: Bool) throws -> ReadPlan {
        let codes = scope.codes(in: tree)
        let dialect = runner.dialect
        return ReadPlan(periods: periods, systems: systems,
                        figures: QueryScope(zone: zone, unitCodes: codes.figures, dialect: dialect),
                        count: countingInvalid ? QueryScope(zone: zone, unitCodes: codes.count, dialect: dialect) : nil,
                        hasRejected: try runner.hasTable("rejected_records"))
    }

    /// Every statement of a read, in order: the unit tree and the catalogue (when the source has
    /// the one-stop-shop tables), then the plan's. Reads the unit tree, which the plan's statements
    /// name. Nil when `unit` is not in the tree.
    static func statements(_ runner: some StatementRunner, periods: [ReportingPeriod], unit: String?, countingInvalid: Bool,
                           systems: RecordSystems, zone: UTCOffset) throws -> [String]? {
        var ignored: [ValidityCount] = []
        let tree = systems.contains(.oneStop) ? UnitTree(try units(runner, validity: &ignored)) : nil
        if let unit, tree?[unit] == nil { return nil }
        let scope: ReadScope = unit.map { .subtree(of: $0) } ?? .everything
        let catalog = systems.contains(.oneStop)
            ? [unitsSQL(runner.dialect), CatalogueReader.sql(columns: try runner.catalogueColumns(), dialect: runner.dialect)] : []
        let plan = try plan(runner, periods: periods, scope: scope, systems: systems, zone: zone, tree: tree,
                            countingInvalid: countingInvalid)
        return catalog + plan.statements
    }

    /// One period's document-system rows, joined with its dossier rows from the figures query.
    private static func aggregates(_ runner: some StatementRunner, _ period: ReportingPeriod,
                                   _ queries: (documents: String, staff: String, workFiles: String)?,
                                   dossiers: [DossierClassCount], onlineProcedures: [OnlineProcedureUse]) throws -> PeriodAggregates {
        guard let queries else {
            return PeriodAggregates(period: period, dossiers: dossiers, documents: [], staff: [], workFiles: [],
                                    onlineProcedures: onlineProcedures)
        }
        let documents = try runner.rows(queries.documents).compactMap { row -> DocumentClassCount? in
            guard let unit = row.text(0) else { return nil }
            return DocumentClassCount(unit: unit, signed: row.int(1) == 1, transmission: Transmission(rawValue: row.text(2)!)!,
                                      scope: RecipientScope(rawValue: row.text(3)!)!, count: row.int(4) ?? 0)
        }
        let staff = try runner.rows(queries.staff).compactMap { row -> StaffCount? in
            row.text(0).map { StaffCount(unit: $0, staff: row.int(1) ?? 0, activeUsers: row.int(2) ?? 0, present: row.int(3) ?? 0) }
        }
        let files = try runner.rows(queries.workFiles).compactMap { row -> WorkFileCount? in
            row.text(0).map { WorkFileCount(unit: $0, electronic: row.int(1) == 1, count: row.int(2) ?? 0) }
        }
        return PeriodAggregates(period: period, dossiers: dossiers, documents: documents, staff: staff, workFiles: files,
                                onlineProcedures: onlineProcedures)
    }

    /// The unit tree's records; a connection day that is not a day is counted as invalid.
    static func units(_ runner: some StatementRunner, validity: inout [ValidityCount]) throws -> [UnitRecord] {
        try runner.rows(unitsSQL(runner.dialect)).compactMap { row in
            guard let code = row.text(0) ?? row.int(0).map(String.init) else { return nil }
            func day(_ index: Int) -> LocalDate? {
                guard let text = row.text(index) else { return nil }
                guard let date = LocalDate(iso: text) else {
                    validity.append(ValidityCount(kind: .units, unit: code, reason: .unparseableConnectedOn, count: 1))
                    return nil
                }
                return date
            }
            return UnitRecord(code: code, name: row.text(1) ?? code, level: row.text(2) ?? "",
                              parentCode: row.text(3) ?? row.int(3).map(String.init),
                              oneStopConnectedOn: day(4), docAxisConnectedOn: day(5))
        }
    }

    /// Invalid rows by unit and reason, plus the valid rest of each unit (reason nil), which
    /// is how records of unit codes missing from the tree are found.
    private static func validity(_ runner: some StatementRunner, _ kind: RecordKind, totalsSQL: String,
                                 invalid: [(unit: String?, reason: InvalidReason, count: Int)]) throws -> [ValidityCount] {
        var valid: [String?: Int] = [:]
        for row in try runner.rows(totalsSQL) { valid[row.text(0)] = row.int(1) ?? 0 }
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

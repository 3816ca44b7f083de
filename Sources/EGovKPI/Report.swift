/// What the adapters fetch once, independent of the period: the unit tree, the procedure
/// catalogue and the validity of every record.
public struct SourceCatalog: Sendable {
    public let units: [UnitRecord]
    /// The valid procedures (invalid ones are counted in `validity`, kind `procedures`).
    public let procedures: [ProcedureRecord]
    /// The optional catalogue columns the source's `procedures` table has.
    public let catalogueColumns: Set<CatalogueColumn>
    public let validity: [ValidityCount]

    public init(units: [UnitRecord], procedures: [ProcedureRecord], catalogueColumns: Set<CatalogueColumn> = Set(CatalogueColumn.allCases),
                validity: [ValidityCount]) {
        self.units = units
        self.procedures = procedures
        self.catalogueColumns = catalogueColumns
        self.validity = validity
    }
}

/// The aggregate rows the adapters fetch for one period, one unit code per row.
public struct PeriodAggregates: Sendable {
    public let period: ReportingPeriod
    public let dossiers: [DossierClassCount]
    public let documents: [DocumentClassCount]
    public let staff: [StaffCount]
    public let workFiles: [WorkFileCount]
    /// The procedures each unit received a dossier of online in the period (rows 3.2.1, 3.2.2).
    public let onlineProcedures: [OnlineProcedureUse]

    public init(period: ReportingPeriod, dossiers: [DossierClassCount], documents: [DocumentClassCount],
                staff: [StaffCount], workFiles: [WorkFileCount], onlineProcedures: [OnlineProcedureUse] = []) {
        self.period = period
        self.dossiers = dossiers
        self.documents = documents
        self.staff = staff
        self.workFiles = workFiles
        self.onlineProcedures = onlineProcedures
    }
}

/// The figures that do not depend on the period: invalid records per subtree and the unit
/// levels present in each subtree.
struct CatalogFigures: Sendable {
    let invalid: [String: InvalidFigures]
    let levels: [String: WordSet]
    let procedures: [ProcedureRecord]
    let catalogueColumns: Set<CatalogueColumn>

    init(catalog: SourceCatalog, tree: UnitTree) {
        invalid = PeriodReport.invalidFigures(catalog: catalog, tree: tree)
        levels = tree.rollUp(tree.units.mapValues { WordSet([$0.level]) })
        procedures = catalog.procedures
        catalogueColumns = catalog.catalogueColumns
    }
}

/// Everything one read of a source returns: the catalog and the aggregates of some periods.
public struct SourceReading: Sendable {
    public let catalog: SourceCatalog
    public let periods: [PeriodAggregates]
    /// Whether `catalog.validity` counts the invalid records of the record tables (the whole
    /// history of the scope); the units table's own problems are always counted. A read that
    /// skips the count is completed with an earlier count (`withRecordValidity`).
    public let invalidCounted: Bool
    /// Indexes the source lacks for reads bounded by the periods (their names); the figures
    /// are the same without them, but each read then scans the whole history.
    public let missingIndexes: [String]

    public init(catalog: SourceCatalog, periods: [PeriodAggregates], invalidCounted: Bool = true, missingIndexes: [String] = []) {
        self.catalog = catalog
        self.periods = periods
        self.invalidCounted = invalidCounted
        self.missingIndexes = missingIndexes
    }

    /// The record tables' invalid counts of this read (the units table's left out).
    public var recordValidity: [ValidityCount] { catalog.validity.filter { $0.kind != .units } }

    /// This read with the record tables' invalid counts of an earlier count, when this one did
    /// not count them.
    public func withRecordValidity(_ counted: [ValidityCount]) -> SourceReading {
        guard !invalidCounted else { return self }
        let validity = catalog.validity.filter { $0.kind == .units } + counted
        return SourceReading(catalog: SourceCatalog(units: catalog.units, procedures: catalog.procedures,
                                                     catalogueColumns: catalog.catalogueColumns, validity: validity),
                              periods: periods, invalidCounted: true, missingIndexes: missingIndexes)
    }

    /// Every unit's report for each period, in the order of `periods`.
    public func reports() -> [PeriodReport] {
        let tree = UnitTree(catalog.units)
        let figures = CatalogFigures(catalog: catalog, tree: tree)
        return periods.map { PeriodReport(figures: figures, tree: tree, aggregates: $0) }
    }
}

/// Every indicator of DOMAIN.md section 4 for one unit's subtree and one period.
public struct UnitReport: Sendable {
    public let unit: UnitRecord
    public let period: ReportingPeriod
    public let dossiers: DossierFigures
    /// The dossiers of the subtree received by its district-level and commune-level units (rows
    /// 3.4.1 and 3.4.2), for the levels present in the subtree.
    public let dossiersByReceivingLevel: [String: DossierFigures]
    public let documents: DocumentFigures
    public let eoffice: EOfficeFigures
    /// The procedures at the levels of the subtree, in force on the period's last day.
    public let procedures: ProcedureFigures
    /// As of the period's last day.
    public let connections: ConnectionFigures
    /// Records of the subtree left out of the indicators (all periods), by kind and reason.
    public let invalid: InvalidFigures

    /// The dossiers of the subtree received by units of `level`, or nil when the subtree has no
    /// unit of that level (the row is "Không áp dụng").
    public func dossiers(receivedAt level: String) -> DossierFigures? { dossiersByReceivingLevel[level] }

    /// The receiving levels rows 3.4.1 and 3.4.2 are about.
    public static let receivingLevels = [UnitLevel.district, UnitLevel.commune]
}

/// The indicators of every unit of the tree for one period: the pure core of the exporter.
public struct PeriodReport: Sendable {
    public let period: ReportingPeriod
    public let tree: UnitTree
    /// Each unit's report, covering its whole subtree.
    public let units: [String: UnitReport]

    /// Computes every unit's figures from the aggregate rows. Rows of unit codes that are not in
    /// the tree are left out here; `invalidFigures` counts them as `unknown_unit`.
    public init(catalog: SourceCatalog, tree: UnitTree, aggregates: PeriodAggregates) {
        self.init(figures: CatalogFigures(catalog: catalog, tree: tree), tree: tree, aggregates: aggregates)
    }

    /// The same, with the period-independent figures already computed (once per reading).
    init(figures: CatalogFigures, tree: UnitTree, aggregates: PeriodAggregates) {
        let period = aggregates.period
        let ownDossiers = Self.own(aggregates.dossiers, \.unit, tree) { DossierFigures($0) }
        let dossiers = tree.rollUp(ownDossiers)
        var byLevel: [String: [String: DossierFigures]] = [:]
        for level in UnitReport.receivingLevels {
            byLevel[level] = tree.rollUp(ownDossiers.filter { tree.units[$0.key]?.level == level })
        }
        let online = tree.rollUp(Dictionary(grouping: aggregates.onlineProcedures, by: \.unit)
            .filter { tree.units[$0.key] != nil }.mapValues { WordSet(Set($0.map(\.procedure))) })
        let documents = tree.rollUp(Self.own(aggregates.documents, \.unit, tree) { DocumentFigures($0) })
        let staffRows = Dictionary(grouping: aggregates.staff, by: \.unit)
        let fileRows = Dictionary(grouping: aggregates.workFiles, by: \.unit)
        var ownEOffice: [String: EOfficeFigures] = [:]
        for code in tree.preorder {
            ownEOffice[code] = EOfficeFigures(staff: staffRows[code] ?? [], workFiles: fileRows[code] ?? [])
        }
        let eoffice = tree.rollUp(ownEOffice)
        var ownConnections: [String: ConnectionFigures] = [:]
        for (code, unit) in tree.units { ownConnections[code] = ConnectionFigures(units: [unit], asOf: period.lastDay) }
        let connections = tree.rollUp(ownConnections)
        var reports: [String: UnitReport] = [:]
        for (code, unit) in tree.units {
            let levels = figures.levels[code]?.words ?? []
            var received: [String: DossierFigures] = [:]
            for level in UnitReport.receivingLevels where levels.contains(level) { received[level] = byLevel[level]?[code] ?? .zero }
            reports[code] = UnitReport(
                unit: unit, period: period, dossiers: dossiers[code]!, dossiersByReceivingLevel: received,
                documents: documents[code]!, eoffice: eoffice[code]!,
                procedures: ProcedureFigures(catalog: figures.procedures, columns: figures.catalogueColumns, levels: levels,
                                             period: period, online: online[code]?.words ?? []),
                connections: connections[code]!, invalid: figures.invalid[code]!)
        }
        self.period = period
        self.tree = tree
        self.units = reports
    }

    /// The report of unit `code`, or nil when it is not in the tree.
    public subscript(code: String) -> UnitReport? { units[code] }

    private static func own<Row, F: Summable>(
        _ rows: [Row], _ unit: KeyPath<Row, String>, _ tree: UnitTree, _ make: ([Row]) -> F
    ) -> [String: F] {
        Dictionary(grouping: rows, by: { $0[keyPath: unit] })
            .filter { tree.units[$0.key] != nil }
            .mapValues(make)
    }

    /// Invalid-record counts per subtree. Records whose unit code is not in the tree (and units
    /// left out of it) belong to no subtree: they are counted at every root, so the root's total
    /// is the whole source's.
    public static func invalidFigures(catalog: SourceCatalog, tree: UnitTree) -> [String: InvalidFigures] {
        var own: [String: InvalidFigures] = [:]
        var orphans = InvalidFigures()
        func add(_ unit: String?, _ key: InvalidKey, _ count: Int) {
            if let unit, tree.units[unit] != nil {
                own[unit, default: .zero].counts[key, default: 0] += count
            } else {
                orphans.counts[key, default: 0] += count
            }
        }
        for row in catalog.validity {
            let known = row.unit.map { tree.units[$0] != nil } ?? false
            // eoffice_activity rows name a staff member, not a unit: their unit is the staff's.
            // Procedures belong to no unit: an invalid one counts at every root.
            if row.kind == .procedures {
                if let reason = row.reason { add(nil, InvalidKey(row.kind, reason), row.count) }
            } else if !known && row.kind != .eofficeActivity {
                add(nil, InvalidKey(row.kind, .unknownUnit), row.count)
            } else if let reason = row.reason {
                add(row.unit, InvalidKey(row.kind, reason), row.count)
            }
        }
        for row in tree.invalid { add(row.unit, row.key, row.count) }
        for root in tree.roots { own[root] = (own[root] ?? .zero) + orphans }
        return tree.rollUp(own)
    }
}

import EGovKPI

/// The statements of one read after the unit tree and the catalogue, in the order they run:
/// built once from the read's scope, then executed by `SQLiteSource` and printed by
/// `egov-exporter sql`, so both are always the same statements.
struct ReadPlan {
    /// One record table's invalid-record count: its invalid rows by unit and reason, and its
    /// rows per unit (how records of unit codes missing from the tree are found).
    struct InvalidCount {
        let kind: RecordKind
        let invalid: String
        let totals: String
    }

    /// The dossier figures of every period (nil without the one-stop-shop tables or periods).
    let dossierFigures: String?
    /// The procedures each unit received a dossier of online, in every period (nil like
    /// `dossierFigures`).
    let onlineProcedures: String?
    /// The whole-history invalid counts, when the read counts them.
    let invalidCounts: [InvalidCount]
    /// E-office activity rows naming no staff member or no valid day (nil unless counted).
    let eofficeInvalid: String?
    /// The records an import refused (nil unless counted, or when no import made the table).
    let rejected: String?
    /// Per period: outgoing documents, staff, work files (empty without the document tables).
    let periodQueries: [(documents: String, staff: String, workFiles: String)]

    /// The figures read `figures` (which names the units it reads, so every query is a range of
    /// the `unit_code`-first indexes), the invalid count reads `count`.
    /// `hasRejected`: the database has the `rejected_records` table of the imports.
    init(periods: [ReportingPeriod], systems: RecordSystems, figures: QueryScope, count: QueryScope?, hasRejected: Bool) {
        dossierFigures = systems.contains(.oneStop) && !periods.isEmpty
            ? DossierQueries.figures(periods: periods, scope: figures) : nil
        onlineProcedures = dossierFigures == nil ? nil : DossierQueries.onlineProcedures(periods: periods, scope: figures)
        var counts: [InvalidCount] = []
        if let count {
            if systems.contains(.oneStop) {
                counts.append(InvalidCount(kind: .dossiers, invalid: DossierQueries.invalid(scope: count),
                                           totals: Self.totals("dossiers", count)))
            }
            if systems.contains(.documents) {
                counts += [
                    InvalidCount(kind: .documents, invalid: DocumentQueries.invalid(scope: count), totals: Self.totals("documents", count)),
                    InvalidCount(kind: .workFiles, invalid: DocumentQueries.workFileInvalid(scope: count), totals: Self.totals("work_files", count)),
                    InvalidCount(kind: .staff, invalid: DocumentQueries.staffInvalid(scope: count), totals: Self.totals("staff", count)),
                ]
            }
        }
        invalidCounts = counts
        eofficeInvalid = count != nil && systems.contains(.documents) ? DocumentQueries.eofficeInvalid(scope: count!) : nil
        rejected = count != nil && hasRejected ? RejectedRecords.countSQL : nil
        periodQueries = systems.contains(.documents) ? periods.map {
            (DocumentQueries.period($0, scope: figures), DocumentQueries.staff($0, scope: figures),
             DocumentQueries.workFiles($0, scope: figures))
        } : []
    }

    /// Every statement, in the order `SQLiteSource` runs them.
    var statements: [String] {
        var result: [String] = dossierFigures.map { [$0] } ?? []
        result += onlineProcedures.map { [$0] } ?? []
        result += invalidCounts.flatMap { [$0.invalid, $0.totals] }
        result += eofficeInvalid.map { [$0] } ?? []
        result += rejected.map { [$0] } ?? []
        result += periodQueries.flatMap { [$0.documents, $0.staff, $0.workFiles] }
        return result
    }

    /// Rows per unit code, counted in the order of a `unit_code`-first index, without sorting.
    static func totals(_ table: String, _ scope: QueryScope) -> String {
        "SELECT \(scope.dialect.code("unit_code")), COUNT(*) FROM \(table) WHERE \(scope.filter("unit_code")) GROUP BY unit_code"
    }
}

extension ReadScope {
    /// The units whose figures a read computes, and the scope of its invalid count (nil codes:
    /// every record, those of unit codes missing from the tree included). `tree` is the
    /// source's unit tree, nil for a source without the units table.
    func codes(in tree: UnitTree?) -> (figures: [String]?, count: [String]?) {
        switch self {
        case .everything: (tree?.preorder, nil)
        case .tree(let codes): (codes, nil)
        case .units(let codes): (codes, codes)
        case .subtree(let unit):
            // A root's report counts the invalid records of unknown units too; an unknown unit
            // reads nothing, and the caller reports it.
            if let tree, tree.roots.contains(unit) {
                (tree.subtree(of: unit), nil)
            } else {
                (tree?.subtree(of: unit) ?? [], tree?.subtree(of: unit) ?? [])
            }
        }
    }
}

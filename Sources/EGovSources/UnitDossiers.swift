import EGovKPI

/// Which dossiers a unit page lists to say why its figures are what they are.
public enum DossierListKind: String, Sendable, CaseIterable {
    /// In progress at the end of the period and due before its last day (the overdue-in-progress
    /// count of DOMAIN.md section 4); most recently received first.
    case overdue
    /// Resolved (status 9 or 10) in the period on a local day after their due day (the late
    /// count); most recently finished first.
    case late
}

/// One listed dossier: what the office needs to chase it, and nothing about the applicant (the
/// canonical schema holds none).
public struct ListedDossier: Sendable, Hashable {
    public let id: String
    /// The receiving unit's code.
    public let unit: String
    public let procedure: String?
    public let procedureName: String?
    /// Lĩnh vực (`procedures.field`), nil when the catalogue gives none.
    public let field: String?
    public let received: LocalDate
    public let due: LocalDate
    /// Nil for a dossier still in progress at the end of the period.
    public let finished: LocalDate?
    /// Finished day minus due day (late), or the period's last day minus the due day (overdue).
    public let daysLate: Int

    public init(id: String, unit: String, procedure: String?, procedureName: String?, field: String?,
                received: LocalDate, due: LocalDate, finished: LocalDate?, daysLate: Int) {
        self.id = id
        self.unit = unit
        self.procedure = procedure
        self.procedureName = procedureName
        self.field = field
        self.received = received
        self.due = due
        self.finished = finished
        self.daysLate = daysLate
    }
}

/// How many listed dossiers fall in one lĩnh vực.
public struct FieldCount: Sendable, Hashable {
    /// Nil: the procedure has no field, or is not in the catalogue.
    public let field: String?
    public let count: Int

    public init(field: String?, count: Int) {
        self.field = field
        self.count = count
    }
}

/// One page of a unit's listed dossiers, with the whole list's count and its counts by field.
public struct DossierListPage: Sendable {
    public let kind: DossierListKind
    /// Every matching dossier of the subtree, not only this page's.
    public let total: Int
    /// Counts by field, largest first (ties by field name).
    public let byField: [FieldCount]
    public let rows: [ListedDossier]
    /// 1-based.
    public let page: Int
    public let pageSize: Int

    public var pageCount: Int { max(1, (total + pageSize - 1) / pageSize) }
}

extension SQLiteSource {
    /// Page `page` (1-based, `pageSize` rows) of the dossiers of `kind` received by the units
    /// `codes` in `period` (see `UnitDossierList`).
    public func dossierList(_ kind: DossierListKind, period: ReportingPeriod, codes: [String],
                            page: Int, pageSize: Int) throws -> DossierListPage {
        try read("list dossiers") { db in
            let runner = GRDBRunner(db: db)
            let list = UnitDossierList(kind, period: period, scope: QueryScope(zone: zone, unitCodes: codes),
                                       page: page, pageSize: pageSize, procedureColumns: try runner.procedureColumns())
            return list.page(counts: try runner.rows(list.countsSQL), rows: try runner.rows(list.rowsSQL))
        }
    }
}

/// One page of a unit page's dossier list, as two statements written once for both engines (the
/// dialect's pieces where they differ) and the page their rows make. Reads the same bounded
/// index ranges as a refresh, applies the refresh's validity rule (an invalid dossier is in no
/// figure, so in no list), and joins the procedure catalogue for names and fields. Every order
/// is total and compares codes byte by byte, so both engines give the same page.
public struct UnitDossierList: Sendable {
    public let kind: DossierListKind
    public let period: ReportingPeriod
    let scope: QueryScope
    /// 1-based.
    public let page: Int
    public let pageSize: Int
    /// The `procedures` table's column names, in lower case: `name` and `field` are read when
    /// the table has them.
    let procedureColumns: Set<String>

    /// The list of `kind` of the units of `scope` in `period`.
    init(_ kind: DossierListKind, period: ReportingPeriod, scope: QueryScope, page: Int, pageSize: Int,
         procedureColumns: Set<String>) {
        self.kind = kind
        self.period = period
        self.scope = scope
        self.page = page
        self.pageSize = pageSize
        self.procedureColumns = procedureColumns
    }

    /// The list of `kind` of the units `codes` in `period`, in `dialect`, over a `procedures`
    /// table with `procedureColumns` (lower case).
    public init(_ kind: DossierListKind, period: ReportingPeriod, codes: [String], page: Int, pageSize: Int,
                zone: UTCOffset, dialect: SQLDialect, procedureColumns: Set<String>) {
        self.init(kind, period: period, scope: QueryScope(zone: zone, unitCodes: codes, dialect: dialect),
                  page: page, pageSize: pageSize, procedureColumns: procedureColumns)
    }

    /// A catalogue column as text, NULL for every row when the table lacks it.
    private func procedureColumn(_ name: String) -> String {
        procedureColumns.contains(name) ? "p.\(name)" : "CAST(NULL AS TEXT)"
    }

    /// The matching dossiers joined with their procedure.
    private var joined: String {
        "FROM (\(UnitDossierQueries.matching(kind, period: period, scope: scope))) AS m "
            + "LEFT JOIN procedures AS p ON \(scope.dialect.codeValue("p.code")) = m.procedure_code"
    }

    /// The whole list's counts by lĩnh vực: `field, n`, largest first, then by field (no field
    /// first).
    public var countsSQL: String {
        let field = procedureColumn("field")
        return "SELECT \(field) AS field, COUNT(*) AS n \(joined) GROUP BY 1 "
            + "ORDER BY n DESC, \(scope.dialect.bytewise(field)) NULLS FIRST"
    }

    /// The page's rows: `id, unit_code, procedure_code, name, field, r, d, f`; overdue ones most
    /// recently received first, late ones most recently finished first, ties by id (descending).
    public var rowsSQL: String {
        let time = kind == .overdue ? "m.r" : "m.f"
        return """
            SELECT m.id, m.unit_code, m.procedure_code, \(procedureColumn("name")) AS name, \(procedureColumn("field")) AS field, \
            m.r, m.d, m.f \(joined)
            ORDER BY \(time) DESC, \(scope.dialect.bytewise("m.id")) DESC LIMIT \(pageSize) OFFSET \((page - 1) * pageSize)
            """
    }

    /// The page, from the rows of `countsSQL` and `rowsSQL`.
    public func page(counts: [SQLRow], rows: [SQLRow]) -> DossierListPage {
        let byField = counts.map { FieldCount(field: $0.text(0), count: $0.int(1) ?? 0) }
        let lastDay = period.lastDay.dayNumber
        let listed = rows.map { row -> ListedDossier in
            let due = row.int(6) ?? 0
            let finished = row.int(7).map { $0 / 86_400 }
            return ListedDossier(id: Self.code(row, 0) ?? "", unit: Self.code(row, 1) ?? "", procedure: Self.code(row, 2),
                                 procedureName: row.text(3), field: row.text(4),
                                 received: LocalDate(dayNumber: (row.int(5) ?? 0) / 86_400), due: LocalDate(dayNumber: due),
                                 finished: kind == .late ? finished.map(LocalDate.init(dayNumber:)) : nil,
                                 daysLate: (kind == .late ? finished ?? due : lastDay) - due)
        }
        return DossierListPage(kind: kind, total: byField.reduce(0) { $0 + $1.count }, byField: byField, rows: listed,
                               page: page, pageSize: pageSize)
    }

    /// A code at `index`: its text, or an integer's digits (an SQLite column may hold either).
    private static func code(_ row: SQLRow, _ index: Int) -> String? { row.text(index) ?? row.int(index).map(String.init) }
}

/// The SQL of the unit pages' dossier lists.
enum UnitDossierQueries {
    /// The valid dossiers of `kind` in `period` over `scope`: `id, procedure_code, unit_code, r,
    /// d, f` and the other normalised columns of `DossierQueries.columns`, codes as text. Index
    /// ranges per unit, as `DossierQueries.bounded`, with the exact local-time tests after.
    static func matching(_ kind: DossierListKind, period: ReportingPeriod, scope: QueryScope) -> String {
        let bounds = PeriodBounds(period)
        let dialect = scope.dialect
        let select = """
            SELECT \(dialect.code("id")), \(dialect.code("procedure_code")), \(DossierQueries.columns(scope)) \
            FROM dossiers WHERE \(scope.filter("unit_code"))
            """
        let ranges: String
        let condition: String
        switch kind {
        case .overdue:
            // Open now, or finished after the period's end (a closed period's in-progress ones).
            let afterEnd = SQLTime.textBound(period.lastDay, slackDays: -1)
            ranges = """
                \(select)
                  AND finished_at IS NULL AND \(scope.dialect.integer("status")) IN (2, 4, 5, 6) AND received_at < \(bounds.highText)
                UNION ALL
                \(select)
                  AND finished_at >= \(afterEnd) AND received_at < \(bounds.highText)
                """
            condition = "status NOT IN (1, 3) AND r < \(bounds.end) AND (f IS NULL OR f >= \(bounds.end)) AND d < \(bounds.lastDay)"
        case .late:
            ranges = """
                \(select)
                  AND finished_at >= \(bounds.lowText) AND finished_at < \(bounds.highText) AND \(scope.dialect.integer("status")) IN (9, 10)
                """
            condition = "f >= \(bounds.start) AND f < \(bounds.end) AND f / 86400 > d"
        }
        return """
            SELECT * FROM (\(ranges)
            \(dialect.fence)) AS l
            WHERE (\(DossierQueries.invalidReason(dialect))) IS NULL AND d IS NOT NULL AND \(condition)
            """
    }
}

import EGovKPI
import GRDB

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
    /// `codes` in `period`. Reads the same bounded index ranges as a refresh, applies the
    /// refresh's validity rule (an invalid dossier is in no figure, so in no list), and joins
    /// the procedure catalogue for names and fields.
    public func dossierList(_ kind: DossierListKind, period: ReportingPeriod, codes: [String],
                            page: Int, pageSize: Int) throws -> DossierListPage {
        try read("list dossiers") { db in
            let columns = Set(try db.columns(in: "procedures").map(\.name))
            let matching = UnitDossierQueries.matching(kind, period: period, scope: QueryScope(zone: zone, unitCodes: codes))
            let field = columns.contains("field") ? "p.field" : "NULL"
            let name = columns.contains("name") ? "p.name" : "NULL"
            let join = "FROM (\(matching)) m LEFT JOIN procedures p ON p.code = m.procedure_code"
            let counts = try Row.fetchAll(db, sql: "SELECT \(field) AS field, COUNT(*) AS n \(join) GROUP BY 1 ORDER BY n DESC, field")
                .map { FieldCount(field: $0[0], count: $0[1]) }
            let order = kind == .overdue ? "m.r DESC, m.id DESC" : "m.f DESC, m.id DESC"
            let lastDay = period.lastDay.dayNumber
            let rows = try Row.fetchAll(db, sql: """
                SELECT m.id, m.unit_code, m.procedure_code, \(name), \(field), m.r, m.d, m.f \(join)
                ORDER BY \(order) LIMIT ? OFFSET ?
                """, arguments: [pageSize, (page - 1) * pageSize]).map { row -> ListedDossier in
                let due: Int = row[6]
                let finished: Int? = (row[7] as Int?).map { $0 / 86_400 }
                return ListedDossier(id: row[0], unit: row[1], procedure: row[2], procedureName: row[3], field: row[4],
                                     received: LocalDate(dayNumber: (row[5] as Int) / 86_400), due: LocalDate(dayNumber: due),
                                     finished: kind == .late ? finished.map(LocalDate.init(dayNumber:)) : nil,
                                     daysLate: (kind == .late ? finished ?? due : lastDay) - due)
            }
            return DossierListPage(kind: kind, total: counts.reduce(0) { $0 + $1.count }, byField: counts, rows: rows,
                                   page: page, pageSize: pageSize)
        }
    }
}

/// The SQL of the unit pages' dossier lists.
enum UnitDossierQueries {
    /// The valid dossiers of `kind` in `period` over `scope`: `id, procedure_code, unit_code, r,
    /// d, f` and the other normalised columns of `DossierQueries.columns`. Index ranges per unit,
    /// as `DossierQueries.bounded`, with the exact local-time tests after.
    static func matching(_ kind: DossierListKind, period: ReportingPeriod, scope: QueryScope) -> String {
        let bounds = PeriodBounds(period)
        let select = "SELECT id, procedure_code, \(DossierQueries.columns(scope)) FROM dossiers WHERE \(scope.filter("unit_code"))"
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
            LIMIT -1 OFFSET 0)
            WHERE (\(DossierQueries.invalidReason(scope.dialect))) IS NULL AND d IS NOT NULL AND \(condition)
            """
    }
}

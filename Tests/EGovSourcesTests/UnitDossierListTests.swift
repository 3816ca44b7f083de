import EGovKPI
import EGovSources
import GRDB
import Testing

/// The unit pages' dossier lists, written once for SQLite and PostgreSQL: the pieces each
/// engine gets, the total order both give, and the page their rows make.
@Suite("Unit dossier lists in both dialects")
struct UnitDossierListTests {
    /// 2024-Q1 (nd09: 15/12/2023 to 14/03/2024).
    static let period = try! ReportingCalendar().period(id: "2024-Q1")

    static func list(_ kind: DossierListKind, page: Int = 1, dialect: SQLDialect,
                     procedureColumns: Set<String> = ["code", "name", "field", "level"]) -> UnitDossierList {
        UnitDossierList(kind, period: period, codes: ["05587", "05590"], page: page, pageSize: 50, zone: .vietnam,
                        dialect: dialect, procedureColumns: procedureColumns)
    }

    @Test("PostgreSQL: codes as text, ties broken by id compared bytewise, no field first, paging as literals")
    func postgresPieces() {
        let list = Self.list(.overdue, page: 2, dialect: .postgres(columnTypes: ["received_at": "timestamp with time zone"]))
        let rows = list.rowsSQL
        #expect(rows.hasPrefix("SELECT m.id, m.unit_code, m.procedure_code, p.name AS name, p.field AS field, m.r, m.d, m.f FROM ("))
        #expect(rows.hasSuffix("ORDER BY m.r DESC, m.id COLLATE \"C\" DESC LIMIT 50 OFFSET 50"))
        #expect(rows.contains("SELECT CAST(id AS TEXT) AS id, CAST(procedure_code AS TEXT) AS procedure_code, CAST(unit_code AS TEXT) AS unit_code,"))
        #expect(rows.contains("(FLOOR(EXTRACT(EPOCH FROM received_at))::bigint + 25200) AS r"))
        #expect(rows.contains("WHERE unit_code IN ('05587', '05590')"))
        #expect(rows.contains("\nOFFSET 0) AS l\n"))
        #expect(rows.contains(") AS m LEFT JOIN procedures AS p ON CAST(p.code AS TEXT) = m.procedure_code"))
        #expect(list.countsSQL.hasPrefix("SELECT p.field AS field, COUNT(*) AS n FROM ("))
        #expect(list.countsSQL.hasSuffix("GROUP BY 1 ORDER BY n DESC, p.field COLLATE \"C\" NULLS FIRST"))
        let late = Self.list(.late, dialect: .postgres(columnTypes: [:]), procedureColumns: ["code", "level"])
        #expect(late.rowsSQL.contains("CAST(NULL AS TEXT) AS name, CAST(NULL AS TEXT) AS field,"))
        #expect(late.rowsSQL.hasSuffix("ORDER BY m.f DESC, m.id COLLATE \"C\" DESC LIMIT 50 OFFSET 0"))
        #expect(late.countsSQL.hasSuffix("ORDER BY n DESC, CAST(NULL AS TEXT) COLLATE \"C\" NULLS FIRST"))
    }

    @Test("SQLite: the same statements with its own pieces")
    func sqlitePieces() {
        let list = Self.list(.overdue, page: 3, dialect: .sqlite)
        #expect(list.rowsSQL.hasSuffix("ORDER BY m.r DESC, m.id COLLATE BINARY DESC LIMIT 50 OFFSET 100"))
        #expect(list.rowsSQL.contains("SELECT id, procedure_code, unit_code, channel, status,"))
        #expect(list.rowsSQL.contains("\nLIMIT -1 OFFSET 0) AS l\n"))
        #expect(list.rowsSQL.contains(") AS m LEFT JOIN procedures AS p ON p.code = m.procedure_code"))
        #expect(list.countsSQL.hasSuffix("GROUP BY 1 ORDER BY n DESC, p.field COLLATE BINARY NULLS FIRST"))
    }

    @Test("on SQLite, both statements of each list search the dossier indexes and scan no record table")
    func boundedPlans() throws {
        for kind in DossierListKind.allCases {
            let list = Self.list(kind, dialect: .sqlite)
            for sql in [list.countsSQL, list.rowsSQL] {
                let steps = try BoundedReadTests.plan(sql, on: SeedReportTests.database)
                #expect(BoundedReadTests.scans(steps).isEmpty, "\(steps)")
                #expect(steps.contains { $0.hasPrefix("SEARCH dossiers USING INDEX dossiers_by_finished (unit_code=? AND finished_at") }, "\(steps)")
            }
        }
    }

    @Test("the page from rows: codes stored as integers read as their digits, days late of each kind")
    func pageFromRows() {
        func row(_ values: [DatabaseValue]) -> SQLRow { SQLRow(names: values.indices.map { "c\($0)" }, values: values) }
        let received = LocalDate(iso: "2024-02-01")!.dayNumber * 86_400 + 8 * 3600
        let due = LocalDate(iso: "2024-02-10")!.dayNumber
        let finished = LocalDate(iso: "2024-02-13")!.dayNumber * 86_400 + 9 * 3600
        let counts = [row([.null, 2.databaseValue]), row(["Đất đai".databaseValue, 2.databaseValue])]
        let rows = [row([1234.databaseValue, "05587".databaseValue, .null, .null, .null,
                         received.databaseValue, due.databaseValue, finished.databaseValue])]
        let late = Self.list(.late, dialect: .sqlite).page(counts: counts, rows: rows)
        #expect(late.total == 4)
        #expect(late.byField == [FieldCount(field: nil, count: 2), FieldCount(field: "Đất đai", count: 2)])
        #expect(late.rows == [ListedDossier(id: "1234", unit: "05587", procedure: nil, procedureName: nil, field: nil,
                                            received: LocalDate(iso: "2024-02-01")!, due: LocalDate(iso: "2024-02-10")!,
                                            finished: LocalDate(iso: "2024-02-13")!, daysLate: 3)])
        let overdue = Self.list(.overdue, dialect: .sqlite).page(counts: counts, rows: rows)
        // Overdue: the period's last day (14/03/2024) minus the due day; no finished day shown.
        #expect(overdue.rows.map(\.daysLate) == [33])
        #expect(overdue.rows.map(\.finished) == [nil])
        #expect(overdue.pageCount == 1)
    }

    @Test("on SQLite, equal times are ordered by id byte by byte; equal counts put no field first")
    func totalOrderOnSQLite() throws {
        let fixture = try Fixture()
        try fixture.sql("INSERT INTO procedures (code, name, field, level) VALUES ('P1', 'Khai sinh', 'Hộ tịch', 'commune'), ('P2', 'Đất', NULL, 'commune')")
        // Four overdue in progress, received at the same instant: ids differing in case and in
        // a letter beyond ASCII (bytewise: 'B' < 'a' < 'b' < 'Đ').
        for id in ["b", "Đ", "B", "a"] {
            try fixture.dossier(status: 2, received: "2024-02-01 08:00:00", due: "2024-02-10 17:00:00", id: id,
                                procedure: ["B", "a"].contains(id) ? "P2" : "P1")
        }
        let page = try fixture.source.dossierList(.overdue, period: Self.period, codes: ["05587"], page: 1, pageSize: 3)
        #expect(page.rows.map(\.id) == ["Đ", "b", "a"])
        #expect(page.byField == [FieldCount(field: nil, count: 2), FieldCount(field: "Hộ tịch", count: 2)])
        #expect(page.total == 4)
        let second = try fixture.source.dossierList(.overdue, period: Self.period, codes: ["05587"], page: 2, pageSize: 3)
        #expect(second.rows.map(\.id) == ["B"])
        #expect(second.rows.map(\.field) == [nil])
        #expect(second.rows.map(\.procedureName) == ["Đất"])
        #expect(second.pageCount == 2)
    }
}

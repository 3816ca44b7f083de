import EGovKPI
import EGovSources
import Foundation
import GRDB
import Testing

/// The procedure catalogue as `SQLiteSource` reads it: every fact of a valid row, each rule an
/// invalid row breaks, and databases without some or all of the optional columns.
@Suite("Procedure catalogue")
struct CatalogueTests {
    static let q1 = "2024-Q1"

    func reading(_ db: Fixture, _ ids: [String] = [q1], countingInvalid: Bool = true) throws -> SourceReading {
        let calendar = ReportingCalendar()
        return try db.source.read(periods: try ids.map { try calendar.period(id: $0) }, scope: .everything,
                                      countingInvalid: countingInvalid)
    }

    func procedure(_ db: Fixture, _ code: String, level: String = "commune", service: String = "none", fee: (any DatabaseValueConvertible)? = 0,
                   payment: (any DatabaseValueConvertible)? = 0, published: String? = nil, abolished: String? = nil,
                   eligible: String? = nil, portal: (any DatabaseValueConvertible)? = nil, interconnection: String? = nil,
                   independent: (any DatabaseValueConvertible)? = nil, process: String? = nil) throws {
        try db.sql("""
            INSERT INTO procedures (code, name, level, online_service, has_fee, online_payment, published_on, abolished_on,
                                    online_eligible, on_national_portal, interconnection, location_independent, internal_process)
            VALUES (?, 'Thủ tục', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [code, level, service, fee, payment, published, abolished, eligible, portal, interconnection, independent, process])
    }

    /// Replaces the procedures table with the one of databases made before the catalogue columns,
    /// plus `extra` columns.
    func oldCatalogue(_ db: Fixture, extra: [String] = []) throws {
        try db.sql("DROP TABLE procedures")
        try db.sql("""
            CREATE TABLE procedures (code TEXT PRIMARY KEY NOT NULL, name TEXT NOT NULL, field TEXT, level TEXT NOT NULL,
                online_service TEXT NOT NULL DEFAULT 'none', has_fee INTEGER NOT NULL DEFAULT 0,
                online_payment INTEGER NOT NULL DEFAULT 0\(extra.map { ", " + $0 }.joined()))
            """)
    }

    @Test("valid rows give their records with every fact; NULL words are none, NULL flags 0, NULL dates no day")
    func validRows() throws {
        // Given two complete procedures and one whose optional cells are NULL
        let db = try Fixture()
        try procedure(db, "1.001", service: "partial", fee: 1, payment: 1, published: "2024-01-10", abolished: "2025-07-01",
                      eligible: "full", portal: 1, interconnection: "inter_level", independent: 1, process: "digitized")
        try procedure(db, "1.002", level: "district", service: "full", published: "2019-05-01", eligible: "full", portal: 0,
                      interconnection: "same_level", independent: 0, process: "approved")
        try procedure(db, "1.003")
        // When the source reads them
        let catalog = try reading(db).catalog
        // Then
        #expect(catalog.catalogueColumns == Set(CatalogueColumn.allCases))
        #expect(catalog.procedures.sorted { $0.code < $1.code } == [
            ProcedureRecord(code: "1.001", level: "commune", onlineService: .partial, hasFee: true, onlinePayment: true,
                            publishedOn: LocalDate(iso: "2024-01-10"), abolishedOn: LocalDate(iso: "2025-07-01"), onlineEligible: .full,
                            onNationalPortal: true, interconnection: .interLevel, locationIndependent: true, internalProcess: .digitized),
            ProcedureRecord(code: "1.002", level: "district", onlineService: .full, publishedOn: LocalDate(iso: "2019-05-01"),
                            onlineEligible: .full, onNationalPortal: false, interconnection: .sameLevel, locationIndependent: false,
                            internalProcess: .approved),
            ProcedureRecord(code: "1.003", level: "commune", onlineEligible: OnlineService.none, onNationalPortal: false,
                            interconnection: Interconnection.none, locationIndependent: false, internalProcess: InternalProcess.none),
        ])
        #expect(catalog.validity.filter { $0.kind == .procedures }.isEmpty)
    }

    @Test("an invalid row is left out and counted once, under the first rule it breaks, at the root")
    func invalidRows() throws {
        // Given one valid procedure and one row breaking each rule (the last one breaks two)
        let db = try Fixture()
        try procedure(db, "OK")
        try procedure(db, "X1", level: "")
        try procedure(db, "X2", level: "  ")
        try procedure(db, "X3", service: "level4")
        try procedure(db, "X4", fee: 2)
        try procedure(db, "X5", payment: "yes")
        try procedure(db, "X6", published: "15/12/2023")
        try procedure(db, "X7", abolished: "2024-02-30")
        try procedure(db, "X8", eligible: "mức độ 3")
        try procedure(db, "X9", portal: 3)
        try procedure(db, "X10", interconnection: "both")
        try procedure(db, "X11", independent: -1)
        try procedure(db, "X12", process: "draft")
        try procedure(db, "X13", level: "", service: "bad")
        // When the source reads them, counting invalid records, and without counting them
        let counted = try reading(db)
        let skipped = try reading(db, countingInvalid: false)
        // Then only the valid one is a record, and the others are counted by reason
        #expect(counted.catalog.procedures.map(\.code) == ["OK"])
        let reasons = counted.catalog.validity.filter { $0.kind == .procedures }
        #expect(reasons.allSatisfy { $0.unit == nil })
        #expect(Dictionary(uniqueKeysWithValues: reasons.map { ($0.reason, $0.count) }) == [
            .missingLevel: 3, .unknownOnlineService: 1, .invalidFlag: 4, .unparseablePublishedOn: 1,
            .unparseableAbolishedOn: 1, .unknownOnlineEligible: 1, .unknownInterconnection: 1, .unknownInternalProcess: 1,
        ])
        #expect(try #require(counted.reports()[0]["19"]).invalid.counts[InvalidKey(.procedures, .missingLevel)] == 3)
        #expect(try #require(counted.reports()[0]["05587"]).invalid.counts[InvalidKey(.procedures, .missingLevel)] == nil)
        #expect(skipped.catalog.procedures.map(\.code) == ["OK"])
        #expect(skipped.recordValidity.isEmpty)
        #expect(skipped.withRecordValidity(counted.recordValidity).reports()[0]["19"]?.invalid == counted.reports()[0]["19"]?.invalid)
    }

    @Test("a database made before the catalogue columns reads as before: no columns, no facts")
    func oldSchema() throws {
        // Given the old procedures table
        let db = try Fixture()
        try oldCatalogue(db)
        try db.sql("INSERT INTO procedures (code, name, level, online_service, has_fee, online_payment) VALUES ('1.1', 'A', 'commune', 'full', 1, 0)")
        try db.dossier(status: 10, received: "2024-01-02 08:00:00", due: "2024-01-10", finished: "2024-01-05 08:00:00", procedure: "1.1")
        // When the source reads it
        let read = try reading(db)
        // Then the record has its required facts only, and the figures are read
        #expect(read.catalog.catalogueColumns.isEmpty)
        #expect(read.catalog.procedures == [ProcedureRecord(code: "1.1", level: "commune", onlineService: .full, hasFee: true)])
        let unit = try #require(read.reports()[0]["05587"])
        #expect(unit.procedures.total == 1 && unit.procedures.published == nil && unit.procedures.partial == nil)
        #expect(unit.dossiers.onlineRate == Ratio(1, of: 1) && unit.dossiers.paidOnlineRate == Ratio(0, of: 1))
    }

    @Test("only the optional columns the table has are read; the printed statements are those run")
    func someColumns() throws {
        // Given a procedures table with two of the optional columns
        let db = try Fixture()
        try oldCatalogue(db, extra: ["published_on TEXT", "internal_process TEXT"])
        try db.sql("INSERT INTO procedures (code, name, level, published_on, internal_process) VALUES ('1.1', 'A', 'commune', '2024-01-10', 'approved')")
        // When the source reads it
        let read = try reading(db)
        // Then those two facts are read, the others are nil
        #expect(read.catalog.catalogueColumns == [.publishedOn, .internalProcess])
        #expect(read.catalog.procedures == [ProcedureRecord(code: "1.1", level: "commune", publishedOn: LocalDate(iso: "2024-01-10"),
                                                            internalProcess: .approved)])
        let period = try ReportingCalendar().period(id: Self.q1)
        let statements = try #require(try db.source.statements(for: [period]))
        #expect(statements[1] == "SELECT code, level, online_service, has_fee, online_payment, published_on, internal_process FROM procedures")
        #expect(try PrintedStatementsTests().executed(db.source, periods: [period], scope: .everything)
            == PrintedStatementsTests().trimmed(statements))
    }
}

/// The dossier flags and the online-procedures rows the adapter reads, and the staff present.
@Suite("Dossier flags, procedures received online, staff present")
struct DossierFlagTests {
    func periods(_ ids: String...) throws -> [ReportingPeriod] {
        let calendar = ReportingCalendar()
        return try ids.map { try calendar.period(id: $0) }
    }

    @Test("each dossier is classified by its procedure offered online, digitised (received new) and fee (resolved)")
    func flags() throws {
        // Given a procedure offered online with a fee, one not offered online, and dossiers of
        // them and of a procedure missing from the catalogue
        let db = try Fixture()
        try db.sql("INSERT INTO procedures (code, name, level, online_service, has_fee, online_payment) VALUES ('ON', 'A', 'commune', 'partial', 1, 1)")
        try db.sql("INSERT INTO procedures (code, name, level, online_service, has_fee, online_payment) VALUES ('OFF', 'B', 'commune', 'none', 0, 0)")
        try db.dossier(channel: 2, status: 10, received: "2024-01-02 08:00:00", due: "2024-01-10", finished: "2024-01-05 08:00:00",
                       procedure: "ON", paidOnline: 1, digitized: 1)
        try db.dossier(channel: 1, status: 10, received: "2024-01-03 08:00:00", due: "2024-01-10", finished: "2024-01-05 08:00:00",
                       procedure: "ON")
        try db.dossier(channel: 2, status: 4, received: "2024-01-04 08:00:00", procedure: "OFF", digitized: 1)
        try db.dossier(channel: 2, status: 10, received: "2023-12-01 08:00:00", due: "2023-12-20", finished: "2024-01-05 08:00:00",
                       procedure: "MISSING", paidOnline: 1, digitized: 1)
        try db.dossier(channel: 2, status: 4, received: "2023-11-01 08:00:00", procedure: "ON", digitized: 1)
        // When the source reads 2024-Q1 and 2024-Q2
        let read = try db.source.read(periods: try periods("2024-Q1", "2024-Q2"), scope: .everything)
        // Then the class rows carry the flags each figure reads
        #expect(read.periods[0].dossiers == [
            DossierClassCount(unit: "05587", origin: .new, channel: .direct, outcome: .resolved, timeliness: .early,
                              procedureOnline: true, fee: .unpaidOnline, count: 1),
            DossierClassCount(unit: "05587", origin: .carriedOver, channel: .online, outcome: .resolved, timeliness: .late, count: 1),
            DossierClassCount(unit: "05587", origin: .carriedOver, channel: .online, outcome: .inProgress, timeliness: .onTime,
                              procedureOnline: true, count: 1),
            DossierClassCount(unit: "05587", origin: .new, channel: .online, outcome: .resolved, timeliness: .early,
                              procedureOnline: true, digitized: true, fee: .paidOnline, count: 1),
            DossierClassCount(unit: "05587", origin: .new, channel: .online, outcome: .inProgress, timeliness: .onTime,
                              digitized: true, count: 1),
        ])
        // The dossier received new in Q1 is carried over into Q2: its digitised flag no longer counts
        #expect(read.periods[1].dossiers == [
            DossierClassCount(unit: "05587", origin: .carriedOver, channel: .online, outcome: .inProgress, timeliness: .onTime, count: 1),
            DossierClassCount(unit: "05587", origin: .carriedOver, channel: .online, outcome: .inProgress, timeliness: .onTime,
                              procedureOnline: true, count: 1),
        ])
        let d = try #require(read.reports()[0]["05587"]).dossiers
        #expect(d.onlineRate == Ratio(2, of: 3) && d.onlineShare == Ratio(4, of: 5))
        #expect(d.digitizedRate == Ratio(2, of: 3) && d.paidOnlineRate == Ratio(1, of: 2))
    }

    @Test("procedures received online: valid dossiers of the workload received new through channel 2, per period")
    func onlineProcedures() throws {
        // Given dossiers of procedures A to H at two communes
        let db = try Fixture()
        try db.dossier(status: 10, received: "2024-01-02 08:00:00", finished: "2024-01-03 08:00:00", procedure: "A")
        try db.dossier(status: 4, received: "2024-02-02 08:00:00", procedure: "A")
        try db.dossier("05590", status: 4, received: "2024-01-02 08:00:00", procedure: "A")
        try db.dossier(channel: 1, status: 4, received: "2024-01-02 08:00:00", procedure: "B")
        try db.dossier(status: 1, received: "2024-01-02 08:00:00", procedure: "C")
        try db.dossier(status: 3, received: "2024-01-02 08:00:00", finished: "2024-01-02 09:00:00", procedure: "C")
        try db.dossier(status: 11, received: "2024-01-02 08:00:00", procedure: "D")
        try db.dossier(status: 4, received: "2023-12-01 08:00:00", procedure: "E")
        try db.dossier(status: 4, received: "2024-04-02 08:00:00", procedure: "F")
        try db.dossier(status: 4, received: "2024-03-14T17:30:00Z", procedure: "G")
        try db.dossier(status: 4, received: "2024-03-14T16:30:00Z", procedure: "H")
        try db.dossier(status: 4, received: "2024-05-02 08:00:00", procedure: "H")
        try db.dossier(status: 4, received: "2024-01-02 08:00:00", procedure: nil)
        // When the source reads 2024-Q1 and 2024-Q2
        let read = try db.source.read(periods: try periods("2024-Q1", "2024-Q2"), scope: .everything)
        // Then
        func pairs(_ index: Int) -> Set<String> { Set(read.periods[index].onlineProcedures.map { "\($0.unit) \($0.procedure)" }) }
        #expect(read.periods[0].onlineProcedures.count == 3)
        #expect(pairs(0) == ["05587 A", "05590 A", "05587 H"])
        #expect(pairs(1) == ["05587 F", "05587 G", "05587 H"])
        // And a subtree's read has its units' pairs only
        let commune = try db.source.read(periods: try periods("2024-Q1"), scope: .subtree(of: "05590"))
        #expect(commune.periods[0].onlineProcedures == [OnlineProcedureUse(unit: "05590", procedure: "A")])
    }

    @Test("staff present: active on the period's last day")
    func staffPresent() throws {
        // Given staff who stay, leave the day before the last day, join on it, join after it
        let db = try Fixture()
        try db.staff("S1", from: "2020-01-01")
        try db.staff("S2", from: "2020-01-01", to: "2024-03-13")
        try db.staff("S3", from: "2024-03-14")
        try db.staff("S4", from: "2024-03-15")
        try db.staff("S5", "05590", from: "2023-01-01", to: "2024-03-14")
        // When the source reads 2024-Q1
        let read = try db.source.read(periods: try periods("2024-Q1"), scope: .everything)
        // Then
        #expect(Set(read.periods[0].staff) == [StaffCount(unit: "05587", staff: 3, activeUsers: 0, present: 2),
                                               StaffCount(unit: "05590", staff: 1, activeUsers: 0, present: 1)])
        #expect(try db.report("164").eoffice.present == 3)
        #expect(try db.report("05587", asOf: "2024-03-13").eoffice.present == 2)
    }
}

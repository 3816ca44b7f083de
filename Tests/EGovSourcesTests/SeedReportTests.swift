import EGovDemo
import EGovKPI
import EGovSources
import Foundation
import Synchronization
import Testing

/// The first acceptance test: xã Bình Yên's Q1 2024 report (../shared/seed), recomputed from the
/// demo database's records through the same adapter and indicators the exporter uses.
@Suite("Seed report: xã Bình Yên, 2024-Q1")
struct SeedReportTests {
    static let database: String = {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("egov-seed-\(getpid()).sqlite").path
        try? FileManager.default.removeItem(atPath: path)
        _ = try! DemoGenerator(scale: .small, seed: 1, until: LocalDate(iso: "2026-11-29")!).write(to: path)
        return path
    }()

    let calendar = ReportingCalendar()

    @Test("the appendix and narrative figures of the seed")
    func seedFigures() throws {
        let period = try calendar.period(id: "2024-Q1")
        let report = try #require(try SQLiteSource(path: Self.database).report(for: period, unit: DemoUnits.binhYen)[DemoUnits.binhYen])
        let d = report.dossiers
        #expect(d.carriedOver == 3)
        #expect(d.receivedNew == 348)
        #expect(d.receivedTotal == 351)
        #expect(d.received(.online) == 351 && d.received(.direct) == 0 && d.received(.postal) == 0)
        #expect(d.resolved == 348)
        #expect(d.resolved(.early) == 325 && d.resolved(.onTime) == 23 && d.resolved(.late) == 0)
        #expect(d.withdrawn == 0 && d.stopped == 0)
        #expect(d.inProgress == 3)
        #expect(d.identityHolds)
        #expect(report.procedures.total == 118)
        #expect(report.eoffice.staff == 19)
        // 3.2.4 = 100 % (351 / 351) and 3.4.2 = 100 % (348 / 348), as the seed's appendix prints them.
        #expect(report.eoffice.present == 19)
        let rows = report.appendix()
        func value(_ number: String) -> AppendixValue? { rows.first { $0.number == number }?.value }
        #expect(value("3.2.4.") == .integer(100) && value("3.4.2.") == .integer(100) && value("4.2.2.") == .integer(19))
        #expect(value("3.4.1.") == nil)
        let index = try #require(rows.firstIndex { $0.number == "3.2.4." })
        #expect(rows[index + 1].value == .integer(351) && rows[index + 2].value == .integer(351))
        let resolved = try #require(rows.firstIndex { $0.number == "3.4.2." })
        #expect(rows[resolved + 1].value == .integer(348) && rows[resolved + 2].value == .integer(348))
    }

    @Test("the demo's catalogue and the dossier flags at xã Bình Yên, 2024-Q1: every dossier of an online procedure, 19 present")
    func catalogue() throws {
        let period = try calendar.period(id: "2024-Q1")
        let read = try SQLiteSource(path: Self.database).read(periods: [period], scope: .subtree(of: DemoUnits.binhYen))
        let report = try #require(read.reports()[0][DemoUnits.binhYen])
        #expect(read.catalog.catalogueColumns == Set(CatalogueColumn.allCases))
        #expect(read.catalog.validity.filter { $0.kind == .procedures }.isEmpty)
        let d = report.dossiers
        #expect(d.onlineRate == Ratio(351, of: 351) && d.onlineShare == Ratio(351, of: 351))
        #expect(d.receivedNewDigitized > 0 && d.resolvedFee > 0)
        #expect(report.eoffice.present == 19)
        let p = report.procedures
        #expect(p.total == 118 && p.total(at: "commune") == 118 && p.total(at: "district") == nil)
        #expect(p.published == 8 && p.abolished == 1)
        #expect(p.partial?.eligible == 31 && p.partial?.offered == 21 && p.full?.eligible == 73 && p.full?.offered == 56)
        #expect(p.online == 85 && p.onNationalPortal == 68)
        #expect(p.sameLevel == 7 && p.interLevel == 13 && p.locationIndependent == 30)
        #expect(p.processApproved == 108 && p.processDigitized == 68)
        let used = Set(read.periods[0].onlineProcedures.filter { $0.unit == DemoUnits.binhYen }.map(\.procedure))
        #expect(used.count == 58)
        #expect((p.partial?.withOnlineDossiers ?? 0) + (p.full?.withOnlineDossiers ?? 0) > 0)
    }

    @Test("the narrative: every outgoing document signed, all to agencies electronic, villages on paper")
    func documentNarrative() throws {
        for id in ["2024-Q1", "2024-Q2", "2025-Y"] {
            let period = try calendar.period(id: id)
            let report = try #require(try SQLiteSource(path: Self.database).report(for: period)[DemoUnits.binhYen])
            let doc = report.documents
            #expect(doc.outgoing > 0, "\(id)")
            #expect(doc.outgoingSigned == doc.outgoing, "\(id)")
            #expect(doc.interagencyTotal > 0 && doc.electronicRate == Ratio(doc.interagencyTotal, of: doc.interagencyTotal), "\(id)")
            #expect(doc.fullyElectronicRate.value == 1, "\(id)")
        }
    }

    @Test("the accounting identity holds for every unit and period of the demo")
    func identityEverywhere() throws {
        let source = SQLiteSource(path: Self.database)
        let ids = ["2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4", "2024-H1", "2024-9M", "2024-Y", "2025-Q1", "2026-Q3"]
        let periods = try ids.map { try calendar.period(id: $0) }
            + [try ReportingCalendar(profile: .calendar).period(id: "2025-Q2")]
        let reading = try source.read(periods: periods, scope: .everything)
        for (report, aggregates) in zip(reading.reports(), reading.periods) {
            for unit in report.units.values {
                #expect(unit.dossiers.identityHolds, "\(unit.unit.code) \(report.period.id)")
            }
            // A parent's figures are exactly its own dossiers' plus its children's.
            let root = try #require(report[DemoUnits.province])
            let own = DossierFigures(aggregates.dossiers.filter { $0.unit == DemoUnits.province })
            #expect(own.receivedTotal > 0, "the province resolves dossiers of its own")
            let children = report.tree.children[DemoUnits.province] ?? []
            let sum = children.compactMap { report[$0]?.dossiers }.reduce(own, +)
            #expect(root.dossiers == sum, "\(report.period.id)")
        }
    }

    @Test("the demo has late, in-person, paper, unconnected and invalid records elsewhere")
    func variety() throws {
        let period = try calendar.period(id: "2024-Y")
        let report = try SQLiteSource(path: Self.database).report(for: period)
        let root = try #require(report[DemoUnits.province])
        #expect(root.dossiers.resolved(.late) > 0)
        #expect(root.dossiers.received(.direct) > 0)
        #expect(root.documents.interagency(.paper) + root.documents.interagency(.electronicWithPaper) > 0)
        #expect(root.connections.communeOneStopRate.value! < 1)
        #expect(root.invalid.total > 0)
        let communes = report.units.values.filter { $0.unit.level == UnitLevel.commune }
        #expect(communes.contains { $0.dossiers.onTimeRate.value ?? 1 < 0.9 })
        #expect(communes.contains { $0.dossiers.onlineRate.value ?? 1 < 0.5 })
        #expect(report.units.values.contains { $0.unit.level == "department" && $0.dossiers.receivedTotal > 0 })
    }
}

/// `egov-exporter sql` (what `make bench` hands to the sqlite3 CLI) must list exactly the
/// statements a read runs, or the benchmark would compare against other work.
@Suite("Printed statements")
struct PrintedStatementsTests {
    /// What a read runs, without the statements GRDB issues for itself.
    func executed(_ source: SQLiteSource, periods: [ReportingPeriod], scope: ReadScope, countingInvalid: Bool = true) throws -> [String] {
        let log = Mutex<[String]>([])
        var observed = source
        observed.statementObserver = { sql in log.withLock { $0.append(sql) } }
        _ = try observed.read(periods: periods, scope: scope, countingInvalid: countingInvalid)
        return log.withLock { $0 }.filter { sql in
            !["BEGIN", "COMMIT", "ROLLBACK", "PRAGMA"].contains { sql.uppercased().hasPrefix($0) } && !sql.contains("sqlite_master")
        }
    }

    func trimmed(_ statements: [String]?) -> [String] { (statements ?? []).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) } }

    @Test("for a refresh of every unit, with and without the invalid count, and for one commune's report")
    func sameStatements() throws {
        let source = SQLiteSource(path: SeedReportTests.database)
        let calendar = ReportingCalendar()
        let periods = try ["2024-Q1", "2024-Q2", "2024-Y"].map { try calendar.period(id: $0) }
        let everything = try executed(source, periods: periods, scope: .everything)
        // Units, procedures, the dossier figures, the procedures received online, 4 invalid counts
        // of 2 statements, the e-office invalid count, and 3 document-system statements per period.
        #expect(everything.count == 2 + 2 + 8 + 1 + 9)
        #expect(everything == trimmed(try source.statements(for: periods)))
        let refresh = try executed(source, periods: periods, scope: .everything, countingInvalid: false)
        #expect(refresh.count == 2 + 2 + 9)
        #expect(refresh == trimmed(try source.statements(for: periods, countingInvalid: false)))
        let commune = try executed(source, periods: [periods[0]], scope: .subtree(of: DemoUnits.binhYen))
        #expect(commune == trimmed(try source.statements(for: [periods[0]], unit: DemoUnits.binhYen)))
        #expect(try source.statements(for: periods, unit: "404") == nil)
    }

    @Test("in a store an import writes, the count of its rejected records is one of the statements")
    func rejectedRecords() throws {
        let db = try Fixture()
        try db.sql("INSERT INTO rejected_records (file, position, kind, reason, record_id, unit_code, record) VALUES ('a.json', 'data[0]', 'dossiers', 'missing_id', NULL, '05587', '{}')")
        let period = try ReportingCalendar().period(id: "2024-Q1")
        let counted = try executed(db.source, periods: [period], scope: .everything)
        #expect(counted.contains("SELECT kind, unit_code, reason, COUNT(*) FROM rejected_records GROUP BY kind, unit_code, reason ORDER BY kind, unit_code, reason"))
        #expect(counted == trimmed(try db.source.statements(for: [period])))
        #expect(try executed(db.source, periods: [period], scope: .everything, countingInvalid: false)
            == trimmed(try db.source.statements(for: [period], countingInvalid: false)))
        #expect(try db.report("05587").invalid.counts == [InvalidKey(.dossiers, .missingId): 1])
    }
}

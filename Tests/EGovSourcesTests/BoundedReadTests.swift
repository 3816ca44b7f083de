import EGovDemo
import EGovKPI
import EGovSources
import Foundation
import GRDB
import Testing

/// A refresh reads only what its periods need: index ranges per unit, never a scan of a record
/// table, so years of closed history cost nothing and change no figure.
@Suite("Reads bounded by the periods")
struct BoundedReadTests {
    /// The periods a daemon refresh exposes on `day`: the current and previous quarter, the
    /// current year and the last 30 days.
    static func refreshPeriods(on day: String) throws -> [ReportingPeriod] {
        let calendar = ReportingCalendar()
        let today = try #require(LocalDate(iso: day))
        return [calendar.quarterPeriod(containing: today).truncated(toDay: today), calendar.previousQuarterPeriod(before: today),
                calendar.yearPeriod(containing: today).truncated(toDay: today),
                ReportingPeriod(id: "last_30_days", firstDay: today.adding(days: -29), lastDay: today)]
    }

    /// The query plan of `sql` on `path`, one line per step.
    static func plan(_ sql: String, on path: String) throws -> [String] {
        var config = Configuration()
        config.readonly = true
        let queue = try DatabaseQueue(path: path, configuration: config)
        return try queue.read { db in try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql).map { $0["detail"] as String } }
    }

    /// The record tables a step of a plan scans whole (a `SCAN` of a table or of its index).
    static func scans(_ steps: [String]) -> [String] {
        let tables = ["dossiers", "documents", "staff", "eoffice_activity", "e", "work_files"]
        return steps.filter { step in tables.contains { step.hasPrefix("SCAN \($0) ") || step == "SCAN \($0)" } }
    }

    @Test("every statement of a refresh and of a commune's report searches an index; none scans a record table",
          arguments: [true, false])
    func queryPlans(analyzed: Bool) throws {
        // The demo has statistics (ANALYZE); a database made by init-db has none, and the plans
        // must not depend on them.
        let path: String
        let fixture = analyzed ? nil : try Fixture()
        if let fixture {
            try fixture.dossier(status: 4, received: "2024-01-02 08:00:00")
            path = fixture.path
        } else {
            path = SeedReportTests.database
        }
        let source = SQLiteSource(path: path)
        let periods = try Self.refreshPeriods(on: "2026-11-29")
        var statements = try #require(try source.statements(for: periods, countingInvalid: false))
        statements += try #require(try source.statements(for: [periods[1]], unit: DemoUnits.binhYen, countingInvalid: false))
        #expect(statements.count == 2 * (2 + 2) + 3 * 4 + 3)
        var searched: Set<String> = []
        for sql in statements {
            let steps = try Self.plan(sql, on: path)
            #expect(Self.scans(steps).isEmpty, "\(steps) for \(sql.prefix(80))")
            for table in ["dossiers", "documents", "staff", "work_files"] where steps.contains(where: { $0.hasPrefix("SEARCH \(table) USING") }) {
                searched.insert(table)
            }
        }
        #expect(searched == ["dossiers", "documents", "staff", "work_files"])
    }

    @Test("ten years of closed history change no figure of the exposed periods", arguments: ["2024-03-20", "2026-11-29"])
    func history(day: String) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("egov-history-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let until = try #require(LocalDate(iso: "2026-11-29"))
        var reports: [[PeriodReport]] = []
        for years in [0, 10] {
            let path = directory.appendingPathComponent("h\(years).sqlite").path
            let summary = try DemoGenerator(scale: .small, seed: 3, until: until, historyYears: years).write(to: path)
            #expect(years == 0 ? summary.dossiers < 6_000 : summary.dossiers > 15_000, "\(summary.dossiers) dossiers")
            let read = try SQLiteSource(path: path).read(periods: try Self.refreshPeriods(on: day), scope: .everything,
                                                              countingInvalid: false)
            #expect(read.missingIndexes.isEmpty)
            reports.append(read.reports())
        }
        for (without, with) in zip(reports[0], reports[1]) {
            #expect(without.units.count == 17)
            for (code, unit) in without.units {
                let other = try #require(with[code])
                #expect(unit.dossiers == other.dossiers, "\(code) \(without.period.id)")
                #expect(unit.documents == other.documents, "\(code) \(without.period.id)")
                #expect(unit.eoffice == other.eoffice && unit.connections == other.connections, "\(code) \(without.period.id)")
            }
            #expect(without[DemoUnits.province]!.dossiers.receivedTotal > 0)
        }
    }

    @Test("without the indexes: the same figures, the missing ones named; index-db adds them once")
    func missingIndexes() throws {
        let db = try Fixture()
        try db.dossier(status: 10, received: "2023-12-20 08:00:00", due: "2024-01-05", finished: "2024-01-03 08:00:00")
        try db.dossier(status: 4, received: "2023-11-02 08:00:00", due: "2023-11-20")
        try db.dossier(status: 10, received: "2023-01-02 08:00:00", due: "2023-01-05", finished: "2023-01-03 08:00:00")
        try db.document(issued: "2024-01-10 09:00:00")
        let period = try ReportingCalendar().period(id: "2024-Q1")
        let indexed = try db.source.read(periods: [period], scope: .everything)
        try db.sql("DROP INDEX dossiers_by_finished")
        try db.sql("DROP INDEX documents_by_unit")
        let bare = try db.source.read(periods: [period], scope: .everything)
        #expect(bare.missingIndexes == ["dossiers_by_finished", "documents_by_unit"])
        let (a, b) = (try #require(indexed.reports()[0]["05587"]), try #require(bare.reports()[0]["05587"]))
        #expect(a.dossiers == b.dossiers && a.documents == b.documents && a.invalid == b.invalid)
        #expect(a.dossiers.carriedOver == 1 && a.dossiers.receivedNew == 1 && a.dossiers.inProgressOverdue == 1)
        #expect(try SchemaWriter.addIndexes(at: db.path) == ["dossiers_by_finished", "documents_by_unit"])
        #expect(try SchemaWriter.addIndexes(at: db.path) == [])
        #expect(try db.source.read(periods: [period], scope: .everything).missingIndexes == [])
        #expect(CanonicalSchema.missingIndexesWarning(["dossiers_by_finished"], path: "x.sqlite")
            == "x.sqlite lacks the indexes dossiers_by_finished (or has an earlier form of them): the figures are right, but reads are slower, up to scanning the whole history; add them once with `egov-exporter index-db x.sqlite`")
    }

    @Test("an index of an earlier form is outdated: named like a missing one, rebuilt by index-db once")
    func outdatedIndexes() throws {
        let db = try Fixture()
        try db.dossier(status: 10, received: "2024-01-02 08:00:00", due: "2024-01-05", finished: "2024-01-03 08:00:00")
        let period = try ReportingCalendar().period(id: "2024-Q1")
        let current = try db.source.read(periods: [period], scope: .everything)
        // Given the dossier index as versions before the catalogue columns made it
        try db.sql("DROP INDEX dossiers_by_received")
        try db.sql("CREATE INDEX dossiers_by_received ON dossiers(unit_code, received_at, finished_at, channel, status, due_at)")
        let old = try db.source.read(periods: [period], scope: .everything)
        #expect(old.missingIndexes == ["dossiers_by_received"])
        #expect(try #require(old.reports()[0]["05587"]).dossiers == (try #require(current.reports()[0]["05587"])).dossiers)
        #expect(try SchemaWriter.addIndexes(at: db.path) == ["dossiers_by_received"])
        #expect(try SchemaWriter.addIndexes(at: db.path) == [])
        #expect(try db.source.read(periods: [period], scope: .everything).missingIndexes == [])
    }

    @Test("a read without the invalid count leaves it to an earlier one, and says so")
    func withoutInvalidCount() throws {
        let db = try Fixture()
        try db.dossier(status: 4, received: "2024-01-02 08:00:00")
        try db.dossier(status: 4, received: nil)
        let period = try ReportingCalendar().period(id: "2024-Q1")
        let counted = try db.source.read(periods: [period], scope: .everything, countingInvalid: true)
        let skipped = try db.source.read(periods: [period], scope: .everything, countingInvalid: false)
        #expect(counted.invalidCounted && !skipped.invalidCounted)
        #expect(skipped.recordValidity.isEmpty)
        #expect(counted.recordValidity.contains(ValidityCount(kind: .dossiers, unit: "05587", reason: .missingReceivedAt, count: 1)))
        let completed = skipped.withRecordValidity(counted.recordValidity)
        #expect(completed.reports()[0]["19"]?.invalid == counted.reports()[0]["19"]?.invalid)
        #expect(completed.reports()[0]["05587"]?.dossiers == counted.reports()[0]["05587"]?.dossiers)
    }
}

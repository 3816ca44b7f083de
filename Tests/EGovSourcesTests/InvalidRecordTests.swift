import EGovKPI
import EGovReports
import EGovSources
import Foundation
import Testing

/// Invalid records never crash anything and never silently vanish: each is counted once, by kind
/// and reason, and left out of the indicators.
@Suite("Invalid records")
struct InvalidRecordTests {
    @Test("every dossier reason is counted and none enters the figures")
    func dossiers() throws {
        let db = try Fixture()
        let good = "2024-01-02 08:00:00"
        try db.dossier(status: 10, received: good, due: "2024-01-05", finished: "2024-01-03 08:00:00") // the one valid
        try db.dossier("99999", status: 4, received: good)
        try db.dossier(nil, status: 4, received: good)
        try db.dossier(status: 4, received: nil)
        try db.dossier(status: 4, received: "15/03/2024")
        try db.dossier(status: 4, received: "now")
        try db.dossier(status: 4, received: good, due: "soon")
        try db.dossier(status: 10, received: good, finished: "2024-02-30x")
        try db.dossier(channel: 4, status: 4, received: good)
        try db.dossier(channel: nil, status: 4, received: good)
        try db.dossier(status: 11, received: good)
        try db.dossier(status: 10, received: good, finished: "2024-01-01 08:00:00")
        try db.dossier(status: 10, received: "2024-01-02T08:00:00+07:00", finished: "2024-01-02T00:59:59Z") // 07:59:59 local
        try db.dossier(status: 9, received: good)
        try db.dossier(status: 7, received: good)
        try db.dossier(status: 4, received: good, finished: "2024-01-03 08:00:00")
        let commune = try db.report()
        #expect(commune.dossiers.receivedTotal == 1 && commune.dossiers.resolved == 1)
        let key = { (reason: InvalidReason) in InvalidKey(.dossiers, reason) }
        #expect(commune.invalid.counts == [
            key(.missingReceivedAt): 1, key(.unparseableReceivedAt): 2, key(.unparseableDueAt): 1,
            key(.unparseableFinishedAt): 1, key(.unknownChannel): 2, key(.unknownStatus): 1,
            key(.finishedBeforeReceived): 2, key(.terminalWithoutFinishedAt): 2, key(.finishedAtOnOpenStatus): 1,
        ])
        let root = try db.report("19")
        #expect(root.invalid.counts[key(.unknownUnit)] == 2)
        #expect(root.invalid.total == 15)
        #expect(root.json.text.contains("\"invalid_records\":{\"dossiers.finished_at_on_non_terminal_status\":1,"))
    }

    @Test("a channel or status that is not a whole number is invalid, never rounded into a class")
    func nonIntegerCodes() throws {
        let db = try Fixture()
        let good = "2024-01-02 08:00:00"
        try db.dossier(status: 10, received: good, due: "2024-01-05", finished: "2024-01-03 08:00:00")
        try db.sql("INSERT INTO dossiers (id, unit_code, channel, status, received_at) VALUES ('R1', '05587', 2, 4.5, ?)", [good])
        try db.sql("INSERT INTO dossiers (id, unit_code, channel, status, received_at) VALUES ('R2', '05587', 2.5, 4, ?)", [good])
        try db.sql("INSERT INTO dossiers (id, unit_code, channel, status, received_at) VALUES ('R3', '05587', '2x', 4, ?)", [good])
        try db.sql("INSERT INTO dossiers (id, unit_code, channel, status, received_at) VALUES ('R4', '05587', 2, '4x', ?)", [good])
        let commune = try db.report()
        #expect(commune.dossiers.receivedTotal == 1 && commune.dossiers.inProgress == 0)
        #expect(commune.invalid.counts == [InvalidKey(.dossiers, .unknownChannel): 2, InvalidKey(.dossiers, .unknownStatus): 2])
    }

    @Test("every document, staff, activity and work-file reason is counted")
    func documentsAndStaff() throws {
        let db = try Fixture()
        try db.document(issued: "2024-01-05")                                   // valid
        try db.document(direction: "sideways", issued: "2024-01-05")
        try db.document(direction: nil, issued: "2024-01-05")
        try db.document(issued: nil)
        try db.document(issued: "05/01/2024")
        try db.document(issued: "2024-01-05", transmission: "fax")
        try db.document(issued: "2024-01-05", scope: "planet")
        try db.document(issued: "2024-01-05", signed: 2)
        try db.document(direction: "incoming", issued: "2024-01-05", transmission: "fax", scope: nil) // not checked
        try db.document("nowhere", issued: "2024-01-05")
        try db.staff("S1", activity: ["2024-01-05", "05/01/2024"])
        try db.staff("S2", from: nil)
        try db.staff("S3", from: "yesterday")
        try db.staff("S4", to: "someday")
        try db.staff("S5", from: "2024-02-01", to: "2024-01-01")
        try db.staff("S6", "nowhere")
        try db.sql("INSERT INTO eoffice_activity (staff_id, day) VALUES ('ghost', '2024-01-05')")
        try db.workFile(opened: "2024-01-05")                                   // valid
        try db.workFile(opened: nil)
        try db.workFile(opened: "tomorrow")
        try db.workFile(opened: "2024-01-05", electronic: 7)
        try db.sql("UPDATE units SET doc_axis_connected_on = '01/01/2020' WHERE code = '05590'")
        let commune = try db.report()
        #expect(commune.documents.outgoing == 1)
        #expect(commune.eoffice.staff == 1 && commune.eoffice.activeUsers == 1 && commune.eoffice.workFiles == 1)
        #expect(commune.invalid.counts == [
            InvalidKey(.documents, .unknownDirection): 2, InvalidKey(.documents, .missingIssuedAt): 1,
            InvalidKey(.documents, .unparseableIssuedAt): 1, InvalidKey(.documents, .unknownTransmission): 1,
            InvalidKey(.documents, .unknownRecipientScope): 1, InvalidKey(.documents, .invalidFlag): 1,
            InvalidKey(.staff, .missingActiveFrom): 1, InvalidKey(.staff, .unparseableActiveFrom): 1,
            InvalidKey(.staff, .unparseableActiveTo): 1, InvalidKey(.staff, .activeToBeforeActiveFrom): 1,
            InvalidKey(.eofficeActivity, .unparseableDay): 1,
            InvalidKey(.workFiles, .missingOpenedAt): 1, InvalidKey(.workFiles, .unparseableOpenedAt): 1,
            InvalidKey(.workFiles, .invalidFlag): 1,
        ])
        let root = try db.report("19").invalid.counts
        #expect(root[InvalidKey(.documents, .unknownUnit)] == 1)
        #expect(root[InvalidKey(.staff, .unknownUnit)] == 1)
        #expect(root[InvalidKey(.eofficeActivity, .unknownStaff)] == 1)
        #expect(root[InvalidKey(.units, .unparseableConnectedOn)] == 1)
    }

    @Test("the source file is opened read-only: its bytes do not change")
    func readOnly() throws {
        let db = try Fixture()
        try db.dossier(status: 4, received: "2024-01-02 08:00:00")
        let before = try Data(contentsOf: URL(fileURLWithPath: db.path))
        for id in ["2024-Q1", "2024-Q2", "2024-Y"] { _ = try db.report("05587", id) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: db.path)) == before)
        let files = try FileManager.default.contentsOfDirectory(atPath: db.directory.path)
        #expect(files == ["records.sqlite"])
    }

    @Test("a missing file is a one-line error naming it")
    func missingFile() {
        let source = SQLiteSource(path: "/nonexistent/egov.sqlite")
        #expect(throws: SourceError(operation: "read records", location: "/nonexistent/egov.sqlite", message: "no such file")) {
            try source.read(periods: [], scope: .everything)
        }
    }

    @Test("a file that is not a database is an error, not a crash")
    func notADatabase() throws {
        let db = try Fixture()
        try Data("this is not sqlite at all, just text".utf8).write(to: URL(fileURLWithPath: db.path))
        #expect(throws: SourceError.self) { try db.source.read(periods: [], scope: .everything) }
    }
}

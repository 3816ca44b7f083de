import EGovKPI
import EGovSources
import Testing

/// DOMAIN.md section 4, "Dossiers", one rule at a time on hand-built databases (2024-Q1 is
/// 15/12/2023-14/03/2024; S = 2023-12-15 00:00 local, E = 2024-03-15 00:00 local).
@Suite("Dossier rules")
struct DossierRulesTests {
    @Test("carried over: received before S and not finished before S")
    func carriedOver() throws {
        let db = try Fixture()
        try db.dossier(status: 4, received: "2023-12-10 09:00:00")                                  // open: carried
        try db.dossier(status: 10, received: "2023-12-10 09:00:00", finished: "2023-12-14 23:59:59")  // finished before S
        try db.dossier(status: 10, received: "2023-12-10 09:00:00", finished: "2023-12-14T17:00:00Z") // = 15/12 00:00 local
        try db.dossier(status: 9, received: "2023-12-14T23:59:59.999", finished: "2024-04-01 08:00:00") // finished after E
        try db.dossier(status: 10, received: "2023-12-14T16:59:59Z", finished: "2023-12-14T17:00:00Z") // both at the edge
        let d = try db.report().dossiers
        #expect(d.carriedOver == 4)
        #expect(d.receivedNew == 0)
        #expect(d.resolved == 2)
        #expect(d.inProgress == 2)
    }

    @Test("received new: in [S, E), with every spelling of the boundary")
    func receivedNew() throws {
        let db = try Fixture()
        try db.dossier(status: 4, received: "2023-12-15")                 // date only: 00:00 local of S
        try db.dossier(status: 4, received: "2023-12-14T17:00:00Z")       // S exactly, as UTC
        try db.dossier(status: 4, received: "2024-03-14 23:59:59")        // last second
        try db.dossier(status: 4, received: "2024-03-14T23:59:59.999999") // fractional, still 14/03
        try db.dossier(status: 4, received: "2024-03-14T16:59:59.9999Z")  // fractional UTC: 14/03 23:59:59 local
        try db.dossier(status: 4, received: "2024-03-14T17:30:00Z")       // 15/03 00:30 local: next quarter
        try db.dossier(status: 4, received: "2024-03-15 00:00:00")        // E: next quarter
        try db.dossier(status: 4, received: "2024-03-15T06:59:59+14:00")  // 2024-03-14 23:59:59 local
        let q1 = try db.report().dossiers
        #expect(q1.receivedNew == 6 && q1.carriedOver == 0)
        let q2 = try db.report("05587", "2024-Q2").dossiers
        #expect(q2.carriedOver == 6 && q2.receivedNew == 2)
    }

    @Test("channels split the received total; statuses 1 and 3 never enter the workload")
    func channels() throws {
        let db = try Fixture()
        try db.dossier(channel: 1, status: 4, received: "2024-01-02 08:00:00")
        try db.dossier(channel: 2, status: 4, received: "2024-01-02 08:00:00")
        try db.dossier(channel: 2, status: 2, received: "2024-01-02 08:00:00")
        try db.dossier(channel: 3, status: 5, received: "2024-01-02 08:00:00")
        try db.dossier(channel: 2, status: 1, received: "2024-01-02 08:00:00")
        try db.dossier(channel: 2, status: 3, received: "2024-01-02 08:00:00", finished: "2024-01-02 09:00:00")
        let d = try db.report().dossiers
        #expect(d.received(.direct) == 1 && d.received(.online) == 2 && d.received(.postal) == 1)
        #expect(d.receivedTotal == 4 && d.onlineShare == Ratio(2, of: 4))
        #expect(try db.report().invalid.total == 0)
    }

    @Test("timeliness compares local dates of finished_at and due_at")
    func timeliness() throws {
        let db = try Fixture()
        let received = "2024-01-02 08:00:00"
        try db.dossier(status: 10, received: received, due: "2024-01-10", finished: "2024-01-09 23:59:00")          // early
        try db.dossier(status: 10, received: received, due: "2024-01-10", finished: "2024-01-10 16:00:00")          // on time
        try db.dossier(status: 9, received: received, due: "2024-01-10 17:00:00", finished: "2024-01-09T18:00:00Z") // 10/01 01:00: on time
        try db.dossier(status: 10, received: received, due: "2024-01-10", finished: "2024-01-10T17:30:00Z")         // 11/01 00:30: late
        try db.dossier(status: 10, received: received, due: "2024-01-09T17:30:00Z", finished: "2024-01-10 08:00")   // due 10/01 local: on time
        try db.dossier(status: 10, received: received, due: nil, finished: "2024-01-10 08:00:00")                   // no due date
        let d = try db.report().dossiers
        #expect(d.resolved(.early) == 1)
        #expect(d.resolved(.onTime) == 3)
        #expect(d.resolved(.late) == 1)
        #expect(d.resolved(.noDueDate) == 1)
        #expect(d.resolved == 6)
        #expect(d.onTimeRate == Ratio(4, of: 6))
    }

    @Test("withdrawn (7) and stopped (8) end a dossier without resolving it")
    func withdrawnAndStopped() throws {
        let db = try Fixture()
        try db.dossier(status: 7, received: "2024-01-02 08:00:00", due: "2024-01-05", finished: "2024-01-03 08:00:00")
        try db.dossier(status: 8, received: "2024-01-02 08:00:00", due: "2024-01-05", finished: "2024-02-03 08:00:00")
        try db.dossier(status: 8, received: "2024-01-02 08:00:00", finished: "2024-03-15 08:00:00") // after E: in progress
        let d = try db.report().dossiers
        #expect(d.withdrawn == 1 && d.stopped == 1 && d.resolved == 0 && d.inProgress == 1)
        #expect(d.onTimeRate.value == nil)
    }

    @Test("overdue in progress: date(due_at) before the period's last day")
    func overdueInProgress() throws {
        let db = try Fixture()
        try db.dossier(status: 4, received: "2024-01-02 08:00:00", due: "2024-03-13")           // overdue
        try db.dossier(status: 5, received: "2024-01-02 08:00:00", due: "2024-03-14 17:00:00")  // due on the last day: not yet
        try db.dossier(status: 6, received: "2024-01-02 08:00:00", due: nil)                    // no due date: never overdue
        try db.dossier(status: 2, received: "2024-01-02 08:00:00", due: "2024-03-13T17:30:00Z") // = 14/03 local: not yet
        let d = try db.report().dossiers
        #expect(d.inProgress == 4 && d.inProgressOverdue == 1)
    }

    @Test("an open period counts up to the as-of day and judges overdue against it")
    func openPeriod() throws {
        let db = try Fixture()
        try db.dossier(status: 4, received: "2024-01-02 08:00:00", due: "2024-01-31")
        try db.dossier(status: 10, received: "2024-01-02 08:00:00", due: "2024-02-20", finished: "2024-02-10 08:00:00")
        try db.dossier(status: 4, received: "2024-02-02 08:00:00", due: "2024-02-20")
        let d = try db.report("05587", "2024-Q1", asOf: "2024-02-01").dossiers
        #expect(d.receivedNew == 2)                             // the third is received after the as-of day
        #expect(d.resolved == 0)                                // finished after the as-of day: still in progress
        #expect(d.inProgress == 2 && d.inProgressOverdue == 1)  // due 31/01, before the last day 01/02
        let later = try db.report("05587", "2024-Q1", asOf: "2024-02-15").dossiers
        #expect(later.receivedNew == 3 && later.resolved == 1 && later.inProgress == 2 && later.inProgressOverdue == 1)
    }

    @Test("a district covers its communes; a commune without children only itself; a department under the province")
    func subtrees() throws {
        let db = try Fixture()
        try db.dossier("05587", status: 4, received: "2024-01-02 08:00:00")
        try db.dossier("05590", status: 4, received: "2024-01-02 08:00:00")
        try db.dossier("164", status: 4, received: "2024-01-02 08:00:00")
        try db.dossier("SNV", channel: 1, status: 4, received: "2024-01-02 08:00:00")
        #expect(try db.report("05587").dossiers.receivedTotal == 1)
        #expect(try db.report("164").dossiers.receivedTotal == 3)
        #expect(try db.report("SNV").dossiers.receivedTotal == 1)
        let province = try db.report("19").dossiers
        #expect(province.receivedTotal == 4 && province.received(.direct) == 1)
    }
}

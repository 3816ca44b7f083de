import EGovKPI
import EGovSources
import Testing

/// DOMAIN.md section 4, "Documents", "E-office usage" and "Connections".
@Suite("Document, e-office and connection rules")
struct DocumentRulesTests {
    @Test("outgoing documents issued in the period; villages outside 7.5.2; incoming ignored")
    func documents() throws {
        let db = try Fixture()
        try db.document(issued: "2023-12-15 08:00:00")                                            // fully electronic
        try db.document(issued: "2024-03-14T16:00:00Z", signed: 0)                                // electronic, unsigned
        try db.document(issued: "2024-01-05", transmission: "electronic_and_paper")               // with paper
        try db.document(issued: "2024-01-05", signed: 0, transmission: "paper", scope: "village") // village
        try db.document(issued: "2024-01-05", transmission: "paper", scope: "citizen")
        try db.document(direction: "incoming", issued: "2024-01-05", signed: 0, transmission: "paper")
        try db.document(issued: "2024-03-14T17:00:00Z")                                           // 15/03 local
        try db.document(issued: "2023-12-14T16:59:59Z")                                           // 14/12 local
        let d = try db.report().documents
        #expect(d.outgoing == 5 && d.outgoingSigned == 3)
        #expect(d.signedRate == Ratio(3, of: 5))
        #expect(d.interagencyTotal == 3 && d.interagencyElectronic == 3)
        #expect(d.fullyElectronicRate == Ratio(1, of: 3))
        #expect(d.withPaperRate == Ratio(1, of: 3))
        #expect(d.interagency(.electronicUnsigned) == 1)
    }

    @Test("staff active on a day of the period; users with activity in it")
    func eoffice() throws {
        let db = try Fixture()
        try db.staff("S1", activity: ["2023-12-15"])                                  // active, user on the first day
        try db.staff("S2", activity: ["2024-03-14", "2024-03-15"])                    // user on the last day
        try db.staff("S3", activity: ["2023-12-14", "2024-03-15"])                    // activity only outside
        try db.staff("S4", from: "2024-03-14")                                        // joined on the last day
        try db.staff("S5", from: "2020-01-01", to: "2023-12-15")                      // left on the first day
        try db.staff("S6", from: "2024-03-15")                                        // joined after
        try db.staff("S7", from: "2020-01-01", to: "2023-12-14", activity: ["2024-01-05"]) // left before
        try db.workFile(opened: "2024-01-05 09:00:00")
        try db.workFile(opened: "2024-01-05 09:00:00", electronic: 0)
        try db.workFile(opened: "2024-03-14T17:00:00Z")                               // 15/03 local: outside
        let e = try db.report().eoffice
        #expect(e.staff == 5 && e.activeUsers == 2)
        #expect(e.usageRate == Ratio(2, of: 5))
        #expect(e.workFiles == 2 && e.electronicWorkFileRate == Ratio(1, of: 2))
    }

    @Test("connections as of the last day; rows without a denominator are blank")
    func connections() throws {
        let db = try Fixture()
        try db.sql("UPDATE units SET one_stop_connected_on = '2024-03-14', doc_axis_connected_on = NULL WHERE code = '05587'")
        try db.sql("UPDATE units SET one_stop_connected_on = '2024-03-15' WHERE code = '05590'")
        let province = try db.report("19").connections
        #expect(province.communeOneStopRate == Ratio(1, of: 2))
        #expect(province.districtOneStopRate == Ratio(1, of: 1))
        #expect(province.docAxisRate == Ratio(2, of: 3))
        let q2 = try db.report("19", "2024-Q2").connections
        #expect(q2.communeOneStopRate == Ratio(2, of: 2))
        let commune = try db.report("05587")
        #expect(commune.connections.districtOneStopRate.value == nil)
        let rows = commune.appendix()
        #expect(rows.first { $0.number == "7.6.1." }?.value == nil)
        #expect(rows.first { $0.number == "7.6.2." }?.value == .integer(100))
        #expect(rows.first { $0.number == "7.5.1." }?.value == .integer(0))
    }

    @Test("procedures of the levels in the unit's subtree")
    func procedures() throws {
        let db = try Fixture()
        for i in 0..<5 {
            try db.sql("INSERT INTO procedures (code, name, level, has_fee, online_payment) VALUES (?, 'x', 'commune', ?, ?)",
                       ["C\(i)", i < 3 ? 1 : 0, i < 2 ? 1 : 0])
        }
        try db.sql("INSERT INTO procedures (code, name, level, has_fee, online_payment) VALUES ('D1', 'x', 'district', 1, 1)")
        let p = try db.report().procedures
        #expect(p.total == 5 && p.withFee == 3 && p.withFeeOnlinePayment == 2)
        let district = try db.report("164").procedures
        #expect(district.total == 6 && district.total(at: "district") == 1 && district.total(at: "commune") == 5)
    }
}

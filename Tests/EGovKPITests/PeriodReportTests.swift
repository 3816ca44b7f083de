import EGovKPI
import Testing

/// Pure indicator tests: literal aggregate rows in, figures out (no database).
@Suite("Indicators rolled up over the unit tree")
struct PeriodReportTests {
    let period = ReportingPeriod(id: "2024-Q1", firstDay: LocalDate(iso: "2023-12-15")!, lastDay: LocalDate(iso: "2024-03-14")!)

    let units = [
        UnitRecord(code: "19", name: "Tỉnh Thái Nguyên", level: "province", parentCode: nil),
        UnitRecord(code: "164", name: "Huyện Định Hóa", level: "district", parentCode: "19",
                   oneStopConnectedOn: LocalDate(iso: "2020-01-01"), docAxisConnectedOn: LocalDate(iso: "2020-01-01")),
        UnitRecord(code: "05587", name: "Xã Bình Yên", level: "commune", parentCode: "164",
                   oneStopConnectedOn: LocalDate(iso: "2021-05-01"), docAxisConnectedOn: LocalDate(iso: "2024-03-14")),
        UnitRecord(code: "05590", name: "Xã Trung Lương", level: "commune", parentCode: "164",
                   oneStopConnectedOn: LocalDate(iso: "2024-03-15"), docAxisConnectedOn: nil),
        UnitRecord(code: "SNV", name: "Sở Nội vụ", level: "department", parentCode: "19"),
    ]

    func row(_ unit: String, _ origin: Origin, _ channel: Channel, _ outcome: Outcome, _ t: Timeliness?, _ n: Int) -> DossierClassCount {
        DossierClassCount(unit: unit, origin: origin, channel: channel, outcome: outcome, timeliness: t, count: n)
    }

    func report(dossiers: [DossierClassCount] = [], documents: [DocumentClassCount] = [],
                validity: [ValidityCount] = [], procedures: [ProcedureRecord] = []) -> PeriodReport {
        let catalog = SourceCatalog(units: units, procedures: procedures, validity: validity)
        return PeriodReport(catalog: catalog, tree: UnitTree(units), aggregates: PeriodAggregates(
            period: period, dossiers: dossiers, documents: documents, staff: [], workFiles: []))
    }

    @Test("a parent's figures are its own plus its subtree's; unknown units are left out")
    func rollUp() throws {
        // Given dossiers at a commune, its district, a department and an unknown unit
        let r = report(dossiers: [
            row("05587", .carriedOver, .online, .resolved, .early, 3),
            row("05587", .new, .online, .resolved, .onTime, 5),
            row("05587", .new, .direct, .inProgress, .overdue, 2),
            row("164", .new, .direct, .resolved, .late, 4),
            row("SNV", .new, .postal, .withdrawn, nil, 1),
            row("99999", .new, .online, .resolved, .early, 100),
        ])
        // Then each unit covers its subtree
        let commune = try #require(r["05587"]).dossiers
        #expect(commune.carriedOver == 3 && commune.receivedNew == 7 && commune.receivedTotal == 10)
        #expect(commune.onlineShare == Ratio(8, of: 10) && commune.onTimeRate == Ratio(8, of: 8))
        #expect(commune.onlineRate == Ratio(0, of: 0))
        #expect(commune.inProgressOverdue == 2)
        let district = try #require(r["164"]).dossiers
        #expect(district.receivedTotal == 14 && district.resolved(.late) == 4 && district.onTimeRate == Ratio(8, of: 12))
        let province = try #require(r["19"]).dossiers
        #expect(province.receivedTotal == 15 && province.withdrawn == 1 && province.received(.postal) == 1)
        #expect(try #require(r["05590"]).dossiers == .zero)
        #expect(r["99999"] == nil)
        for unit in r.units.values { #expect(unit.dossiers.identityHolds, "\(unit.unit.code)") }
    }

    @Test("an empty period gives zero counts and undefined rates")
    func emptyPeriod() throws {
        let commune = try #require(report()["05590"])
        #expect(commune.dossiers.receivedTotal == 0)
        #expect(commune.dossiers.onlineRate.value == nil && commune.dossiers.onTimeRate.value == nil)
        #expect(commune.documents.signedRate.value == nil && commune.eoffice.usageRate.value == nil)
        #expect(AppendixValue(percent: commune.dossiers.onlineRate) == nil && AppendixValue(percent: commune.dossiers.onTimeRate) == nil)
    }

    @Test("connections are counted as of the last day, over district and commune units only")
    func connections() throws {
        let r = report()
        let province = try #require(r["19"]).connections
        #expect(province.docAxisRate == Ratio(2, of: 3))
        #expect(province.districtOneStopRate == Ratio(1, of: 1))
        #expect(province.communeOneStopRate == Ratio(1, of: 2))
        let commune = try #require(r["05587"]).connections
        #expect(commune.districtOneStopRate.value == nil)
        #expect(commune.communeOneStopRate == Ratio(1, of: 1))
        let department = try #require(r["SNV"]).connections
        #expect(department.docAxisRate.value == nil && department.communeOneStopRate.value == nil)
    }

    @Test("documents to villages stay outside 7.5.2; unsigned electronic is electronic but not fully")
    func documents() throws {
        let r = report(documents: [
            DocumentClassCount(unit: "05587", signed: true, transmission: .electronic, scope: .agency, count: 6),
            DocumentClassCount(unit: "05587", signed: false, transmission: .electronic, scope: .agency, count: 1),
            DocumentClassCount(unit: "05587", signed: true, transmission: .electronicAndPaper, scope: .agency, count: 2),
            DocumentClassCount(unit: "05587", signed: true, transmission: .paper, scope: .agency, count: 1),
            DocumentClassCount(unit: "05587", signed: false, transmission: .paper, scope: .village, count: 5),
        ])
        let d = try #require(r["05587"]).documents
        #expect(d.outgoing == 15 && d.outgoingSigned == 9)
        #expect(d.interagencyTotal == 10 && d.interagencyElectronic == 9)
        #expect(d.fullyElectronicRate == Ratio(6, of: 10) && d.withPaperRate == Ratio(2, of: 10))
        #expect(d.interagency(.electronicUnsigned) == 1)
    }

    @Test("invalid records count in their unit's subtree; those of unknown units at the root")
    func invalid() throws {
        let r = report(validity: [
            ValidityCount(kind: .dossiers, unit: "05587", reason: .unknownChannel, count: 2),
            ValidityCount(kind: .dossiers, unit: "05587", reason: nil, count: 500),
            ValidityCount(kind: .dossiers, unit: "99999", reason: nil, count: 3),
            ValidityCount(kind: .dossiers, unit: "99999", reason: .unknownStatus, count: 1),
            ValidityCount(kind: .documents, unit: nil, reason: nil, count: 1),
            ValidityCount(kind: .eofficeActivity, unit: nil, reason: .unknownStaff, count: 4),
        ])
        #expect(try #require(r["05587"]).invalid.counts == [InvalidKey(.dossiers, .unknownChannel): 2])
        #expect(try #require(r["164"]).invalid.total == 2)
        #expect(try #require(r["19"]).invalid.counts == [
            InvalidKey(.dossiers, .unknownChannel): 2,
            InvalidKey(.dossiers, .unknownUnit): 4,
            InvalidKey(.documents, .unknownUnit): 1,
            InvalidKey(.eofficeActivity, .unknownStaff): 4,
        ])
    }

    @Test("units under an unknown parent or in a cycle are left out and reported")
    func brokenTree() {
        let tree = UnitTree([
            UnitRecord(code: "1", name: "A", level: "province", parentCode: nil),
            UnitRecord(code: "2", name: "B", level: "district", parentCode: "1"),
            UnitRecord(code: "3", name: "C", level: "commune", parentCode: "404"),
            UnitRecord(code: "4", name: "D", level: "commune", parentCode: "5"),
            UnitRecord(code: "5", name: "E", level: "commune", parentCode: "4"),
        ])
        #expect(tree.preorder == ["1", "2"])
        #expect(tree.subtree(of: "1") == ["1", "2"])
        #expect(tree.invalid.map { "\($0.unit!):\($0.key.reason.rawValue)" }
            == ["3:unknown_parent", "4:parent_cycle", "5:parent_cycle"])
    }
}

@Suite("Declared rows 7.1-7.4")
struct DeclaredStatusTests {
    let tree = UnitTree([
        UnitRecord(code: "19", name: "Tỉnh", level: "province", parentCode: nil),
        UnitRecord(code: "164", name: "Huyện", level: "district", parentCode: "19"),
        UnitRecord(code: "05587", name: "Xã", level: "commune", parentCode: "164"),
    ])

    func fact(_ unit: String, _ row: String, _ value: Double, _ day: String) -> DeclaredFact {
        DeclaredFact(unit: unit, row: row, value: value, effective: LocalDate(iso: day)!)
    }

    func values(_ resolved: [String: [String: DeclaredValue]], _ unit: String) -> [String: Double] {
        (resolved[unit] ?? [:]).mapValues(\.fact.value)
    }

    @Test("a unit inherits its nearest ancestor's declaration; its own wins; future ones wait")
    func inheritance() {
        let facts = [
            fact("19", "7.1", 0, "2023-01-01"), fact("19", "7.1", 1, "2024-01-01"),
            fact("19", "7.4", 1, "2024-01-01"), fact("164", "7.4", 2, "2024-06-01"),
            fact("05587", "7.2", 2, "2025-01-01"),
        ]
        let mid2024 = DeclaredStatus.resolve(facts, tree: tree, on: LocalDate(iso: "2024-07-01")!)
        #expect(values(mid2024, "19") == ["7.1": 1, "7.4": 1])
        #expect(values(mid2024, "164") == ["7.1": 1, "7.4": 2])
        #expect(values(mid2024, "05587") == ["7.1": 1, "7.4": 2])
        #expect(mid2024["05587"]?["7.4"]?.inheritedFrom == "Huyện" && mid2024["05587"]?["7.1"]?.inheritedFrom == "Tỉnh")
        let early = DeclaredStatus.resolve(facts, tree: tree, on: LocalDate(iso: "2023-06-01")!)
        #expect(values(early, "05587") == ["7.1": 0])
        let later = DeclaredStatus.resolve(facts, tree: tree, on: LocalDate(iso: "2025-01-01")!)
        #expect(values(later, "05587") == ["7.1": 1, "7.4": 2, "7.2": 2])
        #expect(later["164"]?["7.2"] == nil)
    }

    @Test("only the system facts 7.1-7.4 are inherited; every other declared row is the unit's own")
    func ownRows() {
        let facts = [fact("19", "4.2.1", 120, "2024-01-01"), fact("164", "1.1.a", 6, "2024-01-01"), fact("19", "7.3", 2, "2024-01-01")]
        let resolved = DeclaredStatus.resolve(facts, tree: tree, on: LocalDate(iso: "2024-03-31")!)
        #expect(values(resolved, "19") == ["4.2.1": 120, "7.3": 2])
        #expect(values(resolved, "164") == ["1.1.a": 6, "7.3": 2])
        #expect(values(resolved, "05587") == ["7.3": 2])
    }
}

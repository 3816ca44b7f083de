import EGovKPI
import Testing

/// The rules of DOMAIN.md sections 4 and 5 on literal rows: a province (19) with a district
/// (164) whose communes are 05587 and 05590, and a department (SNV) under the province.
@Suite("Appendix rules by level")
struct AppendixRulesTests {
    let period = ReportingPeriod(id: "2024-Q1", firstDay: LocalDate(iso: "2023-12-15")!, lastDay: LocalDate(iso: "2024-03-14")!)
    let units = [
        UnitRecord(code: "19", name: "Tỉnh Thái Nguyên", level: "province", parentCode: nil),
        UnitRecord(code: "164", name: "Huyện Định Hóa", level: "district", parentCode: "19"),
        UnitRecord(code: "05587", name: "Xã Bình Yên", level: "commune", parentCode: "164"),
        UnitRecord(code: "05590", name: "Xã Trung Lương", level: "commune", parentCode: "164"),
        UnitRecord(code: "SNV", name: "Sở Nội vụ", level: "department", parentCode: "19"),
    ]

    func day(_ text: String) -> LocalDate { LocalDate(iso: text)! }

    func resolved(_ unit: String, _ t: Timeliness, _ n: Int, online: Bool = true, fee: FeePayment = .noFee,
                  channel: Channel = .online) -> DossierClassCount {
        DossierClassCount(unit: unit, origin: .new, channel: channel, outcome: .resolved, timeliness: t,
                          procedureOnline: online, fee: fee, count: n)
    }

    func report(dossiers: [DossierClassCount] = [], procedures: [ProcedureRecord] = [],
                columns: Set<CatalogueColumn> = Set(CatalogueColumn.allCases), staff: [StaffCount] = [],
                online: [OnlineProcedureUse] = []) -> PeriodReport {
        let catalog = SourceCatalog(units: units, procedures: procedures, catalogueColumns: columns, validity: [])
        return PeriodReport(catalog: catalog, tree: UnitTree(units), aggregates: PeriodAggregates(
            period: period, dossiers: dossiers, documents: [], staff: staff, workFiles: [], onlineProcedures: online))
    }

    func row(_ rows: [AppendixRow], _ number: String) -> AppendixRow? { rows.first { $0.number == number } }

    /// The sub-rows under the row numbered `number`.
    func details(_ rows: [AppendixRow], _ number: String) -> [AppendixRow] {
        guard let index = rows.firstIndex(where: { $0.number == number }) else { return [] }
        return Array(rows[(index + 1)...].prefix { $0.kind == .detail })
    }

    @Test("3.4.1 counts the dossiers received by district units, 3.4.2 those received by communes")
    func receivingLevel() throws {
        // Given the district receives 47 (46 in time) and its communes 379 (377 in time)
        let r = report(dossiers: [
            resolved("164", .early, 40), resolved("164", .onTime, 6), resolved("164", .late, 1),
            resolved("05587", .early, 300), resolved("05587", .onTime, 48), resolved("05590", .onTime, 29),
            resolved("05590", .late, 2), resolved("SNV", .late, 5),
        ])
        // Then the district fills both rows with its own receipts and its communes'
        let district = try #require(r["164"])
        #expect(district.dossiers(receivedAt: UnitLevel.district)?.resolved == 47)
        #expect(district.dossiers(receivedAt: UnitLevel.district)?.onTimeRate == Ratio(46, of: 47))
        #expect(district.dossiers(receivedAt: UnitLevel.commune)?.onTimeRate == Ratio(377, of: 379))
        #expect(district.dossiers.onTimeRate == Ratio(423, of: 426))
        let rows = district.appendix()
        #expect(row(rows, "3.4.1.")?.value == .decimal(97.87) && row(rows, "3.4.2.")?.value == .decimal(99.47))
        #expect(details(rows, "3.4.1.").map(\.value) == [.integer(47), .integer(46)])
        #expect(details(rows, "3.4.2.").map(\.value) == [.integer(379), .integer(377)])
        // The province: both rows over its whole tree; the department's dossiers are in neither
        let province = try #require(r["19"])
        #expect(province.dossiers(receivedAt: UnitLevel.district)?.resolved == 47)
        #expect(province.dossiers(receivedAt: UnitLevel.commune)?.resolved == 379)
        #expect(province.dossiers.resolved == 431)
        // A commune: 3.4.2 only; 3.4.1 not applicable
        let commune = try #require(r["05587"]).appendix()
        #expect(row(commune, "3.4.1.")?.value == nil)
        #expect(row(commune, "3.4.1.")?.note == "Không áp dụng: không có đơn vị cấp huyện trong phạm vi đơn vị")
        #expect(details(commune, "3.4.1.").map(\.value) == [nil, nil])
        #expect(row(commune, "3.4.2.")?.value == .integer(100))
        // The department has no unit of either level
        let department = try #require(r["SNV"])
        #expect(department.dossiers(receivedAt: UnitLevel.district) == nil && department.dossiers(receivedAt: UnitLevel.commune) == nil)
    }

    @Test("3.2.4 counts only dossiers of procedures offered online; the online share counts every dossier")
    func onlineRate() throws {
        let r = report(dossiers: [
            resolved("05587", .early, 30), resolved("05587", .early, 10, channel: .direct),
            resolved("05587", .early, 20, online: false, channel: .online), resolved("05587", .early, 40, online: false, channel: .direct),
        ])
        let d = try #require(r["05587"]).dossiers
        #expect(d.onlineServiceReceived == 40 && d.onlineServiceReceivedOnline == 30)
        #expect(d.onlineRate == Ratio(30, of: 40) && d.onlineShare == Ratio(50, of: 100))
        let rows = try #require(r["05587"]).appendix()
        #expect(row(rows, "3.2.4.")?.value == .integer(75))
        #expect(details(rows, "3.2.4.").map(\.value) == [.integer(40), .integer(30)])
        #expect(details(rows, "3.2.4.").first?.note == "Không tính 60 hồ sơ của TTHC chưa cung cấp trực tuyến")
    }

    @Test("digitised share over received new; online-paid share over resolved dossiers with a fee")
    func digitisedAndPaid() throws {
        let r = report(dossiers: [
            DossierClassCount(unit: "05587", origin: .new, channel: .online, outcome: .inProgress, timeliness: .onTime,
                              digitized: true, count: 4),
            DossierClassCount(unit: "05587", origin: .carriedOver, channel: .online, outcome: .inProgress, timeliness: .onTime,
                              digitized: true, count: 7),
            resolved("05587", .early, 6), resolved("05587", .early, 3, fee: .paidOnline), resolved("05587", .late, 1, fee: .unpaidOnline),
        ])
        let d = try #require(r["05587"]).dossiers
        #expect(d.receivedNewDigitized == 4 && d.digitizedRate == Ratio(4, of: 14))
        #expect(d.resolvedFee == 4 && d.resolvedFeePaidOnline == 3 && d.paidOnlineRate == Ratio(3, of: 4))
    }

    /// A catalogue over the levels: commune procedures C1-C4, district D1-D2, province P1, department X1.
    var catalogue: [ProcedureRecord] {
        [
            ProcedureRecord(code: "C1", level: "commune", onlineService: .full, hasFee: true, onlinePayment: true,
                            publishedOn: day("2024-01-10"), onlineEligible: .full, onNationalPortal: true,
                            interconnection: .sameLevel, locationIndependent: true, internalProcess: .digitized),
            ProcedureRecord(code: "C2", level: "commune", onlineService: .partial, hasFee: true, onlinePayment: false,
                            onlineEligible: .full, onNationalPortal: false, interconnection: .interLevel, internalProcess: .approved),
            ProcedureRecord(code: "C3", level: "commune", onlineService: .none, abolishedOn: day("2024-03-15"),
                            onlineEligible: .partial, internalProcess: InternalProcess.none),
            // Abolished on the last day: no longer in force, but counted as abolished in the period
            ProcedureRecord(code: "C4", level: "commune", onlineService: .partial, abolishedOn: day("2024-03-14"),
                            onlineEligible: .partial, onNationalPortal: true),
            // Announced after the period: not yet in force
            ProcedureRecord(code: "C5", level: "commune", publishedOn: day("2024-03-15")),
            ProcedureRecord(code: "D1", level: "district", onlineService: .partial, onlineEligible: .partial, onNationalPortal: true),
            ProcedureRecord(code: "D2", level: "district", hasFee: true, onlinePayment: true, publishedOn: day("2023-12-15")),
            ProcedureRecord(code: "P1", level: "province", onlineService: .full, onlineEligible: .full, onNationalPortal: true),
            ProcedureRecord(code: "X1", level: "department"),
        ]
    }

    @Test("procedures in scope: the subtree's levels, in force on the period's last day")
    func proceduresInScope() throws {
        let r = report(procedures: catalogue, online: [OnlineProcedureUse(unit: "05587", procedure: "C1"),
                                                        OnlineProcedureUse(unit: "05590", procedure: "C2"),
                                                        OnlineProcedureUse(unit: "164", procedure: "D1")])
        let commune = try #require(r["05587"]).procedures
        #expect(commune.levels == ["commune"])
        #expect(commune.total == 3 && commune.published == 1 && commune.abolished == 1)
        #expect(commune.total(at: "commune") == 3 && commune.total(at: "district") == nil)
        #expect(commune.partial == OnlineOffer(eligible: 1, offered: 0, withOnlineDossiers: 0))
        #expect(commune.full == OnlineOffer(eligible: 2, offered: 1, withOnlineDossiers: 1))
        #expect(commune.online == 2 && commune.onNationalPortal == 1)
        #expect(commune.withFee == 2 && commune.withFeeOnlinePayment == 1)
        #expect(commune.sameLevel == 1 && commune.interLevel == 1 && commune.locationIndependent == 1)
        #expect(commune.processApproved == 2 && commune.processDigitized == 1)
        #expect(commune.processApprovedRate == Ratio(2, of: 3) && commune.processDigitizedRate == Ratio(1, of: 2))
        // The district: district and commune procedures; C2's online dossier came from its commune
        let district = try #require(r["164"]).procedures
        #expect(district.levels == ["district", "commune"] && district.total == 5)
        #expect(district.total(at: "district") == 2 && district.total(at: "commune") == 3 && district.published == 2)
        #expect(district.partial == OnlineOffer(eligible: 2, offered: 1, withOnlineDossiers: 1))
        #expect(district.full == OnlineOffer(eligible: 2, offered: 1, withOnlineDossiers: 1))
        // The province: every level present, the department's included
        let province = try #require(r["19"]).procedures
        #expect(province.levels == ["province", "district", "commune", "department"])
        #expect(province.total == 7 && province.online == 4 && province.onNationalPortal == 3)
        let rows = try #require(r["164"]).appendix()
        #expect(row(rows, "3.1.3.")?.value == .integer(5))
        #expect(details(rows, "3.1.3.").map(\.value) == [.integer(2), .integer(3)])
        #expect(row(rows, "3.2.1.")?.value == .integer(50) && details(rows, "3.2.1.").map(\.value) == [.integer(2), .integer(1), .integer(1)])
        #expect(row(rows, "3.2.3.")?.value == .decimal(66.67) && details(rows, "3.2.3.").map(\.value) == [.integer(3), .integer(2)])
        #expect(row(rows, "3.3.4.")?.value == .integer(40) && row(rows, "3.3.4.")?.note == "2/5 TTHC")
        let communeRows = try #require(r["05587"]).appendix()
        #expect(details(communeRows, "3.1.3.").map(\.value) == [nil, .integer(3)])
        #expect(details(communeRows, "3.1.3.").first?.note == "Không áp dụng: không có đơn vị cấp huyện trong phạm vi đơn vị")
    }

    @Test("a source without the catalogue columns leaves their rows blank, noted")
    func withoutCatalogueColumns() throws {
        let bare = catalogue.map { ProcedureRecord(code: $0.code, level: $0.level, onlineService: $0.onlineService,
                                                    hasFee: $0.hasFee, onlinePayment: $0.onlinePayment) }
        let r = report(procedures: bare, columns: [])
        let commune = try #require(r["05587"])
        #expect(commune.procedures.total == 5 && commune.procedures.published == nil && commune.procedures.partial == nil)
        let rows = commune.appendix()
        for number in ["3.1.1.", "3.1.2.", "3.2.1.", "3.2.2.", "3.3.1.", "3.3.2.", "3.3.3.", "3.3.4.", "3.3.5."] {
            #expect(row(rows, number)?.value == nil, "\(number)")
            #expect(row(rows, number)?.note == "Chưa có dữ liệu danh mục", "\(number)")
        }
        #expect(row(rows, "3.2.3.")?.value == nil && details(rows, "3.2.3.").map(\.value) == [.integer(3), nil])
        #expect(row(rows, "3.2.5.")?.value == .integer(50))
    }

    @Test("4.2.2 is the staff of the subtree present on the period's last day")
    func staffPresent() throws {
        let r = report(staff: [StaffCount(unit: "05587", staff: 21, activeUsers: 17, present: 19),
                               StaffCount(unit: "164", staff: 40, activeUsers: 30, present: 38)])
        #expect(try #require(r["05587"]).eoffice.present == 19)
        #expect(row(try #require(r["164"]).appendix(), "4.2.2.")?.value == .integer(57))
    }

    @Test("the appendix lists every row of the seed's, sections 1 to 7, in its order")
    func wholeAppendix() throws {
        let rows = try #require(report()["05587"]).appendix()
        let numbered = rows.map(\.number).filter { $0.first?.isNumber == true }
        #expect(numbered == [
            "1.", "1.1.", "1.2.", "1.2.1.", "1.2.2.", "1.2.3.", "1.3.", "1.3.1.", "1.3.2.", "1.3.3.", "1.4.", "1.4.1.", "1.4.2.", "1.5.",
            "2.", "2.1.", "2.2.", "2.3.", "2.4.",
            "3.", "3.1.", "3.1.1.", "3.1.2.", "3.1.3.", "3.2.", "3.2.1.", "3.2.2.", "3.2.3.", "3.2.4.", "3.2.5.",
            "3.3.", "3.3.1.", "3.3.2.", "3.3.3.", "3.3.4.", "3.3.5.", "3.4.", "3.4.1.", "3.4.2.",
            "4.", "4.1.", "4.1.1.", "4.1.5.", "4.2.", "4.2.1.", "4.2.2.", "4.2.3.", "4.2.4.", "4.2.5.",
            "4.3.", "4.3.1.", "4.3.2.", "4.3.3.", "4.3.4.",
            "5.", "5.1.", "5.1.1.", "5.1.2.", "5.2.", "5.2.1.", "5.2.2.", "5.2.3.", "5.2.4.", "5.2.5.", "5.3.", "5.4.",
            "6.", "6.1.", "6.2.", "6.2.1.", "6.2.2.", "6.2.3.", "6.2.4.", "6.2.5.", "6.2.6.",
            "7.", "7.1.", "7.2.", "7.3.", "7.4.", "7.5.", "7.5.1.", "7.5.2.", "7.6.", "7.6.1.", "7.6.2.",
        ])
        // "Trong đó" sub-rows as the seed prints them
        #expect(rows.filter { $0.number == "Trong đó" }.count == 16)
        #expect(rows.filter(\.isDetail).count == 36)
    }

    @Test("with the seed's declarations, xã Bình Yên's appendix prints the seed's declared figures")
    func seedDeclarations() throws {
        let tree = UnitTree(units)
        let facts = [("1.1.a", 6.0), ("1.1.b", 3), ("1.5", 0), ("4.2.1", 19)].map {
            DeclaredFact(unit: "05587", row: $0.0, value: $0.1, effective: day("2024-01-12"))
        }
        let declared = DeclaredStatus.resolve(facts, tree: tree, on: period.lastDay)
        let rows = try #require(report()["05587"]).appendix(declared: declared["05587"]!)
        #expect(row(rows, "1.1.")?.value == .integer(50) && row(rows, "1.1.")?.note == "Tính từ hai số liệu khai báo")
        #expect(details(rows, "1.1.").map(\.value) == [.integer(6), .integer(3)])
        #expect(row(rows, "1.5.")?.value == .integer(0) && row(rows, "4.2.1.")?.value == .integer(19))
        #expect(row(rows, "4.2.1.")?.note == "Đơn vị khai báo, hiệu lực từ 12/01/2024")
        #expect(row(rows, "1.2.1.")?.value == nil && row(rows, "1.2.1.")?.note == "")
    }

    @Test("a rate over two declared sub-rows is rounded like every rate; alone, a declared rate is the office's")
    func declaredRates() throws {
        let facts = [("2.4.a", 3.0), ("2.4.b", 2), ("6.1.a", 1250.5), ("6.1.b", 1000), ("1.2.3", 87.5)].map {
            DeclaredFact(unit: "05587", row: $0.0, value: $0.1, effective: day("2024-01-01"))
        }
        let declared = DeclaredStatus.resolve(facts, tree: UnitTree(units), on: period.lastDay)
        let rows = try #require(report()["05587"]).appendix(declared: declared["05587"]!)
        #expect(row(rows, "2.4.")?.value == .decimal(66.67))
        #expect(row(rows, "6.1.")?.value == .decimal(79.97) && details(rows, "6.1.").map(\.value) == [.decimal(1250.5), .integer(1000)])
        #expect(row(rows, "1.2.3.")?.value == .decimal(87.5) && row(rows, "1.2.3.")?.note == "Đơn vị khai báo, hiệu lực từ 01/01/2024")
    }
}

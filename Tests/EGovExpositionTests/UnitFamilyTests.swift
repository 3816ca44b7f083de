import EGovExposition
import EGovKPI
import Testing

/// Families about the units themselves: members and connections, declarations, info, invalid records.
@Suite("Unit families")
struct UnitFamilyTests {
    let text = Fixture.text(EGovMetrics.families(result: Fixture.result(), selfMetrics: Fixture.selfMetrics))

    func samples(_ family: String) -> String {
        Fixture.block(family, in: text).split(separator: "\n").filter { !$0.hasPrefix("#") }.joined(separator: "\n")
    }

    @Test("member units per level of each subtree, itself included; only levels present")
    func memberUnits() {
        #expect(samples("egov_member_units") == """
            egov_member_units{unit="05587",level="commune",member_level="commune"} 1
            egov_member_units{unit="05590",level="commune",member_level="commune"} 1
            egov_member_units{unit="164",level="district",member_level="commune"} 2
            egov_member_units{unit="164",level="district",member_level="district"} 1
            egov_member_units{unit="19",level="province",member_level="commune"} 2
            egov_member_units{unit="19",level="province",member_level="district"} 1
            egov_member_units{unit="19",level="province",member_level="province"} 1
            """)
    }

    @Test("connected as of today: Trung Lương joins the one-stop-shop only on 01/06/2024")
    func connected() {
        #expect(samples("egov_member_units_connected") == """
            egov_member_units_connected{unit="05587",level="commune",member_level="commune",system="document_axis"} 1
            egov_member_units_connected{unit="05587",level="commune",member_level="commune",system="one_stop"} 1
            egov_member_units_connected{unit="05590",level="commune",member_level="commune",system="document_axis"} 0
            egov_member_units_connected{unit="05590",level="commune",member_level="commune",system="one_stop"} 0
            egov_member_units_connected{unit="164",level="district",member_level="commune",system="document_axis"} 1
            egov_member_units_connected{unit="164",level="district",member_level="commune",system="one_stop"} 1
            egov_member_units_connected{unit="164",level="district",member_level="district",system="document_axis"} 1
            egov_member_units_connected{unit="164",level="district",member_level="district",system="one_stop"} 1
            egov_member_units_connected{unit="19",level="province",member_level="commune",system="document_axis"} 1
            egov_member_units_connected{unit="19",level="province",member_level="commune",system="one_stop"} 1
            egov_member_units_connected{unit="19",level="province",member_level="district",system="document_axis"} 1
            egov_member_units_connected{unit="19",level="province",member_level="district",system="one_stop"} 1
            egov_member_units_connected{unit="19",level="province",member_level="province",system="document_axis"} 0
            egov_member_units_connected{unit="19",level="province",member_level="province",system="one_stop"} 0
            """)
    }

    @Test("declared status only where a value is in force")
    func declared() {
        #expect(Fixture.block("egov_declared_status", in: text) == """
            # HELP egov_declared_status Status the office declares for appendix rows 7.1-7.4, its own or inherited from the nearest ancestor: ea_v2 (7.1: 0 not yet, 1 done), online_meetings (7.2: 0 none, 1 two levels, 2 three levels), reporting_system (7.3) and lgsp (7.4: 0 not yet, 1 in progress, 2 done). Refreshed every 60 seconds.
            # TYPE egov_declared_status gauge
            egov_declared_status{unit="164",level="district",indicator="ea_v2"} 1
            egov_declared_status{unit="164",level="district",indicator="lgsp"} 2
            egov_declared_status{unit="19",level="province",indicator="ea_v2"} 1

            """)
    }

    @Test("unit and period info, invalid records without zero counts")
    func info() {
        #expect(samples("egov_unit_info") == """
            egov_unit_info{unit="05587",name="Xã Bình Yên",level="commune",parent="164"} 1
            egov_unit_info{unit="05590",name="Xã Trung Lương",level="commune",parent="164"} 1
            egov_unit_info{unit="164",name="Huyện Định Hóa",level="district",parent="19"} 1
            egov_unit_info{unit="19",name="Tỉnh Thái Nguyên",level="province",parent=""} 1
            """)
        #expect(samples("egov_reporting_period_info") == """
            egov_reporting_period_info{period="current_quarter",id="2024-Q2",first_day="2024-03-15",last_day="2024-04-10"} 1
            egov_reporting_period_info{period="previous_quarter",id="2024-Q1",first_day="2023-12-15",last_day="2024-03-14"} 1
            """)
        #expect(samples("egov_invalid_records") == """
            egov_invalid_records{kind="dossiers",reason="unknown_channel"} 2
            """)
    }

    @Test("a unit name with a quote, a backslash and a newline is escaped in the label value")
    func escapedName() {
        var units = Fixture.units
        units[2] = UnitRecord(code: "05587", name: "Xã \"Bình\" Yên\\cũ\nmới", level: "commune", parentCode: "164")
        let families = EGovMetrics.families(result: Fixture.result(units: units), selfMetrics: Fixture.selfMetrics)
        for format in [ExpositionFormat.prometheusText, .openMetrics] {
            #expect(Fixture.text(families, format).contains(
                #"egov_unit_info{unit="05587",name="Xã \"Bình\" Yên\\cũ\nmới",level="commune",parent="164"} 1"#))
        }
    }
}

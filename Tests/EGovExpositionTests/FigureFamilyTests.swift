import EGovExposition
import EGovKPI
import Testing

/// The figure families of one refresh, rendered, against values worked out by hand.
@Suite("Figure families")
struct FigureFamilyTests {
    let text = Fixture.text(EGovMetrics.families(result: Fixture.result(), selfMetrics: Fixture.selfMetrics))

    /// The sample lines of `family` that contain `fragment`.
    func lines(_ family: String, containing fragment: String) -> String {
        Fixture.block(family, in: text).split(separator: "\n").filter { !$0.hasPrefix("#") && $0.contains(fragment) }
            .joined(separator: "\n")
    }

    @Test("on-time ratio: 3.4.x over each subtree, omitted for the empty period (no NaN)")
    func onTimeRatio() {
        // Given Bình Yên 348/348, Trung Lương 1/3 and their district 349/351 in Q1, nothing in Q2
        // Then one series per unit for previous_quarter only, sorted by unit code byte-wise
        #expect(Fixture.block("egov_dossiers_on_time_ratio", in: text) == """
            # HELP egov_dossiers_on_time_ratio Share (0-1) of resolved dossiers of the unit's whole subtree resolved early or on time; absent when none was resolved. Refreshed every 60 seconds.
            # TYPE egov_dossiers_on_time_ratio gauge
            egov_dossiers_on_time_ratio{unit="05587",level="commune",period="previous_quarter"} 1
            egov_dossiers_on_time_ratio{unit="05590",level="commune",period="previous_quarter"} 0.3333333333333333
            egov_dossiers_on_time_ratio{unit="164",level="district",period="previous_quarter"} 0.9943019943019943
            egov_dossiers_on_time_ratio{unit="19",level="province",period="previous_quarter"} 0.9943019943019943

            """)
        #expect(!text.contains("NaN"))
    }

    @Test("received: every channel and origin, zeros included; the seed's 351 = 3 + 348")
    func received() {
        #expect(lines("egov_dossiers_received", containing: "unit=\"05587\",level=\"commune\",period=\"previous_quarter\"") == """
            egov_dossiers_received{unit="05587",level="commune",period="previous_quarter",channel="direct",origin="carried_over"} 0
            egov_dossiers_received{unit="05587",level="commune",period="previous_quarter",channel="direct",origin="new"} 0
            egov_dossiers_received{unit="05587",level="commune",period="previous_quarter",channel="online",origin="carried_over"} 3
            egov_dossiers_received{unit="05587",level="commune",period="previous_quarter",channel="online",origin="new"} 348
            egov_dossiers_received{unit="05587",level="commune",period="previous_quarter",channel="postal",origin="carried_over"} 0
            egov_dossiers_received{unit="05587",level="commune",period="previous_quarter",channel="postal",origin="new"} 0
            """)
        #expect(lines("egov_dossiers_received", containing: "unit=\"19\"").split(separator: "\n").count == 12)
    }

    @Test("resolved, ended and in progress of a district cover its communes")
    func outcomes() {
        let district = "unit=\"164\",level=\"district\",period=\"previous_quarter\""
        #expect(lines("egov_dossiers_resolved", containing: district) == """
            egov_dossiers_resolved{\(district),timeliness="early"} 325
            egov_dossiers_resolved{\(district),timeliness="late"} 2
            egov_dossiers_resolved{\(district),timeliness="no_due_date"} 0
            egov_dossiers_resolved{\(district),timeliness="on_time"} 24
            """)
        #expect(lines("egov_dossiers_ended", containing: district) == """
            egov_dossiers_ended{\(district),reason="stopped"} 0
            egov_dossiers_ended{\(district),reason="withdrawn"} 1
            """)
        #expect(lines("egov_dossiers_in_progress", containing: district) == """
            egov_dossiers_in_progress{\(district),timeliness="on_time"} 3
            egov_dossiers_in_progress{\(district),timeliness="overdue"} 1
            """)
        // 3.2.4 over the dossiers of procedures offered online (351 + 2); the share over all 356
        #expect(lines("egov_dossiers_online_ratio", containing: "period=\"previous_quarter\"") == """
            egov_dossiers_online_ratio{unit="05587",level="commune",period="previous_quarter"} 1
            egov_dossiers_online_ratio{unit="05590",level="commune",period="previous_quarter"} 0
            egov_dossiers_online_ratio{unit="164",level="district",period="previous_quarter"} 0.9943342776203966
            egov_dossiers_online_ratio{unit="19",level="province",period="previous_quarter"} 0.9943342776203966
            """)
        #expect(lines("egov_dossiers_online_share_ratio", containing: "period=\"previous_quarter\"") == """
            egov_dossiers_online_share_ratio{unit="05587",level="commune",period="previous_quarter"} 1
            egov_dossiers_online_share_ratio{unit="05590",level="commune",period="previous_quarter"} 0
            egov_dossiers_online_share_ratio{unit="164",level="district",period="previous_quarter"} 0.9859550561797753
            egov_dossiers_online_share_ratio{unit="19",level="province",period="previous_quarter"} 0.9859550561797753
            """)
        #expect(lines("egov_dossiers_online_service_received", containing: district) == """
            egov_dossiers_online_service_received{\(district),online="false"} 2
            egov_dossiers_online_service_received{\(district),online="true"} 351
            """)
        // 3.4.1 and 3.4.2 by receiving level: the district received none itself
        #expect(lines("egov_dossiers_receiving_level_resolved", containing: district) == """
            egov_dossiers_receiving_level_resolved{\(district),receiving_level="commune"} 351
            egov_dossiers_receiving_level_resolved{\(district),receiving_level="district"} 0
            """)
        #expect(lines("egov_dossiers_receiving_level_on_time_ratio", containing: "unit=\"05587\"") == """
            egov_dossiers_receiving_level_on_time_ratio{unit="05587",level="commune",period="previous_quarter",receiving_level="commune"} 1
            """)
        #expect(lines("egov_staff_present", containing: "previous_quarter") == """
            egov_staff_present{unit="05587",level="commune",period="previous_quarter"} 18
            egov_staff_present{unit="05590",level="commune",period="previous_quarter"} 0
            egov_staff_present{unit="164",level="district",period="previous_quarter"} 18
            egov_staff_present{unit="19",level="province",period="previous_quarter"} 18
            """)
    }

    @Test("documents and e-office: ratios only where something was counted")
    func documentsAndStaff() {
        #expect(lines("egov_outgoing_documents_signed_ratio", containing: "egov_") == """
            egov_outgoing_documents_signed_ratio{unit="05587",level="commune",period="previous_quarter"} 0.5454545454545454
            egov_outgoing_documents_signed_ratio{unit="164",level="district",period="previous_quarter"} 0.5454545454545454
            egov_outgoing_documents_signed_ratio{unit="19",level="province",period="previous_quarter"} 0.5454545454545454
            """)
        #expect(lines("egov_interagency_documents", containing: "unit=\"05587\",level=\"commune\",period=\"previous_quarter\"") == """
            egov_interagency_documents{unit="05587",level="commune",period="previous_quarter",mode="electronic_unsigned"} 0
            egov_interagency_documents{unit="05587",level="commune",period="previous_quarter",mode="electronic_with_paper"} 0
            egov_interagency_documents{unit="05587",level="commune",period="previous_quarter",mode="fully_electronic"} 6
            egov_interagency_documents{unit="05587",level="commune",period="previous_quarter",mode="paper"} 0
            """)
        #expect(lines("egov_eoffice_usage_ratio", containing: "egov_") == """
            egov_eoffice_usage_ratio{unit="05587",level="commune",period="previous_quarter"} 0.8947368421052632
            egov_eoffice_usage_ratio{unit="164",level="district",period="previous_quarter"} 0.8947368421052632
            egov_eoffice_usage_ratio{unit="19",level="province",period="previous_quarter"} 0.8947368421052632
            """)
        #expect(lines("egov_staff", containing: "unit=\"05590\"") == """
            egov_staff{unit="05590",level="commune",period="current_quarter"} 0
            egov_staff{unit="05590",level="commune",period="previous_quarter"} 0
            """)
        #expect(lines("egov_work_files_electronic_ratio", containing: "egov_").isEmpty)
        #expect(!text.contains("# HELP egov_work_files_electronic_ratio"), "a family without series is left out")
    }

    @Test("every unit gets its series for every period, and every figure HELP quotes the interval")
    func coverage() {
        for family in ["egov_work_files", "egov_outgoing_documents", "egov_dossiers_ended"] {
            // 4 units x 2 periods x 2 label values
            #expect(lines(family, containing: "egov_").split(separator: "\n").count == 16, "\(family)")
        }
        let helps = text.split(separator: "\n").filter { $0.hasPrefix("# HELP ") }
        let selfNames = ["egov_exporter_build_info", "egov_source_up", "egov_refresh_duration_seconds",
                         "egov_refresh_failures_total", "egov_last_refresh_success_timestamp_seconds", "egov_refresh_interval_seconds"]
        for help in helps where !selfNames.contains(String(help.split(separator: " ")[2])) {
            #expect(help.hasSuffix(" Refreshed every 60 seconds."), "\(help)")
        }
        // 11 self, info and declared families, and the 43 of the catalogue but for 6 ratios with
        // nothing to divide here (no procedure, no dossier with a fee): a family with no series
        // is not written
        #expect(IndicatorCatalogue.metrics.count == 43)
        #expect(helps.count == 11 + 43 - 6)
        for empty in ["egov_procedures_national_portal_ratio", "egov_procedures_online_offered_ratio", "egov_procedures_online_payment_ratio",
                      "egov_procedures_internal_process_approved_ratio", "egov_procedures_internal_process_digitized_ratio",
                      "egov_dossiers_paid_online_ratio"] {
            #expect(!text.contains("# HELP \(empty) "), "\(empty)")
        }
    }
}

import EGovExposition
import Testing

/// The whole exposition before the first successful refresh: only the exporter's own metrics.
@Suite("Exposition before the first refresh")
struct SelfMetricsTests {
    @Test("text format 0.0.4: counter metadata named after its _total samples, no timestamp yet")
    func textFormat() {
        // Given no refresh result yet
        let families = EGovMetrics.families(result: nil, selfMetrics: Fixture.firstRefreshPending)
        // When rendered as text 0.0.4
        let text = Fixture.text(families, .prometheusText)
        // Then exactly the self metrics, sorted by family name
        #expect(text == """
            # HELP egov_exporter_build_info The exporter's build, always 1.
            # TYPE egov_exporter_build_info gauge
            egov_exporter_build_info{version="1.2.3"} 1
            # HELP egov_refresh_duration_seconds Seconds the last refresh took to read the sources and compute every figure.
            # TYPE egov_refresh_duration_seconds gauge
            egov_refresh_duration_seconds 0
            # HELP egov_refresh_failures_total Refreshes that failed since the exporter started.
            # TYPE egov_refresh_failures_total counter
            egov_refresh_failures_total 0
            # HELP egov_refresh_interval_seconds The configured seconds between two refreshes (an alert on stale data compares the last success with it).
            # TYPE egov_refresh_interval_seconds gauge
            egov_refresh_interval_seconds 60
            # HELP egov_source_up Whether the last read of each source (dossiers: one-stop-shop records, documents: document-management records) succeeded (1) or failed (0).
            # TYPE egov_source_up gauge
            egov_source_up{source="documents"} 0
            egov_source_up{source="dossiers"} 0

            """)
    }

    @Test("OpenMetrics 1.0.0: counter family without _total, samples with it, # EOF at the end")
    func openMetrics() {
        let families = EGovMetrics.families(result: nil, selfMetrics: Fixture.selfMetrics)
        let text = Fixture.text(families, .openMetrics)
        #expect(text == """
            # HELP egov_exporter_build_info The exporter's build, always 1.
            # TYPE egov_exporter_build_info gauge
            egov_exporter_build_info{version="1.2.3"} 1
            # HELP egov_last_refresh_success_timestamp_seconds Unix time of the last successful refresh.
            # TYPE egov_last_refresh_success_timestamp_seconds gauge
            egov_last_refresh_success_timestamp_seconds 1712700000
            # HELP egov_refresh_duration_seconds Seconds the last refresh took to read the sources and compute every figure.
            # TYPE egov_refresh_duration_seconds gauge
            egov_refresh_duration_seconds 0.25
            # HELP egov_refresh_failures Refreshes that failed since the exporter started.
            # TYPE egov_refresh_failures counter
            egov_refresh_failures_total 3
            # HELP egov_refresh_interval_seconds The configured seconds between two refreshes (an alert on stale data compares the last success with it).
            # TYPE egov_refresh_interval_seconds gauge
            egov_refresh_interval_seconds 60
            # HELP egov_source_up Whether the last read of each source (dossiers: one-stop-shop records, documents: document-management records) succeeded (1) or failed (0).
            # TYPE egov_source_up gauge
            egov_source_up{source="documents"} 0
            egov_source_up{source="dossiers"} 1
            # EOF

            """)
    }

    @Test("the counter is one family named without _total, whatever the format")
    func counterFamily() throws {
        let families = EGovMetrics.families(result: nil, selfMetrics: Fixture.selfMetrics)
        let counter = try #require(families.first { $0.type == .counter })
        #expect(counter.name == "egov_refresh_failures" && counter.sampleName == "egov_refresh_failures_total")
        #expect(families.filter { $0.type == .counter }.count == 1)
        #expect(families.allSatisfy { $0.type == .counter || !$0.name.hasSuffix("_total") })
    }

    @Test("snapshot families: the counter, the last success, one series per unit still missing its snapshot")
    func snapshotFamilies() {
        var metrics = Fixture.firstRefreshPending
        metrics.snapshots = SnapshotStatus(lastSuccessTimestamp: 1_795_921_200, taken: 15, missing: [
            MissingSnapshot(unit: "05587", level: "commune", period: "2026-Q3", dueSince: 1_789_405_200),
            MissingSnapshot(unit: "164", level: "district", period: "2026-Q3", dueSince: 1_789_405_200),
        ])
        let text = Fixture.text(EGovMetrics.families(result: nil, selfMetrics: metrics), .prometheusText)
        let lines = text.split(separator: "\n").filter { $0.hasPrefix("egov_snapshot") }
        #expect(lines == [
            "egov_snapshot_last_success_timestamp_seconds 1795921200",
            #"egov_snapshot_missing_since_timestamp_seconds{unit="05587",level="commune",id="2026-Q3"} 1789405200"#,
            #"egov_snapshot_missing_since_timestamp_seconds{unit="164",level="district",id="2026-Q3"} 1789405200"#,
            "egov_snapshot_store_up 1",
            "egov_snapshots_taken_total 15",
        ])
        #expect(text.contains("# TYPE egov_snapshots_taken_total counter"))
        metrics.snapshots = SnapshotStatus(lastSuccessTimestamp: nil, taken: 0, missing: [], storeUp: false)
        let failing = Fixture.text(EGovMetrics.families(result: nil, selfMetrics: metrics), .prometheusText)
        #expect(failing.split(separator: "\n").filter { $0.hasPrefix("egov_snapshot") } == ["egov_snapshot_store_up 0", "egov_snapshots_taken_total 0"])
    }
}

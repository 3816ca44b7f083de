import EGovKPI
import EGovSnapshots
import Testing

/// The OpenMetrics export of stored snapshots (`snapshot export --all --format openmetrics`), on
/// literal snapshots: exact text, ordering, timestamps and escaping.
@Suite("Snapshot trends")
struct SnapshotTrendsTests {
    static func snapshot(_ unit: String, _ name: String, period id: String, first: String, last: String,
                         version: Int, figures: String) -> Snapshot {
        let period = ReportingPeriod(id: id, firstDay: LocalDate(iso: first)!, lastDay: LocalDate(iso: last)!)
        let document = SnapshotDocument(unitCode: unit, unitName: name, unitLevel: "commune", period: period, profile: "nd09",
                                        rows: [], narrative: [], figures: figures, dataQuality: [])
        return Snapshot(document: document, version: version, takenAt: "2024-06-15T08:00:00+07:00", takenBy: "command")
    }

    @Test("two quarters of one unit: numbers exactly, nulls and objects left out, end of the last day in +07:00")
    func twoQuarters() throws {
        // Given two quarters' snapshots, the second (Q2) listed first.
        let q2 = Self.snapshot("05587", "Xã Bình Yên", period: "2024-Q2", first: "2024-03-15", last: "2024-06-14", version: 2,
                               figures: #"{"unit":"05587","resolved":8194,"on_time_rate":0.9375,"online_rate":null,"invalid_records":{"dossier.x":1}}"#)
        let q1 = Self.snapshot("05587", "Xã Bình Yên", period: "2024-Q1", first: "2023-12-15", last: "2024-03-14", version: 1,
                               figures: #"{"unit":"05587","resolved":20,"on_time_rate":1,"online_rate":0.5}"#)
        // When they are exported.
        let text = try SnapshotTrends.openMetrics([q2, q1], zone: .vietnam)
        // Then each figure is one series, sorted by labels then time, at 23:59:59 +07:00 of the last day.
        #expect(text == """
            # HELP egov_snapshot_figure A figure of a stored quarterly snapshot (latest version), by its key in report --format json, at the end of the period's last day.
            # TYPE egov_snapshot_figure gauge
            egov_snapshot_figure{figure="on_time_rate",level="commune",period_id="2024-Q1",unit="05587"} 1 1710435599
            egov_snapshot_figure{figure="on_time_rate",level="commune",period_id="2024-Q2",unit="05587"} 0.9375 1718384399
            egov_snapshot_figure{figure="online_rate",level="commune",period_id="2024-Q1",unit="05587"} 0.5 1710435599
            egov_snapshot_figure{figure="resolved",level="commune",period_id="2024-Q1",unit="05587"} 20 1710435599
            egov_snapshot_figure{figure="resolved",level="commune",period_id="2024-Q2",unit="05587"} 8194 1718384399
            # HELP egov_snapshot_info The unit, period and version of a stored snapshot; always 1.
            # TYPE egov_snapshot_info gauge
            egov_snapshot_info{first_day="2023-12-15",last_day="2024-03-14",level="commune",name="Xã Bình Yên",period_id="2024-Q1",unit="05587",version="1"} 1 1710435599
            egov_snapshot_info{first_day="2024-03-15",last_day="2024-06-14",level="commune",name="Xã Bình Yên",period_id="2024-Q2",unit="05587",version="2"} 1 1718384399
            # EOF

            """)
    }

    @Test("a name with a quote, a backslash and a newline is escaped; UTC ends the day at 23:59:59Z")
    func escaping() throws {
        let s = Self.snapshot("1", "A \"B\" \\ C\nD", period: "2024-Q1", first: "2023-12-15", last: "2024-03-14", version: 1,
                              figures: #"{"staff":3}"#)
        let text = try SnapshotTrends.openMetrics([s], zone: UTCOffset(seconds: 0))
        #expect(text.contains(#"name="A \"B\" \\ C\nD""#))
        #expect(text.contains(#"egov_snapshot_figure{figure="staff",level="commune",period_id="2024-Q1",unit="1"} 3 1710460799"#))
    }

    @Test("a rate keeps every digit the snapshot stored (read correctly rounded, spelled shortest)")
    func precision() throws {
        let s = Self.snapshot("19", "Tỉnh Thái Nguyên", period: "2024-Q4", first: "2024-09-15", last: "2024-12-14", version: 1,
                              figures: #"{"eoffice_usage_rate":0.8046709129511678,"interagency_with_paper_rate":0.14035087719298245,"signed_rate":0.8024691358024691}"#)
        let values = try SnapshotTrends.openMetrics([s], zone: .vietnam).split(separator: "\n")
            .filter { $0.hasPrefix("egov_snapshot_figure") }.map { $0.split(separator: " ")[1] }
        #expect(values == ["0.8046709129511678", "0.14035087719298245", "0.8024691358024691"])
    }

    @Test("figures that are not a JSON object are an error naming the unit and period")
    func badFigures() {
        let s = Self.snapshot("05587", "Xã Bình Yên", period: "2024-Q1", first: "2023-12-15", last: "2024-03-14", version: 1, figures: "[1]")
        #expect(throws: SnapshotStoreError("the figures of the snapshot of 05587 for 2024-Q1 are not a JSON object")) {
            try SnapshotTrends.openMetrics([s], zone: .vietnam)
        }
    }
}

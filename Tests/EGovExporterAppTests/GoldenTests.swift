import EGovExporterApp
import EGovExposition
import Foundation
import Logging
import Testing

/// The whole exposition of the small demo database at a fixed instant, byte for byte, in both
/// formats. Regenerate after an intended change with `EGOV_UPDATE_GOLDEN=1 swift test --filter Golden`
/// and review the diff.
@Suite("Golden exposition")
struct GoldenTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    /// The refresh duration is the one value that changes from run to run.
    func normalised(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasPrefix("egov_refresh_duration_seconds ") ? "egov_refresh_duration_seconds 0" : String(line)
        }.joined(separator: "\n")
    }

    @Test("the small demo at 2026-11-29 10:00, Asia/Ho_Chi_Minh", arguments: [
        (ExpositionFormat.prometheusText, "small-demo.prom"), (.openMetrics, "small-demo.openmetrics"),
    ])
    func golden(_ format: ExpositionFormat, _ file: String) async throws {
        let store = MetricsStore()
        let refresher = Refresher(store: store, version: "golden", logger: Logger(label: "test"))
        #expect(await refresher.refresh(config: try DemoDatabase.config(), now: DemoDatabase.now) == nil)
        let actual = normalised(String(buffer: try #require(store.published).body(format, gzip: false)))
        let url = Self.folder.appendingPathComponent(file)
        if ProcessInfo.processInfo.environment["EGOV_UPDATE_GOLDEN"] == "1" {
            try actual.write(to: url, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(actual == expected, "differs from \(file); diff with EGOV_UPDATE_GOLDEN=1 and git diff")
        // Spot checks that tie the golden file to the seed: xã Bình Yên, 2026-Q3 and 2024 figures.
        #expect(actual.contains(#"egov_declared_status{unit="05587",level="commune",indicator="ea_v2"} 1"#))
        #expect(actual.contains(#"egov_reporting_period_info{period="current_quarter",id="2026-Q4",first_day="2026-09-15",last_day="2026-11-29"} 1"#))
    }
}

import EGovExporterApp
import EGovKPI
import Foundation
import Logging
import Testing

/// SIGHUP reloads the configuration; a bad one is refused and the running one keeps serving.
/// The signal itself, and the refresh a reload triggers (the new value is served within 10 s
/// under a 60 s refresh interval), are exercised against the real binary by scripts/serve-test.sh.
@Suite("Configuration reload")
struct ReloadTests {
    func write(_ yaml: String, to path: String) throws {
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
    }

    @Test("a good file replaces the configuration; a bad one is refused and changes nothing")
    func reload() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("egov-reload-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("egov-exporter.yml").path
        try write("refresh_interval: 60\nroot_unit: \"164\"\n", to: path)
        let overrides = ConfigOverrides(db: DemoDatabase.path)
        let box = ConfigBox(try overrides.apply(to: ConfigLoader.load(path: path)))
        let service = ReloadService(path: path, overrides: overrides, config: box, trigger: RefreshTrigger(),
                                    logger: Logger(label: "test"))

        try write("refresh_interval: 30\nroot_unit: \"164\"\nperiods: [previous_quarter]\n", to: path)
        service.reload()
        #expect(box.current.refreshInterval == 30)
        #expect(box.current.periods == [.previousQuarter])
        #expect(box.current.sources.dossiers == .sqlite(path: DemoDatabase.path, busyTimeout: 5), "--db still applies")

        try write("refresh_interval: 15\nrefresh_intervall: 20\n", to: path)
        service.reload()
        #expect(box.current.refreshInterval == 30, "the bad file changed nothing")
        #expect(box.current.rootUnit == "164")
    }

    @Test("root_unit and periods limit what a refresh exposes")
    func refreshAfterReload() async throws {
        let store = MetricsStore()
        let refresher = Refresher(store: store, version: "test", logger: Logger(label: "test"))
        var config = try DemoDatabase.config()
        config.rootUnit = "164"
        config.periods = [.previousQuarter]
        #expect(await refresher.refresh(config: config, now: DemoDatabase.now) == nil)
        let body = String(buffer: try #require(store.published).text)
        #expect(body.contains(#"egov_unit_info{unit="164",name="Huyện Định Hóa",level="district",parent=""} 1"#))
        #expect(!body.contains(#"unit="19""#), "units outside root_unit are not exposed")
        #expect(!body.contains(#"period="current_quarter""#))
        #expect(body.contains(#"egov_reporting_period_info{period="previous_quarter",id="2026-Q3",first_day="2026-06-15",last_day="2026-09-14"} 1"#))
    }
}

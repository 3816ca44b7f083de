import EGovExporterApp
import EGovKPI
@testable import EGovPostgres
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

    /// A new empty folder for a test's files; the test removes it.
    func temporaryDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("egov-reload-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    @Test("a good file replaces the configuration; a bad one is refused and changes nothing")
    func reload() async throws {
        let directory = try temporaryDirectory()
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

    @Test("the password file is read at a reload: a new password gets its own pool and the old one closes; an unreadable file is refused")
    func passwordFileAtReload() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("egov-exporter.yml").path
        let passwordFile = directory.appendingPathComponent("pg-password").path
        try write("first-password\n", to: passwordFile)
        let yaml = { (file: String) in
            "sources:\n  dossiers:\n    kind: postgres\n    host: 127.0.0.1\n    port: 1\n    database: egov\n    user: egov\n"
                + "    password_file: \(file)\n    tls: disable\n  documents:\n    kind: sqlite\n    path: \(DemoDatabase.path)\n"
        }
        try write(yaml(passwordFile), to: path)
        let box = ConfigBox(try ConfigLoader.load(path: path))
        guard case .postgres(let first) = box.current.sources.dossiers else { Issue.record("not postgres"); return }
        #expect(first.password == Password("first-password"))
        let clients = PostgresClients()
        clients.keep(only: box.current.sources.postgresSettings)
        try await clients.withClient(for: first) { _ in }
        let service = ReloadService(path: path, overrides: ConfigOverrides(), config: box, trigger: RefreshTrigger(),
                                    postgres: clients, logger: Logger(label: "test"))

        // Changing the file alone changes nothing until the reload reads it.
        try write("second-password\n", to: passwordFile)
        #expect(box.current.sources.dossiers == .postgres(first))
        service.reload()
        guard case .postgres(let second) = box.current.sources.dossiers else { Issue.record("not postgres"); return }
        #expect(second.password == Password("second-password"))
        #expect(clients.openPools == 0, "the first password's pool, unused, is closed at the reload")

        try write(yaml(directory.appendingPathComponent("missing").path), to: path)
        service.reload()
        #expect(box.current.sources.dossiers == .postgres(second), "a password file that cannot be read refuses the reload")
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

@testable import EGovExporterApp
import EGovKPI
@testable import EGovReports
@testable import EGovSnapshots
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// The defects found by probing the HTTP, snapshot and configuration layers, each pinned.
@Suite("Probing defects")
struct ProbingTests {
    /// A unit code and name as hostile as a units table may hold.
    static let code = "Phường 1/A&B %2F"
    static let name = "Xã *Bình* [Yên](http://x) & Co\nGhi chú | <b>"

    /// A store with the demo's 2026-Q3 snapshots and one more of the same figures for `code`.
    static func store() async throws -> (SnapshotStore, String) {
        let path = SnapshotDaemonTests.storePath()
        let store = try SnapshotStore(path: path, create: true)
        _ = try await SnapshotDaemonTests.refresh(store, config: try DemoDatabase.config())
        let d = try #require(try store.snapshot(unit: "05587", period: "2026-Q3")).document
        let odd = SnapshotDocument(unitCode: code, unitName: name, unitLevel: d.unitLevel, period: d.period, profile: d.profile,
                                   rows: d.rows, narrative: d.narrative, figures: d.figures, dataQuality: d.dataQuality)
        _ = try store.save(odd, takenAt: Int64(DemoDatabase.now), zone: .vietnam, takenBy: "test", exporterVersion: "test")
        return (store, path)
    }

    static func app(_ store: SnapshotStore) -> some ApplicationProtocol {
        buildApplication(listen: ListenAddress("127.0.0.1:8466")!, store: MetricsStore(), snapshots: store, logger: Logger(label: "test"))
    }

    @Test("snapshot links percent-encode the unit code, the router decodes it, Content-Disposition follows RFC 6266, the XLSX renders")
    func oddUnitCode() async throws {
        let (store, _) = try await Self.store()
        let encoded = "Ph%C6%B0%E1%BB%9Dng%201%2FA%26B%20%252F"
        try await Self.app(store).test(.router) { client in
            try await client.execute(uri: "/snapshots?period=2026-Q3&format=json", method: .get) { response in
                #expect(String(buffer: response.body).contains("\"md\": \"/snapshots/\(encoded)/2026-Q3.md?version=1\""))
            }
            try await client.execute(uri: "/snapshots?period=2026-Q3", method: .get) { response in
                let page = String(buffer: response.body)
                #expect(page.contains("<a href=\"/snapshots/\(encoded)/2026-Q3.md?version=1\">MD</a>"))
                #expect(!page.contains("<b>") && page.contains("&lt;b&gt;"), "names are escaped")
            }
            try await client.execute(uri: "/snapshots/\(encoded)/2026-Q3.md?version=1", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentDisposition]
                    == "attachment; filename=\"phu-luc-II_Ph__ng 1/A&B %2F_2026-Q3_v1.md\"; filename*=UTF-8''phu-luc-II_\(encoded)_2026-Q3_v1.md")
                let page = String(buffer: response.body)
                #expect(page.contains("Xã \\*Bình\\* \\[Yên\\](http://x) & Co Ghi chú \\| \\<b\\>"))
                #expect(!page.contains("\nGhi chú"))
            }
            try await client.execute(uri: "/snapshots/\(encoded)/2026-Q3.xlsx", method: .get) { response in
                #expect(response.status == .ok)
                #expect(Array(response.body.readableBytesView.prefix(2)) == [0x50, 0x4B])
            }
        }
    }

    @Test("Markdown text: markup escaped, line breaks as spaces")
    func markdownText() {
        #expect(Snapshot.markdownText("a*b_c`d[e]f<g>h|i~j\\k") == "a\\*b\\_c\\`d\\[e\\]f\\<g\\>h\\|i\\~j\\\\k")
        #expect(Snapshot.markdownText("one\ntwo\r\nthree\rfour") == "one two three four")
        #expect(Snapshot.markdownText("Phường 1 (cũ) - số 2.") == "Phường 1 (cũ) - số 2.")
    }

    @Test("the XLSX footer doubles & in names (& starts a code there)")
    func footer() async throws {
        let (store, _) = try await Self.store()
        let document = try #require(try store.snapshot(unit: Self.code, period: "2026-Q3")).document
        #expect(AppendixWorkbook.footer(document)
            == "&C&\"Times New Roman,Regular\"Xã *Bình* [Yên](http://x) && Co\nGhi chú | <b> — Quý III năm 2026 — Trang &P/&N")
    }

    @Test("a store failure answers 500 without the file path or the SQL error")
    func errorBody() async throws {
        let (store, path) = try await Self.store()
        // Another process drops the tables: every read now fails inside SQLite ("no such table").
        let sqlite = Process()
        sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        sqlite.arguments = [path, "DROP TABLE snapshot_row; DROP TABLE snapshot_data_quality; DROP TABLE snapshot;"]
        try sqlite.run()
        sqlite.waitUntilExit()
        #expect(sqlite.terminationStatus == 0)
        try await Self.app(store).test(.router) { client in
            for uri in ["/snapshots", "/snapshots/05587/2026-Q3.csv"] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .internalServerError)
                    #expect(String(buffer: response.body) == "{\"error\": \"the snapshot store failed; the exporter's log has the details\"}\n")
                }
            }
        }
    }

    @Test("HEAD carries the Content-Length of GET, and no body")
    func headLength() async throws {
        let (store, _) = try await Self.store()
        try await Self.app(store).test(.live) { client in
            for uri in ["/healthz", "/snapshots/05587/2026-Q3.csv", "/snapshots?unit=05587"] {
                let length = try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.headers[.contentLength] == String(response.body.readableBytes))
                    return response.headers[.contentLength]
                }
                try await client.execute(uri: uri, method: .head) { response in
                    #expect(response.status == .ok)
                    #expect(response.headers[.contentLength] == length, "\(uri)")
                    #expect(response.body.readableBytes == 0)
                }
            }
        }
    }

    @Test("a configuration with thousands of errors reports the first 20 and a count")
    func manyErrors() throws {
        let yaml = (1...3000).map { "key\($0): 1" }.joined(separator: "\n")
        let errors = try #require(throws: ConfigErrors.self) { try ConfigLoader.parse(yaml: yaml, file: "big.yml") }
        let lines = errors.lines()
        #expect(errors.errors.count == 3000)
        #expect(lines.count == 21)
        #expect(lines[0] == "big.yml:1: unknown key 'key1': expected one of listen, refresh_interval, refresh_timeout, invalid_records_interval, invalid_records_timeout, sources, period_profile, time_zone, root_unit, periods, declared, max_units, state_db, snapshots, import, http, web_config_file, targets")
        #expect(lines[20] == "big.yml: 2980 more errors not shown (3000 in all)")
        #expect(ConfigErrors(Array(errors.errors.prefix(3))).lines().count == 3)
    }

    @Test("an empty configuration file is the defaults at start and an error on reload", arguments: ["", "\n# nothing\n", "~\n"])
    func emptyOnReload(_ yaml: String) throws {
        #expect(try ConfigLoader.parse(yaml: yaml, file: "c.yml") == .default)
        #expect(throws: ConfigErrors([ConfigError(file: "c.yml", message: "the file is empty: a reload needs the whole configuration (write {} for the defaults)")])) {
            try ConfigLoader.parse(yaml: yaml, file: "c.yml", allowEmpty: false)
        }
        #expect(try ConfigLoader.parse(yaml: "{}", file: "c.yml", allowEmpty: false) == .default)
    }
}

/// A state database that cannot be opened stops the snapshots, never the metrics.
@Suite("State database outage")
struct StateOutageTests {
    @Test("metrics are served with egov_snapshot_store_up 0 and every due unit missing; snapshots resume once the database can be opened")
    func outageAndRecovery() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("egov-outage-\(UUID().uuidString)")
        // The state folder's name is taken by a file: the database cannot be created.
        try Data("not a folder".utf8).write(to: folder)
        let state = StateStore(path: folder.appendingPathComponent("state.sqlite").path)
        let metrics = MetricsStore()
        let refresher = Refresher(store: metrics, version: "test", logger: Logger(label: "test"),
                                  snapshotter: Snapshotter(stateStore: state, version: "test", logger: Logger(label: "test")))
        let config = try DemoDatabase.config()
        #expect(await refresher.refresh(config: config, now: DemoDatabase.now) == nil)
        let down = String(buffer: try #require(metrics.published).text)
        #expect(down.contains("egov_snapshot_store_up 0\n"))
        #expect(down.contains("egov_snapshots_taken_total 0\n"))
        #expect(down.components(separatedBy: "\negov_snapshot_missing_since_timestamp_seconds{").count - 1 == 16)
        #expect(down.contains("egov_dossiers_on_time_ratio{"))
        let app = buildApplication(listen: ListenAddress("127.0.0.1:8466")!, store: metrics, stateStore: state, logger: Logger(label: "test"))
        try await app.test(.router) { client in
            try await client.execute(uri: "/metrics", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/snapshots", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(String(buffer: response.body) == "{\"error\": \"the state database is unavailable; the exporter's log has the details\"}\n")
            }
        }

        try FileManager.default.removeItem(at: folder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(await refresher.refresh(config: config, now: DemoDatabase.now) == nil)
        let up = String(buffer: try #require(metrics.published).text)
        #expect(up.contains("egov_snapshot_store_up 1\n"))
        #expect(up.contains("egov_snapshots_taken_total 16\n"))
        #expect(!up.contains("egov_snapshot_missing_since_timestamp_seconds{"))
        try await app.test(.router) { client in
            try await client.execute(uri: "/snapshots?unit=05587", method: .get) { #expect($0.status == .ok) }
        }
    }
}

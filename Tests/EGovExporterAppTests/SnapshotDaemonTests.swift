import EGovExporterApp
import EGovExposition
import EGovKPI
import EGovSnapshots
import EGovSources
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// The daemon's automatic snapshots and the /snapshots endpoints, on the small demo at
/// 2026-11-29 (the last closed quarter is 2026-Q3).
@Suite("Snapshots in the daemon")
struct SnapshotDaemonTests {
    static func storePath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("egov-daemon-state-\(UUID().uuidString).sqlite").path
    }

    /// One refresh with a snapshotter over `store`; the exposition's text.
    static func refresh(_ store: SnapshotStore, config: ExporterConfig) async throws -> String {
        let metrics = MetricsStore()
        let refresher = Refresher(store: metrics, version: "test", logger: Logger(label: "test"),
                                  snapshotter: Snapshotter(store: store, version: "test", logger: Logger(label: "test")))
        #expect(await refresher.refresh(config: config, now: DemoDatabase.now) == nil)
        return String(buffer: try #require(metrics.published).text)
    }

    @Test("the closed quarter's snapshots are taken once per unit, and not again after a restart")
    func exactlyOnce() async throws {
        let path = Self.storePath()
        let config = try DemoDatabase.config()
        let store = try SnapshotStore(path: path, create: true)
        let first = try await Self.refresh(store, config: config)
        // Province, 3 districts and 12 communes; the department is not at a configured level.
        #expect(first.contains("egov_snapshots_taken_total 16\n"))
        #expect(first.contains("egov_snapshot_last_success_timestamp_seconds 1795921200\n"))
        #expect(!first.contains("egov_snapshot_missing_since_timestamp_seconds{"))
        #expect(first.contains("egov_refresh_interval_seconds 60\n"))
        let listed = try store.list()
        #expect(listed.count == 16)
        #expect(Set(listed.map(\.period)) == ["2026-Q3"])
        #expect(Set(listed.map(\.takenBy)) == ["daemon"])
        #expect(!listed.contains { $0.unit == "19-SNV" })
        // The same process again, then a new process on the same state database.
        _ = try await Self.refresh(store, config: config)
        let restarted = try await Self.refresh(try SnapshotStore(path: path, create: false), config: config)
        #expect(restarted.contains("egov_snapshots_taken_total 0\n"))
        #expect(try store.list().count == 16)
        #expect(try store.list().allSatisfy { $0.version == 1 })
        let binhYen = try #require(try store.snapshot(unit: "05587", period: "2026-Q3"))
        #expect(binhYen.takenAt == "2026-11-29T10:00:00+07:00")
        #expect(binhYen.document.rows.contains { $0.number == "3.4.2." })
    }

    @Test("a report of the due period already computed is used as it is; another period reads the sources")
    func computedReport() throws {
        var config = try DemoDatabase.config()
        let period = try ReportingCalendar().period(id: "2026-Q3")
        let computed = try SQLiteSource(path: DemoDatabase.path).report(for: period)
        // Sources that cannot be read: only a job that reads them fails.
        config.sources = SourcesConfig(dossiers: .sqlite(path: "/nonexistent/egov.sqlite", busyTimeout: 1),
                                       documents: .sqlite(path: "/nonexistent/egov.sqlite", busyTimeout: 1))
        let store = try SnapshotStore(path: Self.storePath(), create: true)
        let outcomes = try SnapshotJob.take(config: config, store: store, period: period, selection: .units(["05587", "164"]),
                                            now: Int64(DemoDatabase.now), takenBy: "daemon", version: "test", computed: computed)
        #expect(outcomes.map(\.snapshot.document.unitCode) == ["05587", "164"])
        #expect(outcomes.first?.snapshot.document.figures == computed["05587"]?.json.text)
        let q2 = try ReportingCalendar().period(id: "2026-Q2")
        #expect(throws: SnapshotJobError.self) {
            try SnapshotJob.take(config: config, store: store, period: q2, selection: .units(["05587"]),
                                 now: Int64(DemoDatabase.now), takenBy: "daemon", version: "test", computed: computed)
        }
        #expect(try store.list().count == 2)
    }

    @Test("configured levels and kinds: communes only, the quarter and the year")
    func levelsAndKinds() async throws {
        var config = try DemoDatabase.config()
        config.snapshots.levels = ["commune"]
        config.snapshots.periods = [.quarter, .year]
        let store = try SnapshotStore(path: Self.storePath(), create: true)
        let text = try await Self.refresh(store, config: config)
        #expect(text.contains("egov_snapshots_taken_total 24\n"))
        #expect(Set(try store.list().map(\.period)) == ["2026-Q3", "2025-Y"])
        #expect(Set(try store.list().map(\.level)) == ["commune"])
    }

    @Test("disabled: nothing is taken, nothing is reported missing")
    func disabled() async throws {
        var config = try DemoDatabase.config()
        config.snapshots.enabled = false
        let store = try SnapshotStore(path: Self.storePath(), create: true)
        let text = try await Self.refresh(store, config: config)
        #expect(text.contains("egov_snapshots_taken_total 0\n"))
        #expect(!text.contains("egov_snapshot_last_success_timestamp_seconds"))
        #expect(try store.list().isEmpty)
    }

    @Test("the due period waits for delay_days after the period's last day")
    func delay() throws {
        let today = LocalDate(iso: "2026-11-29")!
        var config = ExporterConfig.default
        config.snapshots.delayDays = 75  // 2026-09-15 is the first day Q3 (ends 09-14) counts as closed
        #expect(Snapshotter.duePeriods(config, today: today).map(\.id) == ["2026-Q3"])
        config.snapshots.delayDays = 76
        #expect(Snapshotter.duePeriods(config, today: today).map(\.id) == ["2026-Q2"])
        config.snapshots.delayDays = 0
        config.snapshots.periods = [.quarter, .halfYear, .nineMonths, .year]
        #expect(Snapshotter.duePeriods(config, today: today).map(\.id) == ["2026-Q3", "2026-H1", "2026-9M", "2025-Y"])
        #expect(Snapshotter.duePeriods(config, today: LocalDate(iso: "2026-12-15")!).map(\.id) == ["2026-Q4", "2026-H1", "2026-9M", "2026-Y"])
        #expect(Snapshotter.duePeriods(config, today: LocalDate(iso: "2026-12-14")!).map(\.id) == ["2026-Q3", "2026-H1", "2026-9M", "2025-Y"])
    }

    @Test("GET /snapshots lists, downloads carry their type and file name, unknown ones are JSON 404s")
    func http() async throws {
        let store = try SnapshotStore(path: Self.storePath(), create: true)
        _ = try await Self.refresh(store, config: try DemoDatabase.config())
        let app = buildApplication(listen: ListenAddress("127.0.0.1:8466")!, store: MetricsStore(), snapshots: store, logger: Logger(label: "test"))
        try await app.test(.router) { client in
            try await client.execute(uri: "/snapshots?unit=05587", method: .get, headers: [.accept: "application/json"]) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/json")
                let body = String(buffer: response.body)
                #expect(body.contains(#""unit": "05587", "unit_name": "Xã Bình Yên", "level": "commune", "period": "2026-Q3""#))
                #expect(body.contains(#""xlsx": "/snapshots/05587/2026-Q3.xlsx?version=1""#))
                #expect(body.components(separatedBy: "\"unit\":").count == 2)
            }
            // For people (a browser): the page, with the versions and the links of every format.
            try await client.execute(uri: "/snapshots?unit=05587", method: .get,
                                     headers: [.accept: "text/html,application/xhtml+xml,application/json;q=0.9"]) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                let page = String(buffer: response.body)
                #expect(page.contains("<tr><td>Xã Bình Yên (05587)</td><td>2026-Q3: 15/06/2026 – 14/09/2026</td><td class=\"so\">1</td>"))
                #expect(page.contains("<td>tự động</td><td><a href=\"/snapshots/05587/2026-Q3.xlsx?version=1\">XLSX</a> · "))
                #expect(page.components(separatedBy: "<tr><td>").count == 2)
            }
            try await client.execute(uri: "/snapshots?period=2026-q3&unit=05587&format=json", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).components(separatedBy: "\"period\": \"2026-Q3\"").count == 2)
            }
            try await client.execute(uri: "/snapshots?period=2026-Q5", method: .get) { response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body)
                    == "{\"error\": \"invalid period id '2026-Q5': expected YYYY-Q1..YYYY-Q4, YYYY-H1, YYYY-9M or YYYY-Y\"}\n")
            }
            try await client.execute(uri: "/snapshots/05587/2026-Q3.csv", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/csv; charset=utf-8")
                #expect(response.headers[.contentDisposition]
                    == "attachment; filename=\"phu-luc-II_05587_2026-Q3_v1.csv\"; filename*=UTF-8''phu-luc-II_05587_2026-Q3_v1.csv")
                #expect(Array(response.body.readableBytesView.prefix(3)) == [0xEF, 0xBB, 0xBF])
            }
            try await client.execute(uri: "/snapshots/05587/2026-Q3.xlsx?version=1", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                #expect(Array(response.body.readableBytesView.prefix(2)) == [0x50, 0x4B])
            }
            try await client.execute(uri: "/snapshots/05587/2026-Q3.json?version=2", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.headers[.contentType] == "application/json")
                #expect(String(buffer: response.body) == "{\"error\": \"no version 2 of the snapshot of unit 05587 for 2026-Q3: versions 1\"}\n")
            }
            try await client.execute(uri: "/snapshots/99999/2026-Q3.md", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(String(buffer: response.body) == "{\"error\": \"no snapshot of unit 99999 for period 2026-Q3\"}\n")
            }
            try await client.execute(uri: "/snapshots/05587/2026-Q3.pdf", method: .get) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: "/snapshots/05587/2026-Q3.csv", method: .post) { response in
                #expect(response.status == .methodNotAllowed)
            }
            try await client.execute(uri: "/snapshots/05587/2026-Q3.md", method: .head) { response in
                #expect(response.status == .ok)
                #expect(response.body.readableBytes == 0)
            }
        }
    }
}

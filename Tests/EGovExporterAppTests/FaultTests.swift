import EGovExporterApp
import EGovExposition
import Foundation
import GRDB
import Logging
import Testing

/// A failing source never fails the scrape: the last good figures stay, egov_source_up turns 0,
/// the failure is counted, and the exporter recovers by itself when the source is back.
@Suite("Faults of the source", .serialized)
struct FaultTests {
    let binhYenOnTime = #"egov_dossiers_on_time_ratio{unit="05587",level="commune",period="previous_quarter"}"#

    func text(_ store: MetricsStore) throws -> String {
        String(buffer: try #require(store.published).text)
    }

    /// The value of the sample line starting with `prefix`.
    func sample(_ body: String, _ prefix: String) -> String? {
        body.split(separator: "\n").first { $0.hasPrefix(prefix + " ") }.map { String($0.dropFirst(prefix.count + 1)) }
    }

    func refresher() -> (Refresher, MetricsStore) {
        let store = MetricsStore()
        return (Refresher(store: store, version: "test", logger: Logger(label: "test")), store)
    }

    @Test("a missing file: figures kept, source down, failure counted; back when the file returns")
    func missingFile() async throws {
        let (directory, path) = try DemoDatabase.copy()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (refresher, store) = refresher()
        let config = try DemoDatabase.config(path: path)
        #expect(await refresher.refresh(config: config, now: DemoDatabase.now) == nil)
        let good = try text(store)
        let goodValue = try #require(sample(good, binhYenOnTime))
        #expect(sample(good, #"egov_source_up{source="dossiers"}"#) == "1")

        try FileManager.default.moveItem(atPath: path, toPath: path + ".away")
        let error = await refresher.refresh(config: config, now: DemoDatabase.now + 60)
        #expect(error?.message == "\(path): read records: no such file")
        let degraded = try text(store)
        #expect(sample(degraded, binhYenOnTime) == goodValue)
        #expect(sample(degraded, #"egov_source_up{source="dossiers"}"#) == "0")
        #expect(sample(degraded, #"egov_source_up{source="documents"}"#) == "0")
        #expect(sample(degraded, "egov_refresh_failures_total") == "1")
        #expect(try #require(store.published).ready, "ready stays true: the last good figures are served")

        try FileManager.default.moveItem(atPath: path + ".away", toPath: path)
        #expect(await refresher.refresh(config: config, now: DemoDatabase.now + 120) == nil)
        let recovered = try text(store)
        #expect(sample(recovered, #"egov_source_up{source="dossiers"}"#) == "1")
        #expect(sample(recovered, "egov_refresh_failures_total") == "1")
        #expect(sample(recovered, "egov_last_refresh_success_timestamp_seconds") == "1795921320")
    }

    @Test("a corrupt file fails the refresh without a crash")
    func corruptFile() async throws {
        let (directory, path) = try DemoDatabase.copy()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (refresher, store) = refresher()
        let config = try DemoDatabase.config(path: path)
        try Data(repeating: 0x42, count: 65_536).write(to: URL(fileURLWithPath: path))
        let error = await refresher.refresh(config: config, now: DemoDatabase.now)
        #expect(error?.message.hasPrefix("\(path): read records: ") == true)
        let body = try text(store)
        #expect(sample(body, #"egov_source_up{source="dossiers"}"#) == "0")
        #expect(!body.contains("egov_dossiers_received"), "no figures before a first good refresh")
        #expect(try #require(store.published).ready == false)
    }

    @Test("a file locked by a writer: down while locked, up once released")
    func lockedFile() async throws {
        let (directory, path) = try DemoDatabase.copy()
        defer { try? FileManager.default.removeItem(at: directory) }
        var config = try DemoDatabase.config(path: path)
        config.sources = SourcesConfig(dossiers: .sqlite(path: path, busyTimeout: 1), documents: .sqlite(path: path, busyTimeout: 1))
        let (refresher, store) = refresher()
        var writerConfig = Configuration()
        writerConfig.allowsUnsafeTransactions = true // the lock must outlive one database access
        let writer = try DatabaseQueue(path: path, configuration: writerConfig)
        try writer.inDatabase { db in
            try db.execute(sql: "PRAGMA locking_mode = EXCLUSIVE")
            try db.execute(sql: "BEGIN EXCLUSIVE")
        }
        let error = await refresher.refresh(config: config, now: DemoDatabase.now)
        #expect(error?.message.contains("database is locked") == true)
        #expect(sample(try text(store), #"egov_source_up{source="dossiers"}"#) == "0")
        try writer.inDatabase { db in
            try db.execute(sql: "COMMIT")
            try db.execute(sql: "PRAGMA locking_mode = NORMAL")
            _ = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM units")
        }
        try writer.close()
        #expect(await refresher.refresh(config: config, now: DemoDatabase.now) == nil)
        #expect(sample(try text(store), #"egov_source_up{source="dossiers"}"#) == "1")
    }

    @Test("a read slower than refresh_timeout is interrupted and counted")
    func slowSource() async throws {
        let (directory, path) = try DemoDatabase.copy()
        defer { try? FileManager.default.removeItem(at: directory) }
        // Turn `units` into a view that takes far longer than the timeout to compute.
        let writer = try DatabaseQueue(path: path)
        try await writer.write { db in
            try db.execute(sql: "ALTER TABLE units RENAME TO units_table")
            try db.execute(sql: """
                CREATE VIEW units AS
                WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 2000000000)
                SELECT u.* FROM units_table u, (SELECT MAX(x) AS m FROM c) WHERE m > 0
                """)
        }
        try writer.close()
        var config = try DemoDatabase.config(path: path)
        config.refreshTimeout = 1
        let (refresher, store) = refresher()
        let started = ContinuousClock.now
        let error = await refresher.refresh(config: config, now: DemoDatabase.now)
        let elapsed = ContinuousClock.now - started
        #expect(error?.message == "\(path): read records: timed out after 1 s (refresh_timeout)")
        #expect(elapsed < .seconds(10), "the read was interrupted, not waited for")
        #expect(sample(try text(store), "egov_refresh_failures_total") == "1")
    }

    @Test("refreshes never change a byte of the source, nor add files beside it")
    func readOnly() async throws {
        let (directory, path) = try DemoDatabase.copy()
        defer { try? FileManager.default.removeItem(at: directory) }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let (refresher, _) = refresher()
        let config = try DemoDatabase.config(path: path)
        for step in 0..<3 { #expect(await refresher.refresh(config: config, now: DemoDatabase.now + Double(step) * 60) == nil) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["egov.sqlite"])
    }
}

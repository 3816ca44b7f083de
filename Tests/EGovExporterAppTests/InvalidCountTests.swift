import EGovExporterApp
import EGovExposition
import Foundation
import GRDB
import Testing

/// The figures are read at every refresh; the invalid records of the whole history are counted
/// every `invalid_records_interval`, and the count's time is exposed.
@Suite("Invalid-record count cadence", .serialized)
struct InvalidCountTests {
    func sample(_ store: MetricsStore, _ prefix: String) throws -> String? {
        let body = String(buffer: try #require(store.published).text)
        return body.split(separator: "\n").first { $0.hasPrefix(prefix + " ") }.map { String($0.dropFirst(prefix.count + 1)) }
    }

    let missingReceived = #"egov_invalid_records{kind="dossiers",reason="missing_received_at"}"#
    let countedAt = #"egov_invalid_records_counted_timestamp_seconds{source="dossiers"}"#

    @Test("a record made invalid between counts is counted at the next count, not at every refresh")
    func cadence() async throws {
        let (directory, path) = try DemoDatabase.copy()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = MetricsStore()
        let refresher = Refresher(store: store, version: "test", logger: CapturedLogs().logger)
        var config = try DemoDatabase.config(path: path)
        config.invalidRecordsInterval = 3600
        #expect(await refresher.refresh(config: config, now: DemoDatabase.now) == nil)
        let before = try #require(try sample(store, missingReceived))
        #expect(try sample(store, countedAt) == "1795921200")

        let queue = try DatabaseQueue(path: path)
        try await queue.write { try $0.execute(sql: "UPDATE dossiers SET received_at = NULL WHERE id IN (SELECT id FROM dossiers WHERE received_at IS NOT NULL LIMIT 5)") }
        try queue.close()

        #expect(await refresher.refresh(config: config, now: DemoDatabase.now + 60) == nil)
        #expect(try sample(store, missingReceived) == before, "the count of an hour ago stands")
        #expect(try sample(store, countedAt) == "1795921200")
        #expect(await refresher.refresh(config: config, now: DemoDatabase.now + 3600) == nil)
        #expect(try sample(store, missingReceived) == String(Int(before)! + 5))
        #expect(try sample(store, countedAt) == "1795924800")
        #expect(try sample(store, #"egov_invalid_records_counted_timestamp_seconds{source="documents"}"#) == "1795924800")
    }

    @Test("a source without the indexes of bounded reads is warned about once, naming index-db")
    func missingIndexWarning() async throws {
        let (directory, path) = try DemoDatabase.copy()
        defer { try? FileManager.default.removeItem(at: directory) }
        let queue = try DatabaseQueue(path: path)
        try await queue.write { try $0.execute(sql: "DROP INDEX dossiers_by_received") }
        try queue.close()
        let logs = CapturedLogs()
        let refresher = Refresher(store: MetricsStore(), version: "test", logger: logs.logger)
        let config = try DemoDatabase.config(path: path)
        for step in 0..<3 { #expect(await refresher.refresh(config: config, now: DemoDatabase.now + Double(step)) == nil) }
        #expect(logs.matching("indexes") == [
            "warning source lacks indexes (or has an earlier form of them): refreshes are slower, up to reading the whole history; add them once with `egov-exporter index-db \(path)` missing=dossiers_by_received path=\(path) source=dossiers,documents",
        ])
    }
}

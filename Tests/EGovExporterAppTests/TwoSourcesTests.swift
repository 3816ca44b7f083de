import EGovExporterApp
import Foundation
import GRDB
import Logging
import Testing

/// The one-stop-shop records and the document-management records in two databases.
@Suite("Two source databases")
struct TwoSourcesTests {
    /// Splits the demo into a dossier database and a document database (each without the other's tables).
    func split() async throws -> (directory: URL, dossiers: String, documents: String) {
        let (directory, dossiers) = try DemoDatabase.copy()
        let documents = directory.appendingPathComponent("documents.sqlite").path
        try FileManager.default.copyItem(atPath: dossiers, toPath: documents)
        try await DatabaseQueue(path: dossiers).write { db in
            for table in ["documents", "staff", "eoffice_activity", "work_files"] { try db.execute(sql: "DROP TABLE \(table)") }
        }
        try await DatabaseQueue(path: documents).write { db in
            for table in ["units", "procedures", "dossiers"] { try db.execute(sql: "DROP TABLE \(table)") }
        }
        return (directory, dossiers, documents)
    }

    func body(_ config: ExporterConfig, now: Double = DemoDatabase.now) async throws -> (String, RefreshError?) {
        let store = MetricsStore()
        let error = await Refresher(store: store, version: "test", logger: Logger(label: "test")).refresh(config: config, now: now)
        let text = String(buffer: try #require(store.published).text)
        // Only the refresh duration differs between two runs.
        return (text.split(separator: "\n").filter { !$0.hasPrefix("egov_refresh_duration_seconds ") }.joined(separator: "\n"), error)
    }

    @Test("two databases give exactly the figures of one; each source reports its own state")
    func sameFigures() async throws {
        let (directory, dossiers, documents) = try await split()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (single, _) = try await body(try DemoDatabase.config())
        var config = try DemoDatabase.config()
        config.sources = SourcesConfig(dossiers: .sqlite(path: dossiers, busyTimeout: 5), documents: .sqlite(path: documents, busyTimeout: 5))
        let (two, error) = try await body(config)
        #expect(error == nil)
        #expect(two == single)

        config.rootUnit = "164"
        let (scoped, _) = try await body(config)
        #expect(scoped.contains(#"egov_staff{unit="05587",level="commune",period="previous_quarter"} 20"#))
        #expect(!scoped.contains(#"unit="19""#))

        try FileManager.default.removeItem(atPath: documents)
        let store = MetricsStore()
        let refresher = Refresher(store: store, version: "test", logger: Logger(label: "test"))
        #expect(await refresher.refresh(config: config, now: DemoDatabase.now)?.message == "\(documents): read records: no such file")
        let degraded = String(buffer: try #require(store.published).text)
        #expect(degraded.contains(#"egov_source_up{source="dossiers"} 1"#))
        #expect(degraded.contains(#"egov_source_up{source="documents"} 0"#))
    }
}

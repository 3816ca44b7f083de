import EGovExporterApp
import EGovExposition
import Foundation
import Testing

/// The drop folder: files that appear are imported, moved aside and counted, and the figures
/// change at the next refresh.
@Suite("Drop folder", .serialized)
struct ImportWatchTests {
    func sample(_ store: MetricsStore, _ prefix: String) throws -> String? {
        let body = String(buffer: try #require(store.published).text)
        return body.split(separator: "\n").first { $0.hasPrefix(prefix + " ") }.map { String($0.dropFirst(prefix.count + 1)) }
    }

    let online = #"egov_dossiers_received{unit="05587",level="commune",period="current_quarter",channel="online",origin="new"}"#

    /// Two dossiers of xã Bình Yên received online on the demo's last day, in processing.
    let payload = """
        {"service": "DongBoHoSoMC", "isUpdating": false, "data": [
          {"MaHoSo": "DROP-1", "MaTTHC": "1.000001", "KenhThucHien": 2, "TrangThaiHoSo": 4, "NgayTiepNhan": "20261129080000",
           "NgayHenTra": "20261204170000", "DonViXuLy": "05587", "ChuHoSo": "Nguyễn Văn A"},
          {"MaHoSo": "DROP-2", "MaTTHC": "1.000001", "KenhThucHien": "2", "TrangThaiHoSo": "4", "NgayTiepNhan": "29/11/2026 08:30:00",
           "NgayHenTra": "20261204170000", "DonViXuLy": "05587"}
        ]}
        """

    @Test("a payload dropped in the folder is imported, moved to done/ and counted; a bad file goes to failed/; the figures change at the next refresh")
    func dropped() async throws {
        let (directory, path) = try DemoDatabase.copy()
        defer { try? FileManager.default.removeItem(at: directory) }
        let drop = directory.appendingPathComponent("drop").path
        try FileManager.default.createDirectory(atPath: drop, withIntermediateDirectories: true)
        var config = try DemoDatabase.config(path: path)
        config.importing.watchDir = drop
        let watcher = ImportWatcher(config: ConfigBox(config), logger: CapturedLogs().logger)
        let store = MetricsStore()
        let refresher = Refresher(store: store, version: "test", logger: CapturedLogs().logger, imports: watcher)
        #expect(await refresher.refresh(config: config, now: DemoDatabase.now) == nil)
        let text = try sample(store, online)
        let before = try #require(text.flatMap { Int($0) })
        #expect(try sample(store, #"egov_import_records_total{format="dvcqg",outcome="inserted"}"#) == nil)
        #expect(try sample(store, "egov_import_failed_files_total") == "0")

        try payload.write(toFile: drop + "/2026-11-29-a.json", atomically: false, encoding: .utf8)
        try "this is not a payload".write(toFile: drop + "/2026-11-29-b.json", atomically: false, encoding: .utf8)
        try "ignored: not .json".write(toFile: drop + "/notes.txt", atomically: false, encoding: .utf8)
        let later = Date().timeIntervalSince1970 + 60
        #expect(await watcher.scan(config: config, now: later) == 2)
        #expect(try FileManager.default.contentsOfDirectory(atPath: drop).sorted() == ["done", "failed", "notes.txt"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: drop + "/done") == ["2026-11-29-a.json"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: drop + "/failed") == ["2026-11-29-b.json"])
        #expect(watcher.current.records == ["dvcqg": ["inserted": 2, "updated": 0, "unchanged": 0, "rejected": 0]])
        #expect(watcher.current.failedFiles == 1 && watcher.current.lastSuccess == later)

        #expect(await refresher.refresh(config: config, now: DemoDatabase.now + 60) == nil)
        #expect(try sample(store, online) == String(before + 2))
        #expect(try sample(store, #"egov_import_records_total{format="dvcqg",outcome="inserted"}"#) == "2")
        #expect(try sample(store, #"egov_import_records_total{format="dvcqg",outcome="rejected"}"#) == "0")
        #expect(try sample(store, "egov_import_failed_files_total") == "1")
        #expect(try sample(store, "egov_import_last_success_timestamp_seconds").flatMap(Double.init) == later)

        // The same file dropped again changes nothing, and keeps the first copy in done/.
        try payload.write(toFile: drop + "/2026-11-29-a.json", atomically: false, encoding: .utf8)
        #expect(await watcher.scan(config: config, now: later + 60) == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: drop + "/done").sorted() == ["2026-11-29-a-2.json", "2026-11-29-a.json"])
        #expect(watcher.current.records["dvcqg"]?["unchanged"] == 2)
    }

    @Test("a file changed in the last seconds (still being copied) waits for the next look")
    func settling() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("egov-drop-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try payload.write(toFile: directory.path + "/a.json", atomically: false, encoding: .utf8)
        var config = try DemoDatabase.config()
        config.importing.watchDir = directory.path
        let watcher = ImportWatcher(config: ConfigBox(config), logger: CapturedLogs().logger)
        #expect(await watcher.scan(config: config, now: Date().timeIntervalSince1970) == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["a.json"])
        config.importing.watchDir = nil
        #expect(await watcher.scan(config: config, now: Date().timeIntervalSince1970 + 60) == 0, "no folder configured")
    }
}

import EGovExporterApp
import EGovKPI
import Foundation
import Logging
import Synchronization
import Testing

/// Collects log lines (level and message) for assertions.
final class CapturedLogs: Sendable {
    let lines = Mutex<[String]>([])

    var logger: Logger {
        Logger(label: "test") { _ in Handler(logs: self) }
    }

    func matching(_ text: String) -> [String] { lines.withLock { $0.filter { $0.contains(text) } } }

    struct Handler: LogHandler {
        let logs: CapturedLogs
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let metadata = (event.metadata ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            logs.lines.withLock { $0.append("\(event.level) \(event.message) \(metadata)") }
        }
    }
}

/// One log line per change of state, never one per refresh.
@Suite("Logging")
struct LoggingTests {
    @Test("a source going down is logged once however many refreshes fail, and once when it is back")
    func oncePerChange() async throws {
        let (directory, path) = try DemoDatabase.copy()
        defer { try? FileManager.default.removeItem(at: directory) }
        let logs = CapturedLogs()
        let refresher = Refresher(store: MetricsStore(), version: "test", logger: logs.logger)
        let config = try DemoDatabase.config(path: path)
        #expect(await refresher.refresh(config: config, now: DemoDatabase.now) == nil)
        try FileManager.default.moveItem(atPath: path, toPath: path + ".away")
        for step in 1...3 { _ = await refresher.refresh(config: config, now: DemoDatabase.now + Double(step)) }
        #expect(logs.matching("source is down") == [
            "error source is down; serving the last good figures error=\(path): read records: no such file path=\(path) source=dossiers,documents",
        ])
        try FileManager.default.moveItem(atPath: path + ".away", toPath: path)
        for step in 4...5 { _ = await refresher.refresh(config: config, now: DemoDatabase.now + Double(step)) }
        #expect(logs.matching("back up") == ["notice source is back up path=\(path) source=dossiers,documents"])
    }

    @Test("declarations for units missing from the tree are warned about once")
    func unknownDeclaredUnits() async throws {
        let logs = CapturedLogs()
        let refresher = Refresher(store: MetricsStore(), version: "test", logger: logs.logger)
        var config = try DemoDatabase.config()
        config.declared.append(Declaration(unit: "99999", row: "7.4", value: 2, effective: LocalDate(iso: "2024-01-01")!))
        for step in 0..<3 { #expect(await refresher.refresh(config: config, now: DemoDatabase.now + Double(step)) == nil) }
        #expect(logs.matching("not in the unit tree") == [
            "warning declared rows name units that are not in the unit tree; they are ignored units=99999",
        ])
    }
}

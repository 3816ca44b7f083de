import EGovDemo
import EGovExporterApp
import EGovKPI
import Foundation

/// The small demo database, written once per test process, and configurations reading it.
enum DemoDatabase {
    /// The instant every deterministic test computes at: 2026-11-29 10:00 in Hà Nội.
    static let now: Double = 1_795_921_200 // 2026-11-29T03:00:00Z

    static let path: String = {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("egov-app-\(getpid()).sqlite").path
        try? FileManager.default.removeItem(atPath: path)
        _ = try! DemoGenerator(scale: .small, seed: 1, until: LocalDate(iso: "2026-11-29")!).write(to: path)
        return path
    }()

    /// A copy of the demo database in a fresh directory (for tests that break or lock it).
    static func copy() throws -> (directory: URL, path: String) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("egov-app-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let copy = directory.appendingPathComponent("egov.sqlite").path
        try FileManager.default.copyItem(atPath: path, toPath: copy)
        return (directory, copy)
    }

    /// The default configuration reading `path`, with declarations for the province.
    static func config(path: String = DemoDatabase.path) throws -> ExporterConfig {
        var config = try ConfigOverrides(db: path, listen: nil, refreshInterval: nil).apply(to: .default)
        config.declared = [
            Declaration(unit: "19", row: "7.1", value: 1, effective: LocalDate(iso: "2024-01-01")!),
            Declaration(unit: "19", row: "7.2", value: 2, effective: LocalDate(iso: "2024-01-01")!),
            Declaration(unit: "164", row: "7.4", value: 1, effective: LocalDate(iso: "2025-06-01")!),
        ]
        return config
    }
}

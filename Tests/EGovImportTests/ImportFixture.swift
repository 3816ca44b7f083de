import EGovImport
import EGovKPI
import EGovReports
import EGovSources
import Foundation
import GRDB

/// A temporary folder with a store created by the importer (as `import` creates a missing
/// database) holding the unit tree the tests use, and helpers to write payload files.
final class ImportFixture {
    let directory: URL
    let path: String
    let store: ImportStore

    /// Province 19 > district 164 > communes 05587, 05590.
    static let units: [(String, String, String, String?)] = [
        ("19", "Tỉnh Thái Nguyên", "province", nil),
        ("164", "Huyện Định Hóa", "district", "19"),
        ("05587", "Xã Bình Yên", "commune", "164"),
        ("05590", "Xã Trung Lương", "commune", "164"),
    ]

    /// The system's agency code for xã Bình Yên, mapped by the tests' options.
    static let options = PortalOptions(unitAliases: ["000.00.12.H56": "05587"])

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("egov-import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        path = directory.appendingPathComponent("store.sqlite").path
        store = try ImportStore(path: path)
        try Self.addUnits(path)
    }

    deinit {
        try? store.close()
        try? FileManager.default.removeItem(at: directory)
    }

    /// Inserts the test unit tree into the database at `path`.
    static func addUnits(_ path: String) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            for (code, name, level, parent) in units {
                try db.execute(sql: "INSERT INTO units (code, name, level, parent_code, one_stop_connected_on, doc_axis_connected_on) VALUES (?, ?, ?, ?, '2020-01-01', '2020-01-01')",
                               arguments: [code, name, level, parent])
            }
        }
        try queue.close()
    }

    /// Writes `text` to the file `name` in the folder; returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let file = directory.appendingPathComponent(name).path
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }

    /// Writes `records` as a payload, wrapped in `{"service", "isUpdating", "data"}` or bare.
    @discardableResult
    func payload(_ name: String, wrapped: Bool = true, updating: Bool = false, _ records: [[String: Any]]) throws -> String {
        let document: Any = wrapped ? ["service": "DongBoHoSoMC", "isUpdating": updating, "data": records] : records
        let data = try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys])
        return try write(name, String(decoding: data, as: UTF8.self))
    }

    /// Imports the files in order with `options`, stamping `updatedAt`.
    func run(_ files: [String], options: PortalOptions = ImportFixture.options,
             updatedAt: String = "2026-11-30 10:00:00") throws -> [ImportSummary] {
        let importer = PortalImporter(store: store, options: options, updatedAt: updatedAt)
        return try files.map { try importer.importFile($0) }
    }

    /// The rows of `sql`, each column as text ("NULL" for null).
    func rows(_ sql: String) throws -> [String] {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.read { db in
            try Row.fetchAll(db, sql: sql).map { row in
                row.databaseValues.map { value -> String in
                    switch value.storage {
                    case .null: "NULL"
                    case .int64(let n): String(n)
                    case .double(let d): String(d)
                    case .string(let s): s
                    case .blob(let b): "blob(\(b.count))"
                    }
                }.joined(separator: "|")
            }
        }
    }

    /// Every dossier and rejected record, for before/after comparisons.
    func dump() throws -> [String] {
        try rows("SELECT * FROM dossiers ORDER BY id") + rows("SELECT * FROM rejected_records ORDER BY file, position")
            + rows("SELECT * FROM import_versions ORDER BY id, hash")
    }

    /// The JSON report of `unit` for nd09 period `id` read from the database at `path`.
    static func report(_ path: String, unit: String, period id: String = "2024-Q1") throws -> String {
        let period = try ReportingCalendar().period(id: id)
        guard let report = try SQLiteSource(path: path).report(for: period)[unit] else { return "no unit \(unit)" }
        return report.json.text
    }
}

import EGovKPI
import EGovSources
import Foundation
import GRDB

/// A temporary database with the canonical schema, filled by the test and read back through
/// `SQLiteSource`, the adapter the exporter uses.
final class Fixture {
    let directory: URL
    let path: String
    private let queue: DatabaseQueue

    /// The tree most tests use: province 19 > district 164 > communes 05587, 05590; and a
    /// department SNV directly under the province.
    init(units: [(String, String, String, String?)] = Fixture.defaultUnits) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("egov-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        path = directory.appendingPathComponent("records.sqlite").path
        try SchemaWriter.create(at: path)
        queue = try DatabaseQueue(path: path)
        for (code, name, level, parent) in units {
            try sql("INSERT INTO units (code, name, level, parent_code, one_stop_connected_on, doc_axis_connected_on) VALUES (?, ?, ?, ?, '2020-01-01', '2020-01-01')",
                    [code, name, level, parent])
        }
    }

    static let defaultUnits: [(String, String, String, String?)] = [
        ("19", "Tỉnh Thái Nguyên", "province", nil),
        ("164", "Huyện Định Hóa", "district", "19"),
        ("05587", "Xã Bình Yên", "commune", "164"),
        ("05590", "Xã Trung Lương", "commune", "164"),
        ("SNV", "Sở Nội vụ", "department", "19"),
    ]

    deinit { try? FileManager.default.removeItem(at: directory) }

    func sql(_ statement: String, _ arguments: [(any DatabaseValueConvertible)?] = []) throws {
        try queue.write { try $0.execute(sql: statement, arguments: StatementArguments(arguments)) }
    }

    private var next = 0

    /// Adds a dossier; returns its id.
    @discardableResult
    func dossier(_ unit: String? = "05587", channel: Int? = 2, status: Int? = 10, received: String?,
                 due: String? = nil, finished: String? = nil, id: String? = nil, procedure: String? = "P1",
                 paidOnline: Int = 0, digitized: Int = 0) throws -> String {
        next += 1
        let id = id ?? "D\(next)"
        try sql("INSERT INTO dossiers (id, unit_code, procedure_code, channel, status, received_at, due_at, finished_at, paid_online, digitized) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [id, unit, procedure, channel, status, received, due, finished, paidOnline, digitized])
        return id
    }

    /// Adds a document.
    func document(_ unit: String? = "05587", direction: String? = "outgoing", issued: String?, signed: Int? = 1,
                  transmission: String? = "electronic", scope: String? = "agency") throws {
        next += 1
        try sql("INSERT INTO documents (id, unit_code, direction, issued_at, digitally_signed, transmission, recipient_scope) VALUES (?, ?, ?, ?, ?, ?, ?)",
                ["V\(next)", unit, direction, issued, signed, transmission, scope])
    }

    func staff(_ id: String, _ unit: String? = "05587", from: String? = "2020-01-01", to: String? = nil, activity: [String] = []) throws {
        try sql("INSERT INTO staff (id, unit_code, active_from, active_to) VALUES (?, ?, ?, ?)", [id, unit, from, to])
        for day in activity { try sql("INSERT INTO eoffice_activity (staff_id, day) VALUES (?, ?)", [id, day]) }
    }

    func workFile(_ unit: String? = "05587", opened: String?, electronic: Int? = 1) throws {
        next += 1
        try sql("INSERT INTO work_files (id, unit_code, opened_at, electronic) VALUES (?, ?, ?, ?)", ["W\(next)", unit, opened, electronic])
    }

    var source: SQLiteSource { SQLiteSource(path: path) }

    /// The report of `unit` for nd09 period `id`, cut at `asOf` (a local day) when given.
    func report(_ unit: String = "05587", _ id: String = "2024-Q1", asOf: String? = nil) throws -> UnitReport {
        var period = try ReportingCalendar().period(id: id)
        if let asOf { period = period.truncated(toDay: LocalDate(iso: asOf)!) }
        let report = try source.report(for: period)
        guard let unitReport = report[unit] else { throw FixtureError.noUnit(unit) }
        for unitReport in report.units.values where !unitReport.dossiers.identityHolds {
            throw FixtureError.identityBroken(unitReport.unit.code)
        }
        // Reading only the unit's subtree must give the same figures as reading everything.
        guard let scoped = try source.report(for: period, unit: unit)[unit],
              scoped.dossiers == unitReport.dossiers, scoped.documents == unitReport.documents,
              scoped.eoffice == unitReport.eoffice, scoped.connections == unitReport.connections,
              scoped.invalid == unitReport.invalid
        else { throw FixtureError.scopedReadDiffers(unit) }
        return unitReport
    }

    enum FixtureError: Error { case noUnit(String), identityBroken(String), scopedReadDiffers(String) }
}

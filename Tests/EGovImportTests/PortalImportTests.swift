@testable import EGovImport
import EGovKPI
import EGovSources
import Foundation
import GRDB
import Testing

/// `import dvcqg`: two sync batches of a province's one-stop-shop system, with several versions
/// per dossier, every date spelling, every status and channel, an aliased and an unknown agency
/// code, and the applicant's personal data on every record.
@Suite("National-portal payload import")
struct PortalImportTests {
    /// The applicant's data every record carries; none of it may reach the store.
    static func personal(_ n: Int) -> [String: Any] {
        ["ChuHoSo": "Nguyễn Thị Riêng Tư \(n)", "SoGiayToChuHoSo": "07930100\(1000 + n)", "SoDienThoai": "09876\(54000 + n)",
         "Email": "rieng.tu.\(n)@example.vn", "DiaChi": "Xóm Bí Mật \(n), xã Bình Yên",
         "HoSoLienQuan": ["MaHoSo": "GIA-MAO-\(n)", "DonViXuLy": "05590", "GhiChu": "Ghi chú kín \(n)"]]
    }

    static let personalValues = (0..<20).flatMap { n in
        ["Riêng Tư \(n)", "07930100\(1000 + n)", "09876\(54000 + n)", "rieng.tu.\(n)@example.vn", "Bí Mật \(n)", "GIA-MAO-\(n)", "kín \(n)"]
    } + ["ChuHoSo", "SoGiayToChuHoSo", "SoDienThoai", "Email", "DiaChi", "HoSoLienQuan"]

    static func record(_ n: Int, _ fields: [String: Any]) -> [String: Any] { personal(n).merging(fields) { $1 } }

    /// The first batch (`isUpdating: false`): new dossiers in every spelling.
    static var batch1: [[String: Any]] { [
        record(1, ["MaHoSo": "HS-01", "MaTTHC": "1.004227", "KenhThucHien": 2, "TrangThaiHoSo": 2, "NgayTiepNhan": "20240102080000",
                   "NgayHenTra": "20240110170000", "NgayKetThucXuLy": "", "NgayTra": "", "DonViXuLy": "05587",
                   "HoSoCoThanhPhanSoHoa": 1, "DuocThanhToanTrucTuyen": 0]),
        record(2, ["MaHoSo": "HS-02", "MaTTHC": 1004228, "KenhThucHien": 1, "TrangThaiHoSo": "4", "NgayTiepNhan": "03/01/2024 09:15:00",
                   "NgayHenTra": "2024-01-12T17:00:00+07:00", "DonViXuLy": "000.00.12.H56", "HoSoCoThanhPhanSoHoa": true,
                   "DuocThanhToanTrucTuyen": false]),
        record(3, ["MaHoSo": "HS-03", "MaTTHC": "1.004227", "KenhThucHien": 3, "TrangThaiHoSo": 5, "NgayTiepNhan": "2024-01-04 10:00:00",
                   "NgayHenTra": "15/01/2024", "DonViXuLy": "05590"]),
        record(4, ["MaHoSo": "HS-04", "KenhThucHien": "2", "TrangThaiHoSo": 6, "NgayTiepNhan": 20240105080000, "NgayHenTra": "2024-01-09",
                   "DonViXuLy": "05590"]),
        record(5, ["MaHoSo": "HS-05", "KenhThucHien": 2, "TrangThaiHoSo": 1, "NgayTiepNhan": "2024-01-05T01:00:00Z", "DonViXuLy": "05587"]),
        record(6, ["MaHoSo": "HS-06", "KenhThucHien": 1, "TrangThaiHoSo": 3, "NgayTiepNhan": "06/01/2024 08:00",
                   "NgayKetThucXuLy": "06/01/2024 08:30", "DonViXuLy": "05587"]),
        record(7, ["MaHoSo": "HS-07", "KenhThucHien": 2, "TrangThaiHoSo": 4, "NgayTiepNhan": "20240106080000", "DonViXuLy": "000.00.99.H99"]),
        record(8, ["MaHoSo": "HS-08", "KenhThucHien": 2, "TrangThaiHoSo": 4, "NgayTiepNhan": "20240106080000", "NgayHenTra": "2024-13-45",
                   "DonViXuLy": "05587"]),
        record(9, ["MaHoSo": "HS-09", "KenhThucHien": "online", "TrangThaiHoSo": 4, "NgayTiepNhan": "20240106080000", "DonViXuLy": "05587"]),
    ] }

    /// The second batch (a bare list): HS-01 twice (processed, then returned), the others ended,
    /// two new dossiers.
    static var batch2: [[String: Any]] { [
        record(10, ["MaHoSo": "HS-01", "TrangThaiHoSo": 9, "NgayKetThucXuLy": "20240108100000"]),
        record(11, ["MaHoSo": "HS-01", "TrangThaiHoSo": 10, "NgayTra": "20240109080000"]),
        record(12, ["MaHoSo": "HS-02", "TrangThaiHoSo": 7, "NgayKetThucXuLy": "2024-01-08T02:00:00Z"]),
        record(13, ["MaHoSo": "HS-03", "TrangThaiHoSo": 8, "NgayKetThucXuLy": "08/01/2024 10:00:00"]),
        record(14, ["MaHoSo": "HS-04", "TrangThaiHoSo": 10, "NgayKetThucXuLy": 20240106160000, "NgayTra": "2024-01-06",
                    "DuocThanhToanTrucTuyen": "1"]),
        record(15, ["MaHoSo": "HS-10", "MaTTHC": "1.004227", "KenhThucHien": 2, "TrangThaiHoSo": 10, "NgayTiepNhan": "20231220080000",
                    "NgayHenTra": "20231225170000", "NgayKetThucXuLy": "20231226090000", "NgayTra": "20231226100000",
                    "DonViXuLy": "05590", "HoSoCoThanhPhanSoHoa": "1", "DuocThanhToanTrucTuyen": true]),
        record(16, ["MaHoSo": "HS-11", "KenhThucHien": 2, "TrangThaiHoSo": 9, "NgayTiepNhan": "20240110080000", "NgayHenTra": "20240115170000",
                    "NgayKetThucXuLy": "20240112160000", "DonViXuLy": "000.00.12.H56"]),
    ] }

    /// The dossiers after both batches, as the canonical rows they must be.
    static let expectedDossiers = [
        "HS-01|05587|1.004227|2|10|2024-01-02 08:00:00|2024-01-10 17:00:00|2024-01-08 10:00:00|2024-01-09 08:00:00|0|1|2026-11-30 11:00:00",
        "HS-02|05587|1004228|1|7|2024-01-03 09:15:00|2024-01-12 17:00:00|2024-01-08 09:00:00|NULL|0|1|2026-11-30 11:00:00",
        "HS-03|05590|1.004227|3|8|2024-01-04 10:00:00|2024-01-15 00:00:00|2024-01-08 10:00:00|NULL|0|0|2026-11-30 11:00:00",
        "HS-04|05590|NULL|2|10|2024-01-05 08:00:00|2024-01-09 00:00:00|2024-01-06 16:00:00|2024-01-06 00:00:00|1|0|2026-11-30 11:00:00",
        "HS-05|05587|NULL|2|1|2024-01-05 08:00:00|NULL|NULL|NULL|0|0|2026-11-30 10:00:00",
        "HS-06|05587|NULL|1|3|2024-01-06 08:00:00|NULL|2024-01-06 08:30:00|NULL|0|0|2026-11-30 10:00:00",
        "HS-10|05590|1.004227|2|10|2023-12-20 08:00:00|2023-12-25 17:00:00|2023-12-26 09:00:00|2023-12-26 10:00:00|1|1|2026-11-30 11:00:00",
        "HS-11|05587|NULL|2|9|2024-01-10 08:00:00|2024-01-15 17:00:00|2024-01-12 16:00:00|NULL|0|0|2026-11-30 11:00:00",
    ]

    /// Imports both batches, at 10:00 and 11:00.
    static func importBoth(_ fixture: ImportFixture) throws -> [ImportSummary] {
        let one = try fixture.payload("batch-1.json", batch1)
        let two = try fixture.payload("batch-2.json", wrapped: false, updating: true, batch2)
        return try fixture.run([one], updatedAt: "2026-11-30 10:00:00") + fixture.run([two], updatedAt: "2026-11-30 11:00:00")
    }

    static func summary(read: Int, inserted: Int, updated: Int, unchanged: Int, rejected: [InvalidReason: Int]) -> ImportSummary {
        var s = ImportSummary()
        (s.read, s.inserted, s.updated, s.unchanged, s.rejected) = (read, inserted, updated, unchanged, rejected)
        return s
    }

    @Test("both batches give the canonical rows, the rejections and the counts")
    func importsBatches() throws {
        let fixture = try ImportFixture()
        let summaries = try Self.importBoth(fixture)
        let rejected: [InvalidReason: Int] = [.unknownUnit: 1, .unparseableDueAt: 1, .unknownChannel: 1]
        #expect(summaries == [Self.summary(read: 9, inserted: 6, updated: 0, unchanged: 0, rejected: rejected),
                              Self.summary(read: 7, inserted: 2, updated: 5, unchanged: 0, rejected: [:])])
        #expect(summaries[0].line == "read 9, inserted 6, updated 0, unchanged 0, rejected 3 (unknown_channel 1, unknown_unit 1, unparseable_due_at 1)")
        #expect(try fixture.rows("SELECT * FROM dossiers ORDER BY id") == Self.expectedDossiers)
        #expect(try fixture.rows("SELECT * FROM rejected_records ORDER BY position") == [
            #"batch-1.json|data[6]|dossiers|unknown_unit|HS-07|000.00.99.H99|{"MaHoSo":"HS-07","KenhThucHien":2,"TrangThaiHoSo":4,"NgayTiepNhan":"20240106080000","DonViXuLy":"000.00.99.H99"}"#,
            #"batch-1.json|data[7]|dossiers|unparseable_due_at|HS-08|05587|{"MaHoSo":"HS-08","KenhThucHien":2,"TrangThaiHoSo":4,"NgayTiepNhan":"20240106080000","NgayHenTra":"2024-13-45","DonViXuLy":"05587"}"#,
            #"batch-1.json|data[8]|dossiers|unknown_channel|HS-09|05587|{"MaHoSo":"HS-09","KenhThucHien":"online","TrangThaiHoSo":4,"NgayTiepNhan":"20240106080000","DonViXuLy":"05587"}"#,
        ])
        #expect(try fixture.rows("PRAGMA journal_mode") == ["wal"])
    }

    @Test("importing the same files again, in any order, changes nothing")
    func idempotent() throws {
        let fixture = try ImportFixture()
        _ = try Self.importBoth(fixture)
        let before = try fixture.dump()
        let files = ["batch-2.json", "batch-1.json", "batch-2.json"].map { fixture.directory.appendingPathComponent($0).path }
        let again = try fixture.run(files, updatedAt: "2026-12-01 09:00:00")
        let rejected: [InvalidReason: Int] = [.unknownUnit: 1, .unparseableDueAt: 1, .unknownChannel: 1]
        #expect(again == [Self.summary(read: 7, inserted: 0, updated: 0, unchanged: 7, rejected: [:]),
                          Self.summary(read: 9, inserted: 0, updated: 0, unchanged: 6, rejected: rejected),
                          Self.summary(read: 7, inserted: 0, updated: 0, unchanged: 7, rejected: [:])])
        #expect(try fixture.dump() == before)
    }

    @Test("no byte of the applicant's personal data reaches the database files")
    func noPersonalData() throws {
        let fixture = try ImportFixture()
        _ = try Self.importBoth(fixture)
        let bytes = try [fixture.path, fixture.path + "-wal"].filter { FileManager.default.fileExists(atPath: $0) }
            .map { try Data(contentsOf: URL(fileURLWithPath: $0)) }
        #expect(bytes.map(\.count).reduce(0, +) > 0)
        for value in Self.personalValues {
            let needle = Data(value.utf8)
            #expect(bytes.allSatisfy { $0.range(of: needle) == nil }, "found \(value)")
        }
        // The payload files themselves do carry it: the check above would have found it there.
        let payload = try Data(contentsOf: fixture.directory.appendingPathComponent("batch-1.json"))
        #expect(payload.range(of: Data("Riêng Tư 1".utf8)) != nil)
    }

    @Test("the report after importing equals the report on the same records written canonically")
    func sameReportAsCanonical() throws {
        let fixture = try ImportFixture()
        _ = try Self.importBoth(fixture)
        let canonical = fixture.directory.appendingPathComponent("canonical.sqlite").path
        try SchemaWriter.create(at: canonical)
        try ImportFixture.addUnits(canonical)
        let queue = try DatabaseQueue(path: canonical)
        try queue.write { db in
            for row in Self.expectedDossiers {
                let values: [DatabaseValue] = row.split(separator: "|", omittingEmptySubsequences: false).map {
                    $0 == "NULL" ? .null : String($0).databaseValue
                }
                try db.execute(sql: "INSERT INTO dossiers VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", arguments: StatementArguments(values))
            }
            // The three rejected records, as a system writing the canonical schema would store them.
            try db.execute(sql: """
                INSERT INTO dossiers (id, unit_code, channel, status, received_at, due_at) VALUES
                ('HS-07', '000.00.99.H99', 2, 4, '2024-01-06 08:00:00', NULL),
                ('HS-08', '05587', 2, 4, '2024-01-06 08:00:00', '2024-13-45'),
                ('HS-09', '05587', 'online', 4, '2024-01-06 08:00:00', NULL)
                """)
        }
        try queue.close()
        for unit in ["05587", "05590", "164", "19"] {
            for period in ["2024-Q1", "2024-Y"] {
                let imported = try ImportFixture.report(fixture.path, unit: unit, period: period)
                #expect(imported == (try ImportFixture.report(canonical, unit: unit, period: period)), "\(unit) \(period)")
            }
        }
        // And the figures are the ones the records give.
        let period = try ReportingCalendar().period(id: "2024-Q1")
        let district = try #require(try SQLiteSource(path: fixture.path).report(for: period)["164"])
        let figures: [Int] = [district.dossiers.receivedTotal, district.dossiers.resolved, district.dossiers.withdrawn,
                              district.dossiers.stopped, district.dossiers.inProgress]
        #expect(figures == [6, 4, 1, 1, 0])
        #expect(district.invalid.counts == [InvalidKey(.dossiers, .unparseableDueAt): 1, InvalidKey(.dossiers, .unknownChannel): 1])
    }
}

@testable import EGovImport
import EGovKPI
import EGovSources
import Foundation
import Testing

/// Records that cannot be stored are kept in `rejected_records` with their allowed fields and
/// counted by reason in the report; a file that is not a payload leaves nothing behind.
@Suite("Rejected records")
struct RejectionTests {
    static let bad = """
        {"data": [
         {"MaHoSo": "", "DonViXuLy": "05587", "ChuHoSo": "Bí Mật Một"},
         {"MaHoSo": null, "DonViXuLy": "05587"},
         {"DonViXuLy": "05590"},
         42,
         [1, {"MaHoSo": "X"}],
         {"MaHoSo": "HS-30", "DonViXuLy": "05587", "NgayTiepNhan": {"Ngay": "20240102"}},
         {"MaHoSo": "HS-31", "TrangThaiHoSo": 4},
         {"MaHoSo": "HS-32", "DonViXuLy": "05587", "TrangThaiHoSo": 4.5},
         {"MaHoSo": "HS-33", "DonViXuLy": "05587", "HoSoCoThanhPhanSoHoa": 2},
         {"MaHoSo": "HS-34", "DonViXuLy": "05587", "NgayTra": "2024-01-02 25:00:00"},
         {"HoSoLienQuan": {"MaHoSo": "FAKE", "DonViXuLy": "05590"}, "MaHoSo": "HS-35", "DonViXuLy": "05587",
          "KenhThucHien": 2, "TrangThaiHoSo": 2, "NgayTiepNhan": "20240102080000", "Khac": [{"MaHoSo": "FAKE-2"}]}
        ], "service": "DongBoHoSoMC", "meta": [{"MaHoSo": "FAKE-3"}]}
        """

    @Test("each refused record is stored with its position, reason and allowed fields, and counted")
    func stored() throws {
        let fixture = try ImportFixture()
        let file = try fixture.write("bad.json", Self.bad)
        let importer = PortalImporter(store: fixture.store, options: ImportFixture.options, updatedAt: "2026-11-30 10:00:00")
        let notices = NoticeLog()
        let summary = try importer.importFile(file, rejected: notices.add)
        #expect(summary.line == "read 11, inserted 1, updated 0, unchanged 0, rejected 10 (invalid_flag 1, malformed_record 2, "
            + "missing_id 3, unknown_status 1, unknown_unit 1, unparseable_received_at 1, unparseable_returned_at 1)")
        #expect(try fixture.rows("SELECT id, unit_code, status FROM dossiers") == ["HS-35|05587|2"])
        #expect(try fixture.rows("SELECT position, reason, record_id, unit_code, record FROM rejected_records ORDER BY position") == [
            #"data[0]|missing_id|NULL|05587|{"MaHoSo":"","DonViXuLy":"05587"}"#,
            #"data[1]|missing_id|NULL|05587|{"MaHoSo":null,"DonViXuLy":"05587"}"#,
            #"data[2]|missing_id|NULL|05590|{"DonViXuLy":"05590"}"#,
            "data[3]|malformed_record|NULL|NULL|null",
            "data[4]|malformed_record|NULL|NULL|null",
            #"data[5]|unparseable_received_at|HS-30|05587|{"MaHoSo":"HS-30","NgayTiepNhan":null,"DonViXuLy":"05587"}"#,
            #"data[6]|unknown_unit|HS-31|NULL|{"MaHoSo":"HS-31","TrangThaiHoSo":4}"#,
            #"data[7]|unknown_status|HS-32|05587|{"MaHoSo":"HS-32","TrangThaiHoSo":4.5,"DonViXuLy":"05587"}"#,
            #"data[8]|invalid_flag|HS-33|05587|{"MaHoSo":"HS-33","DonViXuLy":"05587","HoSoCoThanhPhanSoHoa":2}"#,
            #"data[9]|unparseable_returned_at|HS-34|05587|{"MaHoSo":"HS-34","NgayTra":"2024-01-02 25:00:00","DonViXuLy":"05587"}"#,
        ])
        #expect(notices.lines.first == "bad.json: data[0]: MaHoSo: no dossier id (missing_id)")
        #expect(notices.lines[6] == "bad.json: data[6]: record HS-31: new dossier without a unit code (unknown_unit)")
        #expect(notices.lines[7] == "bad.json: data[7]: TrangThaiHoSo: record HS-32: expected an integer code, got 4.5 (unknown_status)")

        // The report counts them by reason in the unit's subtree; those without a known unit at the root.
        let period = try ReportingCalendar().period(id: "2024-Q1")
        let report = try SQLiteSource(path: fixture.path).report(for: period)
        let key = { (reason: InvalidReason) in InvalidKey(.dossiers, reason) }
        #expect(report["05587"]?.invalid.counts == [key(.missingId): 2, key(.unparseableReceivedAt): 1, key(.unknownStatus): 1,
                                                    key(.invalidFlag): 1, key(.unparseableReturnedAt): 1])
        #expect(report["05590"]?.invalid.counts == [key(.missingId): 1])
        #expect(report["19"]?.invalid.counts[key(.unknownUnit)] == 3)
        #expect(report["19"]?.invalid.total == 10)
        // Only the one-stop-shop source reads them: a documents-only source of the same file does not.
        let documentsOnly = SQLiteSource(path: fixture.path, systems: .documents)
        #expect(try documentsOnly.read(periods: [period], scope: .everything).catalog.validity.filter { $0.reason != nil }.isEmpty)
    }

    @Test("importing the file again replaces its rejections instead of adding to them")
    func replaced() throws {
        let fixture = try ImportFixture()
        let file = try fixture.write("bad.json", Self.bad)
        _ = try fixture.run([file])
        let before = try fixture.dump()
        let again = try fixture.run([file], updatedAt: "2026-12-01 10:00:00")
        #expect(again[0].unchanged == 1 && again[0].rejectedTotal == 10)
        #expect(try fixture.dump() == before)
    }

    @Test("a file that is not a payload is refused whole", arguments: [
        (#"{"data": [{"MaHoSo": "HS-40", "DonViXuLy": "05587"}, {"MaHoSo": "HS-41","#, "invalid JSON at byte 72: parse error: premature EOF"),
        (#"[{"MaHoSo": "HS-40", "DonViXuLy": "05587"}] trailing"#, "invalid JSON at byte 46: parse error: trailing garbage"),
        (#"{"data": {"MaHoSo": "HS-40"}}"#, "\"data\": expected a list of records"),
        (#"{"service": "DongBoHoSoMC"}"#, "no list of records: expected {\"data\": [...]} or [...]"),
        ("\"HS-40\"", "expected an object with \"data\" or a list of records"),
        ("", "invalid JSON at byte 0: parse error: premature EOF"),
    ])
    func refusedWhole(_ text: String, _ message: String) throws {
        let fixture = try ImportFixture()
        _ = try fixture.run([try fixture.write("good.json", #"[{"MaHoSo": "HS-01", "DonViXuLy": "05587", "TrangThaiHoSo": 2}]"#)])
        let before = try fixture.dump()
        let file = try fixture.write("broken.json", text)
        #expect {
            _ = try fixture.run([file])
        } throws: { error in
            (error as? PayloadError)?.description == message
        }
        #expect(try fixture.dump() == before)
        // The store is still usable afterwards.
        #expect(try fixture.run([fixture.write("next.json", #"[{"MaHoSo": "HS-02", "DonViXuLy": "05590"}]"#)])[0].inserted == 1)
    }

    @Test("the unit field and aliases come from the options")
    func unitField() throws {
        let fixture = try ImportFixture()
        let file = try fixture.write("other.json", #"[{"MaHoSo": "HS-50", "MaDonVi": "H56", "DonViXuLy": "05590"}]"#)
        let options = PortalOptions(unitField: "MaDonVi", unitAliases: ["H56": "05587"])
        _ = try fixture.run([file], options: options)
        #expect(try fixture.rows("SELECT id, unit_code FROM dossiers") == ["HS-50|05587"])
    }
}

/// Collects the rejection notices of an import.
final class NoticeLog: @unchecked Sendable {
    private(set) var lines: [String] = []
    func add(_ notice: RejectionNotice) { lines.append(notice.description) }
}

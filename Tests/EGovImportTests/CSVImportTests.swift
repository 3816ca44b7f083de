@testable import EGovImport
import EGovDemo
import EGovKPI
import EGovSources
import Foundation
import GRDB
import Testing

/// `import csv`: the reader, every canonical table, mappings with value maps, and a whole demo
/// province exported to CSV and imported back giving the same reports.
@Suite("CSV import")
struct CSVImportTests {
    /// The rows `text` holds, with their first line numbers.
    static func rows(_ text: String) throws -> [String] {
        var pipe: [Int32] = [0, 0]
        _ = pipe.withUnsafeMutableBufferPointer { Glibc.pipe($0.baseAddress!) }
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { Glibc.write(pipe[1], $0.baseAddress, $0.count) }
        close(pipe[1])
        defer { close(pipe[0]) }
        var rows: [String] = []
        try CSVReader.read(fd: pipe[0], progress: { _ in }) { line, fields in rows.append("\(line):" + fields.joined(separator: "|")) }
        return rows
    }

    @Test("RFC 4180: quotes, doubled quotes, separators and line breaks in quotes, CRLF, BOM, blank lines")
    func reader() throws {
        #expect(try Self.rows("a,b,c\r\n1,\"x, \"\"y\"\"\",3\r\n\r\n2,\"two\nlines\",\r\n") == ["1:a|b|c", "2:1|x, \"y\"|3", "4:2|two\nlines|"])
        #expect(try Self.rows("\u{FEFF}a;b\n1;\"2;3\"\n4,5;6") == ["1:a|b", "2:1|2;3", "3:4,5|6"])
        #expect(try Self.rows("a,b\n1,2") == ["1:a|b", "2:1|2"])
        #expect(throws: CSVError.unterminatedQuote(line: 2)) { try Self.rows("a,b\n\"1,2\n3,4\n") }
    }

    func importCSV(_ fixture: ImportFixture, _ table: String, _ text: String, mapping: CSVMapping? = nil,
                   updatedAt: String = "2026-11-30 10:00:00") throws -> ImportSummary {
        let spec = try #require(TableSpec.named(table))
        let file = try fixture.write("\(table).csv", text)
        let importer = CSVImporter(store: fixture.store, table: spec, mapping: mapping ?? .identity(spec), updatedAt: updatedAt)
        return try importer.importFile(file)
    }

    @Test("every table with canonical headers; re-import changes nothing")
    func everyTable() throws {
        let fixture = try ImportFixture()
        let files: [(String, String)] = [
            ("units", "code,name,level,parent_code,one_stop_connected_on,doc_axis_connected_on\n05591,Xã Mới,commune,164,01/07/2020,không rõ\n"),
            ("procedures", "code,name,field,level,online_service,has_fee,online_payment,published_on\n1.004227,Đăng ký khai sinh,Hộ tịch,commune,full,0,,15/12/2023\n"),
            ("dossiers", "id,unit_code,procedure_code,channel,status,received_at,due_at,finished_at,returned_at,paid_online,digitized\nHS-1,05587,1.004227,2,10,20240102080000,2024-01-05,03/01/2024 09:00:00,,,1\n"),
            ("documents", "id,unit_code,direction,issued_at,digitally_signed,transmission,recipient_scope\nVB-1,05587,outgoing,2024-01-02T01:00:00Z,true,electronic,agency\n"),
            ("staff", "id,unit_code,active_from,active_to\nCB-1,05587,01/01/2020,\n"),
            ("eoffice_activity", "staff_id,day\nCB-1,02/01/2024\nCB-1,2024-01-03\n"),
            ("work_files", "id,unit_code,opened_at,electronic\nHSCV-1,05587,2024-01-02 08:00,1\n"),
        ]
        var summaries: [String] = []
        for (table, text) in files { summaries.append(try importCSV(fixture, table, text).line) }
        #expect(summaries == ["read 1, inserted 1, updated 0, unchanged 0, rejected 0"] * 5
            + ["read 2, inserted 2, updated 0, unchanged 0, rejected 0", "read 1, inserted 1, updated 0, unchanged 0, rejected 0"])
        #expect(try fixture.rows("SELECT * FROM units WHERE code = '05591'") == ["05591|Xã Mới|commune|164|2020-07-01|không rõ"])
        #expect(try fixture.rows("SELECT * FROM procedures") == ["1.004227|Đăng ký khai sinh|Hộ tịch|commune|full|0|0|2023-12-15|NULL|NULL|NULL|NULL|NULL|NULL"])
        #expect(try fixture.rows("SELECT * FROM dossiers") == ["HS-1|05587|1.004227|2|10|2024-01-02 08:00:00|2024-01-05 00:00:00|2024-01-03 09:00:00|NULL|0|1|2026-11-30 10:00:00"])
        #expect(try fixture.rows("SELECT * FROM documents") == ["VB-1|05587|outgoing|2024-01-02 08:00:00|1|electronic|agency|2026-11-30 10:00:00"])
        #expect(try fixture.rows("SELECT * FROM staff") == ["CB-1|05587|2020-01-01|NULL"])
        #expect(try fixture.rows("SELECT * FROM eoffice_activity") == ["CB-1|2024-01-02", "CB-1|2024-01-03"])
        #expect(try fixture.rows("SELECT * FROM work_files") == ["HSCV-1|05587|2024-01-02 08:00:00|1"])
        let before = try fixture.dump() + fixture.rows("SELECT * FROM units") + fixture.rows("SELECT * FROM procedures")
        for (table, text) in files {
            let again = try importCSV(fixture, table, text, updatedAt: "2026-12-01 10:00:00")
            #expect(again.inserted + again.updated == 0, "\(table)")
        }
        #expect(try fixture.dump() + fixture.rows("SELECT * FROM units") + fixture.rows("SELECT * FROM procedures") == before)
    }

    @Test("a mapping renames columns, reads the system's words and dates; unreadable rows are refused")
    func mapping() throws {
        let fixture = try ImportFixture()
        let mapping = CSVMapping(
            columns: ["id": "Số ký hiệu", "unit_code": "Đơn vị", "direction": "Loại", "issued_at": "Ngày ban hành",
                      "digitally_signed": "Ký số", "transmission": "Hình thức gửi", "recipient_scope": "Nơi nhận"],
            dates: [DatePattern("dd/MM/yyyy HH:mm")!, DatePattern("dd/MM/yyyy")!],
            values: ["direction": ["Đi": "outgoing", "Đến": "incoming"], "digitally_signed": ["Có": "1", "Không": "0"],
                     "transmission": ["Điện tử": "electronic", "Điện tử và giấy": "electronic_and_paper", "Giấy": "paper"],
                     "recipient_scope": ["Cơ quan": "agency", "Xóm": "village"], "unit_code": ["UBND xã Bình Yên": "05587"]])
        let text = """
            Số ký hiệu;Đơn vị;Loại;Ngày ban hành;Ký số;Hình thức gửi;Nơi nhận;Người ký
            12/UBND;UBND xã Bình Yên;Đi;02/01/2024 08:30;Có;Điện tử;Cơ quan;Nguyễn Văn Ký
            13/UBND;UBND xã Bình Yên;Đi;03/01/2024;Không;Điện tử và giấy;Xóm;Nguyễn Văn Ký
            14/UBND;UBND xã Bình Yên;Đi;32/01/2024;Có;Giấy;Cơ quan;Nguyễn Văn Ký
            ;UBND xã Bình Yên;Đi;03/01/2024;Có;Giấy;Cơ quan;Nguyễn Văn Ký
            15/UBND;UBND xã Bình Yên;Đến;04/01/2024;Có ký;Giấy;Cơ quan;Nguyễn Văn Ký
            """
        let summary = try importCSV(fixture, "documents", text, mapping: mapping)
        #expect(summary.line == "read 5, inserted 2, updated 0, unchanged 0, rejected 3 (invalid_flag 1, missing_id 1, unparseable_issued_at 1)")
        #expect(try fixture.rows("SELECT id, unit_code, direction, issued_at, digitally_signed, transmission, recipient_scope FROM documents ORDER BY id") == [
            "12/UBND|05587|outgoing|2024-01-02 08:30:00|1|electronic|agency",
            "13/UBND|05587|outgoing|2024-01-03 00:00:00|0|electronic_and_paper|village",
        ])
        #expect(try fixture.rows("SELECT position, kind, reason, record_id, unit_code FROM rejected_records ORDER BY position") == [
            "line 4|documents|unparseable_issued_at|14/UBND|UBND xã Bình Yên", "line 5|documents|missing_id|NULL|UBND xã Bình Yên",
            "line 6|documents|invalid_flag|15/UBND|UBND xã Bình Yên",
        ])
        // The signer's name was never mapped, so never read.
        #expect(try fixture.rows("SELECT count(*) FROM rejected_records WHERE record LIKE '%Nguyễn%'") == ["0"])
        // A missing mapped column refuses the whole file.
        #expect(throws: CSVError.missingColumn(line: 1, column: "Số ký hiệu", canonical: "documents.id")) {
            try importCSV(fixture, "documents", "Đơn vị;Loại\nX;Đi\n", mapping: mapping)
        }
    }

    @Test("the procedure catalogue's new columns are stored only where the table has them")
    func catalogueColumns() throws {
        let fixture = try ImportFixture()
        let header = "code,name,level,online_service,published_on,abolished_on,online_eligible,on_national_portal,interconnection,location_independent,internal_process\n"
        let row = "1.1,Thủ tục A,commune,partial,15/12/2023,,full,1,inter_level,0,digitized\n"
        // Given a store created before the catalogue columns (the procedures table of then)
        let queue = try DatabaseQueue(path: fixture.path)
        try queue.write { db in
            try db.execute(sql: """
                DROP TABLE procedures;
                CREATE TABLE procedures (code TEXT PRIMARY KEY NOT NULL, name TEXT NOT NULL, field TEXT, level TEXT NOT NULL,
                    online_service TEXT NOT NULL DEFAULT 'none', has_fee INTEGER NOT NULL DEFAULT 0,
                    online_payment INTEGER NOT NULL DEFAULT 0);
                """)
        }
        #expect(try importCSV(fixture, "procedures", header + row).inserted == 1)
        #expect(try fixture.rows("SELECT * FROM procedures") == ["1.1|Thủ tục A|NULL|commune|partial|0|0"])
        try queue.write { db in
            for column in ["published_on TEXT", "abolished_on TEXT", "online_eligible TEXT", "on_national_portal INTEGER",
                           "interconnection TEXT", "location_independent INTEGER", "internal_process TEXT"] {
                try db.execute(sql: "ALTER TABLE procedures ADD COLUMN \(column)")
            }
        }
        try queue.close()
        #expect(try importCSV(fixture, "procedures", header + row.replacingOccurrences(of: "Thủ tục A", with: "Thủ tục Á")).updated == 1)
        #expect(try fixture.rows("SELECT * FROM procedures") == ["1.1|Thủ tục Á|NULL|commune|partial|0|0|2023-12-15|NULL|full|1|inter_level|0|digitized"])
    }

    @Test("a catalogue row with an unreadable date or flag is refused under the reader's reason; an unknown word is stored and counted")
    func catalogueRejections() throws {
        // Given a procedures file with one good row, a bad date, a bad flag and an unknown online level
        let fixture = try ImportFixture()
        let text = """
            code,name,level,online_service,has_fee,published_on,abolished_on,online_eligible,on_national_portal
            1.1,A,commune,full,1,15/12/2023,,full,1
            1.2,B,commune,full,0,31/02/2024,,,
            1.3,C,commune,none,0,,không rõ,,
            1.4,D,commune,partial,có,,,,
            1.5,E,commune,partial,0,,,,2
            1.6,F,commune,partial,0,,,mức độ 3,

            """
        // When it is imported
        #expect(try importCSV(fixture, "procedures", text).line
            == "read 6, inserted 2, updated 0, unchanged 0, rejected 4 (invalid_flag 2, unparseable_abolished_on 1, unparseable_published_on 1)")
        // Then the report counts the refused rows and the stored invalid one at the root
        let report = try SQLiteSource(path: fixture.path).report(for: try ReportingCalendar().period(id: "2024-Q1"))
        #expect(report["19"]?.invalid.counts == [
            InvalidKey(.procedures, .invalidFlag): 2, InvalidKey(.procedures, .unparseableAbolishedOn): 1,
            InvalidKey(.procedures, .unparseablePublishedOn): 1, InvalidKey(.procedures, .unknownOnlineEligible): 1,
        ])
        #expect(report["05587"]?.procedures.total == 1)
    }

    @Test("a demo province exported to CSV and imported back gives the same reports")
    func demoRoundTrip() throws {
        let fixture = try ImportFixture()
        let demo = fixture.directory.appendingPathComponent("demo.sqlite").path
        _ = try DemoGenerator(scale: .small, seed: 3, until: LocalDate(iso: "2024-12-31")!).write(to: demo)
        let store = fixture.directory.appendingPathComponent("imported.sqlite").path
        let target = try ImportStore(path: store)
        let queue = try DatabaseQueue(path: demo)
        // A day that does not exist: SQLite's date functions (and so the SQL rules) read it as
        // 1 March, the import refuses it. Left out so the two sides see the same records.
        try queue.write { try $0.execute(sql: "DELETE FROM work_files WHERE opened_at LIKE '2024-02-30%'") }
        for spec in TableSpec.all {
            let columns = try queue.read { db in try db.columns(in: spec.name).map(\.name) }.filter { name in spec.columns.contains { $0.name == name } }
            let separator = spec.name == "documents" ? ";" : ","
            var text = spec.name == "dossiers" ? "\u{FEFF}" : ""
            text += columns.joined(separator: separator) + "\r\n"
            try queue.read { db in
                for row in try Row.fetchAll(db, sql: "SELECT \(columns.joined(separator: ", ")) FROM \(spec.name)") {
                    text += row.databaseValues.map { value -> String in
                        guard case .string(let s) = value.storage else { return value.isNull ? "" : "\(value)" }
                        return s.contains(where: { $0 == "," || $0 == ";" || $0 == "\"" || $0 == "\n" })
                            ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
                    }.joined(separator: separator) + "\r\n"
                }
            }
            let file = try fixture.write("\(spec.name).csv", text)
            let mapping = CSVMapping(columns: Dictionary(uniqueKeysWithValues: columns.map { ($0, $0) }), dates: [])
            _ = try CSVImporter(store: target, table: spec, mapping: mapping, updatedAt: "2026-11-30 10:00:00").importFile(file)
        }
        try queue.close()
        try target.close()
        for unit in ["05587", "164", "19"] {
            for period in ["2024-Q1", "2024-Q3", "2024-Y"] {
                let expected = try ImportFixture.report(demo, unit: unit, period: period)
                #expect(try ImportFixture.report(store, unit: unit, period: period) == expected, "\(unit) \(period)")
            }
        }
    }
}

extension Array {
    static func * (items: Array, count: Int) -> Array { Array((0..<count).flatMap { _ in items }) }
}

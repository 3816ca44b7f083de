import EGovDemo
import EGovKPI
import EGovReports
import EGovSnapshots
import EGovSources
import Foundation
import GRDB
import Testing

/// The quarterly snapshot of xã Bình Yên, 2024-Q1, from the demo records: the seed's appendix
/// figures, its narrative wording, the export formats and the store's versions.
@Suite("Snapshots")
struct SnapshotTests {
    static let database: String = {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("egov-snapshot-\(getpid()).sqlite").path
        try? FileManager.default.removeItem(atPath: path)
        _ = try! DemoGenerator(scale: .small, seed: 1, until: LocalDate(iso: "2026-11-29")!).write(to: path)
        return path
    }()
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    /// 2024-03-15 08:00 in Hà Nội: the morning after Q1 closed.
    static let takenAt: Int64 = 1_710_464_400
    static func fact(_ unit: String, _ row: String, _ value: Double, from day: String) -> DeclaredFact {
        DeclaredFact(unit: unit, row: row, value: value, effective: LocalDate(iso: day)!)
    }
    /// The province's system facts, Bình Yên's LGSP (changed after the period), and the seed's
    /// own declarations (DOMAIN.md section 5): 1.1 6 tasks, 3 done; 1.5 no dialogue; 4.2.1 19.
    static let declared = [
        fact("19", DeclaredIndicator.eaV2.row, 1, from: "2024-01-01"),
        fact("19", DeclaredIndicator.onlineMeetings.row, 2, from: "2024-01-01"),
        fact("05587", DeclaredIndicator.lgsp.row, 1, from: "2024-02-01"),
        fact("05587", DeclaredIndicator.lgsp.row, 2, from: "2024-04-01"),
        fact("05587", "1.1.a", 6, from: "2024-01-01"),
        fact("05587", "1.1.b", 3, from: "2024-03-01"),
        fact("05587", "1.5", 0, from: "2024-01-01"),
        fact("05587", "4.2.1", 19, from: "2024-01-01"),
    ]

    static func document(_ unit: String = "05587", period id: String = "2024-Q1") throws -> SnapshotDocument {
        let period = try ReportingCalendar().period(id: id)
        let report = try SQLiteSource(path: database).report(for: period)
        let declared = DeclaredStatus.resolve(Self.declared, tree: report.tree, on: period.lastDay)
        return SnapshotDocument(report: try #require(report[unit]), profile: "nd09", declared: declared[unit] ?? [:])
    }

    static func snapshot() throws -> Snapshot {
        Snapshot(document: try document(), version: 1, takenAt: UTCOffset.vietnam.isoTimestamp(epochSeconds: takenAt), takenBy: "command")
    }

    static func row(_ rows: [AppendixRow], _ number: String) -> AppendixRow? { rows.first { $0.number == number } }

    /// The sub-rows under indicator `number`.
    static func details(_ rows: [AppendixRow], _ number: String) -> [AppendixRow] {
        guard let start = rows.firstIndex(where: { $0.number == number }) else { return [] }
        return Array(rows[(start + 1)...].prefix { $0.kind == .detail })
    }

    static func int(_ n: Int) -> AppendixValue { .integer(n) }

    @Test("the seed's figures: 1.1 50 % of 6; 1.5 0; 3.1.3 118; 3.2.4 100 %, 351, 351; 3.4.2 100 %, 348, 348; 4.2.1 and 4.2.2 19")
    func seedFigures() throws {
        let rows = try Self.document().rows
        #expect(Self.row(rows, "1.1.")?.value == Self.int(50))
        #expect(Self.details(rows, "1.1.").map(\.value) == [Self.int(6), Self.int(3)])
        #expect(Self.row(rows, "1.5.")?.value == Self.int(0))
        #expect(Self.row(rows, "3.1.3.")?.value == Self.int(118))
        #expect(Self.details(rows, "3.1.3.").map(\.value) == [nil, Self.int(118)])
        #expect(Self.row(rows, "3.4.2.")?.value == Self.int(100))
        #expect(Self.row(rows, "3.4.2.")?.label == "Tỷ lệ hồ sơ TTHC do UBND cấp xã tiếp nhận được giải quyết đúng hạn")
        #expect(Self.details(rows, "3.4.2.").map(\.value) == [Self.int(348), Self.int(348)])
        #expect(Self.row(rows, "4.2.1.")?.value == Self.int(19))
        #expect(Self.row(rows, "3.2.4.")?.value == Self.int(100))
        #expect(Self.details(rows, "3.2.4.").map(\.value) == [Self.int(351), Self.int(351)])
        #expect(Self.row(rows, "4.2.2.")?.value == Self.int(19))
    }

    @Test("the whole appendix, sections 1 to 7 in the seed's order, with its \"Trong đó\" groups")
    func wholeAppendix() throws {
        let rows = try Self.document().rows
        #expect(rows.filter { $0.kind == .heading }.map(\.number) == [
            "1.", "1.2.", "1.3.", "1.4.", "2.", "3.", "3.1.", "3.2.", "3.3.", "3.4.", "4.", "4.1.", "4.2.", "4.3.",
            "5.", "5.1.", "5.2.", "6.", "6.2.", "7.", "7.5.", "7.6.",
        ])
        #expect(rows.filter { $0.kind == .indicator }.count == 64)
        #expect(rows.filter { $0.number == "Trong đó" }.count == 16)
        #expect(rows.filter { $0.kind == .detail }.count == 36)
        #expect(rows.first?.label == "Công tác chỉ đạo, điều hành CCHC")
        #expect(rows.last?.label == "Tỷ lệ đơn vị cấp xã đã kết nối liên thông với Hệ thống")
        #expect(Self.row(rows, "1.4.2.")?.unit == "Trực tuyến = 0; Phát phiếu = 1; Kết hợp = 2")
    }

    @Test("section 7 is filled from the records and the declarations, with the source of each declared value")
    func section7() throws {
        let rows = try Self.document().rows
        #expect(Self.row(rows, "7.1.")?.value == Self.int(1))
        #expect(Self.row(rows, "7.1.")?.note == "Theo khai báo của Tỉnh Thái Nguyên, hiệu lực từ 01/01/2024")
        #expect(Self.row(rows, "7.2.")?.value == Self.int(2))
        #expect(Self.row(rows, "7.3.")?.value == nil)
        #expect(Self.row(rows, "7.3.")?.note == "")
        // The value in force on the period's last day, 14/03/2024: the February declaration.
        #expect(Self.row(rows, "7.4.")?.value == Self.int(1))
        #expect(Self.row(rows, "7.4.")?.note == "Đơn vị khai báo, hiệu lực từ 01/02/2024")
        #expect(Self.row(rows, "7.5.1.")?.value == Self.int(100))
        #expect(Self.row(rows, "7.5.1.")?.note == "1/1 đơn vị")
        #expect(Self.row(rows, "7.5.2.")?.value == Self.int(100))
        #expect(Self.row(rows, "7.5.2.")?.note == "7/7 văn bản; không tính văn bản gửi đến xóm")
        #expect(Self.details(rows, "7.5.2.").map(\.value) == [Self.int(100), Self.int(0)])
        #expect(Self.row(rows, "7.6.1.")?.value == nil)
        #expect(Self.row(rows, "7.6.1.")?.note == "Không áp dụng: không có đơn vị cấp huyện trong phạm vi đơn vị")
        #expect(Self.row(rows, "7.6.2.")?.value == Self.int(100))
    }

    @Test("a district files 3.4.1 and leaves 3.4.2 to its communes; its 7.6.1 counts itself")
    func district() throws {
        let rows = try Self.document("164").rows
        #expect(Self.row(rows, "3.4.1.")?.value != nil)
        #expect(Self.row(rows, "7.6.1.")?.note == "1/1 đơn vị")
    }

    @Test("the narrative is the seed's sentence with the computed figures (351 online, as the appendix)")
    func narrative() throws {
        let document = try Self.document()
        #expect(document.narrative[0] == "Tổng hợp, cập nhật kết quả giải quyết hồ sơ TTHC Quý I: (từ 15/12/2023 đến 14/03/2024): "
            + "Tổng số 351 hồ sơ (trong đó: hồ sơ kỳ trước chuyển sang: 03); Hồ sơ tiếp nhận qua mạng: 351; "
            + "Hồ sơ đã giải quyết: 348; hồ sơ giải quyết trước hạn: 325; hồ sơ giải quyết đúng hạn: 23; "
            + "hồ sơ quá hạn: 0; Hồ sơ đang giải quyết: 3.")
        #expect(document.narrative[1] == "Kết quả xây dựng Chính quyền điện tử, Chính quyền số Quý I: (từ 15/12/2023 đến 14/03/2024): "
            + "100% văn bản đi được ký số (15/15 văn bản); 100% văn bản gửi các cơ quan, đơn vị được trao đổi dưới dạng điện tử "
            + "(trừ văn bản gửi đến xóm), trong đó 100% gửi hoàn toàn dưới dạng điện tử và 0% gửi song song với văn bản giấy; "
            + "19/19 cán bộ, công chức (100%) sử dụng phần mềm QLVB&ĐH; "
            + "100% hồ sơ công việc được tạo lập và xử lý trên môi trường mạng (10/10 hồ sơ).")
        #expect(document.title == "BÁO CÁO CÔNG TÁC CẢI CÁCH HÀNH CHÍNH QUÝ I NĂM 2024")
        #expect(document.authority == "UBND xã Bình Yên")
    }

    @Test("CSV, JSON and Markdown equal their golden files", arguments: ["csv", "json", "md"])
    func goldenText(format: String) throws {
        let snapshot = try Self.snapshot()
        let actual = try SnapshotFormat(rawValue: format)!.render(snapshot)
        let url = Self.golden.appendingPathComponent("binh-yen-2024-Q1.\(format)")
        if ProcessInfo.processInfo.environment["EGOV_UPDATE_GOLDEN"] == "1" {
            try Data(actual).write(to: url)
        }
        let expected = try [UInt8](Data(contentsOf: url))
        // On a difference, the first line that differs rather than thousands of bytes.
        let (got, want) = (String(decoding: actual, as: UTF8.self), String(decoding: expected, as: UTF8.self))
        let firstDifference = zip(got.split(separator: "\n", omittingEmptySubsequences: false),
                                  want.split(separator: "\n", omittingEmptySubsequences: false)).enumerated().first { $0.element.0 != $0.element.1 }
        #expect(actual == expected, """
            differs from \(url.lastPathComponent)\(firstDifference.map { " at line \($0.offset + 1):\n  actual:   \($0.element.0)\n  expected: \($0.element.1)" } ?? " in length")
            regenerate with EGOV_UPDATE_GOLDEN=1 and review git diff
            """)
    }

    @Test("CSV starts with a byte-order mark and ends lines with CRLF; numbers with a decimal point")
    func csvEncoding() throws {
        let bytes = try SnapshotFormat.csv.render(Self.snapshot())
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains("\r\nSTT,Các chỉ tiêu,Đơn vị tính,Số liệu,Ghi chú\r\n"))
        #expect(text.contains("\r\n3.4.2.,Tỷ lệ hồ sơ TTHC do UBND cấp xã tiếp nhận được giải quyết đúng hạn,%,100,\r\n"))
        #expect(text.contains("\r\n3.2.5.,\"Tỷ lệ TTHC được tích hợp, triển khai thanh toán trực tuyến\",%,24.14,\r\n"))
    }

    /// A document of literal rows, for the number formats: whole numbers, decimals of one and two
    /// places, thousands, a blank; a unit name with `&` and `|`.
    static func numbersSnapshot() throws -> Snapshot {
        let rows = [
            AppendixRow(.heading, "3.", "Cải cách thủ tục hành chính", "", nil),
            AppendixRow(.indicator, "3.2.4.", "Tỷ lệ hồ sơ", "%", .integer(100)),
            AppendixRow(.detail, "Trong đó", "Tổng số hồ sơ", "Hồ sơ", .integer(77_068)),
            AppendixRow(.indicator, "3.2.5.", "Tỷ lệ TTHC", "%", .decimal(24.14)),
            AppendixRow(.indicator, "3.4.2.", "Tỷ lệ đúng hạn", "%", .decimal(98.6)),
            AppendixRow(.detail, "Trong đó", "Kế hoạch được giao", "Triệu đồng", .decimal(1_234_567.25)),
            AppendixRow(.indicator, "7.3.", "Hệ thống thông tin báo cáo", "Chưa = 0; Đang làm = 1; Hoàn thành = 2", nil),
        ]
        let document = SnapshotDocument(unitCode: "99999", unitName: "Xã A & B | C", unitLevel: UnitLevel.commune,
                                        period: try ReportingCalendar().period(id: "2024-Q1"), profile: "nd09",
                                        rows: rows, narrative: [], figures: "{}", dataQuality: [])
        return Snapshot(document: document, version: 2, takenAt: "2024-03-15T08:00:00+07:00", takenBy: "command")
    }

    @Test("Markdown prints numbers as Vietnamese does and groups Đơn vị tính and Số liệu under Kết quả; CSV and JSON keep machine numbers")
    func numberText() throws {
        let snapshot = try Self.numbersSnapshot()
        let markdown = snapshot.markdown
        #expect(markdown.contains("| STT | Các chỉ tiêu | Kết quả: Đơn vị tính | Kết quả: Số liệu | Ghi chú |\n"))
        #expect(markdown.contains("| 3.2.4. | Tỷ lệ hồ sơ | % | 100 |  |\n"))
        #expect(markdown.contains("| Trong đó | – Tổng số hồ sơ | Hồ sơ | 77.068 |  |\n"))
        #expect(markdown.contains("| 3.2.5. | Tỷ lệ TTHC | % | 24,14 |  |\n"))
        #expect(markdown.contains("| 3.4.2. | Tỷ lệ đúng hạn | % | 98,6 |  |\n"))
        #expect(markdown.contains("| Trong đó | – Kế hoạch được giao | Triệu đồng | 1.234.567,25 |  |\n"))
        #expect(markdown.contains("Xã A & B \\| C (99999)"))
        let csv = snapshot.csv
        #expect(csv.contains("\r\nTrong đó,Tổng số hồ sơ,Hồ sơ,77068,\r\n"))
        #expect(csv.contains("\r\n3.2.5.,Tỷ lệ TTHC,%,24.14,\r\n"))
        #expect(csv.contains("\r\nTrong đó,Kế hoạch được giao,Triệu đồng,1234567.25,\r\n"))
        let json = snapshot.json
        #expect(json.contains("\"label\": \"Tổng số hồ sơ\", \"unit_of_measure\": \"Hồ sơ\", \"value\": 77068,"))
        #expect(json.contains("\"value\": 1234567.25,"))
        #expect(json.contains("\"label\": \"Hệ thống thông tin báo cáo\", \"unit_of_measure\": \"Chưa = 0; Đang làm = 1; Hoàn thành = 2\", \"value\": null,"))
    }

    @Test("the workbook's numbers are numbers shown Vietnamese by [$-42A] formats chosen by their decimals; & doubled in the footer")
    func workbookNumbers() throws {
        let book = try Workbook(SnapshotFormat.xlsx.render(Self.numbersSnapshot()))
        // Rows 8 on, as the rows above.
        #expect(book.cells["D8"] == nil)
        #expect(book.cells["D9"] == .number(100))
        #expect(book.cells["D10"] == .number(77_068))
        #expect(book.cells["D11"] == .number(24.14))
        #expect(book.cells["D12"] == .number(98.6))
        #expect(book.cells["D13"] == .number(1_234_567.25))
        #expect(book.cells["D14"] == nil)
        #expect(["D9", "D10", "D11", "D12", "D13", "D14"].map(book.numberFormat) == [
            "[$-42A]#,##0_)", "[$-42A]#,##0_)", "[$-42A]#,##0.00_)", "[$-42A]#,##0.0_)", "[$-42A]#,##0.00_)", "[$-42A]#,##0_)",
        ])
        // Codes one per line in Đơn vị tính, as the seed prints them.
        #expect(book.cells["C14"] == .text("Chưa = 0\nĐang làm = 1\nHoàn thành = 2"))
        #expect(book.sheet.contains("<oddFooter>&amp;C&amp;\"Times New Roman,Regular\"Xã A &amp;&amp; B | C — Quý I năm 2024 — Trang &amp;P/&amp;N</oddFooter>"))
    }

    @Test("the workbook read back: title, two header rows under Kết quả, typed cells, bold sections, A4 one page wide, the version line unprinted; same bytes twice")
    func workbook() throws {
        let snapshot = try Self.snapshot()
        let bytes = try SnapshotFormat.xlsx.render(snapshot)
        #expect(try SnapshotFormat.xlsx.render(snapshot) == bytes)
        let book = try Workbook(bytes)
        let (sheet, cells) = (book.sheet, book.cells)
        #expect(cells["A1"] == .text("PHỤ LỤC SỐ II"))
        #expect(cells["A2"] == .text("BÁO CÁO CÔNG TÁC CẢI CÁCH HÀNH CHÍNH QUÝ I NĂM 2024"))
        #expect(cells["A3"] == .text("(Kèm theo Báo cáo số      /BC-UBND ngày      /     /      của UBND xã Bình Yên)"))
        #expect(cells["A4"] == .text("Kỳ báo cáo: từ 15/12/2023 đến 14/03/2024"))
        // The seed's header: STT, Các chỉ tiêu and Ghi chú over two rows, Kết quả over Đơn vị tính and Số liệu.
        #expect((["A6", "B6", "C6", "E6", "C7", "D7"].map { cells[$0] }) ==
            ["STT", "Các chỉ tiêu", "Kết quả", "Ghi chú", "Đơn vị tính", "Số liệu"].map { .text($0) })
        for range in ["A6:A7", "B6:B7", "C6:D6", "E6:E7", "A1:E1"] {
            #expect(sheet.contains("<mergeCell ref=\"\(range)\"/>"), "\(range)")
        }
        #expect(book.strings.contains("Kết quả"))
        // Row 8 on: the appendix rows in order; numbers are numbers, blanks are blank.
        let rows = snapshot.document.rows
        for (offset, row) in rows.enumerated() {
            let r = 8 + offset
            #expect(cells["A\(r)"] == .text(row.number) || (row.number.isEmpty && cells["A\(r)"] == nil), "A\(r)")
            #expect(cells["B\(r)"] == .text(row.label), "B\(r)")
            #expect(cells["D\(r)"] == row.value.map { .number($0.number) }, "D\(r)")
        }
        let r342 = 8 + rows.firstIndex { $0.number == "3.4.2." }!
        #expect(cells["D\(r342)"] == .number(100))
        #expect(cells["D\(r342 + 1)"] == .number(348))
        #expect(book.numberFormat("D\(r342)") == "[$-42A]#,##0_)")
        let r325 = 8 + rows.firstIndex { $0.number == "3.2.5." }!
        #expect(cells["D\(r325)"] == .number(24.14))
        #expect(book.numberFormat("D\(r325)") == "[$-42A]#,##0.00_)")
        #expect(sheet.contains("<pageSetup paperSize=\"9\""))
        #expect(sheet.contains("fitToHeight=\"0\""))
        #expect(sheet.contains("<oddFooter>&amp;C&amp;\"Times New Roman,Regular\"Xã Bình Yên — Quý I năm 2024 — Trang &amp;P/&amp;N</oddFooter>"))
        // Both header rows on every page; the print area ends at the data-quality line, and the
        // version line comes after it: it names the file, it is not part of the filed appendix.
        #expect(book.workbook.contains("<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"0\">'Phụ lục II'!$6:$7</definedName>"))
        let stamp = try #require(cells.first { $0.value == .text(snapshot.stamp) }?.key)
        let quality = try #require(cells.first { $0.value == .text(snapshot.dataQualityText) }?.key)
        #expect(book.workbook.contains("<definedName name=\"_xlnm.Print_Area\" localSheetId=\"0\">'Phụ lục II'!$A$1:$E$\(quality.dropFirst())</definedName>"))
        #expect(Int(stamp.dropFirst())! > Int(quality.dropFirst())!)
        #expect(snapshot.stamp == "Đơn vị: Xã Bình Yên (05587); phiên bản 1, chốt số liệu lúc 08:00 ngày 15/03/2024")
        // Section rows are bold: the heading's style differs from an indicator's.
        let styles = book.styles
        #expect(styles.contains("<b/>"))
        #expect(styles.contains("indent=\"1\""))
        // Resolved through styles.xml: section rows bold, indicators not, "Trong đó" labels indented.
        func format(_ ref: String) -> (bold: Bool, indented: Bool) {
            let xf = book.xf(ref)
            let fontId = Workbook.attribute(xf, "fontId").flatMap { Int($0) } ?? -1
            return (Workbook.element(styles, section: "fonts", tag: "font", index: fontId).contains("<b/>"), xf.contains("indent=\"1\""))
        }
        let heading = 8 + rows.firstIndex { $0.number == "3.4." }!
        #expect(format("A\(heading)").bold && format("B\(heading)").bold)
        #expect(!format("B\(r342)").bold && !format("B\(r342)").indented)
        #expect(format("B\(r342 + 1)").indented && !format("B\(r342 + 1)").bold)
    }

    @Test("an amendment adds a version and keeps the old one; a retake of unchanged records adds none")
    func amendments() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("egov-state-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let store = try SnapshotStore(path: path, create: true)
        let first = try Self.document()
        #expect(try store.save(first, takenAt: Self.takenAt, zone: .vietnam, takenBy: "command", exporterVersion: "test").snapshot.version == 1)
        let v1 = try #require(try store.snapshot(unit: "05587", period: "2024-Q1"))
        #expect(v1.document == first)
        let exported = try SnapshotFormat.json.render(v1)
        let again = try store.save(first, takenAt: Self.takenAt + 60, zone: .vietnam, takenBy: "command", exporterVersion: "test")
        #expect(again == .unchanged(v1))
        // The records changed: a declaration came in late.
        let declared = Self.declared + [Self.fact("05587", DeclaredIndicator.reportingSystem.row, 2, from: "2024-01-10")]
        let period = try ReportingCalendar().period(id: "2024-Q1")
        let report = try SQLiteSource(path: Self.database).report(for: period)
        let amended = SnapshotDocument(report: report["05587"]!, profile: "nd09",
                                       declared: DeclaredStatus.resolve(declared, tree: report.tree, on: period.lastDay)["05587"]!)
        let outcome = try store.save(amended, takenAt: Self.takenAt + 86_400, zone: .vietnam, takenBy: "command", exporterVersion: "test")
        #expect(outcome.snapshot.version == 2)
        #expect(outcome.snapshot.takenAt == "2024-03-16T08:00:00+07:00")
        #expect(try store.versions(unit: "05587", period: "2024-Q1") == [1, 2])
        #expect(try store.snapshot(unit: "05587", period: "2024-Q1")?.version == 2)
        #expect(try SnapshotFormat.json.render(#require(try store.snapshot(unit: "05587", period: "2024-Q1", version: 1))) == exported)
        #expect(try store.list().map { "\($0.unit) \($0.period) v\($0.version)" } == ["05587 2024-Q1 v1", "05587 2024-Q1 v2"])
        #expect(try store.units(withSnapshotOf: "2024-Q1") == ["05587"])
        #expect(try store.lastTakenEpoch() == Self.takenAt + 86_400)
        // Reopening runs no migration twice and keeps everything.
        let reopened = try SnapshotStore(path: path, create: false)
        #expect(try reopened.versions(unit: "05587", period: "2024-Q1") == [1, 2])
        let migrations = try DatabaseQueue(path: path).read { try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations") }
        #expect(migrations == ["v1 snapshots", "v2 numeric values"])
    }

    @Test("a missing store is an error for readers, naming the file")
    func missingStore() {
        #expect(throws: SnapshotStoreError("/nonexistent/state.sqlite: no snapshot store here yet (take a snapshot first, or give --state)")) {
            try SnapshotStore(path: "/nonexistent/state.sqlite", create: false)
        }
    }
}

import EGovDemo
import EGovKPI
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
    static let declared = [
        DeclaredFact(unit: "19", indicator: .eaV2, value: 1, effective: LocalDate(iso: "2024-01-01")!),
        DeclaredFact(unit: "19", indicator: .onlineMeetings, value: 2, effective: LocalDate(iso: "2024-01-01")!),
        DeclaredFact(unit: "05587", indicator: .lgsp, value: 1, effective: LocalDate(iso: "2024-02-01")!),
        DeclaredFact(unit: "05587", indicator: .lgsp, value: 2, effective: LocalDate(iso: "2024-04-01")!),
    ]

    static func document(_ unit: String = "05587", period id: String = "2024-Q1") throws -> SnapshotDocument {
        let period = try ReportingCalendar().period(id: id)
        let report = try SQLiteSource(path: database).report(for: period)
        let declared = DeclaredStatus.resolveValues(Self.declared, tree: report.tree, on: period.lastDay)
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

    @Test("section 3 shows the seed's figures: 3.1.3 118; 3.2.4 100 %, 351, 351; 3.4.2 100 %, 348, 348")
    func seedSection3() throws {
        let rows = try Self.document().rows
        #expect(Self.row(rows, "3.1.3.")?.value == "118")
        #expect(Self.details(rows, "3.1.3.").map(\.value) == [nil, "118"])
        #expect(Self.details(rows, "3.1.3.").first?.note == "Không áp dụng cho đơn vị cấp xã")
        #expect(Self.row(rows, "3.2.4.")?.value == "100")
        #expect(Self.details(rows, "3.2.4.").map(\.value) == ["351", "351"])
        #expect(Self.details(rows, "3.2.4.").first?.note == "Gồm 03 hồ sơ kỳ trước chuyển sang và 348 hồ sơ tiếp nhận mới")
        #expect(Self.row(rows, "3.4.2.")?.value == "100")
        #expect(Self.row(rows, "3.4.2.")?.label == "Tỷ lệ hồ sơ TTHC do UBND cấp xã tiếp nhận được giải quyết đúng hạn")
        #expect(Self.details(rows, "3.4.2.").map(\.value) == ["348", "348"])
        #expect(Self.row(rows, "3.4.1.") == nil)
        #expect(rows.filter { $0.kind == .heading }.map(\.number) == ["3.", "3.1.", "3.2.", "3.4.", "7.", "7.5.", "7.6."])
        #expect(rows.filter { $0.number == "Trong đó" }.count == 5)
    }

    @Test("section 7 is filled from the records and the declarations, with the source of each declared value")
    func section7() throws {
        let rows = try Self.document().rows
        #expect(Self.row(rows, "7.1.")?.value == "1")
        #expect(Self.row(rows, "7.1.")?.note == "Theo khai báo của Tỉnh Thái Nguyên, hiệu lực từ 01/01/2024")
        #expect(Self.row(rows, "7.2.")?.value == "2")
        #expect(Self.row(rows, "7.3.")?.value == nil)
        #expect(Self.row(rows, "7.3.")?.note == "Chưa khai báo")
        // The value in force on the period's last day, 14/03/2024: the February declaration.
        #expect(Self.row(rows, "7.4.")?.value == "1")
        #expect(Self.row(rows, "7.4.")?.note == "Đơn vị khai báo, hiệu lực từ 01/02/2024")
        #expect(Self.row(rows, "7.5.1.")?.value == "100")
        #expect(Self.row(rows, "7.5.1.")?.note == "1/1 đơn vị")
        #expect(Self.row(rows, "7.5.2.")?.value == "100")
        #expect(Self.row(rows, "7.5.2.")?.note == "7/7 văn bản; không tính văn bản gửi đến xóm")
        #expect(Self.details(rows, "7.5.2.").map(\.value) == ["100", "0"])
        #expect(Self.row(rows, "7.6.1.")?.value == nil)
        #expect(Self.row(rows, "7.6.1.")?.note == "Không áp dụng: không có đơn vị cấp huyện trong phạm vi đơn vị")
        #expect(Self.row(rows, "7.6.2.")?.value == "100")
    }

    @Test("a district files 3.4.1, not 3.4.2, and its 7.6.1 counts itself")
    func district() throws {
        let rows = try Self.document("164").rows
        #expect(Self.row(rows, "3.4.1.") != nil)
        #expect(Self.row(rows, "3.4.2.") == nil)
        #expect(Self.details(rows, "3.1.3.").map(\.note) == ["", "Không áp dụng cho đơn vị cấp huyện"])
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
        #expect(actual == expected, "differs from \(url.lastPathComponent); regenerate with EGOV_UPDATE_GOLDEN=1 and review git diff")
    }

    @Test("CSV starts with a byte-order mark and ends lines with CRLF")
    func csvEncoding() throws {
        let bytes = try SnapshotFormat.csv.render(Self.snapshot())
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains("3.2.4.,Tỷ lệ hồ sơ TTHC được tiếp nhận trực tuyến mức độ 3 và 4 (Chỉ thống kê đối với các TTHC mức độ 3 và 4 có phát sinh hồ sơ),%,100,\r\n"))
        #expect(text.contains("Trong đó,Tổng số hồ sơ TTHC đã tiếp nhận (cả trực tiếp và trực tuyến),Hồ sơ,351,Gồm 03 hồ sơ kỳ trước chuyển sang và 348 hồ sơ tiếp nhận mới\r\n"))
    }

    @Test("the workbook read back: title, typed cells, bold sections, A4 one page wide; same bytes twice")
    func workbook() throws {
        let snapshot = try Self.snapshot()
        let bytes = try SnapshotFormat.xlsx.render(snapshot)
        #expect(try SnapshotFormat.xlsx.render(snapshot) == bytes)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("egov-test-\(getpid()).xlsx")
        try Data(bytes).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let sheet = try Self.unzip(file.path, "xl/worksheets/sheet1.xml")
        let strings = Self.sharedStrings(try Self.unzip(file.path, "xl/sharedStrings.xml"))
        let cells = Self.cells(sheet, strings: strings)
        #expect(cells["A1"] == .text("PHỤ LỤC SỐ II"))
        #expect(cells["A2"] == .text("BÁO CÁO CÔNG TÁC CẢI CÁCH HÀNH CHÍNH QUÝ I NĂM 2024"))
        #expect(cells["A3"] == .text("(Kèm theo Báo cáo số      /BC-UBND ngày      /     /      của UBND xã Bình Yên)"))
        #expect(cells["A4"] == .text("Kỳ báo cáo: từ 15/12/2023 đến 14/03/2024"))
        #expect(cells["A5"] == .text("Đơn vị: Xã Bình Yên (05587); phiên bản 1, chốt số liệu lúc 08:00 ngày 15/03/2024"))
        #expect((["A7", "B7", "C7", "D7", "E7"].map { cells[$0] }) == SnapshotDocument.columns.map { .text($0) })
        // Row 8 on: the appendix rows in order; numbers are numbers, blanks are blank.
        let rows = snapshot.document.rows
        for (offset, row) in rows.enumerated() {
            let r = 8 + offset
            #expect(cells["A\(r)"] == .text(row.number) || (row.number.isEmpty && cells["A\(r)"] == nil), "A\(r)")
            #expect(cells["B\(r)"] == .text(row.label), "B\(r)")
            #expect(cells["D\(r)"] == row.value.map { .number(Double($0)!) }, "D\(r)")
        }
        let r324 = 8 + rows.firstIndex { $0.number == "3.2.4." }!
        #expect(cells["D\(r324)"] == .number(100))
        #expect(cells["D\(r324 + 1)"] == .number(351))
        let r325 = 8 + rows.firstIndex { $0.number == "3.2.5." }!
        #expect(cells["D\(r325)"] == .number(24.14))
        #expect(sheet.contains("<pageSetup paperSize=\"9\""))
        #expect(sheet.contains("fitToHeight=\"0\""))
        #expect(sheet.contains("<mergeCell ref=\"A1:E1\"/>"))
        // Section rows are bold: the heading's style differs from an indicator's.
        let styles = try Self.unzip(file.path, "xl/styles.xml")
        #expect(styles.contains("<b/>"))
        #expect(styles.contains("indent=\"1\""))
        #expect(Self.style(sheet, "B8") != Self.style(sheet, "B10"))
        // Resolved through styles.xml: section rows bold, indicators not, "Trong đó" labels indented.
        func format(_ ref: String) -> (bold: Bool, indented: Bool) {
            let xf = Self.element(styles, section: "cellXfs", tag: "xf", index: Int(Self.style(sheet, ref) ?? "") ?? -1)
            let fontId = xf.components(separatedBy: "fontId=\"").dropFirst().first.map { Int($0.prefix { $0 != "\"" }) ?? -1 } ?? -1
            return (Self.element(styles, section: "fonts", tag: "font", index: fontId).contains("<b/>"), xf.contains("indent=\"1\""))
        }
        let heading = 8 + rows.firstIndex { $0.number == "3.4." }!
        #expect(format("A\(heading)").bold && format("B\(heading)").bold)
        #expect(!format("B\(r324)").bold && !format("B\(r324)").indented)
        #expect(format("B\(r324 + 1)").indented && !format("B\(r324 + 1)").bold)
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
        let declared = [DeclaredFact(unit: "05587", indicator: .reportingSystem, value: 2, effective: LocalDate(iso: "2024-01-10")!)]
        let period = try ReportingCalendar().period(id: "2024-Q1")
        let report = try SQLiteSource(path: Self.database).report(for: period)
        let amended = SnapshotDocument(report: report["05587"]!, profile: "nd09",
                                       declared: DeclaredStatus.resolveValues(declared, tree: report.tree, on: period.lastDay)["05587"]!)
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
        #expect(migrations == ["v1 snapshots"])
    }

    @Test("a missing store is an error for readers, naming the file")
    func missingStore() {
        #expect(throws: SnapshotStoreError("/nonexistent/state.sqlite: no snapshot store here yet (take a snapshot first, or give --state)")) {
            try SnapshotStore(path: "/nonexistent/state.sqlite", create: false)
        }
    }

    // MARK: reading the workbook back

    enum Cell: Equatable {
        case text(String)
        case number(Double)
    }

    static func unzip(_ file: String, _ member: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/unzip")
        process.arguments = ["-p", file, member]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    static func unescape(_ s: String) -> String {
        s.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    static func sharedStrings(_ xml: String) -> [String] {
        xml.components(separatedBy: "<si>").dropFirst().map { item in
            let start = item.range(of: ">", range: item.range(of: "<t")!.upperBound..<item.endIndex)!.upperBound
            let end = item.range(of: "</t>")!.lowerBound
            return unescape(String(item[start..<end]))
        }
    }

    /// Every `<c>` with a value: shared strings (t="s") as text, the others as numbers.
    static func cells(_ sheet: String, strings: [String]) -> [String: Cell] {
        var cells: [String: Cell] = [:]
        for piece in sheet.components(separatedBy: "<c r=\"").dropFirst() {
            let ref = String(piece.prefix { $0 != "\"" })
            guard let close = piece.range(of: "</c>"), let v = piece.range(of: "<v>"), v.lowerBound < close.lowerBound,
                  let vEnd = piece.range(of: "</v>") else { continue }
            let value = String(piece[v.upperBound..<vEnd.lowerBound])
            let head = piece[..<v.lowerBound]
            cells[ref] = head.contains("t=\"s\"") ? .text(strings[Int(value)!]) : .number(Double(value)!)
        }
        return cells
    }

    /// The `index`-th `<tag>` element of `<section>` in styles.xml, or "" when there is none.
    static func element(_ styles: String, section: String, tag: String, index: Int) -> String {
        guard index >= 0, let start = styles.range(of: "<\(section) "), let end = styles.range(of: "</\(section)>") else { return "" }
        let items = styles[start.upperBound..<end.lowerBound].components(separatedBy: "<\(tag)").dropFirst()
        return index < items.count ? items[items.startIndex + index] : ""
    }

    static func style(_ sheet: String, _ ref: String) -> String? {
        guard let start = sheet.range(of: "<c r=\"\(ref)\"") else { return nil }
        let rest = sheet[start.upperBound...]
        guard let s = rest.range(of: "s=\""), s.lowerBound < rest.range(of: ">")!.lowerBound else { return nil }
        return String(rest[s.upperBound...].prefix { $0 != "\"" })
    }
}

import Foundation

// Reading a workbook back, for the tests of the XLSX export: the parts libxlsxwriter writes,
// through `unzip -p` (the Makefile installs unzip for `make test`).
extension SnapshotTests {
    enum Cell: Equatable {
        case text(String)
        case number(Double)
    }

    /// An XLSX read back through `unzip -p`: the sheet, the workbook part, the styles and the cells.
    struct Workbook {
        let sheet, workbook, styles: String
        let strings: [String]
        let cells: [String: Cell]

        init(_ bytes: [UInt8]) throws {
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("egov-test-\(getpid())-\(UUID().uuidString).xlsx")
            try Data(bytes).write(to: file)
            defer { try? FileManager.default.removeItem(at: file) }
            sheet = try Self.unzip(file.path, "xl/worksheets/sheet1.xml")
            workbook = try Self.unzip(file.path, "xl/workbook.xml")
            styles = try Self.unzip(file.path, "xl/styles.xml")
            strings = Self.sharedStrings(try Self.unzip(file.path, "xl/sharedStrings.xml"))
            cells = Self.cells(sheet, strings: strings)
        }

        /// The `<xf>` of the cell `ref` in styles.xml's cellXfs.
        func xf(_ ref: String) -> String {
            Self.element(styles, section: "cellXfs", tag: "xf", index: Self.style(sheet, ref).flatMap { Int($0) } ?? 0)
        }

        /// The format code of the cell `ref`'s number format ("General" for the built-in 0).
        func numberFormat(_ ref: String) -> String {
            guard let id = Self.attribute(xf(ref), "numFmtId"), id != "0" else { return "General" }
            guard let start = styles.range(of: "<numFmt numFmtId=\"\(id)\" formatCode=\"") else { return "built-in \(id)" }
            return Self.unescape(String(styles[start.upperBound...].prefix { $0 != "\"" }))
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

        /// The value of attribute `name` in an element's text.
        static func attribute(_ element: String, _ name: String) -> String? {
            guard let start = element.range(of: " \(name)=\"") else { return nil }
            return String(element[start.upperBound...].prefix { $0 != "\"" })
        }

        static func style(_ sheet: String, _ ref: String) -> String? {
            guard let start = sheet.range(of: "<c r=\"\(ref)\"") else { return nil }
            let rest = sheet[start.upperBound...]
            guard let s = rest.range(of: "s=\""), s.lowerBound < rest.range(of: ">")!.lowerBound else { return nil }
            return String(rest[s.upperBound...].prefix { $0 != "\"" })
        }
    }
}

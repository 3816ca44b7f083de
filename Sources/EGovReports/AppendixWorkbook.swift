import CXlsxWriter
import EGovKPI
import EGovSnapshots
import Foundation

/// The appendix (PHỤ LỤC SỐ II) of a snapshot as an XLSX workbook, written by libxlsxwriter and laid
/// out as the seed prints it: the title lines; the table's two header rows (STT | Các chỉ tiêu |
/// Kết quả over Đơn vị tính and Số liệu | Ghi chú), repeated on every page; section rows in bold
/// and "Trong đó" sub-rows indented; the narrative and the data-quality line under it; A4
/// portrait, one page wide, the period and the page number in the footer. Values stay numbers,
/// shown Vietnamese (77.068; 24,14) by their number formats. The version and taken-at line is
/// written below the print area: it identifies the file, it is not part of the filed appendix.
/// The same snapshot gives the same bytes: the workbook's creation time is the snapshot's.
public enum AppendixWorkbook {
    public struct WriteError: Error, CustomStringConvertible {
        public let description: String
    }

    /// Column widths (in characters of the default font) of STT, Các chỉ tiêu, Đơn vị tính, Số
    /// liệu, Ghi chú: together they fit an A4 portrait page at about 90 %; Số liệu holds
    /// "1.234.567,89".
    static let widths: [Double] = [9, 50, 13, 12, 28]
    static let font = "Times New Roman"
    static let fontSize = 12.0
    /// Points per line of 12-point text, with the cell padding.
    static let lineHeight = 15.75

    /// The page footer: the unit, the period as the report names it and the page number
    /// ("Xã Bình Yên — Quý I năm 2024 — Trang 1/3"), in the table's font. In a header or footer
    /// `&` starts a code (&P page, &N pages, &"font,style"): a literal one in a name is written
    /// `&&`. (No size code: `&11` followed by a name starting with a digit would read as a size.)
    static func footer(_ document: SnapshotDocument) -> String {
        func literal(_ text: String) -> String { text.replacingOccurrences(of: "&", with: "&&") }
        return "&C&\"\(font),Regular\"\(literal(document.unitName)) — \(literal(document.period.vietnameseName)) — Trang &P/&N"
    }

    /// The number format of a value with `decimals` places (100, 98,6, 24,14: never "100,"),
    /// Vietnamese whatever the viewer's locale: `[$-42A]` makes the format's language
    /// Vietnamese, so LibreOffice groups thousands with a dot and writes decimals after a comma
    /// (77.068; 24,14) also under a C or English locale (scripts/appendix-pdf.sh shows it). Excel
    /// keeps the system's separators. `_)` leaves a small gap before the cell's right border.
    static func numberFormat(decimals: Int) -> String {
        "[$-42A]#,##0" + (decimals > 0 ? "." + String(repeating: "0", count: decimals) : "") + "_)"
    }

    /// The workbook's bytes.
    public static func render(_ snapshot: Snapshot, createdAt: Int64) throws -> [UInt8] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("egov-xlsx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // A fixed name: unit codes are data, never part of a path.
        let path = folder.appendingPathComponent("appendix.xlsx").path
        try write(snapshot, createdAt: createdAt, to: path, tmpdir: folder.path)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw WriteError(description: "\(path): the workbook was not written")
        }
        return [UInt8](data)
    }

    static func write(_ snapshot: Snapshot, createdAt: Int64, to path: String, tmpdir: String) throws {
        let document = snapshot.document
        let tmp = strdup(tmpdir)
        defer { free(tmp) }
        var options = lxw_workbook_options(constant_memory: 0, tmpdir: tmp, use_zip64: 0)
        guard let workbook = workbook_new_opt(path, &options) else {
            throw WriteError(description: "\(path): cannot create the workbook")
        }
        // Document properties; `created` fixed so the same snapshot gives the same bytes.
        let texts: [String] = [document.title, "PHỤ LỤC SỐ II", "egov-exporter", document.authority]
        let strings: [UnsafeMutablePointer<CChar>] = texts.map { strdup($0)! }
        defer { strings.forEach { free($0) } }
        var properties = lxw_doc_properties()
        properties.title = strings[0]
        properties.subject = strings[1]
        properties.author = strings[2]
        properties.company = strings[3]
        properties.created = time_t(createdAt)
        workbook_set_properties(workbook, &properties)

        let sheet = workbook_add_worksheet(workbook, "Phụ lục II")!
        let f = Formats(workbook)
        for (column, width) in widths.enumerated() {
            worksheet_set_column(sheet, lxw_col_t(column), lxw_col_t(column), width, nil)
        }
        var row: lxw_row_t = 0
        func line(_ text: String, _ format: UnsafeMutablePointer<lxw_format>) {
            let lines = Self.lines(text, width: widths.reduce(0, +), bold: format == f.heading || format == f.boldLeft)
            worksheet_set_row(sheet, row, lineHeight * Double(lines) + 2, nil)
            worksheet_merge_range(sheet, row, 0, row, 4, text, format)
            row += 1
        }
        line(SnapshotDocument.heading, f.heading)
        line(document.title, f.heading)
        line(document.attachment, f.italicCentered)
        line(document.span, f.centered)
        row += 1

        // The seed's two header rows: STT, Các chỉ tiêu and Ghi chú span both; Kết quả spans
        // Đơn vị tính and Số liệu.
        let header = row
        let columns = SnapshotDocument.columns
        for column in [0, 1, 4] {
            worksheet_merge_range(sheet, header, lxw_col_t(column), header + 1, lxw_col_t(column), columns[column], f.header)
        }
        worksheet_merge_range(sheet, header, 2, header, 3, SnapshotDocument.resultColumn, f.header)
        worksheet_write_string(sheet, header + 1, 2, columns[2], f.header)
        worksheet_write_string(sheet, header + 1, 3, columns[3], f.header)
        worksheet_set_row(sheet, header, lineHeight + 4, nil)
        worksheet_set_row(sheet, header + 1, lineHeight + 4, nil)
        row += 2
        for r in document.rows {
            let isHeading = r.kind == .heading
            let unit = Self.unitCell(r.unit)
            let lines = max(Self.lines(r.label, width: widths[1] - (r.isDetail ? 2 : 0), bold: isHeading),
                            Self.lines(unit, width: widths[2]), Self.lines(r.note, width: widths[4] * 12 / 11))
            worksheet_set_row(sheet, row, lineHeight * Double(lines) + 2, nil)
            worksheet_write_string(sheet, row, 0, r.number, isHeading ? f.boldCenter : (r.isDetail ? f.italicCenter : f.center))
            worksheet_write_string(sheet, row, 1, r.label, isHeading ? f.bold : (r.isDetail ? f.indented : f.text))
            worksheet_write_string(sheet, row, 2, unit, f.center)
            if let value = r.value {
                worksheet_write_number(sheet, row, 3, value.number, f.number(decimals: value.decimals))
            } else {
                worksheet_write_blank(sheet, row, 3, f.number(decimals: 0))
            }
            worksheet_write_string(sheet, row, 4, r.note, f.note)
            row += 1
        }
        row += 1
        line("Phần II (trích): kết quả tính từ dữ liệu", f.boldLeft)
        for paragraph in document.narrative { line(paragraph, f.paragraph) }
        line(snapshot.dataQualityText, f.paragraph)
        let printed = row - 1
        row += 1
        line(snapshot.stamp, f.stamp)

        worksheet_set_paper(sheet, 9)  // A4
        worksheet_set_portrait(sheet)
        worksheet_set_margins(sheet, 0.6, 0.5, 0.6, 0.6)
        worksheet_center_horizontally(sheet)
        worksheet_fit_to_pages(sheet, 1, 0)
        worksheet_repeat_rows(sheet, header, header + 1)
        worksheet_print_area(sheet, 0, 0, printed, 4)
        worksheet_set_footer(sheet, footer(document))

        let status = workbook_close(workbook)
        guard status == LXW_NO_ERROR else {
            throw WriteError(description: "\(path): libxlsxwriter: \(String(cString: lxw_strerror(status)))")
        }
    }

    /// Lines `text` takes in a wrapped cell `width` characters wide (a word never splits, a line
    /// break starts a line). An estimate on the safe side: Times New Roman fits about 1.15
    /// characters of Vietnamese text per character of width, 1.05 in bold; a row a little too
    /// high costs some white space, one too low cuts text off in print.
    static func lines(_ text: String, width: Double, bold: Bool = false) -> Int {
        let capacity = Int(width * (bold ? 1.05 : 1.15))
        var lines = 0
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lines += 1
            var current = 0
            for word in paragraph.split(separator: " ") {
                let length = word.count
                if current == 0 {
                    current = length
                } else if current + 1 + length <= capacity {
                    current += 1 + length
                } else {
                    lines += 1
                    current = length
                }
            }
        }
        return max(lines, 1)
    }

    /// The Đơn vị tính cell: a row's codes one per line, as the seed prints them ("Chưa = 0",
    /// "Hoàn thành = 1").
    static func unitCell(_ unit: String) -> String { unit.replacingOccurrences(of: "; ", with: "\n") }

    /// The cell formats, all in Times New Roman 12 as Vietnamese administrative documents are.
    struct Formats {
        let heading, italicCentered, centered, header, boldCenter, italicCenter, center, bold, indented, text, note, boldLeft, paragraph, stamp: UnsafeMutablePointer<lxw_format>
        /// Số liệu with 0 to 4 decimal places.
        let numbers: [UnsafeMutablePointer<lxw_format>]

        /// The Số liệu format of a value with `decimals` places.
        func number(decimals: Int) -> UnsafeMutablePointer<lxw_format> { numbers[min(max(decimals, 0), numbers.count - 1)] }

        init(_ workbook: UnsafeMutablePointer<lxw_workbook>) {
            func make(_ configure: (UnsafeMutablePointer<lxw_format>) -> Void) -> UnsafeMutablePointer<lxw_format> {
                let format = workbook_add_format(workbook)!
                format_set_font_name(format, AppendixWorkbook.font)
                format_set_font_size(format, AppendixWorkbook.fontSize)
                format_set_text_wrap(format)
                format_set_align(format, UInt8(LXW_ALIGN_VERTICAL_CENTER.rawValue))
                configure(format)
                return format
            }
            func cell(_ configure: @escaping (UnsafeMutablePointer<lxw_format>) -> Void) -> UnsafeMutablePointer<lxw_format> {
                make { format in
                    format_set_border(format, UInt8(LXW_BORDER_THIN.rawValue))
                    configure(format)
                }
            }
            let alignCenter = UInt8(LXW_ALIGN_CENTER.rawValue)
            heading = make { format_set_bold($0); format_set_align($0, alignCenter) }
            italicCentered = make { format_set_italic($0); format_set_align($0, alignCenter) }
            centered = make { format_set_align($0, alignCenter) }
            header = cell { format_set_bold($0); format_set_align($0, alignCenter); format_set_bg_color($0, 0xD9D9D9) }
            boldCenter = cell { format_set_bold($0); format_set_align($0, alignCenter) }
            italicCenter = cell { format_set_italic($0); format_set_align($0, alignCenter) }
            center = cell { format_set_align($0, alignCenter) }
            bold = cell { format_set_bold($0) }
            indented = cell { format_set_indent($0, 1) }
            text = cell { _ in }
            numbers = (0...4).map { decimals in
                cell {
                    format_set_align($0, UInt8(LXW_ALIGN_RIGHT.rawValue))
                    format_set_num_format($0, AppendixWorkbook.numberFormat(decimals: decimals))
                }
            }
            note = cell { format_set_font_size($0, 11) }
            boldLeft = make { format_set_bold($0) }
            paragraph = make { format_set_align($0, UInt8(LXW_ALIGN_JUSTIFY.rawValue)) }
            stamp = make { format_set_italic($0); format_set_font_size($0, 11) }
        }
    }
}

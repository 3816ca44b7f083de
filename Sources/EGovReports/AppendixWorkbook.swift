import CXlsxWriter
import EGovKPI
import EGovSnapshots
import Foundation

/// The appendix (PHỤ LỤC SỐ II) of a snapshot as an XLSX workbook, written by libxlsxwriter: the
/// title lines, the five-column table with section rows in bold and "Trong đó" sub-rows indented,
/// numbers stored as numbers, the narrative and the data-quality line under it; A4 portrait, one
/// page wide, the header row repeated on every page. The same snapshot gives the same bytes: the
/// workbook's creation time is the snapshot's.
public enum AppendixWorkbook {
    public struct WriteError: Error, CustomStringConvertible {
        public let description: String
    }

    /// Column widths (in characters of the default font) of STT, Các chỉ tiêu, Đơn vị tính, Số
    /// liệu, Ghi chú: together they fit an A4 portrait page at about 90 %.
    static let widths: [Double] = [9, 52, 13, 9, 30]
    static let font = "Times New Roman"
    static let fontSize = 12.0
    /// Points per line of 12-point text, with the cell padding.
    static let lineHeight = 15.75

    /// The page footer: the unit, the period and the page number. In a header or footer `&`
    /// starts a code (&P page, &N pages): a literal one in a name is written `&&`.
    static func footer(_ document: SnapshotDocument) -> String {
        func literal(_ text: String) -> String { text.replacingOccurrences(of: "&", with: "&&") }
        return "&C\(literal(document.unitName)) — \(literal(document.period.id)) — Trang &P/&N"
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
            let lines = Self.lines(text, width: widths.reduce(0, +))
            worksheet_set_row(sheet, row, lineHeight * Double(lines) + 2, nil)
            worksheet_merge_range(sheet, row, 0, row, 4, text, format)
            row += 1
        }
        line(SnapshotDocument.heading, f.heading)
        line(document.title, f.heading)
        line(document.attachment, f.italicCentered)
        line(document.span, f.centered)
        line(snapshot.stamp, f.centered)
        row += 1

        let header = row
        for (column, title) in SnapshotDocument.columns.enumerated() {
            worksheet_write_string(sheet, row, lxw_col_t(column), title, f.header)
        }
        worksheet_set_row(sheet, row, lineHeight + 4, nil)
        row += 1
        for r in document.rows {
            let isHeading = r.kind == .heading
            let lines = max(Self.lines(r.label, width: widths[1] - (r.isDetail ? 2 : 0)),
                            Self.lines(r.unit, width: widths[2]), Self.lines(r.note, width: widths[4]))
            worksheet_set_row(sheet, row, lineHeight * Double(lines) + 2, nil)
            worksheet_write_string(sheet, row, 0, r.number, isHeading ? f.boldCenter : (r.isDetail ? f.italicCenter : f.center))
            worksheet_write_string(sheet, row, 1, r.label, isHeading ? f.bold : (r.isDetail ? f.indented : f.text))
            worksheet_write_string(sheet, row, 2, r.unit, f.center)
            if let value = r.value {
                worksheet_write_number(sheet, row, 3, value.number, f.number)
            } else {
                worksheet_write_blank(sheet, row, 3, f.number)
            }
            worksheet_write_string(sheet, row, 4, r.note, f.note)
            row += 1
        }
        row += 1
        line("Phần II (trích): kết quả tính từ dữ liệu", f.boldLeft)
        for paragraph in document.narrative { line(paragraph, f.paragraph) }
        line(snapshot.dataQualityText, f.paragraph)

        worksheet_set_paper(sheet, 9)  // A4
        worksheet_set_portrait(sheet)
        worksheet_set_margins(sheet, 0.6, 0.5, 0.6, 0.6)
        worksheet_center_horizontally(sheet)
        worksheet_fit_to_pages(sheet, 1, 0)
        worksheet_repeat_rows(sheet, header, header)
        worksheet_print_area(sheet, 0, 0, row - 1, 4)
        worksheet_set_footer(sheet, footer(document))

        let status = workbook_close(workbook)
        guard status == LXW_NO_ERROR else {
            throw WriteError(description: "\(path): libxlsxwriter: \(String(cString: lxw_strerror(status)))")
        }
    }

    /// Lines `text` takes in a wrapped cell `width` characters wide (a word never splits).
    static func lines(_ text: String, width: Double) -> Int {
        guard !text.isEmpty else { return 1 }
        let capacity = Int(width * 1.25)
        var lines = 1
        var current = 0
        for word in text.split(separator: " ") {
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
        return lines
    }

    /// The cell formats, all in Times New Roman 12 as Vietnamese administrative documents are.
    struct Formats {
        let heading, italicCentered, centered, header, boldCenter, italicCenter, center, bold, indented, text, number, note, boldLeft, paragraph: UnsafeMutablePointer<lxw_format>

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
            number = cell { format_set_align($0, UInt8(LXW_ALIGN_RIGHT.rawValue)) }
            note = cell { format_set_font_size($0, 11) }
            boldLeft = make { format_set_bold($0) }
            paragraph = make { format_set_align($0, UInt8(LXW_ALIGN_JUSTIFY.rawValue)) }
        }
    }
}

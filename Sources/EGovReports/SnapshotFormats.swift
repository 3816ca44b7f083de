import EGovKPI
import EGovSnapshots

/// The text formats of a snapshot export: CSV (for spreadsheets), JSON (for machines) and
/// Markdown (a quick look). Each is a pure function of the stored snapshot, so exporting a
/// version twice gives the same bytes.
extension Snapshot {
    /// "Đơn vị: Xã Bình Yên (05587); phiên bản 1, chốt số liệu lúc 08:00 ngày 15/03/2024".
    public var stamp: String {
        "Đơn vị: \(document.unitName) (\(document.unitCode)); phiên bản \(version), chốt số liệu lúc \(takenAtVietnamese)"
    }

    /// `takenAt` as Vietnamese writes it: "08:00 ngày 15/03/2024" (local time of the snapshot).
    public var takenAtVietnamese: String { Self.vietnameseTime(takenAt) }

    /// An ISO 8601 time with its offset (`2024-03-15T08:00:00+07:00`) as Vietnamese writes it:
    /// "08:00 ngày 15/03/2024"; any other text as it is.
    public static func vietnameseTime(_ iso: String) -> String {
        let chars = Array(iso)
        guard chars.count >= 16, let day = LocalDate(iso: String(chars[0..<10])) else { return iso }
        return "\(String(chars[11..<16])) ngày \(day.vietnamese)"
    }

    /// The data-quality line: the records left out, or that there are none.
    public var dataQualityText: String {
        let q = document.dataQuality
        guard !q.isEmpty else { return "Chất lượng dữ liệu: không có bản ghi không hợp lệ." }
        let total = q.reduce(0) { $0 + $1.count }
        return "Chất lượng dữ liệu: \(VietnameseNumber.text(total)) bản ghi không hợp lệ không được tính vào các chỉ tiêu ("
            + DataQualityText.parts(q) + ")."
    }

    /// UTF-8 with a byte-order mark and CRLF line ends (RFC 4180), so spreadsheet programs show
    /// the diacritics: the title lines, the five-column table, then the narrative paragraphs and
    /// the data-quality line. Numbers use a decimal point.
    public var csv: String {
        func field(_ s: String) -> String {
            s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                ? "\"" + s.replacingAll("\"", with: "\"\"") + "\"" : s
        }
        var lines = [SnapshotDocument.heading, document.title, document.attachment, document.span, stamp, ""]
            .map(field)
        lines.append(SnapshotDocument.columns.map(field).joined(separator: ","))
        for row in document.rows {
            lines.append([row.number, row.label, row.unit, row.value?.literal ?? "", row.note].map(field).joined(separator: ","))
        }
        lines.append("")
        lines += document.narrative.map(field)
        lines.append(field(dataQualityText))
        return "\u{FEFF}" + lines.joined(separator: "\r\n") + "\r\n"
    }

    /// One JSON object: the snapshot's identity, then one object per row (stt, label,
    /// unit_of_measure, value as a number or null, note, kind), the narrative, every figure and
    /// the data-quality counts. One row per line, so a diff of two versions reads well.
    public var json: String {
        let d = document
        func q(_ s: String) -> String { JSONValue.quote(s) }
        var out = "{\n"
        let head: [(String, String)] = [
            ("unit", q(d.unitCode)), ("unit_name", q(d.unitName)), ("level", q(d.unitLevel)),
            ("authority", q(d.authority)),
            ("period", q(d.period.id)), ("profile", q(d.profile)),
            ("first_day", q(d.period.firstDay.description)), ("last_day", q(d.period.lastDay.description)),
            ("version", String(version)), ("taken_at", q(takenAt)), ("taken_by", q(takenBy)),
            ("title", q(d.title)),
        ]
        for (key, value) in head { out += "  \(q(key)): \(value),\n" }
        out += "  \"rows\": [\n"
        out += d.rows.map { row in
            "    {\"stt\": \(q(row.number)), \"label\": \(q(row.label)), \"unit_of_measure\": \(q(row.unit)), "
                + "\"value\": \(row.value?.literal ?? "null"), \"note\": \(q(row.note)), \"kind\": \(q(row.kind.rawValue))}"
        }.joined(separator: ",\n")
        out += "\n  ],\n"
        out += "  \"narrative\": [\n" + d.narrative.map { "    " + q($0) }.joined(separator: ",\n") + "\n  ],\n"
        out += "  \"figures\": \(d.figures),\n"
        out += "  \"data_quality\": {" + d.dataQuality.map { "\(q($0.key)): \($0.count)" }.joined(separator: ", ") + "}\n"
        return out + "}\n"
    }

    /// A Markdown page: title, the table (headings in bold, sub-rows indented), the narrative and
    /// the data-quality line. A table has one header row: the seed's "Kết quả" over Đơn vị tính
    /// and Số liệu prefixes their names. Numbers as Vietnamese prints them (77.068; 24,14).
    public var markdown: String {
        let d = document
        // Names come from the units table: markup in them (*, _, [, <, `, |, ~) is escaped and a
        // newline becomes a space, so a name can neither restyle the page nor break a table row.
        func cell(_ s: String) -> String { Self.markdownText(s) }
        var lines = [
            "# \(SnapshotDocument.heading)", "",
            "**\(cell(d.title))**", "",
            cell(d.attachment), "",
            "\(cell(d.span)). \(cell(stamp)).", "",
            "| " + Self.markdownColumns.joined(separator: " | ") + " |",
            "|---|---|---|---:|---|",
        ]
        for row in d.rows {
            let value = row.value?.vietnamese ?? ""
            let cells: [String] = switch row.kind {
            case .heading: ["**\(row.number)**", "**\(cell(row.label))**", "", "", ""]
            case .indicator: [row.number, cell(row.label), cell(row.unit), value, cell(row.note)]
            case .detail: [row.number, "– " + cell(row.label), cell(row.unit), value, cell(row.note)]
            }
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        lines += ["", "## Phần II (trích)", ""]
        for paragraph in d.narrative { lines += ["- " + cell(paragraph)] }
        lines += ["", dataQualityText]
        return lines.joined(separator: "\n") + "\n"
    }
}

extension Snapshot {
    /// The Markdown table's column names: STT | Các chỉ tiêu | Kết quả: Đơn vị tính | Kết quả: Số
    /// liệu | Ghi chú.
    static let markdownColumns: [String] = SnapshotDocument.columns.enumerated().map { index, name in
        (2...3).contains(index) ? "\(SnapshotDocument.resultColumn): \(name)" : name
    }

    /// `text` as literal Markdown inline text on one line.
    public static func markdownText(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "\r\n", "\n", "\r", "\u{2028}", "\u{2029}": out += " "
            case "\\", "`", "*", "_", "[", "]", "<", ">", "|", "~": out += "\\" + String(c)
            default: out.append(c)
            }
        }
        return out
    }
}

extension String {
    /// Every occurrence of `target` replaced (Foundation-free).
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for c in self { if c == target { out += replacement } else { out.append(c) } }
        return out
    }
}

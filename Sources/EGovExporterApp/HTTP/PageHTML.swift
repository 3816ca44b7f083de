import Foundation
import EGovExposition
import EGovKPI

/// What the HTML pages share: the head and its style sheet (no script, no font or file from
/// elsewhere: offices' networks are closed), escaping, and cells coloured against a target.
enum PageHTML {
    /// `<!DOCTYPE html>` to `<body>`, with `title` escaped.
    static func head(_ title: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="vi">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(title))</title>
        <style>
        \(style)
        </style>
        </head>
        <body>

        """
    }

    static let style = """
        body { font-family: sans-serif; margin: 1.5em; color: #222; }
        table { border-collapse: collapse; margin-bottom: 1em; }
        th, td { border: 1px solid #bbb; padding: 0.25em 0.5em; text-align: left; vertical-align: top; }
        th { background: #eef1f5; }
        td.so, td.ma { text-align: right; white-space: nowrap; }
        td.ma { text-align: left; }
        td.dat { background: #dff3e0; }
        td.chua-dat { background: #fadbd8; font-weight: bold; }
        td.chi-tiet { color: #555; }
        form.loc { margin: 1em 0; padding: 0.6em; background: #f5f5f5; }
        form.loc label { margin-right: 1em; }
        .ghi-chu { color: #555; font-size: 0.9em; }
        nav.trang a, nav.trang span { margin-right: 0.8em; }
        a.chon { font-weight: bold; text-decoration: none; color: #222; }
        """

    /// `text` safe inside an element or a quoted attribute.
    static func escape(_ text: String) -> String { LandingPage.escape(text) }

    /// A rate's cell: the percentage in Vietnamese notation, green when it reaches `target`
    /// (percent), red when it does not, uncoloured without a target or a figure; the title says
    /// the counts and the target.
    static func rateCell(_ ratio: Ratio, target: Double?) -> String {
        guard let value = AppendixValue(percent: ratio) else {
            return "<td class=\"so\" title=\"Không có hồ sơ, văn bản để tính\">—</td>"
        }
        var title = "\(VietnameseNumber.text(ratio.numerator))/\(VietnameseNumber.text(ratio.denominator))"
        var kind = ""
        if let target {
            let reached = value.number >= target
            kind = reached ? " dat" : " chua-dat"
            title += "; mục tiêu \(AppendixValue(target).vietnamese)%" + (reached ? " (đạt)" : " (chưa đạt)")
        }
        return "<td class=\"so\(kind)\" title=\"\(title)\">\(value.vietnamese)%</td>"
    }

    /// A count of overdue dossiers: green at 0, red above.
    static func overdueCell(_ count: Int) -> String {
        "<td class=\"so \(count == 0 ? "dat" : "chua-dat")\">\(VietnameseNumber.text(count))</td>"
    }

    /// A plain count.
    static func countCell(_ count: Int) -> String { "<td class=\"so\">\(VietnameseNumber.text(count))</td>" }

    /// `/units/{code}`, the code percent-encoded.
    static func unitPath(_ code: String) -> String { "/units/" + SnapshotRoutes.pathSegment(code) }

    /// A query string from `items` (nil values left out), each value percent-encoded.
    static func query(_ items: [(String, String?)]) -> String {
        let parts = items.compactMap { key, value in value.map { "\(key)=\(SnapshotRoutes.pathSegment($0))" } }
        return parts.isEmpty ? "" : "?" + parts.joined(separator: "&")
    }

    /// The exposed periods the pages show side by side: this quarter and the previous one when
    /// they are exposed, otherwise the first exposed period.
    static func quarters(_ result: RefreshResult) -> [ExposedPeriod] {
        let wanted = ["current_quarter", "previous_quarter"].compactMap { label in result.periods.first { $0.label == label } }
        return wanted.isEmpty ? Array(result.periods.prefix(1)) : wanted
    }

    /// "Quý này", "Quý trước", or the period's Vietnamese name.
    static func shortName(_ exposed: ExposedPeriod) -> String {
        switch exposed.label {
        case "current_quarter": "Quý này"
        case "previous_quarter": "Quý trước"
        case "current_year": "Năm nay"
        case "last_30_days": "30 ngày qua"
        default: exposed.report.period.vietnameseName
        }
    }
}

/// A query string as an HTML form sends it (`application/x-www-form-urlencoded`): `+` is a
/// space, `%2B` a plus. The router's own decoding keeps `+`, so "binh+yen" would not match.
enum FormQuery {
    /// The first value of each key.
    static func parse(_ query: String?) -> [String: String] {
        var values: [String: String] = [:]
        for pair in (query ?? "").split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ text: Substring) -> String {
                let spaced = text.replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? spaced
            }
            let key = decode(parts[0])
            if values[key] == nil { values[key] = parts.count > 1 ? decode(parts[1]) : "" }
        }
        return values
    }
}

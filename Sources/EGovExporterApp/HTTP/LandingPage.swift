import EGovExposition
import EGovKPI

/// The landing page at `/`, in Vietnamese for the offices: what this is, where the endpoints
/// are, when the figures were last refreshed, and every unit of the tree as a table that a GET
/// form filters (by name or code with diacritics optional, by level, by parent): this quarter's
/// and the previous quarter's main rates, each coloured against its target, and a link to the
/// unit's page. It reads and filters in any browser without script; where script runs, the
/// exporter's own `FilterScript` also filters the rows as one types.
enum LandingPage {
    /// Rows the page shows at most; a filter narrows the rest.
    static let maxRows = 500

    static func render(_ model: PageModel, filter: UnitFilter = UnitFilter()) -> String {
        let selfMetrics = model.selfMetrics
        var html = PageHTML.head("egov-exporter — Chỉ số Chính quyền điện tử") + """
            <h1>egov-exporter</h1>
            <p>Chỉ số Chính quyền điện tử, Chính quyền số tính từ dữ liệu hồ sơ thủ tục hành chính và văn bản. Phiên bản \(escape(selfMetrics.version)).</p>
            <ul>
            <li><a href="/metrics">/metrics</a> — số liệu cho Prometheus (cập nhật mỗi \(selfMetrics.refreshIntervalSeconds) giây)</li>
            <li><a href="/healthz">/healthz</a> — dịch vụ đang chạy</li>
            <li><a href="/readyz">/readyz</a> — đã có số liệu</li>
            <li><a href="/snapshots">/snapshots</a> — các bản chốt số liệu Phụ lục II theo quý (tải về dạng XLSX, CSV, JSON, Markdown)</li>
            </ul>

            """
        if let last = selfMetrics.lastSuccessTimestamp {
            html += "<p>Cập nhật số liệu lần gần nhất: \(dateTime(last, zone: model.zone)) (giờ Việt Nam).</p>\n"
        } else {
            html += "<p>Chưa cập nhật được số liệu lần nào.</p>\n"
        }
        let down = SourceNames.all.filter { selfMetrics.sourceUp[$0] == false }
        if !down.isEmpty {
            html += "<p><strong>Không đọc được nguồn dữ liệu: \(down.map(vietnamese).joined(separator: ", ")). "
                + "Đang hiển thị số liệu của lần cập nhật thành công gần nhất.</strong></p>\n"
        }
        if let result = model.result {
            html += form(filter, result.tree) + table(result, filter: filter, model: model)
        }
        return html + "</body>\n</html>\n"
    }

    /// The filter form: GET, so a filtered view is a link one can send.
    private static func form(_ filter: UnitFilter, _ tree: UnitTree) -> String {
        let levels = Set(tree.units.values.map(\.level)).sorted { levelRank($0) < levelRank($1) }
        var html = "<form class=\"loc\" method=\"get\" action=\"/\">\n"
            + "<label>Tìm đơn vị <input name=\"q\" value=\"\(escape(filter.text))\" placeholder=\"tên hoặc mã, có dấu hoặc không dấu\" size=\"32\"></label>\n"
            + "<label>Cấp <select name=\"level\"><option value=\"\">Tất cả</option>"
        for level in levels {
            html += "<option value=\"\(escape(level))\"\(filter.level == level ? " selected" : "")>\(escape(levelName(level)))</option>"
        }
        html += "</select></label>\n<label>Trực thuộc <select name=\"parent\"><option value=\"\">Tất cả</option>"
        for code in tree.preorder where !(tree.children[code] ?? []).isEmpty {
            let name = tree[code]?.name ?? code
            html += "<option value=\"\(escape(code))\"\(filter.parent == code ? " selected" : "")>"
                + "\(String(repeating: "  ", count: tree.depth(of: code)))\(escape(name))</option>"
        }
        return html + "</select></label>\n<button type=\"submit\">Lọc</button> <a href=\"/\">Bỏ lọc</a>\n</form>\n"
    }

    private static func table(_ result: RefreshResult, filter: UnitFilter, model: PageModel) -> String {
        let quarters = PageHTML.quarters(result)
        let matching = filter.apply(to: result.tree, folded: model.folded)
        var html = "<p>"
        for exposed in quarters {
            let period = exposed.report.period
            html += "\(PageHTML.shortName(exposed)): \(escape(period.vietnameseName)) (từ \(period.firstDay.vietnamese) đến \(period.lastDay.vietnamese)). "
        }
        html += "Ô xanh: đạt mục tiêu; ô đỏ: chưa đạt (di chuột lên ô để xem số hồ sơ, văn bản và mục tiêu).</p>\n"
        html += "<p><span id=\"so-don-vi\">\(VietnameseNumber.text(matching.count))</span> / \(VietnameseNumber.text(result.tree.units.count)) đơn vị"
        if matching.count > maxRows { html += "; hiển thị \(maxRows) đơn vị đầu, hãy lọc để thu hẹp" }
        html += ".</p>\n"
        guard !matching.isEmpty else { return html + "<p>Không có đơn vị nào khớp điều kiện lọc.</p>\n" }
        html += "<table>\n<tr><th rowspan=\"2\">Đơn vị</th><th rowspan=\"2\">Cấp</th><th rowspan=\"2\">Trực thuộc</th>"
        for indicator in MainIndicator.landing {
            html += "<th colspan=\"\(quarters.count)\">\(escape(indicator.heading))</th>"
        }
        html += "</tr>\n<tr>"
        for _ in MainIndicator.landing {
            for exposed in quarters { html += "<th>\(PageHTML.shortName(exposed))</th>" }
        }
        html += "</tr>\n"
        for unit in matching.prefix(maxRows) {
            let parent = unit.parentCode.flatMap { result.tree[$0] }
            let names = model.folded[unit.code].map { "\($0.code) \($0.name)" } ?? ""
            html += "<tr data-tim=\"\(escape(names))\"><td><a href=\"\(escape(PageHTML.unitPath(unit.code)))\">\(escape(unit.name))</a> <span class=\"ghi-chu\">\(escape(unit.code))</span></td>"
                + "<td>\(escape(levelName(unit.level)))</td><td>\(escape(parent?.name ?? ""))</td>"
            for indicator in MainIndicator.landing {
                for exposed in quarters {
                    guard let report = exposed.report[unit.code] else {
                        html += "<td class=\"so\">—</td>"
                        continue
                    }
                    html += indicator.cell(report, model.targets)
                }
            }
            html += "</tr>\n"
        }
        // Filters the rows as one types; without it (or without JavaScript) the form filters.
        return html + "</table>\n<script src=\"\(FilterScript.path)\" defer></script>\n"
    }

    /// Province first, then districts, communes and other levels by name.
    static func levelRank(_ level: String) -> String {
        switch level {
        case UnitLevel.province: "0"
        case UnitLevel.district: "1"
        case UnitLevel.commune: "2"
        default: "3" + level
        }
    }

    static func levelName(_ level: String) -> String {
        switch level {
        case UnitLevel.province: "Tỉnh"
        case UnitLevel.district: "Huyện"
        case UnitLevel.commune: "Xã"
        case "department": "Sở, ngành"
        default: level
        }
    }

    private static func vietnamese(_ source: String) -> String {
        source == "dossiers" ? "hệ thống một cửa điện tử (hồ sơ)" : "hệ thống quản lý văn bản"
    }

    private static func dateTime(_ epoch: Double, zone: UTCOffset) -> String {
        let seconds = Int64(epoch.rounded(.down))
        let day = zone.localDate(epochSeconds: seconds)
        let secondOfDay = Int((seconds + Int64(zone.seconds)) - Int64(day.dayNumber) * 86_400)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(two(secondOfDay / 3600)):\(two(secondOfDay / 60 % 60)):\(two(secondOfDay % 60)) ngày \(day.vietnamese)"
    }

    static func escape(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }
}

/// The `source` label values of `egov_source_up`.
enum SourceNames {
    static let all = ["dossiers", "documents"]
}

/// The landing page's filter, from its query: `q` (name or code, diacritics, case and spacing
/// aside), `level`, `parent` (a unit: it and its subtree).
struct UnitFilter: Sendable, Equatable {
    var text = ""
    var level: String?
    var parent: String?

    var isEmpty: Bool { VietnameseText.folded(text).isEmpty && level == nil && parent == nil }

    /// The units that pass, in the tree's pre-order (as `UnitTree.search`, over the names
    /// `folded` once per refresh).
    func apply(to tree: UnitTree, folded: [String: (code: String, name: String)]) -> [UnitRecord] {
        let wanted = VietnameseText.folded(text)
        let inside = parent.map { Set(tree.subtree(of: $0)) }
        return tree.preorder.compactMap { code -> UnitRecord? in
            guard let unit = tree[code], level == nil || unit.level == level, inside?.contains(code) ?? true else { return nil }
            guard !wanted.isEmpty else { return unit }
            let names = folded[code] ?? (VietnameseText.folded(code), VietnameseText.folded(unit.name))
            return names.code.contains(wanted) || names.name.contains(wanted) ? unit : nil
        }
    }
}

/// What the pages read, kept from the last refresh beside the rendered exposition.
public struct PageModel: Sendable {
    let result: RefreshResult?
    let selfMetrics: SelfMetrics
    let zone: UTCOffset
    let targets: Targets
    /// Each unit's code and name as the filter compares them (`VietnameseText.folded`), folded
    /// once per refresh rather than at every filtered request.
    let folded: [String: (code: String, name: String)]

    init(result: RefreshResult?, selfMetrics: SelfMetrics, zone: UTCOffset, targets: Targets) {
        self.result = result
        self.selfMetrics = selfMetrics
        self.zone = zone
        self.targets = targets
        folded = (result?.tree.units ?? [:]).mapValues { (VietnameseText.folded($0.code), VietnameseText.folded($0.name)) }
    }
}

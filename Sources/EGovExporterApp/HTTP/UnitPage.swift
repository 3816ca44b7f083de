import EGovExposition
import EGovKPI
import EGovSources

/// What a unit's page shows, gathered by `UnitRoutes` and rendered as HTML (`UnitPage`) or JSON
/// (`UnitJSON`).
struct UnitView: Sendable {
    let unit: UnitRecord
    let result: RefreshResult
    let targets: Targets
    /// The period the children's ranking and the dossier lists are for.
    let selected: ExposedPeriod
    let kind: DossierListKind
    /// The list's page, or why it could not be read (nil: the exporter reads no list).
    let list: Result<DossierListPage, UnitListReader.Failure>?

    /// The unit's direct children, worst on-time rate first (a unit with nothing resolved last),
    /// then by name.
    var rankedChildren: [UnitReport] {
        (result.tree.children[unit.code] ?? []).compactMap { selected.report[$0] }.sorted { a, b in
            switch (a.dossiers.onTimeRate.value, b.dossiers.onTimeRate.value) {
            case let (x?, y?) where x != y: x < y
            case (_?, nil): true
            case (nil, _?): false
            default: a.unit.name < b.unit.name
            }
        }
    }

    /// Rows 3.x and 7.x of the appendix (with their "Trong đó" sub-rows) for each exposed period,
    /// in the catalogue's order.
    var appendixRows: [(row: AppendixRow, values: [AppendixValue?])] {
        let declared = result.declared[unit.code] ?? [:]
        let tables = result.periods.map { $0.report[unit.code]?.appendix(declared: declared) ?? [] }
        guard let first = tables.first else { return [] }
        var rows: [(AppendixRow, [AppendixValue?])] = []
        var inSection = false
        for (index, row) in first.enumerated() {
            if !row.isDetail { inSection = row.number.hasPrefix("3.") || row.number.hasPrefix("7.") }
            guard inSection else { continue }
            rows.append((row, tables.map { index < $0.count ? $0[index].value : nil }))
        }
        return rows
    }

    /// The ancestors of the unit, root first.
    var ancestors: [UnitRecord] {
        var chain: [UnitRecord] = []
        var current = unit.parentCode.flatMap { result.tree[$0] }
        while let ancestor = current {
            chain.insert(ancestor, at: 0)
            current = ancestor.parentCode.flatMap { result.tree[$0] }
        }
        return chain
    }

    /// The unit's page with `changes` applied to its query.
    func link(period: String? = nil, kind: DossierListKind? = nil, page: Int? = nil) -> String {
        PageHTML.unitPath(unit.code) + PageHTML.query([
            ("period", period ?? selected.label), ("list", (kind ?? self.kind).rawValue), ("page", String(page ?? 1)),
        ])
    }
}

/// A unit's page in Vietnamese: its figures for every exposed period with the appendix labels,
/// its children ranked worst first, and why: its overdue dossiers in progress and its dossiers
/// resolved late, with their counts by lĩnh vực, paged. No script.
enum UnitPage {
    static func render(_ view: UnitView) -> String {
        let unit = view.unit, e = PageHTML.escape
        var html = PageHTML.head("\(unit.name) — egov-exporter")
        html += "<p><a href=\"/\">egov-exporter</a>"
        for ancestor in view.ancestors { html += " › <a href=\"\(e(PageHTML.unitPath(ancestor.code)))\">\(e(ancestor.name))</a>" }
        html += " › \(e(unit.name))</p>\n<h1>\(e(unit.name))</h1>\n"
        html += "<p>Mã đơn vị \(e(unit.code)) · Cấp: \(e(LandingPage.levelName(unit.level)))"
        html += " · Các đơn vị cấp dưới: \(VietnameseNumber.text(view.result.tree.subtree(of: unit.code).count - 1))"
        html += " · <a href=\"\(e("/snapshots" + PageHTML.query([("unit", unit.code)])))\">Bản chụp Phụ lục II</a></p>\n"
        html += "<p class=\"ghi-chu\">Số liệu gồm hồ sơ, văn bản của đơn vị và mọi đơn vị cấp dưới.</p>\n"
        html += figures(view) + appendix(view) + children(view) + UnitLists.render(view)
        return html + "</body>\n</html>\n"
    }

    /// The main indicators, one column per exposed period.
    private static func figures(_ view: UnitView) -> String {
        var html = "<h2>Chỉ số chính</h2>\n<table>\n<tr><th>Chỉ số</th>" + periodHeadings(view.result) + "</tr>\n"
        for indicator in MainIndicator.all {
            html += "<tr><td>\(PageHTML.escape(indicator.heading))</td>"
            for exposed in view.result.periods {
                html += exposed.report[view.unit.code].map { indicator.cell($0, view.targets) } ?? "<td class=\"so\">—</td>"
            }
            html += "</tr>\n"
        }
        return html + "</table>\n"
    }

    private static func periodHeadings(_ result: RefreshResult) -> String {
        result.periods.map { exposed in
            let period = exposed.report.period
            return "<th>\(PageHTML.escape(PageHTML.shortName(exposed)))<br><span class=\"ghi-chu\">"
                + "\(period.firstDay.vietnamese)–\(period.lastDay.vietnamese)</span></th>"
        }.joined()
    }

    /// Sections 3 and 7 of PHỤ LỤC SỐ II, labels verbatim.
    private static func appendix(_ view: UnitView) -> String {
        var html = "<h2>Phụ lục II — mục 3 (thủ tục hành chính) và 7 (hạ tầng, kết nối)</h2>\n<table>\n"
            + "<tr><th>STT</th><th>Các chỉ tiêu</th><th>Đơn vị tính</th>" + periodHeadings(view.result) + "</tr>\n"
        for (row, values) in view.appendixRows {
            let label = row.kind == .heading ? "<strong>\(PageHTML.escape(row.label))</strong>" : PageHTML.escape(row.label)
            html += "<tr><td>\(PageHTML.escape(row.number))</td><td\(row.isDetail ? " class=\"chi-tiet\"" : "")>\(label)</td>"
                + "<td>\(PageHTML.escape(row.unit))</td>"
            for value in values { html += "<td class=\"so\">\(value?.vietnamese ?? "")</td>" }
            html += "</tr>\n"
        }
        return html + "</table>\n"
    }

    /// The direct children, worst on-time rate first.
    private static func children(_ view: UnitView) -> String {
        let ranked = view.rankedChildren
        guard !ranked.isEmpty else { return "" }
        var html = "<h2>Đơn vị trực thuộc — \(PageHTML.escape(PageHTML.shortName(view.selected))), xếp từ tỷ lệ đúng hạn thấp nhất</h2>\n"
            + "<table>\n<tr><th>Đơn vị</th><th>Cấp</th><th>Tỷ lệ hồ sơ giải quyết đúng hạn</th><th>Đã giải quyết</th>"
            + "<th>Giải quyết quá hạn</th><th>Đang giải quyết quá hạn</th></tr>\n"
        for child in ranked {
            html += "<tr><td><a href=\"\(PageHTML.escape(PageHTML.unitPath(child.unit.code)))\">\(PageHTML.escape(child.unit.name))</a></td>"
                + "<td>\(PageHTML.escape(LandingPage.levelName(child.unit.level)))</td>" + MainIndicator.onTime.cell(child, view.targets)
                + PageHTML.countCell(child.dossiers.resolved) + PageHTML.countCell(child.dossiers.resolvedBy[2])
                + MainIndicator.overdue.cell(child, view.targets) + "</tr>\n"
        }
        return html + "</table>\n"
    }

    /// The 404 page for a unit code not in the tree, with the closest codes.
    static func notFound(_ text: String, tree: UnitTree) -> String {
        var html = PageHTML.head("Không tìm thấy đơn vị — egov-exporter")
            + "<p><a href=\"/\">egov-exporter</a></p>\n<h1>Không tìm thấy đơn vị “\(PageHTML.escape(text))”</h1>\n"
        let close = tree.suggestions(for: text, limit: 5)
        if close.isEmpty {
            html += "<p>Không có đơn vị nào mang mã này. Tìm đơn vị theo tên trên <a href=\"/\">trang chủ</a>.</p>\n"
        } else {
            html += "<p>Có phải bạn muốn xem:</p>\n<ul>\n"
            for unit in close {
                html += "<li><a href=\"\(PageHTML.escape(PageHTML.unitPath(unit.code)))\">\(PageHTML.escape(unit.name))</a> (mã \(PageHTML.escape(unit.code)))</li>\n"
            }
            html += "</ul>\n"
        }
        return html + "</body>\n</html>\n"
    }
}

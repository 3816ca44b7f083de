import EGovExposition
import EGovKPI
import EGovSources

/// The "why" part of a unit's page: the period chooser, the two lists (overdue in progress,
/// resolved late) with their counts, the counts by lĩnh vực and one page of dossiers with links
/// to the others.
enum UnitLists {
    static func render(_ view: UnitView) -> String {
        let e = PageHTML.escape
        let figures = view.selected.report[view.unit.code]?.dossiers ?? .zero
        var html = "<h2 id=\"vi-sao\">Vì sao: hồ sơ quá hạn — \(e(view.selected.report.period.vietnameseName))</h2>\n<p>Kỳ: "
        html += view.result.periods.map { exposed in
            exposed.label == view.selected.label ? "<a class=\"chon\">\(e(PageHTML.shortName(exposed)))</a>"
                : "<a href=\"\(e(view.link(period: exposed.label)))#vi-sao\">\(e(PageHTML.shortName(exposed)))</a>"
        }.joined(separator: " · ")
        html += "</p>\n<p>"
        let tabs: [(DossierListKind, String, Int)] = [
            (.overdue, "Hồ sơ đang giải quyết quá hạn", figures.inProgressOverdue),
            (.late, "Hồ sơ đã giải quyết quá hạn trong kỳ", figures.resolvedBy[2]),
        ]
        html += tabs.map { kind, title, count in
            let label = "\(title) (\(VietnameseNumber.text(count)))"
            return kind == view.kind ? "<a class=\"chon\">\(label)</a>" : "<a href=\"\(e(view.link(kind: kind)))#vi-sao\">\(label)</a>"
        }.joined(separator: " · ")
        html += "</p>\n"
        if figures.resolvedBy[3] > 0 {
            html += "<p class=\"ghi-chu\">Ngoài ra \(VietnameseNumber.text(figures.resolvedBy[3])) hồ sơ đã giải quyết không có hạn giải quyết: "
                + "không được tính là đúng hạn (tỷ lệ đúng hạn chia cho mọi hồ sơ đã giải quyết).</p>\n"
        }
        switch view.list {
        case nil:
            return html + "<p>Exporter này không đọc danh sách hồ sơ.</p>\n"
        case .failure(.busy)?:
            return html + "<p>Đang có nhiều yêu cầu xem danh sách hồ sơ; vui lòng tải lại trang sau ít giây.</p>\n"
        case .failure(.timedOut(let seconds))?:
            return html + "<p>Đọc danh sách hồ sơ quá \(seconds) giây nên đã dừng; vui lòng thử lại sau.</p>\n"
        case .failure(.failed)?:
            return html + "<p>Không đọc được danh sách hồ sơ từ hệ thống một cửa điện tử; nhật ký của exporter có chi tiết.</p>\n"
        case .success(let page)?:
            return html + fields(page) + dossiers(page, view)
        }
    }

    /// Counts by lĩnh vực.
    private static func fields(_ page: DossierListPage) -> String {
        guard !page.byField.isEmpty else { return "<p>Không có hồ sơ nào.</p>\n" }
        var html = "<h3>Theo lĩnh vực</h3>\n<table>\n<tr><th>Lĩnh vực</th><th>Số hồ sơ</th></tr>\n"
        for count in page.byField {
            html += "<tr><td>\(PageHTML.escape(count.field ?? "(chưa rõ lĩnh vực)"))</td>\(PageHTML.countCell(count.count))</tr>\n"
        }
        return html + "</table>\n"
    }

    private static func dossiers(_ page: DossierListPage, _ view: UnitView) -> String {
        guard page.total > 0 else { return "" }
        let e = PageHTML.escape
        let first = (page.page - 1) * page.pageSize + 1
        var html = "<h3>Danh sách hồ sơ (\(page.kind == .overdue ? "tiếp nhận gần nhất trước" : "hoàn thành gần nhất trước"))</h3>\n"
        guard !page.rows.isEmpty else {
            return html + "<p>Trang \(page.page) không có hồ sơ (có \(page.pageCount) trang).</p>\n" + pager(page, view)
        }
        html += "<p>Hồ sơ \(VietnameseNumber.text(first))–\(VietnameseNumber.text(first + page.rows.count - 1)) / \(VietnameseNumber.text(page.total)).</p>\n"
        // Overdue dossiers are in progress at the end of the period: no finished day; their days
        // late run to the period's last day.
        let late = page.kind == .late
        let lastDay = view.selected.report.period.lastDay.vietnamese
        html += "<table>\n<tr><th>Mã hồ sơ</th><th>Thủ tục</th><th>Lĩnh vực</th><th>Đơn vị tiếp nhận</th><th>Ngày tiếp nhận</th>"
            + "<th>Hạn giải quyết</th>" + (late ? "<th>Ngày hoàn thành</th><th>Số ngày quá hạn</th>" : "<th>Số ngày quá hạn (đến \(lastDay))</th>")
            + "</tr>\n"
        for row in page.rows {
            let procedure = [row.procedure, row.procedureName].compactMap { $0 }.joined(separator: " — ")
            let unitName = view.result.tree[row.unit]?.name ?? row.unit
            html += "<tr><td class=\"ma\">\(e(row.id))</td><td>\(e(procedure))</td><td>\(e(row.field ?? ""))</td>"
                + "<td><a href=\"\(e(PageHTML.unitPath(row.unit)))\">\(e(unitName))</a></td>"
                + "<td>\(row.received.vietnamese)</td><td>\(row.due.vietnamese)</td>" + (late ? "<td>\(row.finished?.vietnamese ?? "")</td>" : "")
                + PageHTML.countCell(row.daysLate) + "</tr>\n"
        }
        return html + "</table>\n" + pager(page, view)
    }

    /// "Trang trước · 1 … 4 5 6 … 20 · Trang sau".
    private static func pager(_ page: DossierListPage, _ view: UnitView) -> String {
        let count = page.pageCount
        guard count > 1 else { return "" }
        let e = PageHTML.escape
        func link(_ number: Int, _ text: String) -> String { "<a href=\"\(e(view.link(page: number)))#vi-sao\">\(text)</a>" }
        var parts: [String] = []
        if page.page > 1 { parts.append(link(page.page - 1, "‹ Trang trước")) }
        let middle = min(page.page, count)
        let window = Set([1, count] + Array(max(1, middle - 2)...min(count, middle + 2)))
        var last = 0
        for number in window.sorted() where number >= 1 && number <= count {
            if number > last + 1 { parts.append("<span>…</span>") }
            parts.append(number == page.page ? "<span><strong>\(number)</strong></span>" : link(number, String(number)))
            last = number
        }
        if page.page < count { parts.append(link(page.page + 1, "Trang sau ›")) }
        return "<nav class=\"trang\">Trang: " + parts.joined(separator: " ") + "</nav>\n"
    }
}

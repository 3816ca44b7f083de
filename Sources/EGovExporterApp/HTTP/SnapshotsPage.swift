import EGovKPI
import EGovReports
import EGovSnapshots

/// `/snapshots` for people: the stored snapshots by unit and period, every version with when
/// and by whom it was taken, and the download links of each format; a form filters by unit and
/// period. Plain HTML, no script. The JSON stays for machines (`SnapshotRoutes.list`).
enum SnapshotsPage {
    static func render(_ rows: [SnapshotSummary], unit: String?, period: String?) -> String {
        var html = """
            <!DOCTYPE html>
            <html lang="vi">
            <head>
            <meta charset="utf-8">
            <title>Bản chụp số liệu Phụ lục II — egov-exporter</title>
            <style>
            body { font-family: sans-serif; margin: 2em; color: #222; }
            table { border-collapse: collapse; }
            th, td { border: 1px solid #bbb; padding: 0.3em 0.6em; text-align: left; }
            td.so { text-align: right; }
            </style>
            </head>
            <body>
            <p><a href="/">egov-exporter</a></p>
            <h1>Bản chụp số liệu Phụ lục II</h1>
            <form method="get" action="/snapshots">
            <label>Mã đơn vị <input name="unit" value="\(LandingPage.escape(unit ?? ""))"></label>
            <label>Kỳ báo cáo <input name="period" placeholder="2024-Q1" value="\(LandingPage.escape(period ?? ""))"></label>
            <button type="submit">Lọc</button>
            </form>

            """
        guard !rows.isEmpty else {
            return html + "<p>Chưa có bản chụp nào\(unit != nil || period != nil ? " khớp điều kiện lọc" : "").</p>\n</body>\n</html>\n"
        }
        html += "<table>\n<tr><th>Đơn vị</th><th>Kỳ báo cáo</th><th>Phiên bản</th><th>Thời điểm chốt</th>"
            + "<th>Người chốt</th><th>Tải về</th></tr>\n"
        for row in rows {
            let base = "/snapshots/\(SnapshotRoutes.pathSegment(row.unit))/\(SnapshotRoutes.pathSegment(row.period))"
            let links = SnapshotFormat.allCases.map { format in
                "<a href=\"\(LandingPage.escape("\(base).\(format.rawValue)?version=\(row.version)"))\">\(format.rawValue.uppercased())</a>"
            }.joined(separator: " · ")
            html += "<tr><td>\(LandingPage.escape(row.unitName)) (\(LandingPage.escape(row.unit)))</td>"
                + "<td>\(LandingPage.escape(row.period)): \(day(row.firstDay)) – \(day(row.lastDay))</td>"
                + "<td class=\"so\">\(row.version)</td><td>\(LandingPage.escape(Snapshot.vietnameseTime(row.takenAt)))</td>"
                + "<td>\(row.takenBy == "daemon" ? "tự động" : "lệnh snapshot take")</td><td>\(links)</td></tr>\n"
        }
        return html + "</table>\n</body>\n</html>\n"
    }

    /// `YYYY-MM-DD` as `DD/MM/YYYY`.
    private static func day(_ iso: String) -> String {
        LocalDate(iso: iso)?.vietnamese ?? LandingPage.escape(iso)
    }
}

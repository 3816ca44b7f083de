import EGovExposition
import EGovKPI

/// The landing page at `/`, in Vietnamese for the offices: what this is, where the metrics and
/// health endpoints are, when the figures were last refreshed, and the current quarter's main
/// rates for the units of the top two levels. Rendered once per refresh.
enum LandingPage {
    static func render(result: RefreshResult?, selfMetrics: SelfMetrics, zone: UTCOffset) -> String {
        var html = """
            <!DOCTYPE html>
            <html lang="vi">
            <head>
            <meta charset="utf-8">
            <title>egov-exporter — Chỉ số Chính quyền điện tử</title>
            <style>
            body { font-family: sans-serif; margin: 2em; color: #222; }
            table { border-collapse: collapse; }
            th, td { border: 1px solid #bbb; padding: 0.3em 0.6em; }
            td.so { text-align: right; }
            </style>
            </head>
            <body>
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
            html += "<p>Cập nhật số liệu lần gần nhất: \(dateTime(last, zone: zone)) (giờ Việt Nam).</p>\n"
        } else {
            html += "<p>Chưa cập nhật được số liệu lần nào.</p>\n"
        }
        let down = SourceNames.all.filter { selfMetrics.sourceUp[$0] == false }
        if !down.isEmpty {
            html += "<p><strong>Không đọc được nguồn dữ liệu: \(down.map(vietnamese).joined(separator: ", ")). "
                + "Đang hiển thị số liệu của lần cập nhật thành công gần nhất.</strong></p>\n"
        }
        if let result, let current = result.periods.first(where: { $0.label == "current_quarter" }) ?? result.periods.first {
            html += table(current, tree: result.tree)
        }
        return html + "</body>\n</html>\n"
    }

    private static func table(_ exposed: ExposedPeriod, tree: UnitTree) -> String {
        let period = exposed.report.period
        var html = "<h2>\(escape(period.vietnameseName)) (từ \(period.firstDay.vietnamese) đến \(period.lastDay.vietnamese))</h2>\n"
        html += "<table>\n<tr><th>Đơn vị</th><th>Cấp</th><th>Tỷ lệ hồ sơ giải quyết đúng hạn</th>"
            + "<th>Tỷ lệ hồ sơ tiếp nhận trực tuyến</th><th>Tỷ lệ văn bản đi được ký số</th></tr>\n"
        for code in tree.preorder where tree.depth(of: code) <= 1 {
            guard let unit = exposed.report[code] else { continue }
            html += "<tr><td>\(escape(unit.unit.name))</td><td>\(escape(levelName(unit.unit.level)))</td>"
                + "<td class=\"so\">\(percent(unit.dossiers.onTimeRate))</td>"
                + "<td class=\"so\">\(percent(unit.dossiers.onlineRate))</td>"
                + "<td class=\"so\">\(percent(unit.documents.signedRate))</td></tr>\n"
        }
        return html + "</table>\n"
    }

    /// "66,67%", Vietnamese notation, or a dash when nothing was counted.
    private static func percent(_ ratio: Ratio) -> String { VietnameseNumber.percent(ratio) ?? "—" }

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

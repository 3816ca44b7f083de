import EGovExporterApp
import EGovExposition
import EGovKPI
import EGovPostgres
import EGovSources
import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// The landing page's unit table and filter, and `/units/{code}`, in-process on a hand-built
/// database whose every figure is known: hostile names, paging, 404 with suggestions, JSON.
@Suite("Unit pages")
struct UnitPagesTests {
    /// A province P (hostile name) with a district D whose communes are C1 (Xã Bình Yên) and C2.
    /// On 2026-11-29 (this quarter: 15/09–29/11/2026), C1 has two overdue dossiers in progress,
    /// one resolved late, one on time and one early; C2 has 55 overdue in progress and one
    /// resolved late of a procedure without a field. One invalid dossier is in no list.
    static let database: String = {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("egov-pages-\(getpid()).sqlite").path
        try? FileManager.default.removeItem(atPath: path)
        let queue = try! DatabaseQueue(path: path)
        try! queue.write { db in
            try CanonicalSchema.create(in: db)
            try db.execute(sql: """
                INSERT INTO units (code, name, level, parent_code) VALUES
                  ('P', 'Tỉnh <Thử> & "Nghiệm"', 'province', NULL),
                  ('D', 'Huyện <script>alert(1)</script>', 'district', 'P'),
                  ('C1', 'Xã Bình Yên', 'commune', 'D'),
                  ('C2', 'Xã Đồng Tâm', 'commune', 'D');
                INSERT INTO procedures (code, name, field, level, online_service) VALUES
                  ('TT1', 'Cấp giấy <b>phép</b>', 'Đất đai', 'commune', 'full'),
                  ('TT2', 'Đăng ký khai sinh', 'Hộ tịch', 'commune', 'full'),
                  ('TT3', 'Thủ tục khác', NULL, 'commune', 'none');
                INSERT INTO dossiers (id, unit_code, procedure_code, channel, status, received_at, due_at, finished_at) VALUES
                  ('A1', 'C1', 'TT1', 2, 2, '2026-11-01 08:00:00', '2026-11-10 17:00:00', NULL),
                  ('A2', 'C1', 'TT2', 2, 4, '2026-10-05 08:00:00', '2026-10-20 17:00:00', NULL),
                  ('A3', 'C1', 'TT2', 1, 2, '2026-11-25 08:00:00', '2026-12-05 17:00:00', NULL),
                  ('A4', 'C1', 'TT1', 2, 9, '2026-10-01 08:00:00', '2026-10-10 17:00:00', '2026-10-15 09:00:00'),
                  ('A5', 'C1', 'TT1', 2, 10, '2026-10-01 08:00:00', '2026-10-10 17:00:00', '2026-10-10 09:00:00'),
                  ('A6', 'C1', 'TT2', 2, 10, '2026-10-01 08:00:00', '2026-10-10 17:00:00', '2026-10-05 09:00:00'),
                  ('B0', 'C2', 'TT3', 1, 9, '2026-09-20 08:00:00', '2026-09-25 17:00:00', '2026-10-02 09:00:00'),
                  ('E1', 'C2', 'TT2', 2, 9, '2026-09-01 08:00:00', '2026-09-10 17:00:00', '2026-09-20 09:00:00'),
                  ('X1', 'C1', 'TT1', 2, 2, '2026-10-01 08:00:00', '2026-10-05 17:00:00', '2026-10-09 09:00:00');
                """)
            for n in 1...55 {
                let day = String(format: "%02d", 1 + n % 28)
                try db.execute(sql: """
                    INSERT INTO dossiers (id, unit_code, procedure_code, channel, status, received_at, due_at, finished_at)
                    VALUES (?, 'C2', 'TT2', 2, 2, '2026-10-\(day) 08:00:00', '2026-11-0\(1 + n % 9) 17:00:00', NULL)
                    """, arguments: [String(format: "B%02d", n)])
            }
        }
        try! queue.close()
        return path
    }()

    func app() async throws -> some ApplicationProtocol {
        let store = MetricsStore()
        let config = try ConfigOverrides(db: Self.database, listen: nil, refreshInterval: nil).apply(to: .default)
        let error = await Refresher(store: store, version: "test", logger: Logger(label: "test")).refresh(config: config, now: DemoDatabase.now)
        #expect(error == nil)
        return buildApplication(listen: ListenAddress("127.0.0.1:8466")!, store: store, unitLists: UnitListReader(config: ConfigBox(config)),
                                logger: Logger(label: "test"))
    }

    @Test("/ lists every unit with its rates coloured against the targets and a link to its page; names are escaped")
    func landing() async throws {
        try await app().test(.router) { client in
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                let page = String(buffer: response.body)
                #expect(page.contains("<span id=\"so-don-vi\">4</span> / 4 đơn vị."))
                #expect(page.contains("<a href=\"/units/C1\">Xã Bình Yên</a>"))
                #expect(page.contains("Tỉnh &lt;Thử&gt; &amp; &quot;Nghiệm&quot;"))
                #expect(page.contains("Huyện &lt;script&gt;alert(1)&lt;/script&gt;"))
                #expect(!page.contains("<script>"))
                #expect(!page.contains("<Thử>"))
                // C1: 2 of 3 resolved in time, below 95 %.
                #expect(page.contains("<td class=\"so chua-dat\" title=\"2/3; mục tiêu 95% (chưa đạt)\">66,67%</td>"))
                #expect(page.contains("<td class=\"so chua-dat\">55</td>"), "C2's overdue dossiers in progress")
            }
            // The optional script, served by the exporter itself, filters on the folded names.
            try await client.execute(uri: "/", method: .get) { response in
                let page = String(buffer: response.body)
                #expect(page.contains("<tr data-tim=\"p tinh &lt;thu&gt; &amp; &quot;nghiem&quot;\">"))
                #expect(page.contains("<tr data-tim=\"c1 xa binh yen\">"))
                #expect(page.contains("<script src=\"/static/loc-don-vi.js\" defer></script>"))
            }
            try await client.execute(uri: "/static/loc-don-vi.js", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/javascript; charset=utf-8")
                let script = String(buffer: response.body)
                #expect(script.contains("normalize('NFD').replace(/[\\u0300-\\u036f]/g, '')"))
                #expect(!script.contains("http"), "nothing fetched from elsewhere")
            }
        }
    }

    @Test("the filter finds a unit with or without diacritics, by level and by parent")
    func filter() async throws {
        try await app().test(.router) { client in
            for query in ["q=binh+yen", "q=B%C3%ACnh%20Y%C3%AAn", "q=BINH%20%20yen"] {
                try await client.execute(uri: "/?" + query, method: .get) { response in
                    let page = String(buffer: response.body)
                    #expect(page.contains("<span id=\"so-don-vi\">1</span> / 4 đơn vị."), "\(query)")
                    #expect(page.contains("Xã Bình Yên"))
                    #expect(!page.contains(">Xã Đồng Tâm</a>"))
                }
            }
            try await client.execute(uri: "/?level=commune", method: .get) { response in
                let page = String(buffer: response.body)
                #expect(page.contains("<span id=\"so-don-vi\">2</span> / 4 đơn vị."))
                #expect(page.contains("<option value=\"commune\" selected>Xã</option>"))
            }
            try await client.execute(uri: "/?parent=D&q=dong+tam", method: .get) { response in
                #expect(String(buffer: response.body).contains("<span id=\"so-don-vi\">1</span> / 4 đơn vị."))
            }
            try await client.execute(uri: "/?q=%3Cscript%3E", method: .get) { response in
                let page = String(buffer: response.body)
                #expect(page.contains("value=\"&lt;script&gt;\""))
                #expect(page.contains("<span id=\"so-don-vi\">1</span> / 4 đơn vị."))
            }
            try await client.execute(uri: "/?q=khong+co", method: .get) { response in
                #expect(String(buffer: response.body).contains("Không có đơn vị nào khớp điều kiện lọc."))
            }
        }
    }

    @Test("a unit's page: figures with appendix labels, children worst first, the overdue and late dossiers by field")
    func unitPage() async throws {
        try await app().test(.router) { client in
            try await client.execute(uri: "/units/D", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                let page = String(buffer: response.body)
                #expect(!page.contains("<script>"))
                #expect(page.contains("<h1>Huyện &lt;script&gt;alert(1)&lt;/script&gt;</h1>"))
                #expect(page.contains("Tỷ lệ hồ sơ giải quyết đúng hạn"))
                #expect(page.contains("<td>3.2.3.</td><td>Tỷ lệ TTHC cung cấp trực tuyến mức độ 3 và 4 đã tích hợp, công khai trên Cổng DVC quốc gia</td>"), "labels from the catalogue")
                // C1 (2/3) before C2 (0/1)? No: worst first, C2 at 0 % leads.
                let c2 = try #require(page.range(of: ">Xã Đồng Tâm</a>"))
                let c1 = try #require(page.range(of: ">Xã Bình Yên</a></td><td>Xã</td>"))
                #expect(c2.lowerBound < c1.lowerBound)
                #expect(page.contains("Hồ sơ đang giải quyết quá hạn (57)"))
                #expect(page.contains("Hồ sơ đã giải quyết quá hạn trong kỳ (3)"))
                #expect(page.contains("Hồ sơ 1–50 / 57."))
                #expect(page.contains("<a href=\"/units/D?period=current_quarter&amp;list=overdue&amp;page=2#vi-sao\">Trang sau ›</a>"))
            }
            try await client.execute(uri: "/units/D?page=2", method: .get) { response in
                let page = String(buffer: response.body)
                #expect(page.contains("Hồ sơ 51–57 / 57."))
                #expect(page.contains("‹ Trang trước"))
            }
            try await client.execute(uri: "/units/C1", method: .get) { response in
                let page = String(buffer: response.body)
                #expect(page.contains("<th>Số ngày quá hạn (đến 29/11/2026)</th>"))
                #expect(page.contains("<tr><td class=\"ma\">A1</td><td>TT1 — Cấp giấy &lt;b&gt;phép&lt;/b&gt;</td><td>Đất đai</td>"
                    + "<td><a href=\"/units/C1\">Xã Bình Yên</a></td><td>01/11/2026</td><td>10/11/2026</td><td class=\"so\">19</td></tr>"))
                #expect(page.range(of: ">A1</td>")!.lowerBound < page.range(of: ">A2</td>")!.lowerBound, "newest received first")
                #expect(!page.contains(">A3</td>"), "in progress, not yet due")
            }
            try await client.execute(uri: "/units/C1?list=late", method: .get) { response in
                let page = String(buffer: response.body)
                #expect(page.contains("<tr><td class=\"ma\">A4</td><td>TT1 — Cấp giấy &lt;b&gt;phép&lt;/b&gt;</td><td>Đất đai</td>"
                    + "<td><a href=\"/units/C1\">Xã Bình Yên</a></td><td>01/10/2026</td><td>10/10/2026</td><td>15/10/2026</td><td class=\"so\">5</td></tr>"))
                #expect(!page.contains("X1"), "an invalid dossier is in no list")
            }
            try await client.execute(uri: "/units/D?page=9", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("Trang 9 không có hồ sơ (có 2 trang)."))
            }
            for bad in ["page=0", "page=x", "list=all", "period=2024-Q1"] {
                try await client.execute(uri: "/units/D?" + bad, method: .get) { #expect($0.status == .badRequest, "\(bad)") }
            }
            try await client.execute(uri: "/units/C1", method: .head) { response in
                #expect(response.status == .ok)
                #expect(response.body.readableBytes == 0)
            }
        }
    }

    @Test("an unknown unit is a 404 page in Vietnamese naming the closest units")
    func unknownUnit() async throws {
        try await app().test(.router) { client in
            try await client.execute(uri: "/units/binh%20yen", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                let page = String(buffer: response.body)
                #expect(page.contains("Không tìm thấy đơn vị “binh yen”"))
                #expect(page.contains("<li><a href=\"/units/C1\">Xã Bình Yên</a> (mã C1)</li>"))
            }
            try await client.execute(uri: "/units/%3Cb%3E", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(!String(buffer: response.body).contains("<b>"))
            }
            try await client.execute(uri: "/units/C3?format=json", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(String(buffer: response.body) == "{\"error\": \"unknown unit 'C3': did you mean C1 (Xã Bình Yên) or C2 (Xã Đồng Tâm)?\"}\n")
            }
        }
    }

    @Test("too many unit pages at once, or a source that fails: the figures still show, the list says why")
    func listUnavailable() async throws {
        let store = MetricsStore()
        var config = try ConfigOverrides(db: Self.database, listen: nil, refreshInterval: nil).apply(to: .default)
        #expect(await Refresher(store: store, version: "test", logger: Logger(label: "test")).refresh(config: config, now: DemoDatabase.now) == nil)
        let busy = buildApplication(listen: ListenAddress("127.0.0.1:8466")!, store: store,
                                    unitLists: UnitListReader(config: ConfigBox(config), maxWaiting: -1), logger: Logger(label: "test"))
        try await busy.test(.router) { client in
            try await client.execute(uri: "/units/C1", method: .get) { response in
                #expect(response.status == .ok)
                let page = String(buffer: response.body)
                #expect(page.contains("<h2>Chỉ số chính</h2>"))
                #expect(page.contains("Đang có nhiều yêu cầu xem danh sách hồ sơ; vui lòng tải lại trang sau ít giây."))
            }
        }
        config.sources.dossiers = .sqlite(path: "/nonexistent/egov.sqlite", busyTimeout: 1)
        let broken = buildApplication(listen: ListenAddress("127.0.0.1:8466")!, store: store,
                                      unitLists: UnitListReader(config: ConfigBox(config)), logger: Logger(label: "test"))
        try await broken.test(.router) { client in
            try await client.execute(uri: "/units/C1?format=json", method: .get) { response in
                #expect(response.status == .ok)
                let body = String(buffer: response.body)
                #expect(body.contains("\"list\": {\"period\": \"current_quarter\", \"kind\": \"overdue\", \"error\": \"the dossier source failed; the exporter's log has the details\"}"))
                #expect(!body.contains("nonexistent"), "no path in the answer")
            }
        }
    }

    @Test("a PostgreSQL dossier source that cannot be reached: the figures still show, the list says the source failed, the log why")
    func listFromUnreachableServer() async throws {
        let store = MetricsStore()
        var config = try ConfigOverrides(db: Self.database, listen: nil, refreshInterval: nil).apply(to: .default)
        #expect(await Refresher(store: store, version: "test", logger: Logger(label: "test")).refresh(config: config, now: DemoDatabase.now) == nil)
        // Port 1 on loopback: nothing listens there, the connection is refused at once.
        config.sources.dossiers = .postgres(PostgresSettings(host: "127.0.0.1", port: 1, database: "egov", user: "egov", tls: .disable))
        config.refreshTimeout = 4
        let clients = PostgresClients()
        let logs = CapturedLogs()
        let app = buildApplication(listen: ListenAddress("127.0.0.1:8466")!, store: store,
                                   unitLists: UnitListReader(config: ConfigBox(config), postgres: clients, logger: logs.logger),
                                   logger: Logger(label: "test"))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await clients.run() }
            defer { group.cancelAll() }
            try await app.test(.router) { client in
                try await client.execute(uri: "/units/C1?format=json", method: .get) { response in
                    #expect(response.status == .ok)
                    let body = String(buffer: response.body)
                    #expect(body.contains("\"list\": {\"period\": \"current_quarter\", \"kind\": \"overdue\", \"error\": \"the dossier source failed; the exporter's log has the details\"}"))
                    #expect(body.contains("\"code\": \"C1\""), "the figures are there")
                }
            }
        }
        // The server was asked, through the pools: the log says why it could not answer.
        #expect(logs.matching("error=postgres://egov@127.0.0.1:1/egov: list dossiers: cannot connect").count == 1,
                "\(logs.lines.withLock { $0 })")
    }

    @Test("JSON for Accept: application/json, with exact values")
    func json() async throws {
        try await app().test(.router) { client in
            try await client.execute(uri: "/units/C1?list=late", method: .get, headers: [.accept: "application/json"]) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/json")
                let object = try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
                let unit = try #require(object["unit"] as? [String: Any])
                #expect(unit["code"] as? String == "C1")
                #expect(unit["parent"] as? String == "D")
                let periods = try #require(object["periods"] as? [[String: Any]])
                #expect(periods.map { $0["period"] as? String } == ["current_quarter", "previous_quarter", "current_year", "last_30_days"])
                let indicators = try #require(periods[0]["indicators"] as? [String: Any])
                let onTime = try #require(indicators["on_time"] as? [String: Any])
                #expect(onTime["numerator"] as? Int == 2)
                #expect(onTime["denominator"] as? Int == 3)
                #expect(onTime["percent"] as? Double == 66.67)
                #expect(onTime["target"] as? Int == 95)
                #expect(indicators["overdue_in_progress"] as? Int == 2)
                let appendix = try #require(periods[0]["appendix"] as? [[String: Any]])
                #expect(appendix.first?["number"] as? String == "3.")
                let list = try #require(object["list"] as? [String: Any])
                #expect(list["kind"] as? String == "late")
                #expect(list["total"] as? Int == 1)
                #expect(list["page_count"] as? Int == 1)
                let rows = try #require(list["dossiers"] as? [[String: Any]])
                #expect(rows.count == 1)
                #expect(rows[0]["id"] as? String == "A4")
                #expect(rows[0]["procedure_name"] as? String == "Cấp giấy <b>phép</b>")
                #expect(rows[0]["field"] as? String == "Đất đai")
                #expect(rows[0]["received"] as? String == "2026-10-01")
                #expect(rows[0]["due"] as? String == "2026-10-10")
                #expect(rows[0]["finished"] as? String == "2026-10-15")
                #expect(rows[0]["days_late"] as? Int == 5)
                #expect(rows[0].keys.sorted() == ["days_late", "due", "field", "finished", "id", "procedure", "procedure_name", "received", "unit", "unit_name"])
            }
            try await client.execute(uri: "/units/D?format=json", method: .get) { response in
                let object = try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
                let list = try #require(object["list"] as? [String: Any])
                #expect(list["total"] as? Int == 57)
                #expect(list["page_size"] as? Int == 50)
                let fields = try #require(list["by_field"] as? [[String: Any]])
                #expect(fields.map { $0["field"] as? String } == ["Hộ tịch", "Đất đai"])
                #expect(fields.map { $0["count"] as? Int } == [56, 1])
                let rows = try #require(list["dossiers"] as? [[String: Any]])
                #expect(rows.count == 50)
                #expect(rows[0]["days_late"] as? Int == 19, "A1, received 01/11, due 10/11, newest first")
                let children = try #require(object["children"] as? [[String: Any]])
                #expect(children.map { $0["code"] as? String } == ["C2", "C1"])
            }
            // A closed period: E1 was in progress at its end (finished after it) and overdue.
            try await client.execute(uri: "/units/D?format=json&period=previous_quarter", method: .get) { response in
                let object = try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
                let periods = try #require(object["periods"] as? [[String: Any]])
                let indicators = try #require(periods[1]["indicators"] as? [String: Any])
                let list = try #require(object["list"] as? [String: Any])
                #expect(list["period"] as? String == "previous_quarter")
                #expect(list["total"] as? Int == 1)
                #expect(indicators["overdue_in_progress"] as? Int == 1, "the list and the figure agree")
                let rows = try #require(list["dossiers"] as? [[String: Any]])
                #expect(rows.first?["id"] as? String == "E1")
                #expect(rows.first?["days_late"] as? Int == 4, "due 10/09, the period ends 14/09")
                #expect(rows.first?["finished"] is NSNull)
            }
            try await client.execute(uri: "/units/D?format=json&list=late", method: .get) { response in
                let object = try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
                let list = try #require(object["list"] as? [String: Any])
                #expect((list["dossiers"] as? [[String: Any]])?.map { $0["id"] as? String } == ["A4", "B0", "E1"], "most recently finished first")
                #expect((list["by_field"] as? [[String: Any]])?.map { $0["count"] as? Int } == [1, 1, 1])
            }
        }
    }
}

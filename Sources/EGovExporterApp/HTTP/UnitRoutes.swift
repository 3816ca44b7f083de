import EGovExposition
import EGovKPI
import EGovSources
import Foundation
import Hummingbird

/// `GET /units/{code}`: a unit's page (HTML), or its JSON for `Accept: application/json` or
/// `?format=json`. Query: `period` (an exposed period's label, default this quarter), `list`
/// (`overdue` or `late`), `page` (from 1). The figures come from the last refresh; the dossier
/// lists from `lists`. An unknown unit is a 404 naming the closest codes; a wrong query value a
/// 400 saying what is expected.
enum UnitRoutes {
    static func register(on router: Router<BasicRequestContext>, store: MetricsStore, lists: UnitListReader?) {
        for method in [HTTPRequest.Method.get, .head] {
            let head = method == .head
            router.on("/units/:code", method: method) { request, context in
                let code = context.parameters.get("code").map { $0.removingPercentEncoding ?? $0 } ?? ""
                return Routes.strip(await page(request, code: code, store: store, lists: lists), head)
            }
        }
    }

    static func page(_ request: Request, code: String, store: MetricsStore, lists: UnitListReader?) async -> Response {
        let json = SnapshotRoutes.wantsJSON(request)
        guard let published = store.published, let result = published.pages.result else {
            return json ? SnapshotRoutes.error(.serviceUnavailable, "no figures yet: the first refresh has not succeeded")
                : Routes.text(.serviceUnavailable, "Chưa có số liệu.\n")
        }
        guard let unit = result.tree[code] else {
            if json { return SnapshotRoutes.notFound(result.tree.unknownUnitMessage(code, in: "the exposed tree")) }
            return html(.notFound, UnitPage.notFound(code, tree: result.tree))
        }
        let query = FormQuery.parse(request.uri.query)
        let labels = result.periods.map(\.label)
        let selected: ExposedPeriod
        if let wanted = query["period"], !wanted.isEmpty {
            guard let match = result.periods.first(where: { $0.label == wanted }) else {
                return badRequest("unknown period '\(wanted)': expected \(ConfigDecoder.alternatives(labels))", json: json)
            }
            selected = match
        } else {
            selected = PageHTML.quarters(result)[0]
        }
        var kind = DossierListKind.overdue
        if let wanted = query["list"], !wanted.isEmpty {
            guard let match = DossierListKind(rawValue: wanted) else {
                return badRequest("unknown list '\(wanted)': expected overdue or late", json: json)
            }
            kind = match
        }
        var page = 1
        if let text = query["page"], !text.isEmpty {
            guard let number = Int(text), (1...1_000_000).contains(number) else {
                return badRequest("invalid page '\(text)': expected a whole number from 1", json: json)
            }
            page = number
        }
        let codes = result.tree.subtree(of: unit.code)
        let targets = published.pages.targets, chosen = kind
        @Sendable func render(_ list: Result<DossierListPage, UnitListReader.Failure>?) -> String {
            let view = UnitView(unit: unit, result: result, targets: targets, selected: selected, kind: chosen, list: list)
            return json ? UnitJSON.render(view) : UnitPage.render(view)
        }
        let body = if let lists {
            await lists.answer(chosen, period: selected.report.period, codes: codes, page: page) { render($0) }
        } else {
            render(nil)
        }
        if json {
            return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: body)))
        }
        return html(.ok, body)
    }

    static func html(_ status: HTTPResponse.Status, _ page: String) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: page)))
    }

    private static func badRequest(_ message: String, json: Bool) -> Response {
        json ? SnapshotRoutes.error(.badRequest, message) : Routes.text(.badRequest, message + "\n")
    }
}

/// A unit's page as JSON: the same content, values as numbers (percentages rounded to two
/// decimals, as in the appendix), dates as `YYYY-MM-DD`.
enum UnitJSON {
    static func render(_ view: UnitView) -> String {
        let q = JSONValue.quote
        let unit = view.unit
        var out = "{\"unit\": {\"code\": \(q(unit.code)), \"name\": \(q(unit.name)), \"level\": \(q(unit.level)), "
            + "\"parent\": \(unit.parentCode.map(q) ?? "null")},\n\"periods\": ["
        let appendix = view.appendixRows
        out += view.result.periods.enumerated().map { index, exposed in
            let period = exposed.report.period
            var item = "\n  {\"period\": \(q(exposed.label)), \"id\": \(q(period.id)), \"first_day\": \(q(period.firstDay.description)), "
                + "\"last_day\": \(q(period.lastDay.description)), \"indicators\": {"
            if let report = exposed.report[unit.code] {
                item += MainIndicator.all.map { "\(q($0.key)): \($0.json(report, view.targets))" }.joined(separator: ", ")
            }
            item += "},\n   \"appendix\": [" + appendix.map { row, values in
                "\n    {\"number\": \(q(row.number)), \"label\": \(q(row.label)), \"unit\": \(q(row.unit)), "
                    + "\"value\": \(values[index]?.literal ?? "null")}"
            }.joined(separator: ",") + "]}"
            return item
        }.joined(separator: ",") + "],\n\"children\": ["
        out += view.rankedChildren.map { child in
            "\n  {\"code\": \(q(child.unit.code)), \"name\": \(q(child.unit.name)), \"level\": \(q(child.unit.level)), "
                + "\"on_time\": \(MainIndicator.onTime.json(child, view.targets)), \"resolved\": \(child.dossiers.resolved), "
                + "\"late\": \(child.dossiers.resolvedBy[2]), \"overdue_in_progress\": \(child.dossiers.inProgressOverdue)}"
        }.joined(separator: ",") + "],\n\"list\": " + list(view) + "}\n"
        return out
    }

    private static func list(_ view: UnitView) -> String {
        let q = JSONValue.quote
        let head = "{\"period\": \(q(view.selected.label)), \"kind\": \(q(view.kind.rawValue)), "
        switch view.list {
        case nil: return head + "\"error\": \"this exporter reads no dossier lists\"}"
        case .failure(.busy)?: return head + "\"error\": \"too many unit pages are being read: try again in a moment\"}"
        case .failure(.timedOut(let seconds))?: return head + "\"error\": \"the read timed out after \(seconds) s (refresh_timeout)\"}"
        case .failure(.failed)?: return head + "\"error\": \"the dossier source failed; the exporter's log has the details\"}"
        case .success(let page)?:
            let fields = page.byField.map { "{\"field\": \($0.field.map(q) ?? "null"), \"count\": \($0.count)}" }
            let rows = page.rows.map { row in
                "\n    {\"id\": \(q(row.id)), \"unit\": \(q(row.unit)), \"unit_name\": \(q(view.result.tree[row.unit]?.name ?? row.unit)), "
                    + "\"procedure\": \(row.procedure.map(q) ?? "null"), \"procedure_name\": \(row.procedureName.map(q) ?? "null"), "
                    + "\"field\": \(row.field.map(q) ?? "null"), \"received\": \(q(row.received.description)), "
                    + "\"due\": \(q(row.due.description)), \"finished\": \(row.finished.map { q($0.description) } ?? "null"), "
                    + "\"days_late\": \(row.daysLate)}"
            }
            return head + "\"total\": \(page.total), \"page\": \(page.page), \"page_size\": \(page.pageSize), "
                + "\"page_count\": \(page.pageCount), \"by_field\": [\(fields.joined(separator: ", "))], "
                + "\"dossiers\": [\(rows.joined(separator: ","))]}"
        }
    }
}

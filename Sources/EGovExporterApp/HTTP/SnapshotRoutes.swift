import EGovKPI
import EGovReports
import EGovSnapshots
import Foundation
import Hummingbird
import Logging

/// `GET /snapshots` (the stored snapshots, filtered by `?period=` and `?unit=`: an HTML page for
/// people, JSON for `Accept: application/json` or `?format=json`) and
/// `GET /snapshots/{unit}/{period}.{xlsx|csv|json|md}` (the latest version, `?version=N` for
/// another), as an attachment with its file name. Unknown unit, period or version: 404 with a
/// JSON error. A failure of the store is logged with its details; the answer only says it failed
/// (no file path, no SQL).
enum SnapshotRoutes {
    static func register(on router: Router<BasicRequestContext>, state: StateStore?, logger: Logger) {
        // Store reads and renderings (SQLite, the XLSX writer's files) block: they run one at a
        // time on a thread of their own, below the priority of the threads that serve scrapes.
        let worker = state.map { _ in BackgroundWorker(name: "egov-snapshots", niceness: 5) }
        /// The open store, or the answer saying it cannot be opened (the reason goes to the log).
        @Sendable func opened() -> Result<SnapshotStore, Unavailable> {
            guard let state else { return .failure(Unavailable(response: notFound("this exporter keeps no snapshots"))) }
            switch state.open() {
            case .success(let store): return .success(store)
            case .failure(let error):
                logger.error("snapshot request: the state database cannot be opened", metadata: ["error": "\(error)"])
                return .failure(Unavailable(response: SnapshotRoutes.error(.serviceUnavailable,
                                                                          "the state database is unavailable; the exporter's log has the details")))
            }
        }
        for method in [HTTPRequest.Method.get, .head] {
            let head = method == .head
            router.on("/snapshots", method: method) { request, _ in
                guard let worker else { return notFound("this exporter keeps no snapshots") }
                let store: SnapshotStore
                switch opened() {
                case .success(let open): store = open
                case .failure(let answer): return Routes.strip(answer.response, head)
                }
                return Routes.strip(await list(request, store: store, worker: worker, logger: logger), head)
            }
            router.on("/snapshots/:unit/:file", method: method) { request, context in
                guard let worker else { return notFound("this exporter keeps no snapshots") }
                let store: SnapshotStore
                switch opened() {
                case .success(let open): store = open
                case .failure(let answer): return Routes.strip(answer.response, head)
                }
                // Links percent-encode unit codes (any text in the units table): decode them here.
                let unit = context.parameters.get("unit").map { $0.removingPercentEncoding ?? $0 } ?? ""
                let file = context.parameters.get("file").map { $0.removingPercentEncoding ?? $0 } ?? ""
                return Routes.strip(await download(request, unit: unit, file: file, store: store, worker: worker, logger: logger), head)
            }
        }
    }

    static func list(_ request: Request, store: SnapshotStore, worker: BackgroundWorker, logger: Logger) async -> Response {
        var period: String?
        if let text = request.uri.queryParameters.get("period") {
            // A wrong id is a mistake to point out, not a filter that matches nothing; the id is
            // not case-sensitive (2024-q1 is 2024-Q1).
            do throws(PeriodIDError) { period = try ReportingCalendar().period(id: String(text)).id } catch {
                return SnapshotRoutes.error(.badRequest, error.description)
            }
        }
        let unit = request.uri.queryParameters.get("unit")
        let wanted = period
        let result = await blocking(worker) { try store.list(period: wanted, unit: unit) }
        guard case .success(let rows) = result else { return failure(result, logger) }
        guard wantsJSON(request) else {
            return Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(string: SnapshotsPage.render(rows, unit: unit.map { String($0) }, period: wanted))))
        }
        let items = rows.map { r in
            let base = "/snapshots/\(pathSegment(r.unit))/\(pathSegment(r.period))"
            let links = SnapshotFormat.allCases.map { "\(JSONValue.quote($0.rawValue)): \(JSONValue.quote("\(base).\($0.rawValue)?version=\(r.version)"))" }
            let fields: [(String, String)] = [
                ("unit", JSONValue.quote(r.unit)), ("unit_name", JSONValue.quote(r.unitName)), ("level", JSONValue.quote(r.level)),
                ("period", JSONValue.quote(r.period)), ("first_day", JSONValue.quote(r.firstDay)), ("last_day", JSONValue.quote(r.lastDay)),
                ("version", String(r.version)), ("taken_at", JSONValue.quote(r.takenAt)), ("taken_by", JSONValue.quote(r.takenBy)),
                ("links", "{" + links.joined(separator: ", ") + "}"),
            ]
            return "  {" + fields.map { "\(JSONValue.quote($0.0)): \($0.1)" }.joined(separator: ", ") + "}"
        }
        let body = "{\"snapshots\": [\n" + items.joined(separator: ",\n") + (items.isEmpty ? "]}\n" : "\n]}\n")
        return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    /// JSON for `?format=json`, or when `Accept` names `application/json` and not `text/html`
    /// (a browser); the HTML page otherwise.
    static func wantsJSON(_ request: Request) -> Bool {
        if request.uri.queryParameters.get("format") == "json" { return true }
        let accept = request.headers[.accept] ?? ""
        return accept.contains("application/json") && !accept.contains("text/html")
    }

    static func download(_ request: Request, unit: String, file: String, store: SnapshotStore,
                         worker: BackgroundWorker, logger: Logger) async -> Response {
        guard let dot = file.lastIndex(of: "."), let format = SnapshotFormat(rawValue: String(file[file.index(after: dot)...])) else {
            return notFound("unknown format in '\(file)': expected PERIOD.xlsx, .csv, .json or .md")
        }
        let period = String(file[..<dot])
        var version: Int?
        if let text = request.uri.queryParameters.get("version") {
            guard let number = Int(text), number >= 1 else { return error(.badRequest, "invalid version '\(text)': expected a whole number from 1") }
            version = number
        }
        let wanted = version
        let result = await blocking(worker) { () throws -> Download? in
            guard let snapshot = try store.snapshot(unit: unit, period: period, version: wanted) else { return nil }
            return Download(snapshot: snapshot, bytes: try format.render(snapshot))
        }
        switch result {
        case .success(let found?):
            let (snapshot, bytes) = (found.snapshot, found.bytes)
            return Response(status: .ok, headers: [
                .contentType: format.contentType,
                .contentDisposition: contentDisposition(snapshot.fileName(format: format.rawValue)),
                .cacheControl: "no-cache",
            ], body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
        case .success(nil):
            let versions = (try? store.versions(unit: unit, period: period)) ?? []
            if let version, !versions.isEmpty {
                return notFound("no version \(version) of the snapshot of unit \(unit) for \(period): versions \(versions.map(String.init).joined(separator: ", "))")
            }
            return notFound("no snapshot of unit \(unit) for period \(period)")
        case .failure:
            return failure(result, logger)
        }
    }

    /// `body` on the worker, its error as a value.
    static func blocking<T: Sendable>(_ worker: BackgroundWorker, _ body: @escaping @Sendable () throws -> T) async -> Result<T, any Error> {
        do { return .success(try await worker.run(body)) } catch { return .failure(error) }
    }

    /// The answer when the store cannot be used.
    struct Unavailable: Error {
        let response: Response
    }

    /// A stored snapshot and its rendering.
    struct Download: Sendable {
        let snapshot: Snapshot
        let bytes: [UInt8]
    }

    /// 500 saying only that the store failed; the error itself (a path, an SQL message) goes to
    /// the log.
    static func failure<T>(_ result: Result<T, any Error>, _ logger: Logger) -> Response {
        if case .failure(let e) = result { logger.error("snapshot request failed", metadata: ["error": "\(e)"]) }
        return error(.internalServerError, "the snapshot store failed; the exporter's log has the details")
    }

    /// `text` as one path segment: everything but unreserved characters percent-encoded.
    static func pathSegment(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }

    /// RFC 3986 unreserved characters.
    static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    /// RFC 6266: an ASCII `filename` (other characters, quotes and backslashes as `_`) for old
    /// clients, and the exact name as UTF-8 in `filename*`.
    static func contentDisposition(_ name: String) -> String {
        let ascii = String(name.unicodeScalars.map { $0.isASCII && $0.value >= 0x20 && $0 != "\"" && $0 != "\\" && $0.value != 0x7F ? Character($0) : "_" })
        return "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(pathSegment(name))"
    }

    static func notFound(_ message: String) -> Response { error(.notFound, message) }

    static func error(_ status: HTTPResponse.Status, _ message: String) -> Response {
        Response(status: status, headers: [.contentType: "application/json"],
                 body: .init(byteBuffer: ByteBuffer(string: "{\"error\": \(JSONValue.quote(message))}\n")))
    }
}

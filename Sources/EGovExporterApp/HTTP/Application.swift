import EGovExposition
import EGovSnapshots
import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import Synchronization

/// Builds the HTTP application: `/`, `/metrics`, `/healthz`, `/readyz`, `/units/{code}`,
/// `/snapshots`. Handlers only read the store: a scrape never touches a database and never
/// waits for a refresh; a unit page's dossier lists are read by `unitLists`, off the event
/// loops (none without it). Every connection is
/// bounded by `limits` (see `ConnectionGuard`).
/// With `security`, its TLS serves every connection and its users, rate limit and headers apply
/// to every request but the health checks.
public func buildApplication(listen: ListenAddress, store: MetricsStore, snapshots: SnapshotStore? = nil,
                             stateStore: StateStore? = nil, unitLists: UnitListReader? = nil, limits: HTTPLimits = .default,
                             security: WebSecurity? = nil, logger: Logger)
    -> Application<RouterResponder<BasicRequestContext>> {
    let router = Router()
    if let security { router.add(middleware: WebGuard(security: security)) }
    router.add(middleware: MethodGuard(paths: Routes.paths, prefixes: ["/snapshots", "/units"]))
    Routes.register(on: router, store: store)
    UnitRoutes.register(on: router, store: store, lists: unitLists)
    SnapshotRoutes.register(on: router, state: stateStore ?? snapshots.map { StateStore($0) }, logger: logger)
    return Application(
        responder: router.buildResponder(),
        server: security?.tlsServer(limits: limits) ?? .guardedHTTP1(limits: limits),
        configuration: .init(address: .hostname(listen.host, port: listen.port), serverName: "egov-exporter",
                             availableConnectionsDelegate: MaximumAvailableConnections(limits.maxConnections, logger: logger)),
        logger: logger)
}

/// The endpoints and their handlers.
enum Routes {
    static let paths: Set<String> = ["/", "/metrics", "/healthz", "/readyz", FilterScript.path]

    static func register(on router: Router<BasicRequestContext>, store: MetricsStore) {
        for method in [HTTPRequest.Method.get, .head] {
            let head = method == .head
            @Sendable func respond(_ response: Response) -> Response { strip(response, head) }
            router.on("/", method: method) { request, _ in respond(landing(request, store)) }
            router.on("/metrics", method: method) { request, _ in respond(metrics(request, store: store)) }
            router.on("/healthz", method: method) { _, _ in respond(text(.ok, "ok\n")) }
            router.on(RouterPath(stringLiteral: FilterScript.path), method: method) { _, _ in respond(FilterScript.response) }
            router.on("/readyz", method: method) { _, _ in
                respond(store.published?.ready == true ? text(.ok, "ready\n") : text(.serviceUnavailable, "not ready: no successful refresh yet\n"))
            }
        }
    }

    /// HEAD answers with GET's status and headers, Content-Length included, and no body.
    static func strip(_ response: Response, _ head: Bool) -> Response {
        guard head else { return response }
        var response = response
        let length = response.headers[.contentLength]
        response.body = .init()
        response.headers[.contentLength] = length
        return response
    }

    /// The page rendered at the refresh, or, with a filter in the query, rendered now from the
    /// same figures.
    static func landing(_ request: Request, _ store: MetricsStore) -> Response {
        guard let published = store.published else {
            return text(.serviceUnavailable, "Chưa có số liệu.\n")
        }
        let query = FormQuery.parse(request.uri.query)
        func value(_ key: String) -> String? { query[key].flatMap { $0.isEmpty ? nil : $0 } }
        let filter = UnitFilter(text: value("q") ?? "", level: value("level"), parent: value("parent"))
        let page = filter.isEmpty ? published.landingPage : ByteBuffer(string: LandingPage.render(published.pages, filter: filter))
        return Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: page))
    }

    static func metrics(_ request: Request, store: MetricsStore) -> Response {
        guard let published = store.published else {
            return text(.serviceUnavailable, "no metrics rendered yet\n")
        }
        let (format, gzip) = negotiated.choice(accept: request.headers[.accept], encoding: request.headers[.acceptEncoding])
        var headers: HTTPFields = [.contentType: format.contentType, .vary: "Accept, Accept-Encoding"]
        if gzip { headers[.contentEncoding] = "gzip" }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: published.body(format, gzip: gzip)))
    }

    /// Scrapers send the same headers every time: parse each pair once.
    static let negotiated = NegotiationCache()

    static func text(_ status: HTTPResponse.Status, _ body: String) -> Response {
        Response(status: status, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    /// Whether an Accept-Encoding header allows gzip (see `ContentCoding`).
    static func acceptsGzip(_ header: String?) -> Bool { ContentCoding.acceptsGzip(header) }
}

/// The format and encoding chosen for each (Accept, Accept-Encoding) pair seen, so that a scrape
/// does not parse headers that every scrape of the same Prometheus repeats. Bounded: when full
/// it starts over.
final class NegotiationCache: Sendable {
    private struct Key: Hashable {
        let accept: String?
        let encoding: String?
    }

    private let entries = Mutex<[Key: (ExpositionFormat, Bool)]>([:])
    private let capacity = 64

    func choice(accept: String?, encoding: String?) -> (ExpositionFormat, Bool) {
        let key = Key(accept: accept, encoding: encoding)
        if let known = entries.withLock({ $0[key] }) { return known }
        let choice = (ExpositionFormat.negotiate(accept: accept), Routes.acceptsGzip(encoding))
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = choice
        }
        return choice
    }
}

/// Answers 405 (with `Allow`) for a method other than GET or HEAD on a known path; unknown
/// paths fall through to the router's 404.
struct MethodGuard: RouterMiddleware {
    let paths: Set<String>
    var prefixes: [String] = []

    func handle(_ request: Request, context: BasicRequestContext,
                next: (Request, BasicRequestContext) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        if paths.contains(path) || prefixes.contains(where: { path == $0 || path.hasPrefix($0 + "/") }),
           request.method != .get, request.method != .head {
            return Response(status: .methodNotAllowed, headers: [.allow: "GET, HEAD", .contentType: "text/plain; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(string: "method not allowed\n")))
        }
        return try await next(request, context)
    }
}

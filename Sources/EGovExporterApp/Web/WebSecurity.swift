import Foundation
import Hummingbird
import Logging
import Synchronization

/// The web configuration in force, with what it needs at run time (the verifier and its
/// cache, the rate limiter). Replaced whole by a reload; a request reads it once.
public final class WebSecurity: Sendable {
    /// What a request is checked against.
    struct State: Sendable {
        let config: WebConfig
        let verifier: BasicAuthVerifier?
        let limiter: RateLimiter?
        let headers: HTTPFields
        /// The loaded certificate and key, when TLS is on.
        let tls: TLSMaterial?
    }

    private let state: Mutex<State>

    /// The security of `config`.
    public init(_ config: WebConfig) { state = Mutex(Self.state(config)) }

    /// The configuration in force.
    public var config: WebConfig { state.withLock { $0.config } }

    var current: State { state.withLock { $0 } }

    /// Puts `config` in force for the next requests. TLS settings other than the certificate
    /// and key need a restart (the listener is built once).
    public func replace(with config: WebConfig) {
        let new = Self.state(config)
        state.withLock { $0 = new }
    }

    private static func state(_ config: WebConfig) -> State {
        var headers = HTTPFields()
        for (name, value) in config.headers.sorted(by: { $0.key < $1.key }) {
            if let field = HTTPFields.Element.Name(name) { headers[field] = value }
        }
        return State(config: config, verifier: config.users.isEmpty ? nil : BasicAuthVerifier(users: config.users),
                     limiter: config.rateLimit.map(RateLimiter.init), headers: headers,
                     tls: config.tls.flatMap { try? TLSMaterial.load($0) })
    }
}

/// Applies the web configuration to every request: the rate limit (429), basic auth (401 with
/// `WWW-Authenticate`) and the configured response headers. The health endpoints stay open
/// (a liveness probe has no credentials).
struct WebGuard: RouterMiddleware {
    let security: WebSecurity
    static let openPaths: Set<String> = ["/healthz", "/readyz"]

    func handle(_ request: Request, context: BasicRequestContext,
                next: (Request, BasicRequestContext) async throws -> Response) async throws -> Response {
        let state = security.current
        var response: Response
        if Self.openPaths.contains(request.uri.path) {
            response = try await next(request, context)
        } else if let limiter = state.limiter, !limiter.allow() {
            response = Routes.text(.tooManyRequests, "Too Many Requests\n")
        } else if let verifier = state.verifier, !(await authorized(request, verifier)) {
            response = Routes.text(.unauthorized, "Unauthorized\n")
            response.headers[.wwwAuthenticate] = "Basic realm=\"egov-exporter\", charset=\"UTF-8\""
        } else {
            response = try await next(request, context)
        }
        for field in state.headers { response.headers[field.name] = field.value }
        return response
    }

    /// Whether the request carries `Authorization: Basic` credentials the verifier accepts.
    private func authorized(_ request: Request, _ verifier: BasicAuthVerifier) async -> Bool {
        guard let header = request.headers[.authorization], header.count < 4096,
              header.prefix(6).lowercased() == "basic ",
              let data = Data(base64Encoded: String(header.dropFirst(6)).trimmingCharacters(in: .whitespaces)),
              let text = String(data: data, encoding: .utf8), let colon = text.firstIndex(of: ":")
        else { return false }
        return await verifier.verify(user: String(text[..<colon]), password: String(text[text.index(after: colon)...]))
    }
}

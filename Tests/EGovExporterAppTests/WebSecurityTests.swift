@testable import EGovExporterApp
import Foundation
import Hummingbird
import HummingbirdBcrypt
import HummingbirdTesting
import Logging
import Testing

/// Basic auth, the rate limit and the configured headers, in-process through HummingbirdTesting.
@Suite("Web security: basic auth, rate limit, headers")
struct WebSecurityTests {
    /// "prometheus:s3cret" and its hash at cost 10, made once for the suite.
    static let hash = Bcrypt.hash("s3cret", cost: 10)

    static func basic(_ user: String, _ password: String) -> String {
        "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()
    }

    func app(_ web: WebConfig) -> some ApplicationProtocol {
        buildApplication(listen: ListenAddress("127.0.0.1:8466")!, store: MetricsStore(), security: WebSecurity(web),
                         logger: Logger(label: "test"))
    }

    @Test("with users: 401 and WWW-Authenticate without or with wrong credentials, the health checks stay open")
    func basicAuth() async throws {
        var web = WebConfig.none
        web.users = ["prometheus": Self.hash]
        web.headers = ["X-Frame-Options": "deny", "X-Content-Type-Options": "nosniff"]
        try await app(web).test(.router) { client in
            for (header, status) in [
                (nil, HTTPResponse.Status.unauthorized), (Self.basic("prometheus", "wrong"), .unauthorized),
                (Self.basic("nobody", "s3cret"), .unauthorized), ("Bearer s3cret", .unauthorized), ("Basic !!!", .unauthorized),
                (Self.basic("prometheus", "s3cret"), .serviceUnavailable), // authorised; no refresh yet
            ] as [(String?, HTTPResponse.Status)] {
                let headers: HTTPFields = header.map { [.authorization: $0] } ?? [:]
                try await client.execute(uri: "/metrics", method: .get, headers: headers) { response in
                    #expect(response.status == status, "\(header ?? "no header")")
                    #expect(response.headers[.wwwAuthenticate] == (status == .unauthorized ? "Basic realm=\"egov-exporter\", charset=\"UTF-8\"" : nil))
                    #expect(response.headers[.init("X-Frame-Options")!] == "deny")
                    #expect(response.headers[.init("X-Content-Type-Options")!] == "nosniff")
                }
            }
            for path in ["/", "/snapshots", "/snapshots/19/2024-Q1.csv", "/nope"] {
                try await client.execute(uri: path, method: .get) { #expect($0.status == .unauthorized, "\(path)") }
            }
            try await client.execute(uri: "/metrics", method: .post) { #expect($0.status == .unauthorized) }
            try await client.execute(uri: "/healthz", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/readyz", method: .get) { #expect($0.status == .serviceUnavailable) }
        }
    }

    @Test("rate_limit: burst requests pass, the next gets 429; the health checks are not counted")
    func rateLimit() async throws {
        var web = WebConfig.none
        web.rateLimit = RateLimit(intervalMilliseconds: 60_000, burst: 3)
        try await app(web).test(.router) { client in
            var statuses: [UInt16] = []
            for _ in 0..<5 {
                try await client.execute(uri: "/healthz", method: .get) { #expect($0.status == .ok) }
                try await client.execute(uri: "/", method: .get) { statuses.append(UInt16($0.status.code)) }
            }
            #expect(statuses == [503, 503, 503, 429, 429])
        }
    }

    @Test("the token bucket refills one token per interval")
    func bucket() {
        let limiter = RateLimiter(RateLimit(intervalMilliseconds: 100, burst: 2))
        let start = ContinuousClock.now
        #expect([limiter.allow(now: start), limiter.allow(now: start), limiter.allow(now: start)] == [true, true, false])
        #expect(limiter.allow(now: start + .milliseconds(50)) == false)
        #expect(limiter.allow(now: start + .milliseconds(110)) == true)
        #expect(limiter.allow(now: start + .milliseconds(1000)) == true)
        #expect(limiter.allow(now: start + .milliseconds(1000)) == true)
        #expect(limiter.allow(now: start + .milliseconds(1000)) == false)
    }

    @Test("a successful check is remembered; a failed one costs one bcrypt whatever the user; $2y$ hashes verify")
    func verifier() async throws {
        let htpasswd = "$2y$" + Bcrypt.hash("hunter2", cost: 10).dropFirst(4)
        let verifier = BasicAuthVerifier(users: ["prometheus": Self.hash, "office": htpasswd])
        let clock = ContinuousClock()
        #expect(await verifier.verify(user: "office", password: "hunter2"))
        #expect(verifier.rememberedUsers == 1)
        #expect(await verifier.verify(user: "prometheus", password: "s3cret"))
        #expect(verifier.rememberedUsers == 2)
        // The fastest of three runs each: the machine may be busy with other builds.
        func fastest(_ user: String, _ password: String, _ expected: Bool) async -> Duration {
            var best = Duration.seconds(60)
            for _ in 0..<3 {
                let start = clock.now
                #expect(await verifier.verify(user: user, password: password) == expected)
                best = min(best, clock.now - start)
            }
            return best
        }
        let cached = await fastest("prometheus", "s3cret", true)
        let wrong = await fastest("prometheus", "s3creT", false)
        let unknown = await fastest("nobody", "s3cret", false)
        #expect(cached * 10 < wrong, "cached \(cached), wrong \(wrong)")
        #expect(unknown * 2 > wrong && wrong * 2 > unknown, "wrong \(wrong), unknown \(unknown)")
        #expect(verifier.rememberedUsers == 2)
        #expect(await verifier.verify(user: "prometheus", password: "s3cret"))
    }

    @Test("constant-time equality", arguments: [([1, 2, 3], [1, 2, 3], true), ([1, 2, 3], [1, 2, 4], false), ([1, 2], [1, 2, 3], false), ([], [], true)] as [([UInt8], [UInt8], Bool)])
    func equality(_ a: [UInt8], _ b: [UInt8], _ expected: Bool) {
        #expect(BasicAuthVerifier.equal(a, b) == expected)
    }
}

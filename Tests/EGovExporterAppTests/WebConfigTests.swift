@testable import EGovExporterApp
import Foundation
import Testing

/// The web configuration examples under config/testdata/web, decoded as a file named by its bare
/// name; the folder (where relative certificate names resolve) shows as DIR in the errors.
private enum WebTestData {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("config/testdata/web")

    static func parse(_ name: String, allowEmpty: Bool = true) throws(ConfigErrors) -> WebConfig {
        let yaml = (try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)) ?? "unreadable: true"
        return try WebConfigLoader.parse(yaml: yaml, file: name, directory: folder.path, allowEmpty: allowEmpty)
    }

    static func errors(_ name: String) -> [String] {
        do { _ = try parse(name); return [] } catch {
            return error.errors.map { $0.description.replacingOccurrences(of: folder.path, with: "DIR") }
        }
    }

    static func files(prefix: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasPrefix(prefix) && $0.hasSuffix(".yml") }.sorted()
    }

    /// The bcrypt hash of `user` in good-full.yml.
    static func hash(_ user: String) throws -> String {
        let text = try String(contentsOf: folder.appendingPathComponent("good-full.yml"), encoding: .utf8)
        let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("  \(user): ") })
        return String(line.dropFirst(user.count + 4))
    }
}

private let headerNames = "Content-Security-Policy, Strict-Transport-Security, X-Content-Type-Options, X-Frame-Options or X-XSS-Protection"
private let bcryptShape = "expected a bcrypt hash ($2a$, $2b$ or $2y$, a cost from 04 to 31, 53 characters), such as `htpasswd -nBC 10 USER` prints"

/// The exact error text each bad web configuration must produce.
private let badWebFiles: [String: [String]] = [
    "bad-keys.yml": [
        "bad-keys.yml:2: tls_server_config: unknown key 'cert_fle' (did you mean 'cert_file'?)",
        "bad-keys.yml:2: tls_server_config: missing one of cert or cert_file",
        "bad-keys.yml:5: http_server_config: unknown key 'http3' (did you mean 'http2'?)",
        "bad-keys.yml:6: unknown key 'basic_auth_user' (did you mean 'basic_auth_users'?)",
    ],
    "bad-tls-incomplete.yml": [
        "bad-tls-incomplete.yml:2: tls_server_config: missing one of key or key_file",
        "bad-tls-incomplete.yml:2: tls_server_config: a client CA is configured without a client_auth_type other than NoClientCert",
    ],
    "bad-tls-client-auth.yml": [
        "bad-tls-client-auth.yml:2: tls_server_config: client_auth_type VerifyClientCertIfGiven needs client_ca_file or client_ca",
    ],
    "bad-tls-files.yml": [
        "bad-tls-files.yml:2: tls_server_config.cert_file: cannot read 'DIR/missing.crt': No such file or directory",
    ],
    "bad-tls-not-pem.yml": [
        "bad-tls-not-pem.yml:2: tls_server_config.cert_file: 'DIR/good-tls.yml' holds no PEM certificate",
    ],
    "bad-tls-key-mismatch.yml": [
        "bad-tls-key-mismatch.yml:2: tls_server_config: the certificate and key cannot be used together",
    ],
    "bad-tls-values.yml": [
        "bad-tls-values.yml:4: tls_server_config.client_auth_type: unknown client auth type 'RequireSomething': expected NoClientCert, RequestClientCert, RequireAnyClientCert, VerifyClientCertIfGiven or RequireAndVerifyClientCert",
        "bad-tls-values.yml:5: tls_server_config.min_version: unknown TLS version 'TLS14': expected TLS10, TLS11, TLS12 or TLS13",
        "bad-tls-values.yml:6: tls_server_config.cipher_suites[0]: unknown cipher suite 'TLS_INVENTED_WITH_AES': expected one of Go's names, such as TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
        "bad-tls-values.yml:7: tls_server_config.curve_preferences[0]: unknown curve 'CurveP999': expected CurveP256, CurveP384, CurveP521 or X25519",
        "bad-tls-values.yml:8: tls_server_config.client_allowed_sans: expected a list, got 'prometheus.example'",
    ],
    "bad-tls-allowed-sans.yml": [
        "bad-tls-allowed-sans.yml:8: tls_server_config.client_allowed_sans: client_allowed_sans requires client_auth_type to be one of RequireAnyClientCert or RequireAndVerifyClientCert",
    ],
    "bad-tls-allowed-sans-values.yml": [
        "bad-tls-allowed-sans-values.yml:2: tls_server_config: a client CA is configured without a client_auth_type other than NoClientCert",
        "bad-tls-allowed-sans-values.yml:5: tls_server_config.client_allowed_sans[1]: expected a non-empty string",
        "bad-tls-allowed-sans-values.yml:5: tls_server_config.client_allowed_sans[2]: expected a string, got a list",
    ],
    "bad-tls-versions.yml": [
        "bad-tls-versions.yml:4: tls_server_config.min_version: TLS13 is above max_version TLS12",
    ],
    "bad-headers.yml": [
        "bad-headers.yml:2: http_server_config.http2: expected true or false, got 'maybe'",
        "bad-headers.yml:4: http_server_config.headers.X-Frame-Options: invalid value 'allow': expected deny or sameorigin",
        "bad-headers.yml:5: http_server_config.headers.X-Content-Type-Options: invalid value 'sniff': expected nosniff",
        "bad-headers.yml:6: http_server_config.headers: header 'Server' cannot be configured: expected \(headerNames)",
    ],
    "bad-users.yml": [
        "bad-users.yml:2: basic_auth_users.prometheus: \(bcryptShape)",
        "bad-users.yml:3: basic_auth_users: user name 'a:b' contains ':', which basic auth cannot carry",
        "bad-users.yml:4: basic_auth_users.short: \(bcryptShape)",
        "bad-users.yml:5: basic_auth_users.cheap: \(bcryptShape)",
    ],
    "bad-rate-limit.yml": [
        "bad-rate-limit.yml:2: rate_limit.interval: expected a duration of at least 1ms such as 100ms, 1s or 1m, got '0s'",
        "bad-rate-limit.yml:2: rate_limit: missing key 'burst'",
    ],
    "bad-not-a-mapping.yml": ["bad-not-a-mapping.yml:1: expected a mapping, got a list"],
]

@Suite("Web configuration (exporter-toolkit format)")
struct WebConfigTests {
    @Test("a bad example reports exactly its errors, never a hash", arguments: badWebFiles.keys.sorted())
    func badFile(_ name: String) throws {
        let errors = WebTestData.errors(name)
        #expect(errors == badWebFiles[name])
        #expect(!errors.joined().contains("$2b$10$"))
    }

    @Test("every example under config/testdata/web has an expectation")
    func everyFileIsChecked() throws {
        #expect(try WebTestData.files(prefix: "bad-") == badWebFiles.keys.sorted())
        #expect(try WebTestData.files(prefix: "good-") == ["good-empty.yml", "good-full.yml", "good-tls.yml", "good-users-no-tls.yml"])
    }

    @Test("an empty file is no TLS and no users at start, and an error on reload")
    func empty() throws {
        #expect(try WebTestData.parse("good-empty.yml") == .none)
        #expect(throws: ConfigErrors([ConfigError(file: "good-empty.yml", message: "the file is empty: a reload needs the whole web configuration")])) {
            try WebTestData.parse("good-empty.yml", allowEmpty: false)
        }
    }

    @Test("TLS with the defaults")
    func tlsDefaults() throws {
        let dir = WebTestData.folder.path
        let config = try WebTestData.parse("good-tls.yml")
        #expect(config == WebConfig(
            tls: TLSServerConfig(certificate: .file(dir + "/server.crt"), privateKey: .file(dir + "/server.key"), clientAuth: .noClientCert,
                                 clientCA: nil, cipherSuites: [], curves: [], minVersion: .tls12, maxVersion: .tls13),
            http2: true, headers: [:], users: [:], rateLimit: nil))
        #expect(config.description == "tls=on users=0 headers=0 rate_limit=off")
    }

    @Test("every key, decoded to exactly its values")
    func full() throws {
        let dir = WebTestData.folder.path
        let config = try WebTestData.parse("good-full.yml")
        #expect(config == WebConfig(
            tls: TLSServerConfig(certificate: .file(dir + "/server.crt"), privateKey: .file(dir + "/server.key"),
                                 clientAuth: .requireAndVerifyClientCert, clientCA: .file(dir + "/ca.crt"),
                                 clientAllowedSANs: ["prometheus.example", "10.0.0.5", "spiffe://province/prometheus"],
                                 cipherSuites: [0xC02B, 0xC02C], curves: [29, 23], minVersion: .tls12, maxVersion: .tls13),
            http2: false,
            headers: ["Content-Security-Policy": "default-src 'self'", "Strict-Transport-Security": "max-age=31536000",
                      "X-Content-Type-Options": "nosniff", "X-Frame-Options": "deny", "X-XSS-Protection": "1; mode=block"],
            users: ["prometheus": try WebTestData.hash("prometheus"), "office": try WebTestData.hash("office")],
            rateLimit: RateLimit(intervalMilliseconds: 100, burst: 20)))
        #expect(config.description == "tls=on users=2 headers=5 rate_limit=20/100ms")
    }

    @Test("Go durations for the rate limit", arguments: [
        ("100ms", 100), ("1s", 1000), ("1m30s", 90_000), ("2h", 7_200_000), ("0s", 0), ("1", nil), ("1.5s", nil), ("", nil), ("s", nil),
    ] as [(String, Int?)])
    func goDuration(_ text: String, _ expected: Int?) {
        #expect(GoDuration.milliseconds(text) == expected)
    }

    @Test("a listen address beyond loopback without TLS or users is one warning line")
    func exposure() throws {
        let users = try WebTestData.parse("good-users-no-tls.yml")
        let full = try WebTestData.parse("good-full.yml")
        #expect(ExporterServer.exposureWarning(listen: ListenAddress("127.0.0.1:8466")!, web: .none) == nil)
        #expect(ExporterServer.exposureWarning(listen: ListenAddress("[::1]:8466")!, web: .none) == nil)
        #expect(ExporterServer.exposureWarning(listen: ListenAddress("0.0.0.0:8466")!, web: full) == nil)
        #expect(ExporterServer.exposureWarning(listen: ListenAddress("0.0.0.0:8466")!, web: .none)
            == "listening on 0.0.0.0:8466 beyond loopback without TLS and basic_auth_users: set them in a web configuration file (--web.config.file)")
        #expect(ExporterServer.exposureWarning(listen: ListenAddress("10.0.0.5:8466")!, web: users)
            == "listening on 10.0.0.5:8466 beyond loopback without TLS: set them in a web configuration file (--web.config.file)")
    }
}

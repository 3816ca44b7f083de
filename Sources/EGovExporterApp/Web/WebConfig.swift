/// The web configuration file of Prometheus's exporter-toolkit (`--web.config.file`), as
/// node_exporter reads it: TLS, HTTP headers, basic-auth users, a rate limit. Validated: every
/// file exists when loaded, every name is known, every hash is a bcrypt hash. Its description
/// never shows a password hash or a private key.
public struct WebConfig: Sendable, Equatable, CustomStringConvertible {
    /// TLS for every connection, when set.
    public var tls: TLSServerConfig?
    /// `http_server_config.http2` (default true): with TLS, HTTP/2 is offered by ALPN beside
    /// HTTP/1.1; false offers HTTP/1.1 only. Plain HTTP is always HTTP/1.1.
    public var http2: Bool
    /// Headers added to every response, by name (the five names exporter-toolkit allows).
    public var headers: [String: String]
    /// Basic-auth users and their bcrypt hashes; empty means no authentication.
    public var users: [String: String]
    /// `rate_limit`, when set.
    public var rateLimit: RateLimit?

    /// No TLS, no users, no headers, no rate limit: the exporter as it runs without a file.
    public static let none = WebConfig(tls: nil, http2: true, headers: [:], users: [:], rateLimit: nil)

    /// A summary for logs: what is on, never a hash.
    public var description: String {
        "tls=\(tls == nil ? "off" : "on") users=\(users.count) headers=\(headers.count) rate_limit=\(rateLimit.map { "\($0.burst)/\($0.intervalMilliseconds)ms" } ?? "off")"
    }
}

/// `tls_server_config`. Relative file names are resolved against the web file's folder.
public struct TLSServerConfig: Sendable, Equatable {
    /// PEM certificate chain: a file, or the PEM text itself (`cert`).
    public var certificate: PEMSource
    /// PEM private key: a file, or the PEM text itself (`key`).
    public var privateKey: PEMSource
    public var clientAuth: ClientAuthType
    /// PEM certificates of the CAs client certificates are verified against.
    public var clientCA: PEMSource?
    /// `client_allowed_sans`: when set, a client certificate is accepted only if one of its
    /// subject alternative names (DNS, IP, email, URI) is one of these values (an empty list, as
    /// in exporter-toolkit, accepts none).
    public var clientAllowedSANs: [String]? = nil
    /// TLS 1.2 cipher suites by IANA number, in the configured order; empty: the library's.
    public var cipherSuites: [UInt16]
    /// Key-exchange groups by IANA number, in order; empty: the library's.
    public var curves: [UInt16]
    public var minVersion: TLSProtocolVersion
    public var maxVersion: TLSProtocolVersion
}

/// Where PEM data comes from.
public enum PEMSource: Sendable, Equatable {
    case file(String)
    case inline(String)
}

/// exporter-toolkit's `client_auth_type` values, as Go's `tls.ClientAuthType`.
public enum ClientAuthType: String, Sendable, CaseIterable {
    case noClientCert = "NoClientCert"
    case requestClientCert = "RequestClientCert"
    case requireAnyClientCert = "RequireAnyClientCert"
    case verifyClientCertIfGiven = "VerifyClientCertIfGiven"
    case requireAndVerifyClientCert = "RequireAndVerifyClientCert"

    /// Whether a presented certificate is checked against `client_ca_file`.
    var verifies: Bool { self == .verifyClientCertIfGiven || self == .requireAndVerifyClientCert }
}

/// `min_version` / `max_version`: `TLS10` to `TLS13`.
public enum TLSProtocolVersion: String, Sendable, CaseIterable, Comparable {
    case tls10 = "TLS10", tls11 = "TLS11", tls12 = "TLS12", tls13 = "TLS13"

    public static func < (a: Self, b: Self) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// `rate_limit`: a token bucket of `burst` requests refilled by one every `interval` (one for
/// the whole server, as exporter-toolkit's); requests beyond it get 429.
public struct RateLimit: Sendable, Equatable {
    public var intervalMilliseconds: Int
    public var burst: Int
}

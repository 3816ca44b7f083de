import Yams

/// The web configuration file's schema, decoded as strictly as the main configuration: unknown
/// keys, wrong types and bad values are each reported with file:line:key. A hash or a private
/// key never appears in an error.
extension ConfigDecoder {
    static let webKeys = ["tls_server_config", "http_server_config", "basic_auth_users", "rate_limit"]
    static let tlsKeys = [
        "cert_file", "key_file", "cert", "key", "client_auth_type", "client_ca_file", "client_ca",
        "client_allowed_sans", "cipher_suites", "curve_preferences", "min_version", "max_version",
        "prefer_server_cipher_suites",
    ]

    /// The web configuration `root` describes (relative file names resolved against
    /// `directory`), or nil when any problem was reported.
    func webDocument(_ root: Node?, directory: String) -> WebConfig? {
        var config = WebConfig.none
        guard let root, !Self.isNull(root) else { return config }
        let errorsBefore = errors.count
        guard let fields = mapping(root, "", known: Self.webKeys) else { return nil }
        config.tls = optional(fields, "tls_server_config") { self.tlsServer($0, $1, directory: directory) }
        if let http = optional(fields, "http_server_config", httpServer) { (config.http2, config.headers) = http }
        if let users = optional(fields, "basic_auth_users", users) { config.users = users }
        config.rateLimit = optional(fields, "rate_limit", rateLimit)
        return errors.count == errorsBefore ? config : nil
    }

    /// `http_server_config: {http2, headers}`.
    private func httpServer(_ node: Node, _ path: String) -> (Bool, [String: String])? {
        guard let fields = mapping(node, path, known: ["http2", "headers"]) else { return nil }
        let http2 = optional(fields, "http2", boolean) ?? true
        let headers = optional(fields, "headers", headers) ?? [:]
        return (http2, headers)
    }

    /// The response headers exporter-toolkit lets a web file set, with the values it allows
    /// (nil: any value).
    static let allowedHeaders: [(name: String, values: [String]?)] = [
        ("Content-Security-Policy", nil), ("Strict-Transport-Security", nil),
        ("X-Content-Type-Options", ["nosniff"]), ("X-Frame-Options", ["deny", "sameorigin"]), ("X-XSS-Protection", nil),
    ]

    private func headers(_ node: Node, _ path: String) -> [String: String]? {
        guard case .mapping(let mapping) = node else {
            report(node, path, "expected a mapping, got \(Self.describe(node))")
            return nil
        }
        var headers: [String: String] = [:]
        var complete = true
        for (keyNode, valueNode) in mapping {
            guard let name = string(keyNode, path), let value = string(valueNode, Self.child(path, name)) else {
                complete = false
                continue
            }
            if let duplicate = DuplicateKeys.unmark(name) {
                report(keyNode, path, "duplicate key '\(duplicate.key)' (first on line \(duplicate.firstLine))")
                complete = false
            } else if let allowed = Self.allowedHeaders.first(where: { $0.name == name }) {
                if let values = allowed.values, !values.contains(value) {
                    report(valueNode, Self.child(path, name), "invalid value '\(value)': expected \(Self.alternatives(values))")
                    complete = false
                } else {
                    headers[name] = value
                }
            } else {
                report(keyNode, path, "header '\(name)' cannot be configured: expected \(Self.alternatives(Self.allowedHeaders.map(\.name)))")
                complete = false
            }
        }
        return complete ? headers : nil
    }

    /// `basic_auth_users: {user: bcrypt hash}`. The error for a bad hash never repeats it.
    private func users(_ node: Node, _ path: String) -> [String: String]? {
        guard case .mapping(let mapping) = node else {
            report(node, path, "expected a mapping, got \(Self.describe(node))")
            return nil
        }
        var users: [String: String] = [:]
        var complete = true
        for (keyNode, valueNode) in mapping {
            guard let user = nonEmptyString(keyNode, path) else {
                complete = false
                continue
            }
            if let duplicate = DuplicateKeys.unmark(user) {
                report(keyNode, path, "duplicate key '\(duplicate.key)' (first on line \(duplicate.firstLine))")
                complete = false
                continue
            }
            let userPath = Self.child(path, user)
            if user.contains(":") {
                report(keyNode, path, "user name '\(user)' contains ':', which basic auth cannot carry")
                complete = false
            }
            guard case .scalar(let scalar) = valueNode, BcryptHash.isValid(scalar.string) else {
                report(valueNode, userPath, "expected a bcrypt hash ($2a$, $2b$ or $2y$, a cost from 04 to 31, 53 characters), such as `htpasswd -nBC 10 USER` prints")
                complete = false
                continue
            }
            users[user] = scalar.string
        }
        return complete ? users : nil
    }

    /// `rate_limit: {interval, burst}`.
    private func rateLimit(_ node: Node, _ path: String) -> RateLimit? {
        guard let fields = mapping(node, path, known: ["interval", "burst"]) else { return nil }
        let interval = required(fields, "interval") { node, path -> Int? in
            guard let text = self.string(node, path), let ms = GoDuration.milliseconds(text), ms >= 1 else {
                self.report(node, path, "expected a duration of at least 1ms such as 100ms, 1s or 1m, got \(Self.describe(node))")
                return nil
            }
            return ms
        }
        let burst = required(fields, "burst") { self.integer($0, $1, in: 1...1_000_000) }
        guard let interval, let burst else { return nil }
        return RateLimit(intervalMilliseconds: interval, burst: burst)
    }
}

/// Go's `time.ParseDuration` for the units a rate limit needs: `100ms`, `1s`, `1m30s`, `2h`.
enum GoDuration {
    /// Whole milliseconds, or nil when `text` is not such a duration.
    static func milliseconds(_ text: String) -> Int? {
        let units: [(String, Int)] = [("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000)]
        var rest = Substring(text)
        var total = 0
        guard !rest.isEmpty else { return nil }
        while !rest.isEmpty {
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty, digits.count <= 9, let value = Int(digits) else { return nil }
            rest = rest.dropFirst(digits.count)
            guard let unit = units.first(where: { rest.hasPrefix($0.0) && !(($0.0 == "m") && rest.hasPrefix("ms")) }) else { return nil }
            rest = rest.dropFirst(unit.0.count)
            total += value * unit.1
        }
        return total
    }
}

/// The shape of a bcrypt hash as Go, htpasswd and Python write it.
enum BcryptHash {
    static func isValid(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 60, bytes[0] == UInt8(ascii: "$"), bytes[1] == UInt8(ascii: "2"),
              [UInt8(ascii: "a"), UInt8(ascii: "b"), UInt8(ascii: "y")].contains(bytes[2]), bytes[3] == UInt8(ascii: "$"),
              bytes[6] == UInt8(ascii: "$"), let cost = Int(String(decoding: bytes[4..<6], as: UTF8.self)), (4...31).contains(cost)
        else { return false }
        let alphabet = Set("./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".utf8)
        return bytes[7...].allSatisfy(alphabet.contains)
    }

    /// The cost a valid hash was made with.
    static func cost(_ hash: String) -> Int { Int(String(hash.dropFirst(4).prefix(2))) ?? 10 }
}

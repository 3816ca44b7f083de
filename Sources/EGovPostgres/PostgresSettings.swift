#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// How to reach one PostgreSQL source (`kind: postgres` in the configuration). The
/// configuration names a file holding the password, never the password itself; the file is read
/// when the configuration is loaded (at start and at each reload) and the password is held here,
/// with the settings it belongs to. No description or error shows it.
public struct PostgresSettings: Sendable, Hashable, CustomStringConvertible {
    /// How the connection is encrypted (libpq's `sslmode` of the same names).
    public enum TLS: String, Sendable, Hashable, CaseIterable {
        /// Plain TCP (a loopback or a trusted network only).
        case disable
        /// Encrypted; the certificate is checked against `caFile` when one is given, its host
        /// name never.
        case require
        /// Encrypted; the certificate is checked against `caFile` and the host name.
        case verifyFull = "verify-full"
    }

    public var host: String
    public var port: Int
    public var database: String
    public var user: String
    /// A file whose first line is the password; nil for a server that asks for none.
    public var passwordFile: String?
    /// The password read from `passwordFile` when the configuration was loaded.
    public var password: Password?
    public var tls: TLS
    /// The certificate authority's PEM file.
    public var caFile: String?
    /// The schema holding the canonical tables or views.
    public var schema: String
    /// Seconds after which the server cancels a statement (`statement_timeout` of every session).
    public var statementTimeout: Int

    /// The statement timeout when none is configured, in seconds.
    public static let defaultStatementTimeout = 60

    public init(host: String, port: Int = 5432, database: String, user: String, passwordFile: String? = nil,
                password: Password? = nil, tls: TLS = .require, caFile: String? = nil, schema: String = "public",
                statementTimeout: Int = defaultStatementTimeout) {
        (self.host, self.port, self.database, self.user) = (host, port, database, user)
        (self.passwordFile, self.password, self.tls, self.caFile) = (passwordFile, password, tls, caFile)
        (self.schema, self.statementTimeout) = (schema, statementTimeout)
    }

    /// `postgres://user@host:port/database`: where, never the password.
    public var location: String { "postgres://\(user)@\(host):\(port)/\(database)" }

    public var description: String { "\(location) schema \(schema) tls \(tls.rawValue)" }

    /// Whether PostgreSQL sources can be read by this build (the `Postgres` package trait).
    public static var isSupported: Bool {
        #if Postgres
        true
        #else
        false
        #endif
    }

    /// The largest password file read: anything longer is not a password file.
    static let passwordFileLimit = 65_536

    /// The password in the file at `path`: its first line (a line end is not part of it). Only
    /// a regular file is read (never a pipe or a device that could block or never end). Errors
    /// name the file and the reason, never its contents.
    public static func readPassword(file path: String) -> Result<Password, PasswordFileError> {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { return .failure(PasswordFileError(path: path, reason: "cannot be read: \(String(cString: strerror(errno)))")) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            return .failure(PasswordFileError(path: path, reason: "cannot be read: \(String(cString: strerror(errno)))"))
        }
        guard status.st_mode & S_IFMT == S_IFREG else { return .failure(PasswordFileError(path: path, reason: "is not a regular file")) }
        var bytes = [UInt8](repeating: 0, count: passwordFileLimit + 1)
        var count = 0
        while count < bytes.count {
            let got = bytes.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + count, $0.count - count) }
            if got < 0 && errno == EINTR { continue }
            guard got >= 0 else { return .failure(PasswordFileError(path: path, reason: "cannot be read: \(String(cString: strerror(errno)))")) }
            if got == 0 { break }
            count += got
        }
        guard count <= passwordFileLimit else {
            return .failure(PasswordFileError(path: path, reason: "is larger than \(passwordFileLimit / 1024) KiB: not a password file"))
        }
        guard let text = String(validating: bytes[..<count], as: UTF8.self) else {
            return .failure(PasswordFileError(path: path, reason: "is not UTF-8 text"))
        }
        // `\r\n` is one Character in Swift: split on every kind of line end.
        let password = String(text.split(maxSplits: 1, omittingEmptySubsequences: false, whereSeparator: \.isNewline).first ?? "")
        guard !password.isEmpty else { return .failure(PasswordFileError(path: path, reason: "is empty")) }
        return .success(Password(password))
    }

    /// The settings of every session: read-only transactions (but for the schema's creation and
    /// imports), the statement timeout, the schema first in the search path, UTC (the statements
    /// compute local time themselves).
    func startupParameters(readOnly: Bool) -> [(String, String)] {
        (readOnly ? [("default_transaction_read_only", "on")] : []) +
            [("statement_timeout", "\(statementTimeout)s"), ("search_path", schema), ("TimeZone", "UTC"),
             ("application_name", "egov-exporter")]
    }
}

/// A password held in memory. Its description, debug description and mirror never show it, so
/// neither a log line, an error, `check-config` nor a failed test's dump of a configuration can.
public struct Password: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The password itself, for the connection's authentication only.
    public let text: String

    public init(_ text: String) { self.text = text }

    public var description: String { "(password)" }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: [:]) }
}

/// A password file that cannot be used; says why without its contents.
public struct PasswordFileError: Error, CustomStringConvertible, Equatable {
    public let path: String
    public let reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "password_file \(path) \(reason)" }
}

import Foundation

/// How to reach one PostgreSQL source (`kind: postgres` in the configuration). The
/// configuration names a file holding the password, never the password itself; the file is read
/// when a read needs a connection pool (so a new password takes effect at the next refresh),
/// and no description or error shows what it holds.
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
                tls: TLS = .require, caFile: String? = nil, schema: String = "public",
                statementTimeout: Int = defaultStatementTimeout) {
        (self.host, self.port, self.database, self.user) = (host, port, database, user)
        (self.passwordFile, self.tls, self.caFile) = (passwordFile, tls, caFile)
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

    /// The password: the file's first line (a trailing newline is not part of it). Errors name
    /// the file, never its contents.
    public func readPassword() throws -> String? {
        guard let passwordFile else { return nil }
        guard let data = FileManager.default.contents(atPath: passwordFile) else {
            throw PasswordFileError(path: passwordFile, reason: "cannot be read")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw PasswordFileError(path: passwordFile, reason: "is not UTF-8 text")
        }
        // `\r\n` is one Character in Swift: split on every kind of line end.
        let password = String(text.split(maxSplits: 1, omittingEmptySubsequences: false, whereSeparator: \.isNewline).first ?? "")
        guard !password.isEmpty else { throw PasswordFileError(path: passwordFile, reason: "is empty") }
        return password
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

import EGovPostgres
import Foundation
import Yams

/// The two record systems the exporter reads. They may live in one database (the default) or in
/// two: the one-stop-shop system and the document-management system are separate products.
public struct SourcesConfig: Sendable, Equatable {
    /// Units, procedures and dossiers (the one-stop-shop system).
    public var dossiers: SourceConfig
    /// Documents, staff, e-office activity and work files (the document-management system).
    public var documents: SourceConfig

    /// Both sources.
    public init(dossiers: SourceConfig, documents: SourceConfig) {
        self.dossiers = dossiers
        self.documents = documents
    }

    /// The settings (passwords included) of the PostgreSQL sources among them: the pools in use.
    public var postgresSettings: Set<PostgresSettings> {
        Set([dossiers, documents].compactMap { source in
            if case .postgres(let settings) = source { return settings }
            return nil
        })
    }
}

/// Where one source's tables live. The YAML `kind:` key selects the case; a new kind is one
/// more case here and one more entry in `SourceKind.all`.
public enum SourceConfig: Sendable, Equatable, CustomStringConvertible {
    /// An SQLite file, opened read-only; `busyTimeout` is how many seconds a query waits for a
    /// writer's lock before the refresh counts the source as down.
    case sqlite(path: String, busyTimeout: Int)
    /// A PostgreSQL server, read in read-only sessions.
    case postgres(PostgresSettings)

    /// The default SQLite file, relative to the working directory.
    public static let defaultSQLitePath = "data/egov.sqlite"
    /// The default busy timeout, in seconds.
    public static let defaultBusyTimeout = 5
    /// `sqlite` at the default path with the default busy timeout.
    public static let defaultSQLite = SourceConfig.sqlite(path: defaultSQLitePath, busyTimeout: defaultBusyTimeout)

    /// The kind as written in YAML.
    public var kind: String {
        switch self {
        case .sqlite: "sqlite"
        case .postgres: "postgres"
        }
    }

    /// Where the records are, for messages: the file's path, or `postgres://user@host:port/db`
    /// (never a password: the configuration holds none).
    public var location: String {
        switch self {
        case .sqlite(let path, _): path
        case .postgres(let server): server.location
        }
    }

    /// For logs and `check-config`: the kind and the location, never a credential.
    public var description: String {
        switch self {
        case .sqlite(let path, _): "sqlite \(path)"
        case .postgres(let server): "postgres \(server)"
        }
    }
}

/// How one `kind:` of source is decoded: its keys beside `kind`, and the builder.
struct SourceKind: Sendable {
    /// The value of `kind:`.
    let name: String
    /// The keys this kind allows beside `kind`.
    let keys: [String]
    /// Builds the source from the validated keys, reporting bad values.
    let decode: @Sendable (ConfigDecoder, ConfigDecoder.Fields) -> SourceConfig?

    /// Every supported kind, in the order error messages list them.
    static let all: [SourceKind] = [.sqlite, .postgres]

    /// `kind: sqlite`: `path` (required) and `busy_timeout` (0s-1h, default 5s).
    static let sqlite = SourceKind(name: "sqlite", keys: ["path", "busy_timeout"]) { decoder, fields in
        let path = decoder.required(fields, "path", decoder.nonEmptyString)
        let busy = decoder.optional(fields, "busy_timeout") { decoder.seconds($0, $1, in: 0...3600) }
        guard let path else { return nil }
        return .sqlite(path: path, busyTimeout: busy ?? SourceConfig.defaultBusyTimeout)
    }
}

extension SourceKind {
    /// `kind: postgres`: `host`, `database` and `user` (required), `port` (default 5432),
    /// `password_file` (read now: a file that cannot be read is an error at its line), `tls`
    /// (default `require`) with `ca_file` (required by `verify-full`), `schema` (default
    /// `public`) and `statement_timeout` (1s-1h, default 60s).
    static let postgres = SourceKind(name: "postgres", keys: [
        "host", "port", "database", "user", "password_file", "tls", "ca_file", "schema", "statement_timeout", "password",
    ]) { decoder, fields in
        // Known only to be refused, with the way to do it instead; its value is never shown.
        if let node = fields.entries["password"] {
            decoder.report(node, ConfigDecoder.child(fields.path, "password"),
                           "a password is never written in the configuration: put it in a file only the exporter reads and name that file with password_file")
        }
        let host = decoder.required(fields, "host", decoder.nonEmptyString)
        let port = decoder.optional(fields, "port") { decoder.integer($0, $1, in: 1...65535) }
        let database = decoder.required(fields, "database", decoder.nonEmptyString)
        let user = decoder.required(fields, "user", decoder.nonEmptyString)
        let passwordFile = decoder.optional(fields, "password_file", decoder.nonEmptyString)
        let password = passwordFile.flatMap {
            decoder.password(file: $0, fields.entries["password_file"], ConfigDecoder.child(fields.path, "password_file"))
        }
        let tlsModes = PostgresSettings.TLS.allCases.map { ($0.rawValue, $0) }
        let tls = decoder.optional(fields, "tls") { decoder.choice($0, $1, what: "tls mode", tlsModes) }
        let caFile = decoder.optional(fields, "ca_file", decoder.nonEmptyString)
        let schema = decoder.optional(fields, "schema", decoder.sqlIdentifier)
        let timeout = decoder.optional(fields, "statement_timeout") { decoder.seconds($0, $1, in: 1...3600) }
        let mode = tls ?? .require
        if mode == .verifyFull, caFile == nil, fields.entries["tls"] != nil {
            decoder.report(fields.entries["tls"], ConfigDecoder.child(fields.path, "tls"),
                           "tls verify-full needs ca_file (the certificate authority that signed the server's certificate)")
            return nil
        }
        if mode == .disable, caFile != nil {
            decoder.report(fields.entries["ca_file"], ConfigDecoder.child(fields.path, "ca_file"),
                           "ca_file is only read with tls require or verify-full")
            return nil
        }
        guard let host, let database, let user, passwordFile == nil || password != nil else { return nil }
        // A bad optional value has been reported; `sources` then drops the whole section.
        return .postgres(PostgresSettings(
            host: host, port: port ?? 5432, database: database, user: user, passwordFile: passwordFile, password: password, tls: mode,
            caFile: caFile, schema: schema ?? "public", statementTimeout: timeout ?? PostgresSettings.defaultStatementTimeout))
    }
}

extension ConfigDecoder {
    /// The password in the file at `path`, or nil after reporting at `node` why the file cannot
    /// be used (never what it holds).
    func password(file path: String, _ node: Node?, _ key: String) -> Password? {
        switch readPassword(path) {
        case .success(let password): return password
        case .failure(let error):
            report(node, key, "\(error.path) \(error.reason)")
            return nil
        }
    }

    /// A plain SQL identifier (letters, digits, `_`, not starting with a digit): a schema name
    /// goes into the statements, so nothing that needs quoting is accepted.
    func sqlIdentifier(_ node: Node, _ path: String) -> String? {
        guard let text = nonEmptyString(node, path) else { return nil }
        guard let first = text.unicodeScalars.first, !("0"..."9").contains(first),
              text.unicodeScalars.allSatisfy({ $0.isASCII && ($0 == "_" || CharacterSet.alphanumerics.contains($0)) }),
              text.count <= 63 else {
            report(node, path, "'\(text)' is not a plain SQL identifier: expected letters, digits and _, not starting with a digit")
            return nil
        }
        return text
    }
}

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
}

/// Where one source's tables live. The YAML `kind:` key selects the case; a new kind (PostgreSQL)
/// is one more case here and one more entry in `SourceKind.all`.
public enum SourceConfig: Sendable, Equatable, CustomStringConvertible {
    /// An SQLite file, opened read-only; `busyTimeout` is how many seconds a query waits for a
    /// writer's lock before the refresh counts the source as down.
    case sqlite(path: String, busyTimeout: Int)

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
        }
    }

    /// Where the records are, for messages: the file's path.
    public var location: String {
        switch self {
        case .sqlite(let path, _): path
        }
    }

    /// For logs and `check-config`: the kind and the location, never a credential.
    public var description: String {
        switch self {
        case .sqlite(let path, _): "sqlite \(path)"
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
    static let all: [SourceKind] = [.sqlite]

    /// `kind: sqlite`: `path` (required) and `busy_timeout` (0s-1h, default 5s).
    static let sqlite = SourceKind(name: "sqlite", keys: ["path", "busy_timeout"]) { decoder, fields in
        let path = decoder.required(fields, "path", decoder.nonEmptyString)
        let busy = decoder.optional(fields, "busy_timeout") { decoder.seconds($0, $1, in: 0...3600) }
        guard let path else { return nil }
        return .sqlite(path: path, busyTimeout: busy ?? SourceConfig.defaultBusyTimeout)
    }
}

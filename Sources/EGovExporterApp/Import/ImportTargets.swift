import EGovImport
import EGovKPI
import EGovPostgres

extension SourcesConfig {
    /// The source holding `table`: units, procedures and dossiers are the one-stop-shop
    /// system's (`dossiers`), the other tables the document system's (`documents`).
    public func source(ofTable table: String) -> SourceConfig {
        ["units", "procedures", "dossiers"].contains(table) ? dossiers : documents
    }

    /// Whether the configuration names a source of its own (not the default SQLite file).
    public var isConfigured: Bool { self != ExporterConfig.default.sources }
}

extension SourceConfig {
    /// Opens the source for `import` to write: the SQLite file (created with the canonical
    /// schema if missing) or a connection to the PostgreSQL server, whose times are written in
    /// `zone`'s local time.
    public func importTarget(zone: UTCOffset) throws -> any ImportTarget {
        switch self {
        case .sqlite(let path, _): try ImportStore(path: path)
        case .postgres(let settings): try PostgresImportTarget(settings: settings, zone: zone)
        }
    }
}

import EGovExporterApp
import EGovExposition
import EGovPostgres
import Foundation
import Logging
import Testing

/// PostgreSQL sources without a server: the password file, the derived schema, and a server
/// that cannot be reached (the rest runs against real servers in scripts/postgres-test.sh).
@Suite("PostgreSQL sources")
struct PostgresSourceTests {
    private func temporaryFile(_ contents: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("egov-pg-\(UUID().uuidString)").path
        try contents.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("the password is the file's first line; errors name the file, never its contents")
    func passwordFile() throws {
        let path = try temporaryFile("s3cret-Ω\r\nsecond line\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        var settings = PostgresSettings(host: "db", database: "egov", user: "egov", passwordFile: path)
        #expect(try settings.readPassword() == "s3cret-Ω")
        let empty = try temporaryFile("\nhunter2\n")
        defer { try? FileManager.default.removeItem(atPath: empty) }
        settings.passwordFile = empty
        #expect(throws: PasswordFileError(path: empty, reason: "is empty")) { try settings.readPassword() }
        settings.passwordFile = "/nonexistent/pg-password"
        #expect(throws: PasswordFileError(path: "/nonexistent/pg-password", reason: "cannot be read")) { try settings.readPassword() }
        #expect(SourceConfig.postgres(settings).description == "postgres postgres://egov@db:5432/egov schema public tls require")
    }

    @Test("the schema is SQLite's with PostgreSQL's types: seven tables and the imports' two, six indexes, by the same names")
    func schema() {
        let statements = PostgresSchema.statements
        #expect(statements.filter { $0.hasPrefix("CREATE TABLE IF NOT EXISTS ") }.count == 9)
        #expect(statements.filter { $0.hasPrefix("CREATE INDEX IF NOT EXISTS ") }.count == 6)
        let dossiers = statements.first { $0.hasPrefix("CREATE TABLE IF NOT EXISTS dossiers") } ?? ""
        #expect(dossiers.contains("    received_at timestamptz,"))
        #expect(dossiers.contains("    unit_code text COLLATE \"C\","))
        #expect(dossiers.contains("    channel integer,"))
        #expect(dossiers.contains("    digitized smallint NOT NULL DEFAULT 0,"))
        #expect(!PostgresSchema.sql.contains("WITHOUT ROWID"))
        #expect(statements.contains("""
            CREATE TABLE IF NOT EXISTS import_versions (
                id text COLLATE "C" NOT NULL,
                hash bigint NOT NULL,
                PRIMARY KEY (id, hash)
            )
            """))
        #expect(statements.contains { $0.hasPrefix("CREATE TABLE IF NOT EXISTS rejected_records") && $0.contains("PRIMARY KEY (file, kind, position)") })
    }

    @Test("a server that refuses connections: source down with the reason, within the refresh timeout, no password shown")
    func unreachable() async throws {
        let password = "pw-\(UUID().uuidString)"
        let path = try temporaryFile(password + "\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        // Port 1 on loopback: nothing listens there, the connection is refused at once.
        let settings = PostgresSettings(host: "127.0.0.1", port: 1, database: "egov", user: "egov", passwordFile: path,
                                        tls: .disable)
        var config = ExporterConfig.default
        config.sources = SourcesConfig(dossiers: .postgres(settings), documents: .postgres(settings))
        config.refreshTimeout = 6
        let clients = PostgresClients()
        let store = MetricsStore()
        let refresher = Refresher(store: store, version: "test", logger: Logger(label: "test"), postgres: clients)
        let started = ContinuousClock.now
        let error = await withTaskGroup(of: RefreshError?.self) { group in
            group.addTask { try? await clients.run(); return nil }
            let error = await refresher.refresh(config: config)
            group.cancelAll()
            return error
        }
        // Bounded by the refresh, not by the pool's minute of retries: well under 60 s even on a
        // loaded machine (the refresh timeout is 6 s; the bound leaves room for a busy CI).
        #expect(ContinuousClock.now - started < .seconds(30))
        let message = try #require(error?.message)
        #expect(message.hasPrefix("postgres://egov@127.0.0.1:1/egov: read records: cannot connect"), "\(message)")
        #expect(!message.contains(password))
        let body = String(buffer: try #require(store.published).text)
        #expect(body.contains(#"egov_source_up{source="dossiers"} 0"#))
        #expect(!body.contains(password))
    }
}

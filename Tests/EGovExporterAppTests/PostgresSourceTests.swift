import EGovExporterApp
import EGovExposition
@testable import EGovPostgres
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
        #expect(try PostgresSettings.readPassword(file: path).get() == Password("s3cret-Ω"))
        let empty = try temporaryFile("\nhunter2\n")
        defer { try? FileManager.default.removeItem(atPath: empty) }
        #expect(PostgresSettings.readPassword(file: empty) == .failure(PasswordFileError(path: empty, reason: "is empty")))
        #expect(PostgresSettings.readPassword(file: "/nonexistent/pg-password")
            == .failure(PasswordFileError(path: "/nonexistent/pg-password", reason: "cannot be read: No such file or directory")))
        // A device or a pipe could block or never end: only regular files are read.
        #expect(PostgresSettings.readPassword(file: "/dev/zero") == .failure(PasswordFileError(path: "/dev/zero", reason: "is not a regular file")))
        let large = try temporaryFile(String(repeating: "x", count: 65_537))
        defer { try? FileManager.default.removeItem(atPath: large) }
        #expect(PostgresSettings.readPassword(file: large)
            == .failure(PasswordFileError(path: large, reason: "is larger than 64 KiB: not a password file")))
        let settings = PostgresSettings(host: "db", database: "egov", user: "egov", passwordFile: path, password: Password("s3cret-Ω"))
        #expect(SourceConfig.postgres(settings).description == "postgres postgres://egov@db:5432/egov schema public tls require")
    }

    @Test("a password held in the settings shows in no description, debug text or dump")
    func passwordHidden() {
        let settings = PostgresSettings(host: "db", database: "egov", user: "egov", passwordFile: "/run/pw", password: Password("hunter2-Ω"))
        var dumped = ""
        dump(SourceConfig.postgres(settings), to: &dumped)
        for text in ["\(settings)", String(reflecting: settings), String(reflecting: settings.password), dumped] {
            #expect(!text.contains("hunter2"), "\(text)")
        }
        #expect(String(describing: settings.password!) == "(password)")
        #expect(dumped.contains("/run/pw"), "the file is named, its contents are not")
    }

    @Test("a pool the configuration no longer names is closed when its last read ends; a named one stays")
    func poolsClosedAfterReload() async throws {
        let old = PostgresSettings(host: "127.0.0.1", port: 1, database: "egov", user: "egov", password: Password("old"), tls: .disable)
        var new = old
        new.password = Password("new")
        let clients = PostgresClients()
        #expect(clients.keep(only: [old]) == 0)
        try await clients.withClient(for: old) { _ in }
        #expect(clients.openPools == 1, "a configured pool stays open after its read")
        // A reload names the new password while a read of the old pool runs: the old pool is
        // closed when that read ends, not before.
        try await clients.withClient(for: old) { _ in
            #expect(clients.keep(only: [new]) == 0, "in use: not closed yet")
            #expect(clients.openPools == 1)
        }
        #expect(clients.openPools == 0)
        try await clients.withClient(for: new) { _ in }
        #expect(clients.openPools == 1)
        // A read that began before the reload and asks for the old settings afterwards gets a
        // pool that is closed again when it ends.
        try await clients.withClient(for: old) { _ in #expect(clients.openPools == 2) }
        #expect(clients.openPools == 1)
        #expect(clients.keep(only: []) == 1)
        #expect(clients.openPools == 0)
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
                                        password: try PostgresSettings.readPassword(file: path).get(), tls: .disable)
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

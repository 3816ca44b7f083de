import ArgumentParser
import EGovExporterApp
import EGovPostgres
import EGovSources
import Foundation
import GRDB

/// `egov-exporter init-db PATH`: an empty database with the canonical schema; with
/// `--postgres CONFIG`, the canonical tables in the PostgreSQL schema of its sources.
struct InitDB: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init-db",
        abstract: "Create an empty database with the canonical schema and its indexes.",
        discussion: """
            With --postgres, the configuration's PostgreSQL sources (their host, port, database, \
            user, password_file, tls, ca_file and schema) get the tables and indexes of \
            config/postgres/schema.sql, created where missing, in one transaction; the schema \
            must exist and the user may create tables in it.
            """)

    @Argument(help: "The database file to create; it must not exist.")
    var path: String?
    @Option(help: "A configuration whose PostgreSQL sources get the canonical tables instead.")
    var postgres: String?
    @Flag(help: "Print PostgreSQL's schema (config/postgres/schema.sql) instead of creating anything.")
    var printSchema = false

    func validate() throws {
        guard printSchema || (path == nil) != (postgres == nil) else { throw ValidationError("give either a database file or --postgres CONFIG") }
    }

    func run() async throws {
        if printSchema { return print(PostgresSchema.sql, terminator: "") }
        if let postgres { return try await createInPostgres(configPath: postgres) }
        let path = path!
        guard !FileManager.default.fileExists(atPath: path) else {
            throw fail("\(path) already exists; init-db only creates new databases")
        }
        do {
            try SchemaWriter.create(at: path)
        } catch {
            throw fail("\(path): \(error)")
        }
        print("created \(path)")
    }
}

/// `egov-exporter index-db PATH`: the indexes of bounded reads, added to an existing database.
struct IndexDB: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index-db",
        abstract: "Add the indexes that bound every read to the periods it needs, to an existing database.",
        discussion: """
            The only command that writes to a source database: it creates the missing indexes of \
            the canonical schema, and rebuilds those made by an earlier version in another form, \
            in one transaction, and changes nothing else. Run it once on a database made before \
            they existed, or by another tool; `serve`, `report` and `snapshot` warn when they are \
            missing or outdated. A large database takes a while; readers wait for the commit.
            """)

    @Argument(help: "The SQLite database to add the indexes to; it must exist.")
    var path: String

    func run() throws {
        let created: [String]
        do { created = try SchemaWriter.addIndexes(at: path) } catch { throw fail("\(error)") }
        print(created.isEmpty ? "\(path): every index is there already" : "\(path): added \(created.joined(separator: ", "))")
    }
}

extension InitDB {
    /// The canonical tables in every distinct PostgreSQL source of the configuration.
    private func createInPostgres(configPath: String) async throws {
        let config = try Resolve.config(path: configPath, overrides: ConfigOverrides())
        var servers: [PostgresSettings] = []
        for source in [config.sources.dossiers, config.sources.documents] {
            if case .postgres(let server) = source, !servers.contains(server) { servers.append(server) }
        }
        guard !servers.isEmpty else { throw fail("\(configPath) names no PostgreSQL source") }
        for server in servers {
            do {
                try await PostgresClients.createSchema(server)
            } catch {
                throw fail("\(error)")
            }
            print("created the canonical tables in \(server.location) schema \(server.schema)")
        }
    }
}

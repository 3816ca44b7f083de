import ArgumentParser
import EGovSources
import Foundation
import GRDB

/// `egov-exporter init-db PATH`: an empty database with the canonical schema.
struct InitDB: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init-db",
        abstract: "Create an empty database with the canonical schema and its indexes.")

    @Argument(help: "The database file to create; it must not exist.")
    var path: String

    func run() throws {
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

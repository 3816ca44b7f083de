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

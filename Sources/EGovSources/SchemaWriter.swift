import Foundation
import GRDB

/// Creates new databases with the canonical schema: the only place the exporter writes SQLite
/// files other than its own, and only files it creates.
public enum SchemaWriter {
    /// Creates `path` with the canonical tables and indexes. The file is built under a temporary
    /// name and renamed into place, so a failure leaves nothing behind.
    public static func create(at path: String) throws {
        let temporary = path + ".tmp-\(getpid())"
        do {
            let queue = try DatabaseQueue(path: temporary)
            try queue.write { try CanonicalSchema.create(in: $0) }
            try queue.close()
            try FileManager.default.moveItem(atPath: temporary, toPath: path)
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw error
        }
    }

    /// Adds the indexes of `CanonicalSchema.indexes` that the existing database at `path` lacks,
    /// in one transaction, and returns their names (empty when none was missing). Tables and
    /// rows are left as they are: this and `create` are the only writes the exporter makes to
    /// a source database.
    public static func addIndexes(at path: String) throws -> [String] {
        guard FileManager.default.fileExists(atPath: path) else {
            throw SourceError(operation: "add indexes", location: path, message: "no such file")
        }
        var config = Configuration()
        config.busyMode = .timeout(30)
        do {
            let queue = try DatabaseQueue(path: path, configuration: config)
            defer { try? queue.close() }
            return try queue.write { try CanonicalSchema.createIndexes(in: $0) }
        } catch let error as DatabaseError {
            throw SourceError(operation: "add indexes", location: path, message: error.message ?? "\(error.resultCode)")
        }
    }
}

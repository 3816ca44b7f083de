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
}

import GRDB

/// Where imports write: the embedded SQLite store (`ImportStore`) or a PostgreSQL schema. The
/// importers know only this protocol; what a record does to the store (`RecordBatch`) is decided
/// once for every engine, and a target only reads and writes rows in bulk.
public protocol ImportTarget {
    /// Runs `body` in one transaction: everything it writes is committed together, or nothing is
    /// when it throws (or the process or the server goes away before the commit).
    func transaction<T>(_ body: (any ImportSession) throws -> T) throws -> T
    /// Records a session is given at once: the reads and writes of a batch are a few statements.
    var batchSize: Int { get }
    /// Ends the target's use (closes the file or the connection).
    func close() throws
}

/// The reads and writes of one file's transaction, each over many rows at once.
public protocol ImportSession {
    /// Throws, saying why, unless `table` is a table this import may write (not a view, not
    /// missing).
    func checkTable(_ table: String) throws
    /// The codes of the units table.
    func unitCodes() throws -> Set<String>
    /// The names of `table`'s columns in the store (the procedure catalogue's optional columns
    /// may be missing).
    func columnNames(of table: String) throws -> Set<String>
    /// The stored non-key columns of `table` (in `table.columns` order) of the rows of `keys`
    /// that exist.
    func storedRows(_ table: ImportTable, keys: [RowKey]) throws -> [RowKey: [DatabaseValue]]
    /// Remembers `versions` (distinct) in `import_versions`; returns those not seen before.
    func rememberVersions(_ versions: [RecordVersion]) throws -> Set<RecordVersion>
    /// Writes `rows` (at most one per key): a new row is inserted with `table`'s columns only (the
    /// others take the schema's defaults); a stored one has those columns updated. Tables with
    /// `updated_at` get `updatedAt` on every row written.
    func write(_ table: ImportTable, rows: [RowWrite], updatedAt: String) throws
    /// Deletes `file`'s earlier rejections of `kind`.
    func clearRejections(file: String, kind: String) throws
    /// Stores rejected records (replacing one at the same file, kind and position).
    func addRejections(_ rejections: [RejectedRow]) throws
}

/// The key values of one row, in the table's key order (texts: ids, codes, days).
public typealias RowKey = [String]

/// A table as an import writes it: its key and the other columns a file sets.
public struct ImportTable: Sendable {
    public let name: String
    /// The key columns, identifying a row.
    public let key: [ColumnSpec]
    /// The non-key columns written, in the order of every row's values.
    public let columns: [ColumnSpec]
    /// `updated_at` is set on the rows written.
    public let hasUpdatedAt: Bool

    /// The values of a new row where a record sets none: the schema's defaults.
    var defaults: [DatabaseValue] { columns.map { $0.fallback ?? .null } }
}

/// One version of a record: its row's identity and the hash of the record's allowed fields.
public struct RecordVersion: Hashable, Sendable {
    /// The dossier's id, or `table␟key…` for a CSV row.
    public let id: String
    public let hash: Int64

    public init(id: String, hash: Int64) {
        self.id = id
        self.hash = hash
    }
}

/// A row to write: its key, its non-key values, and whether the store had it before the batch.
public struct RowWrite: Equatable, Sendable {
    public let key: RowKey
    public let values: [DatabaseValue]
    public let isNew: Bool
}

/// A row of `rejected_records`.
public struct RejectedRow: Equatable, Sendable {
    public let file: String
    public let position: String
    public let kind: String
    public let reason: String
    public let recordId: String?
    public let unit: String?
    /// The record's allowed fields, as JSON.
    public let record: String
}

/// FNV-1a, 64 bits: a stable hash of a record's allowed fields (Swift's `Hasher` is seeded per
/// process, so it cannot be stored).
enum StableHash {
    static func of(_ text: String) -> Int64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return Int64(bitPattern: hash)
    }
}

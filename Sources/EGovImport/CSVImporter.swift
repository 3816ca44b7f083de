import EGovKPI
import GRDB
#if canImport(Glibc)
import Glibc
#endif

/// Imports CSV exports of the source systems into one canonical table: each file in one
/// transaction, each row upserted by the table's key, rows that cannot be stored kept in
/// `rejected_records` (position `line N`, the mapped source columns only).
public struct CSVImporter {
    public let store: any ImportTarget
    public let table: TableSpec
    public let mapping: CSVMapping
    public let zone: UTCOffset
    /// The `updated_at` written on changed rows of tables that have one.
    public let updatedAt: String

    public init(store: any ImportTarget, table: TableSpec, mapping: CSVMapping, zone: UTCOffset = .vietnam, updatedAt: String) {
        self.store = store
        self.table = table
        self.mapping = mapping
        self.zone = zone
        self.updatedAt = updatedAt
    }

    /// Imports the file at `path` (`-`: standard input), named in the store by its last path
    /// component. Throws `CSVError` or `PayloadError` (nothing of the file is kept) when the file
    /// cannot be read as CSV or lacks a mapped column.
    public func importFile(_ path: String, progress: (Int, Int?) -> Void = { _, _ in },
                           rejected: @escaping (RejectionNotice) -> Void = { _ in }) throws -> ImportSummary {
        let file = try InputFile(path: path)
        defer { file.close() }
        let (fd, size, name) = (file.fd, file.size, file.name)
        let dates = DateNormalizer(patterns: mapping.dates, zone: zone)
        return try store.transaction { session in
            var batch: RecordBatch!
            var columns: [ColumnSpec] = []  // the key columns, then the others written
            var sources: [Int] = []  // per column, its index in the row
            var headers: [String] = []
            try CSVReader.read(fd: fd, progress: { progress($0, size) }) { line, row in
                if headers.isEmpty {
                    headers = row
                    // Without a mapping file, the canonical columns the header has.
                    let mapped = mapping.isIdentity ? Set(row.map(\.trimmingSpaces)) : Set(mapping.columns.keys)
                    let written = try importTable(mapped: mapped, present: session.columnNames(of: table.name))
                    columns = written.key + written.columns
                    sources = try locate(header: row, line: line, columns: columns)
                    batch = try RecordBatch(session, table: written, file: name, kind: table.name, updatedAt: updatedAt,
                                            size: store.batchSize, onRejected: rejected)
                    return
                }
                let cells = sources.map { $0 < row.count ? row[$0] : "" }
                let record = JSONText.object(zip(columns, zip(sources, cells)).map { (headers[$1.0], FieldValue.string($1.1)) })
                let id = columns.indices.prefix(table.key.count).map { cells[$0].trimmingSpaces }.joined(separator: "/")
                let outcome = convert(cells, columns, dates).flatMap { values in
                    if let missing = zip(columns, values).first(where: { $0.0.required && $0.1.isNull }) {
                        return Result<[DatabaseValue], Rejection>.failure(
                            Rejection(reason: .missingValue, key: missing.0.name, message: "no value for \(missing.0.name)"))
                    }
                    return .success(values)
                }
                let unit = columns.firstIndex { $0.name == "unit_code" }.map { cells[$0].trimmingSpaces }
                switch outcome {
                case .success(let values):
                    let key = Array(values.prefix(table.key.count))
                    let version = table.name + "\u{1F}" + key.map { "\($0)" }.joined(separator: "\u{1F}")
                    let row = zip(columns, values).dropFirst(key.count).map { column, value in value.isNull ? (column.fallback ?? .null) : value }
                    try batch.add(PendingRecord(key: key.map { String.fromDatabaseValue($0) ?? "" }, version: RecordVersion(id: version, hash: StableHash.of(record)),
                                                values: row, refusedAsNew: nil,
                                                context: RecordContext(position: "line \(line)", recordId: id, unit: unit, record: record)))
                case .failure(let r):
                    let shownId = id.isEmpty || r.reason == .missingId ? nil : id
                    try batch.reject(r, RecordContext(position: "line \(line)", recordId: shownId, unit: unit, record: record))
                }
            }
            if headers.isEmpty { throw CSVError.empty }
            return try batch.finish()
        }
    }

    /// The table as this file writes it: the key, then the mapped columns the database has, in
    /// table order.
    private func importTable(mapped: Set<String>, present: Set<String>) -> ImportTable {
        let keys = table.key.compactMap { key in table.columns.first { $0.name == key } }
        let rest = table.columns.filter { !table.key.contains($0.name) && mapped.contains($0.name) && present.contains($0.name) }
        return ImportTable(name: table.name, key: keys, columns: rest, hasUpdatedAt: table.hasUpdatedAt)
    }

    /// The index in the header of each writer column's source column.
    private func locate(header: [String], line: Int, columns: [ColumnSpec]) throws -> [Int] {
        var seen: Set<String> = []
        for name in header where !name.isEmpty {
            if !seen.insert(name).inserted { throw CSVError.duplicateColumn(line: line, column: name) }
        }
        let required = table.columns.filter { table.key.contains($0.name) || $0.required }.map(\.name)
        for name in required where !columns.contains(where: { $0.name == name }) {
            throw CSVError.missingColumn(line: line, column: name, canonical: "\(table.name).\(name)")
        }
        return try columns.map { column in
            let source = mapping.columns[column.name] ?? column.name
            guard let index = header.firstIndex(where: { $0.trimmingSpaces == source }) else {
                throw CSVError.missingColumn(line: line, column: source, canonical: "\(table.name).\(column.name)")
            }
            return index
        }
    }

    /// The row's cells as database values, after the value maps; the first unreadable one refuses it.
    private func convert(_ cells: [String], _ columns: [ColumnSpec], _ dates: DateNormalizer) -> Result<[DatabaseValue], Rejection> {
        var values: [DatabaseValue] = []
        for (i, (column, cell)) in zip(columns, cells).enumerated() {
            let text = mapping.values[column.name]?[cell.trimmingSpaces] ?? cell
            guard let value = TableSpec.value(text, column, dates: dates) else {
                return .failure(Rejection(reason: column.invalid, key: mapping.columns[column.name] ?? column.name,
                                          message: "cannot read \(JSONValue.quote(cell)) as \(column.name)"))
            }
            if i < table.key.count && value == nil {
                return .failure(Rejection(reason: .missingId, key: mapping.columns[column.name] ?? column.name, message: "no \(column.name)"))
            }
            values.append(value ?? .null)
        }
        return .success(values)
    }
}

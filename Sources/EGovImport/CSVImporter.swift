import EGovKPI
import GRDB
#if canImport(Glibc)
import Glibc
#endif

/// Imports CSV exports of the source systems into one canonical table: each file in one
/// transaction, each row upserted by the table's key, rows that cannot be stored kept in
/// `rejected_records` (position `line N`, the mapped source columns only).
public struct CSVImporter {
    public let store: ImportStore
    public let table: TableSpec
    public let mapping: CSVMapping
    public let zone: UTCOffset
    /// The `updated_at` written on changed rows of tables that have one.
    public let updatedAt: String

    public init(store: ImportStore, table: TableSpec, mapping: CSVMapping, zone: UTCOffset = .vietnam, updatedAt: String) {
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
                           rejected: (RejectionNotice) -> Void = { _ in }) throws -> ImportSummary {
        let file = try InputFile(path: path)
        defer { file.close() }
        let (fd, size, name) = (file.fd, file.size, file.name)
        let dates = DateNormalizer(patterns: mapping.dates, zone: zone)
        return try store.transaction { db in
            let rejections = try RejectionWriter(db, file: name, kind: table.name)
            var summary = ImportSummary()
            var writer: TableWriter!
            var sources: [Int] = []  // per writer column, its index in the row
            var headers: [String] = []
            try CSVReader.read(fd: fd, progress: { progress($0, size) }) { line, row in
                if headers.isEmpty {
                    headers = row
                    // Without a mapping file, the canonical columns the header has.
                    let mapped = mapping.isIdentity ? Set(row.map(\.trimmingSpaces)) : Set(mapping.columns.keys)
                    writer = try TableWriter(db, table: table, mapped: mapped, updatedAt: updatedAt)
                    sources = try locate(header: row, line: line, columns: writer.columns)
                    return
                }
                summary.read += 1
                let cells = sources.map { $0 < row.count ? row[$0] : "" }
                let record = JSONText.object(zip(writer.columns, zip(sources, cells)).map { (headers[$1.0], FieldValue.string($1.1)) })
                let id = writer.columns.indices.prefix(table.key.count).map { cells[$0].trimmingSpaces }.joined(separator: "/")
                let outcome = try convert(cells, writer.columns, dates).flatMapThrowing { try writer.apply($0, version: StableHash.of(record)) }
                switch outcome {
                case .success(.inserted): summary.inserted += 1
                case .success(.updated): summary.updated += 1
                case .success(.unchanged): summary.unchanged += 1
                case .failure(let r):
                    summary.rejected[r.reason, default: 0] += 1
                    let unit = writer.columns.firstIndex { $0.name == "unit_code" }.map { cells[$0].trimmingSpaces }
                    let shownId = id.isEmpty || r.reason == .missingId ? nil : id
                    try rejections.add(position: "line \(line)", reason: r.reason.rawValue, recordId: shownId, unit: unit, record: record)
                    rejected(RejectionNotice(file: name, position: "line \(line)", key: r.key, recordId: shownId, reason: r.reason, message: r.message))
                }
            }
            if headers.isEmpty { throw CSVError.empty }
            return summary
        }
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

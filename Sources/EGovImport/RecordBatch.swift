import GRDB

/// What a record did to its row.
enum RecordOutcome: Equatable { case inserted, updated, unchanged }

/// A record read from a file, waiting in a batch to be written.
struct PendingRecord {
    let key: RowKey
    /// The record's version: importing a version seen before changes nothing.
    let version: RecordVersion
    /// Per column of the table: the value the record sets, nil where it sets none (the stored
    /// value is kept, or the schema's default in a new row).
    let values: [DatabaseValue?]
    /// Why the record is refused when its row does not exist yet (a dossier without a unit).
    let refusedAsNew: Rejection?
    /// Where the record is and what of it `rejected_records` keeps, should it be refused.
    let context: RecordContext
}

/// A record's position, id, unit and allowed fields, for `rejected_records` and the messages.
struct RecordContext {
    let position: String
    let recordId: String?
    let unit: String?
    /// The allowed fields, as JSON.
    let record: String
}

/// The records of one file, written a batch at a time: the store is read and written with a few
/// statements per batch, and what each record does is decided here, once for every engine.
///
/// Systems send a dossier again at each change of status, and a province may send a batch
/// twice. Every version applied to a row is remembered by a hash of its allowed fields
/// (`import_versions`), so a version seen before is a replay and changes nothing: importing the
/// same files again, in any order, leaves the store as it was. Within a batch, the records of one
/// row apply in file order, each on top of the one before, as if written one by one.
final class RecordBatch {
    private enum Entry {
        case record(PendingRecord)
        case rejected(Rejection, RecordContext)
    }

    let table: ImportTable
    private let session: any ImportSession
    private let file: String
    private let kind: String
    private let updatedAt: String
    private let size: Int
    private let onRejected: (RejectionNotice) -> Void
    private var entries: [Entry] = []
    private(set) var summary = ImportSummary()

    /// A batch writing `table` (checked first) for the file named `file`, whose earlier
    /// rejections of `kind` are cleared; rows written get `updatedAt`.
    init(_ session: any ImportSession, table: ImportTable, file: String, kind: String, updatedAt: String, size: Int,
         onRejected: @escaping (RejectionNotice) -> Void) throws {
        (self.session, self.table, self.file, self.kind) = (session, table, file, kind)
        (self.updatedAt, self.size, self.onRejected) = (updatedAt, max(1, size), onRejected)
        try session.checkTable(table.name)
        try session.clearRejections(file: file, kind: kind)
    }

    /// Adds a record to write.
    func add(_ record: PendingRecord) throws {
        entries.append(.record(record))
        if entries.count >= size { try flush() }
    }

    /// Adds a record refused before reaching the store.
    func reject(_ rejection: Rejection, _ context: RecordContext) throws {
        entries.append(.rejected(rejection, context))
        if entries.count >= size { try flush() }
    }

    /// Writes what is left; returns the file's summary.
    func finish() throws -> ImportSummary {
        try flush()
        return summary
    }

    /// Writes the pending records: reads their stored rows, remembers their versions, writes the
    /// rows they change and the rejections, then tells the outcomes in file order.
    private func flush() throws {
        guard !entries.isEmpty else { return }
        let records = entries.compactMap { entry -> PendingRecord? in
            if case .record(let record) = entry { return record }
            return nil
        }
        var keys: [RowKey] = []
        var seenKeys: Set<RowKey> = []
        for record in records where seenKeys.insert(record.key).inserted { keys.append(record.key) }
        let stored = keys.isEmpty ? [:] : try session.storedRows(table, keys: keys)
        let refused = Self.refusals(records, stored: stored)
        var versions: [RecordVersion] = []
        var seenVersions: Set<RecordVersion> = []
        for (record, refusal) in zip(records, refused) where refusal == nil && seenVersions.insert(record.version).inserted {
            versions.append(record.version)
        }
        let newVersions = versions.isEmpty ? [] : try session.rememberVersions(versions)
        let plan = Self.plan(records, refused: refused, stored: stored, newVersions: newVersions, defaults: table.defaults)
        if !plan.writes.isEmpty { try session.write(table, rows: plan.writes, updatedAt: updatedAt) }

        var rejections: [RejectedRow] = []
        var outcomes = plan.outcomes.makeIterator()
        for entry in entries {
            summary.read += 1
            switch entry {
            case .rejected(let rejection, let context):
                rejections.append(note(rejection, context))
            case .record(let record):
                switch outcomes.next()! {
                case .success(.inserted): summary.inserted += 1
                case .success(.updated): summary.updated += 1
                case .success(.unchanged): summary.unchanged += 1
                case .failure(let rejection): rejections.append(note(rejection, record.context))
                }
            }
        }
        if !rejections.isEmpty { try session.addRejections(rejections) }
        entries.removeAll(keepingCapacity: true)
    }

    /// Counts and tells one rejected record; returns its `rejected_records` row.
    private func note(_ rejection: Rejection, _ context: RecordContext) -> RejectedRow {
        summary.rejected[rejection.reason, default: 0] += 1
        onRejected(RejectionNotice(file: file, position: context.position, key: rejection.key, recordId: context.recordId,
                                   reason: rejection.reason, message: rejection.message))
        return RejectedRow(file: file, position: context.position, kind: kind, reason: rejection.reason.rawValue,
                           recordId: context.recordId, unit: context.unit, record: context.record)
    }

    /// Per record, its refusal when it would create a row it may not create: a row exists when
    /// the store has it or an earlier record of the batch created it.
    static func refusals(_ records: [PendingRecord], stored: [RowKey: [DatabaseValue]]) -> [Rejection?] {
        var exists = Set(stored.keys)
        return records.map { record in
            if !exists.contains(record.key), let refusal = record.refusedAsNew { return refusal }
            exists.insert(record.key)
            return nil
        }
    }

    /// What a batch's records do, in file order.
    struct Plan: Equatable {
        /// Per record: inserted, updated, unchanged, or refused.
        var outcomes: [Result<RecordOutcome, Rejection>]
        /// The rows to write, each once with its last values, in the order first changed.
        var writes: [RowWrite]
    }

    /// The outcome of each record and the rows to write, given the rows `stored` before the
    /// batch and the versions new to the store. A stored row is left alone by a version seen
    /// before (in the store or earlier in the batch) and by a record that changes none of its
    /// values.
    static func plan(_ records: [PendingRecord], refused: [Rejection?], stored: [RowKey: [DatabaseValue]],
                     newVersions: Set<RecordVersion>, defaults: [DatabaseValue]) -> Plan {
        var rows = stored
        var applied: Set<RecordVersion> = []
        var changed: [RowKey] = []
        var changedSet: Set<RowKey> = []
        var outcomes: [Result<RecordOutcome, Rejection>] = []
        for (record, refusal) in zip(records, refused) {
            if let refusal {
                outcomes.append(.failure(refusal))
                continue
            }
            let current = rows[record.key]
            let isNewVersion = newVersions.contains(record.version) && applied.insert(record.version).inserted
            if current != nil && !isNewVersion {
                outcomes.append(.success(.unchanged))
                continue
            }
            let row = record.values.enumerated().map { i, value in value ?? current?[i] ?? defaults[i] }
            guard row != current else {
                outcomes.append(.success(.unchanged))
                continue
            }
            rows[record.key] = row
            if changedSet.insert(record.key).inserted { changed.append(record.key) }
            outcomes.append(.success(current == nil ? .inserted : .updated))
        }
        let writes = changed.map { RowWrite(key: $0, values: rows[$0]!, isNew: stored[$0] == nil) }
        return Plan(outcomes: outcomes, writes: writes)
    }
}

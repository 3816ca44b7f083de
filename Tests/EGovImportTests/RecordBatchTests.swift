@testable import EGovImport
import EGovKPI
import GRDB
import Testing

/// The record logic both engines share, on literal rows: what each record of a batch does given
/// the stored rows and the versions new to the store, with the records of one dossier applied in
/// file order as if written one by one.
@Suite("Record batches")
struct RecordBatchTests {
    /// Two columns (status, a flag defaulting to 0) of rows keyed by id.
    static let defaults: [DatabaseValue] = [.null, 0.databaseValue]

    /// A record of `id` setting `status` (nil: not carried) and `flag` (nil: not carried), its
    /// version the hash `hash`.
    static func record(_ id: String, status: Int?, flag: Int? = nil, hash: Int64, refusedAsNew: Bool = false) -> PendingRecord {
        PendingRecord(key: [id], version: RecordVersion(id: id, hash: hash),
                      values: [status.map(\.databaseValue), flag.map(\.databaseValue)],
                      refusedAsNew: refusedAsNew ? Rejection(reason: .unknownUnit, key: nil, message: "new dossier without a unit code") : nil,
                      context: RecordContext(position: "data[0]", recordId: id, unit: nil, record: "{}"))
    }

    static func plan(_ records: [PendingRecord], stored: [RowKey: [DatabaseValue]], new: Set<Int64>) -> RecordBatch.Plan {
        let refused = RecordBatch.refusals(records, stored: stored)
        let versions = Set(records.map(\.version).filter { new.contains($0.hash) })
        return RecordBatch.plan(records, refused: refused, stored: stored, newVersions: versions, defaults: defaults)
    }

    @Test("two versions of a new dossier in one batch: inserted, then updated on top, one row written with the later values")
    func laterVersionAppliesOnTop() {
        // Given a dossier the store does not have, sent twice in one batch (status 4, then 10)
        let records = [Self.record("HS-1", status: 4, flag: 1, hash: 1), Self.record("HS-1", status: 10, hash: 2)]
        // When the batch is planned
        let plan = Self.plan(records, stored: [:], new: [1, 2])
        // Then the first inserts, the second updates, and the row keeps the first's flag
        #expect(plan.outcomes == [.success(.inserted), .success(.updated)])
        #expect(plan.writes == [RowWrite(key: ["HS-1"], values: [10.databaseValue, 1.databaseValue], isNew: true)])
    }

    @Test("the earlier version after the later one in the batch is applied on top too (file order, as record by record)")
    func fileOrderWins() {
        let stored: [RowKey: [DatabaseValue]] = ["HS-1": [4.databaseValue, 0.databaseValue]].mapKeys()
        let records = [Self.record("HS-1", status: 10, hash: 2), Self.record("HS-1", status: 7, hash: 3)]
        let plan = Self.plan(records, stored: stored, new: [2, 3])
        #expect(plan.outcomes == [.success(.updated), .success(.updated)])
        #expect(plan.writes == [RowWrite(key: ["HS-1"], values: [7.databaseValue, 0.databaseValue], isNew: false)])
    }

    @Test("a replayed version changes nothing, in the store or earlier in the same batch")
    func replays() {
        let stored: [RowKey: [DatabaseValue]] = ["HS-1": [4.databaseValue, 0.databaseValue]].mapKeys()
        // HS-1's version 5 is known to the store; HS-2 is sent twice with the same version 6,
        // the second time after another version (7) changed it.
        let records = [Self.record("HS-1", status: 10, hash: 5), Self.record("HS-2", status: 4, hash: 6),
                       Self.record("HS-2", status: 10, hash: 7), Self.record("HS-2", status: 4, hash: 6)]
        let plan = Self.plan(records, stored: stored, new: [6, 7])
        #expect(plan.outcomes == [.success(.unchanged), .success(.inserted), .success(.updated), .success(.unchanged)])
        #expect(plan.writes == [RowWrite(key: ["HS-2"], values: [10.databaseValue, 0.databaseValue], isNew: true)])
    }

    @Test("a new version that says what the row already says is unchanged and writes nothing")
    func sameValues() {
        let stored: [RowKey: [DatabaseValue]] = ["HS-1": [4.databaseValue, 0.databaseValue]].mapKeys()
        let plan = Self.plan([Self.record("HS-1", status: 4, flag: 0, hash: 9)], stored: stored, new: [9])
        #expect(plan.outcomes == [.success(.unchanged)])
        #expect(plan.writes.isEmpty)
    }

    @Test("a dossier without a unit is refused while it does not exist, accepted once an earlier record created it")
    func refusedAsNew() {
        let records = [Self.record("HS-1", status: 4, hash: 1, refusedAsNew: true), Self.record("HS-2", status: 4, hash: 2),
                       Self.record("HS-2", status: 10, hash: 3, refusedAsNew: true)]
        let refused = RecordBatch.refusals(records, stored: [:])
        #expect(refused.map { $0?.message } == ["new dossier without a unit code", nil, nil])
        let plan = Self.plan(records, stored: [:], new: [2, 3])
        #expect(plan.outcomes == [.failure(Rejection(reason: .unknownUnit, key: nil, message: "new dossier without a unit code")),
                                  .success(.inserted), .success(.updated)])
        #expect(plan.writes == [RowWrite(key: ["HS-2"], values: [10.databaseValue, 0.databaseValue], isNew: true)])
    }
}

private extension Dictionary where Key == String, Value == [DatabaseValue] {
    /// The same rows keyed by one-column keys.
    func mapKeys() -> [RowKey: [DatabaseValue]] {
        Dictionary<RowKey, [DatabaseValue]>(uniqueKeysWithValues: map { ([$0.key], $0.value) })
    }
}

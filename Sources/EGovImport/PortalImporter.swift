import EGovKPI
import GRDB
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Imports the dossier sync payloads one-stop-shop systems send to the national public-service
/// portal (`DongBoHoSoMC`) into the store: each file in one transaction, each record upserted by
/// `MaHoSo`, records that cannot be stored kept in `rejected_records`.
public struct PortalImporter {
    public let store: any ImportTarget
    public let options: PortalOptions
    /// The `updated_at` written on the dossiers a file changes.
    public let updatedAt: String

    public init(store: any ImportTarget, options: PortalOptions, updatedAt: String) {
        self.store = store
        self.options = options
        self.updatedAt = updatedAt
    }

    /// Imports the payload read from `fd`; `name` identifies the file in `rejected_records` and
    /// in messages. `progress` receives the bytes read so far; `rejected` each refused record.
    /// Throws `PayloadError` (nothing of the file is kept) when the file is not a payload.
    public func importPayload(fd: Int32, name: String, progress: (Int) -> Void = { _ in },
                              rejected: @escaping (RejectionNotice) -> Void = { _ in }) throws -> ImportSummary {
        let keys = PortalField.keys(unitField: options.unitField)
        return try store.transaction { session in
            let batch = try RecordBatch(session, table: DossierColumns.table, file: name, kind: "dossiers",
                                        updatedAt: updatedAt, size: store.batchSize, onRejected: rejected)
            let knownUnits = try session.unitCodes()
            let stream = PayloadStream(allowed: keys) { index, wrapped, fields in
                let position = wrapped ? "data[\(index)]" : "[\(index)]"
                guard let fields else {
                    let rejection = Rejection(reason: .malformedRecord, key: nil, message: "expected a record object")
                    try batch.reject(rejection, RecordContext(position: position, recordId: nil, unit: nil, record: "null"))
                    return
                }
                let record = JSONText.object(zip(keys, fields).compactMap { key, value in value.map { (key, $0) } })
                let id = fields[PortalField.id.rawValue]?.text.flatMap { $0.isEmpty ? nil : $0 }
                let unit = fields[PortalField.unit.rawValue]?.text.map { options.unitAliases[$0] ?? $0 }
                let context = RecordContext(position: position, recordId: id, unit: unit, record: record)
                switch DossierPatch.make(fields, keys: keys, options: options, knownUnits: knownUnits) {
                case .success(let patch):
                    try batch.add(patch.pending(version: StableHash.of(record), context: context))
                case .failure(let rejection):
                    try batch.reject(rejection, context)
                }
            }
            try stream.parse(fd: fd, progress: progress)
            return try batch.finish()
        }
    }

    /// Imports the file at `path` (`-`: standard input), named in the store by its last path
    /// component (`stdin` for standard input), so a file imported again from another folder
    /// replaces its own rejections.
    public func importFile(_ path: String, progress: (Int, Int?) -> Void = { _, _ in },
                           rejected: @escaping (RejectionNotice) -> Void = { _ in }) throws -> ImportSummary {
        let file = try InputFile(path: path)
        defer { file.close() }
        let (fd, size, name) = (file.fd, file.size, file.name)
        return try importPayload(fd: fd, name: name, progress: { progress($0, size) }, rejected: rejected)
    }
}

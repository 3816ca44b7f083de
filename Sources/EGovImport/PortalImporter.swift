import EGovKPI
import GRDB
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Result where Failure == Rejection {
    /// `transform` of the success value, which may itself refuse the record or throw.
    func flatMapThrowing<T>(_ transform: (Success) throws -> Result<T, Rejection>) rethrows -> Result<T, Rejection> {
        switch self {
        case .success(let value): try transform(value)
        case .failure(let rejection): .failure(rejection)
        }
    }
}

/// Imports the dossier sync payloads one-stop-shop systems send to the national public-service
/// portal (`DongBoHoSoMC`) into the store: each file in one transaction, each record upserted by
/// `MaHoSo`, records that cannot be stored kept in `rejected_records`.
public struct PortalImporter {
    public let store: ImportStore
    public let options: PortalOptions
    /// The `updated_at` written on the dossiers a file changes.
    public let updatedAt: String

    public init(store: ImportStore, options: PortalOptions, updatedAt: String) {
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
        return try store.transaction { db in
            let knownUnits = Set(try String.fetchAll(db, sql: "SELECT code FROM units"))
            let writer = try DossierWriter(db, updatedAt: updatedAt)
            let rejections = try RejectionWriter(db, file: name, kind: "dossiers")
            var summary = ImportSummary()
            let stream = PayloadStream(allowed: keys) { index, wrapped, fields in
                summary.read += 1
                let position = wrapped ? "data[\(index)]" : "[\(index)]"
                guard let fields else {
                    let rejection = Rejection(reason: .malformedRecord, key: nil, message: "expected a record object")
                    try reject(rejection, position: position, id: nil, unit: nil, record: "null")
                    return
                }
                let record = JSONText.object(zip(keys, fields).compactMap { key, value in value.map { (key, $0) } })
                let outcome = try DossierPatch.make(fields, keys: keys, options: options, knownUnits: knownUnits)
                    .flatMapThrowing { try writer.apply($0, version: StableHash.of(record)) }
                switch outcome {
                case .success(.inserted): summary.inserted += 1
                case .success(.updated): summary.updated += 1
                case .success(.unchanged): summary.unchanged += 1
                case .failure(let refusal):
                    let id = fields[PortalField.id.rawValue]?.text.flatMap { $0.isEmpty ? nil : $0 }
                    let unit = fields[PortalField.unit.rawValue]?.text.map { options.unitAliases[$0] ?? $0 }
                    try reject(refusal, position: position, id: id, unit: unit, record: record)
                }
            }
            func reject(_ r: Rejection, position: String, id: String?, unit: String?, record: String) throws {
                summary.rejected[r.reason, default: 0] += 1
                try rejections.add(position: position, reason: r.reason.rawValue, recordId: id, unit: unit, record: record)
                rejected(RejectionNotice(file: name, position: position, key: r.key, recordId: id, reason: r.reason, message: r.message))
            }
            try stream.parse(fd: fd, progress: progress)
            return summary
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

import EGovKPI
import EGovSnapshots
import Foundation

/// The formats a snapshot exports to.
public enum SnapshotFormat: String, Sendable, CaseIterable {
    case xlsx, csv, json, md

    /// The HTTP Content-Type.
    public var contentType: String {
        switch self {
        case .xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        case .csv: "text/csv; charset=utf-8"
        case .json: "application/json"
        case .md: "text/markdown; charset=utf-8"
        }
    }

    /// The export's bytes: a pure function of the stored snapshot, so the same version exports
    /// to the same bytes every time.
    public func render(_ snapshot: Snapshot) throws -> [UInt8] {
        switch self {
        case .xlsx:
            let created = Timestamp.epochSeconds(snapshot.takenAt, zone: .vietnam) ?? 0
            return try AppendixWorkbook.render(snapshot, createdAt: created)
        case .csv: return Array(snapshot.csv.utf8)
        case .json: return Array(snapshot.json.utf8)
        case .md: return Array(snapshot.markdown.utf8)
        }
    }
}

/// Writes files whole or not at all: to a temporary name in the same folder, then renamed over
/// the target, so a reader never sees half a file and a killed writer leaves the old one.
public enum AtomicFile {
    public static func write(_ bytes: [UInt8], to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())")
        do {
            try Data(bytes).write(to: temporary)
            if rename(temporary.path, url.path) != 0 {
                throw SnapshotStoreError("\(path): cannot rename \(temporary.lastPathComponent) into place: \(String(cString: strerror(errno)))")
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }
}

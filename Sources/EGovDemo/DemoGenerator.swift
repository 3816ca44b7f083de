import EGovKPI
import EGovSources
import Foundation
import GRDB

/// The size of a demo database.
public enum DemoScale: String, CaseIterable, Sendable {
    /// One province, 3 districts, 12 communes, 1 department; a few thousand dossiers.
    case small
    /// The whole of Thái Nguyên: 9 districts, 177 communes, 2 departments; about a million dossiers.
    case province
}

/// Codes of the units the demo guarantees.
public enum DemoUnits {
    /// Xã Bình Yên, whose 2024-Q1 figures reproduce the seed report.
    public static let binhYen = "05587"
    /// Huyện Định Hóa, Bình Yên's district.
    public static let dinhHoa = "164"
    /// Tỉnh Thái Nguyên, the root.
    public static let province = "19"
}

/// How many rows a demo database got, per table.
public struct DemoSummary: Sendable {
    /// Rows of `units`.
    public let units: Int
    /// Rows of `dossiers`, invalid ones included.
    public let dossiers: Int
    /// Rows of `documents`, invalid ones included.
    public let documents: Int
    /// Rows of `staff`, invalid ones included.
    public let staff: Int
    /// Rows of `eoffice_activity`, invalid ones included.
    public let eofficeActivity: Int
    /// Rows of `work_files`, invalid ones included.
    public let workFiles: Int
}

/// Why a demo database could not be written.
public enum DemoError: Error, CustomStringConvertible {
    /// The target file already exists; the demo never overwrites.
    case fileExists(path: String)
    /// The finished temporary file could not be moved into place.
    case cannotMove(path: String, errno: Int32)

    /// A one-line explanation.
    public var description: String {
        switch self {
        case .fileExists(let path): "\(path) already exists; remove it or choose another path"
        case .cannotMove(let path, let code): "cannot move the demo database to \(path): \(String(cString: strerror(code)))"
        }
    }
}

/// Generates a deterministic demo database in the canonical schema: the same scale, seed and
/// `until` always give the same rows.
public struct DemoGenerator: Sendable {
    /// The size.
    public let scale: DemoScale
    /// The seed of every random stream.
    public let seed: UInt64
    /// The last local day that has records.
    public let until: LocalDate
    /// Years of closed history before the demo's first day (15/09/2023): dossiers received and
    /// finished then, and documents issued then, at the same pace as the rest.
    public let historyYears: Int

    /// The most years of history a demo can have.
    public static let maxHistoryYears = 30

    /// A generator for `scale`, `seed`, the last day with records `until` and `historyYears`
    /// (0...`maxHistoryYears`) of closed history. The history draws from random streams of its
    /// own: the rest of the database is the same with or without it.
    public init(scale: DemoScale, seed: UInt64 = 1, until: LocalDate, historyYears: Int = 0) {
        precondition((0...Self.maxHistoryYears).contains(historyYears), "history years out of range")
        self.scale = scale
        self.seed = seed
        self.until = until
        self.historyYears = historyYears
    }

    /// Writes a new SQLite database at `path`, which must not exist. The rows go to a temporary
    /// file next to it that is renamed at the end, so an error never leaves a half-written
    /// database behind. `progress` receives rows done and rows planned (dossiers and documents).
    public func write(to path: String, progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil) throws -> DemoSummary {
        guard !FileManager.default.fileExists(atPath: path) else { throw DemoError.fileExists(path: path) }
        let temp = "\(path).tmp-\(getpid())"
        try? FileManager.default.removeItem(atPath: temp)
        do {
            let queue = try DatabaseQueue(path: temp)
            let summary = try queue.writeWithoutTransaction { db in try generate(db, progress: progress) }
            try queue.close()
            try moveIntoPlace(temp, path)
            return summary
        } catch {
            try? FileManager.default.removeItem(atPath: temp)
            throw error
        }
    }

    /// Links `temp` at `path` (which fails if `path` appeared meanwhile), then drops `temp`.
    private func moveIntoPlace(_ temp: String, _ path: String) throws {
        if link(temp, path) == 0 {
            unlink(temp)
            return
        }
        let code = errno
        if code == EEXIST { throw DemoError.fileExists(path: path) }
        // Filesystems without hard links: fall back to a plain rename.
        guard !FileManager.default.fileExists(atPath: path) else { throw DemoError.fileExists(path: path) }
        guard rename(temp, path) == 0 else { throw DemoError.cannotMove(path: path, errno: errno) }
    }
}

import EGovKPI

/// What one imported file did to the store.
public struct ImportSummary: Equatable, Sendable {
    /// Records read from the file.
    public var read = 0
    /// Records that created a row, changed one, or changed nothing (the row already said the
    /// same, or the record is a replay of a version applied before).
    public var inserted = 0
    public var updated = 0
    public var unchanged = 0
    /// Records stored in `rejected_records` instead, by reason.
    public var rejected: [InvalidReason: Int] = [:]

    public init() {}

    /// All rejected records.
    public var rejectedTotal: Int { rejected.values.reduce(0, +) }

    /// `read 12, inserted 5, updated 2, unchanged 3, rejected 2 (missing_id 1, unknown_unit 1)`.
    public var line: String {
        var text = "read \(read), inserted \(inserted), updated \(updated), unchanged \(unchanged), rejected \(rejectedTotal)"
        if !rejected.isEmpty {
            text += " (" + rejected.sorted { $0.key < $1.key }.map { "\($0.key.rawValue) \($0.value)" }.joined(separator: ", ") + ")"
        }
        return text
    }

    /// The sum of two files' summaries.
    public static func + (a: ImportSummary, b: ImportSummary) -> ImportSummary {
        var sum = a
        sum.read += b.read
        sum.inserted += b.inserted
        sum.updated += b.updated
        sum.unchanged += b.unchanged
        sum.rejected.merge(b.rejected, uniquingKeysWith: +)
        return sum
    }
}

/// One rejected record, for the one-line messages of the command (never a personal field: the
/// message names allowed fields only).
public struct RejectionNotice: Sendable, CustomStringConvertible {
    /// The file as named to the importer.
    public let file: String
    /// `data[12]`, `[12]` or `line 14`.
    public let position: String
    /// The source field at fault, when one is.
    public let key: String?
    /// The record's id, when it has one.
    public let recordId: String?
    public let reason: InvalidReason
    public let message: String

    /// `FILE: data[3]: NgayHenTra: record HS-3: unparseable date "31/02/2024" (unparseable_due_at)`.
    public var description: String {
        var text = "\(file): \(position)"
        if let key { text += ": \(key)" }
        if let recordId { text += ": record \(recordId)" }
        return text + ": \(message) (\(reason.rawValue))"
    }
}

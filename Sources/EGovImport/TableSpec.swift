import EGovKPI
import GRDB

/// How a canonical column's text is read.
public enum ColumnType: Sendable {
    /// Kept as written (trimmed).
    case text
    /// A decimal integer (codes such as channel and status).
    case integer
    /// 0 or 1 (`true`/`false` accepted).
    case flag
    /// A day, stored `YYYY-MM-DD`.
    case date
    /// An instant, stored `YYYY-MM-DD HH:MM:SS` local time.
    case timestamp
}

/// One column of a canonical table, as the CSV import fills it.
public struct ColumnSpec: Sendable {
    public let name: String
    public let type: ColumnType
    /// A new row needs a value (the schema's NOT NULL without a default).
    public let required: Bool
    /// The value stored instead of an empty one (the schema's NOT NULL DEFAULT).
    public let fallback: DatabaseValue?
    /// The reason a value that cannot be read is refused with.
    public let invalid: InvalidReason
    /// An unreadable value is stored as written (for the reader's own rules to count) instead of
    /// refusing the row.
    public let keepUnreadable: Bool

    init(_ name: String, _ type: ColumnType = .text, required: Bool = false, fallback: DatabaseValue? = nil,
         invalid: InvalidReason = .unparseableValue, keepUnreadable: Bool = false) {
        self.keepUnreadable = keepUnreadable
        self.name = name
        self.type = type
        self.required = required
        self.fallback = fallback
        self.invalid = invalid
    }
}

/// A canonical table (DOMAIN.md section 3) as the CSV import writes it.
public struct TableSpec: Sendable {
    public let name: String
    /// The columns identifying a row.
    public let key: [String]
    public let columns: [ColumnSpec]
    /// `updated_at` is set on the rows an import changes.
    public let hasUpdatedAt: Bool

    /// The spec of `table`, or nil when it is not a canonical table.
    public static func named(_ table: String) -> TableSpec? { all.first { $0.name == table } }

    /// Every canonical table. The procedure catalogue's optional columns are filled only when the
    /// database has them.
    public static let all: [TableSpec] = [
        TableSpec(name: "units", key: ["code"], columns: [
            ColumnSpec("code"), ColumnSpec("name", required: true), ColumnSpec("level", required: true), ColumnSpec("parent_code"),
            // Kept as written when unreadable: the unit stays in the tree (counted as not connected,
            // `unparseable_connected_on`) instead of its whole subtree losing its parent.
            ColumnSpec("one_stop_connected_on", .date, keepUnreadable: true),
            ColumnSpec("doc_axis_connected_on", .date, keepUnreadable: true),
        ], hasUpdatedAt: false),
        TableSpec(name: "procedures", key: ["code"], columns: [
            ColumnSpec("code"), ColumnSpec("name", required: true), ColumnSpec("field"), ColumnSpec("level", required: true),
            // Words are stored as written, for the reader to count (`unknown_online_service`...);
            // an unreadable flag or date refuses the row under the reason the reader counts it by.
            ColumnSpec("online_service", fallback: "none".databaseValue),
            ColumnSpec("has_fee", .flag, fallback: 0.databaseValue, invalid: .invalidFlag),
            ColumnSpec("online_payment", .flag, fallback: 0.databaseValue, invalid: .invalidFlag),
            ColumnSpec("published_on", .date, invalid: .unparseablePublishedOn),
            ColumnSpec("abolished_on", .date, invalid: .unparseableAbolishedOn), ColumnSpec("online_eligible"),
            ColumnSpec("on_national_portal", .flag, invalid: .invalidFlag), ColumnSpec("interconnection"),
            ColumnSpec("location_independent", .flag, invalid: .invalidFlag), ColumnSpec("internal_process"),
        ], hasUpdatedAt: false),
        TableSpec(name: "dossiers", key: ["id"], columns: [
            ColumnSpec("id"), ColumnSpec("unit_code"), ColumnSpec("procedure_code"),
            // In the order the adapter checks a stored dossier, so a row is refused for the reason
            // the same row would be counted under if it had been stored as written.
            ColumnSpec("received_at", .timestamp, invalid: .unparseableReceivedAt), ColumnSpec("due_at", .timestamp, invalid: .unparseableDueAt),
            ColumnSpec("finished_at", .timestamp, invalid: .unparseableFinishedAt),
            ColumnSpec("returned_at", .timestamp, invalid: .unparseableReturnedAt),
            ColumnSpec("channel", .integer, invalid: .unknownChannel), ColumnSpec("status", .integer, invalid: .unknownStatus),
            ColumnSpec("paid_online", .flag, fallback: 0.databaseValue, invalid: .invalidFlag),
            ColumnSpec("digitized", .flag, fallback: 0.databaseValue, invalid: .invalidFlag),
        ], hasUpdatedAt: true),
        TableSpec(name: "documents", key: ["id"], columns: [
            ColumnSpec("id"), ColumnSpec("unit_code"), ColumnSpec("direction"),
            ColumnSpec("issued_at", .timestamp, invalid: .unparseableIssuedAt), ColumnSpec("digitally_signed", .flag, invalid: .invalidFlag),
            ColumnSpec("transmission"), ColumnSpec("recipient_scope"),
        ], hasUpdatedAt: true),
        TableSpec(name: "staff", key: ["id"], columns: [
            ColumnSpec("id"), ColumnSpec("unit_code"), ColumnSpec("active_from", .date, invalid: .unparseableActiveFrom),
            ColumnSpec("active_to", .date, invalid: .unparseableActiveTo),
        ], hasUpdatedAt: false),
        TableSpec(name: "eoffice_activity", key: ["staff_id", "day"], columns: [
            ColumnSpec("staff_id"), ColumnSpec("day", .date, invalid: .unparseableDay),
        ], hasUpdatedAt: false),
        TableSpec(name: "work_files", key: ["id"], columns: [
            ColumnSpec("id"), ColumnSpec("unit_code"), ColumnSpec("opened_at", .timestamp, invalid: .unparseableOpenedAt),
            ColumnSpec("electronic", .flag, invalid: .invalidFlag),
        ], hasUpdatedAt: false),
    ]

    /// `text` read as a value of `column`: `.some(nil)` for an empty cell, nil when unreadable.
    static func value(_ text: String, _ column: ColumnSpec, dates: DateNormalizer) -> DatabaseValue?? {
        let trimmed = text.trimmingSpaces
        if trimmed.isEmpty { return .some(nil) }
        switch column.type {
        case .text: return trimmed.databaseValue
        case .integer:
            guard trimmed.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(trimmed) else { return nil }
            return n.databaseValue
        case .flag:
            return DossierPatch.flag(.string(trimmed)).map { $0.databaseValue }
        case .date, .timestamp:
            guard let normalized = dates.normalize(.string(trimmed)), let stamp = normalized else {
                if column.keepUnreadable { return .some(trimmed.databaseValue) }
                return .none
            }
            return (column.type == .date ? String(stamp.prefix(10)) : stamp).databaseValue
        }
    }
}

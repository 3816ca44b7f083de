import EGovKPI

/// One value of an allowed field as the source wrote it. Only allowed fields ever become a
/// `FieldValue`: the values of every other key are skipped by the parser without being copied.
public enum FieldValue: Hashable, Sendable {
    /// JSON `null` (or an empty CSV cell).
    case null
    /// A string, exactly as written.
    case string(String)
    /// A number, as its JSON text (`12`, `20240102080000`).
    case number(String)
    /// `true` or `false`.
    case bool(Bool)
    /// An object or a list where a single value was expected.
    case nested

    /// The text of a string or a number, trimmed; nil for anything else.
    var text: String? {
        switch self {
        case .string(let s): s.trimmingSpaces
        case .number(let n): n
        case .null, .bool, .nested: nil
        }
    }

    /// True for `null` and for a string of spaces only: the field says "no value".
    var isBlank: Bool {
        switch self {
        case .null: true
        case .string(let s): s.trimmingSpaces.isEmpty
        case .number, .bool, .nested: false
        }
    }

    /// The value as JSON text, for `rejected_records.record`.
    var json: String {
        switch self {
        case .null, .nested: "null"
        case .number(let n): n
        case .bool(let b): b ? "true" : "false"
        case .string(let s): JSONValue.quote(s)
        }
    }
}

/// Minimal JSON writing for the rejected records' allowed fields.
enum JSONText {
    /// A JSON object of the present fields, in the given order.
    static func object(_ fields: [(String, FieldValue)]) -> String {
        "{" + fields.map { JSONValue.quote($0.0) + ":" + $0.1.json }.joined(separator: ",") + "}"
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and line breaks.
    var trimmingSpaces: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}

/// A JSON value with ordered object keys, so reports print their keys in a stable, documented order.
public indirect enum JSONValue: Hashable, Sendable {
    case int(Int)
    case number(Double)
    case string(String)
    case null
    case object([(String, JSONValue)])

    /// A rate as a 0-1 number, or null when undefined.
    public static func rate(_ ratio: Ratio) -> JSONValue { ratio.value.map(JSONValue.number) ?? .null }

    /// Compact JSON text.
    public var text: String {
        switch self {
        case .int(let value): return String(value)
        case .number(let value): return value.isFinite ? "\(value)" : "null"
        case .null: return "null"
        case .string(let value): return Self.quote(value)
        case .object(let fields):
            return "{" + fields.map { "\(Self.quote($0.0)):\($0.1.text)" }.joined(separator: ",") + "}"
        }
    }

    public static func == (a: JSONValue, b: JSONValue) -> Bool { a.text == b.text }
    public func hash(into hasher: inout Hasher) { hasher.combine(text) }

    public static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}

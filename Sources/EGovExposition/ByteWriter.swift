/// An append-only UTF-8 byte buffer with the escaping and number spelling of the text formats.
/// Appends bytes directly, so rendering builds no intermediate strings per sample.
struct ByteWriter {
    private(set) var bytes: [UInt8]

    init(capacity: Int) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    mutating func append(_ byte: UInt8) { bytes.append(byte) }

    mutating func append(_ text: String) { bytes.append(contentsOf: text.utf8) }

    mutating func append(_ raw: [UInt8]) { bytes.append(contentsOf: raw) }

    /// Empties the buffer, keeping its capacity (the bytes were handed on).
    mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }

    /// A label value: `\`, `"` and newline escaped as `\\`, `\"` and `\n` (both formats).
    mutating func appendLabelValue(_ value: String) {
        appendEscaped(value, quote: true)
    }

    /// A HELP text: `\` and newline escaped; `"` too in OpenMetrics, whose grammar requires it.
    mutating func appendHelp(_ help: String, format: ExpositionFormat) {
        appendEscaped(help, quote: format == .openMetrics)
    }

    private mutating func appendEscaped(_ text: String, quote: Bool) {
        let utf8 = text.utf8
        let needsEscape = utf8.contains { $0 == .backslash || $0 == .newline || (quote && $0 == .quote) }
        guard needsEscape else {
            bytes.append(contentsOf: utf8)
            return
        }
        for byte in utf8 {
            switch byte {
            case .backslash: bytes.append(.backslash); bytes.append(.backslash)
            case .newline: bytes.append(.backslash); bytes.append(UInt8(ascii: "n"))
            case .quote where quote: bytes.append(.backslash); bytes.append(.quote)
            default: bytes.append(byte)
            }
        }
    }

    /// A sample value: integral values as integers (`351`), others in the shortest spelling that
    /// reads back to the same Double (`0.9285714285714286`), and `+Inf`, `-Inf`, `NaN`.
    mutating func appendValue(_ value: Double) {
        if value.isNaN {
            append("NaN")
        } else if value.isInfinite {
            append(value > 0 ? "+Inf" : "-Inf")
        } else if value == value.rounded(.towardZero) && abs(value) < 1e15 {
            appendInteger(Int64(value))
        } else {
            append(value.description)
        }
    }

    /// Decimal digits of `value`, with a leading `-` when negative.
    mutating func appendInteger(_ value: Int64) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        guard magnitude >= 10 else {
            bytes.append(UInt8(ascii: "0") + UInt8(magnitude))
            return
        }
        let start = bytes.count
        while magnitude > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        }
        bytes[start...].reverse()
    }
}

extension UInt8 {
    static let backslash = UInt8(ascii: "\\")
    static let newline = UInt8(ascii: "\n")
    static let quote = UInt8(ascii: "\"")
}

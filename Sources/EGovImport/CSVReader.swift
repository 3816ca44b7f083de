#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a CSV export as RFC 4180 describes it, in 64 KiB chunks: a header row, fields separated
/// by commas or semicolons (whichever the header uses more), fields in double quotes may hold
/// separators, line breaks and doubled quotes; UTF-8 with or without a byte-order mark; CRLF or
/// LF line ends. Blank lines are skipped.
struct CSVReader {
    /// Reads `fd` to the end, calling `onRow` with each row's first line number (1-based) and
    /// fields; the header is row 1.
    static func read(fd: Int32, progress: (Int) -> Void, onRow: (Int, [String]) throws -> Void) throws {
        var parser = Parser()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        var offset = 0
        var first = true
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw PayloadError.unreadable(String(cString: strerror(errno)))
            }
            if count == 0 { break }
            var start = 0
            if first {
                first = false
                if count >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF { start = 3 }
                parser.separator = Self.separator(buffer[start..<count])
            }
            for byte in buffer[start..<count] { try parser.feed(byte, onRow) }
            offset += count
            progress(offset)
        }
        try parser.end(onRow)
    }

    /// `;` when the first line has more semicolons than commas outside quotes, else `,`.
    static func separator(_ bytes: ArraySlice<UInt8>) -> UInt8 {
        var commas = 0, semicolons = 0, quoted = false
        for byte in bytes {
            if byte == 0x22 { quoted.toggle() }
            if quoted { continue }
            if byte == 0x0A { break }
            if byte == 0x2C { commas += 1 }
            if byte == 0x3B { semicolons += 1 }
        }
        return semicolons > commas ? 0x3B : 0x2C
    }

    /// The byte-level state machine.
    private struct Parser {
        enum State { case fieldStart, unquoted, quoted, quoteInQuoted }
        var separator: UInt8 = 0x2C
        var state = State.fieldStart
        var field: [UInt8] = []
        var fields: [String] = []
        var line = 1
        var rowLine = 1
        var rowStarted = false

        mutating func feed(_ byte: UInt8, _ onRow: (Int, [String]) throws -> Void) throws {
            if !rowStarted && byte != 0x0A && byte != 0x0D {
                rowStarted = true
                rowLine = line
            }
            switch state {
            case .quoted:
                if byte == 0x22 { state = .quoteInQuoted } else { field.append(byte) }
                if byte == 0x0A { line += 1 }
                return
            case .quoteInQuoted:
                if byte == 0x22 {
                    field.append(byte)
                    state = .quoted
                    return
                }
                state = .unquoted
            case .fieldStart where byte == 0x22:
                state = .quoted
                return
            case .fieldStart, .unquoted:
                break
            }
            switch byte {
            case separator:
                try endField()
            case 0x0A:
                line += 1
                try endRow(onRow)
            case 0x0D:
                break
            default:
                field.append(byte)
                state = .unquoted
            }
        }

        mutating func endField() throws {
            guard let text = String(validating: field, as: UTF8.self) else { throw CSVError.notUTF8(line: line) }
            fields.append(text)
            field.removeAll(keepingCapacity: true)
            state = .fieldStart
        }

        mutating func endRow(_ onRow: (Int, [String]) throws -> Void) throws {
            guard rowStarted else { return }
            try endField()
            let row = fields
            fields.removeAll(keepingCapacity: true)
            rowStarted = false
            try onRow(rowLine, row)
        }

        mutating func end(_ onRow: (Int, [String]) throws -> Void) throws {
            if state == .quoted { throw CSVError.unterminatedQuote(line: rowLine) }
            try endRow(onRow)
        }
    }
}

/// Why a CSV file cannot be imported at all.
public enum CSVError: Error, Equatable, CustomStringConvertible {
    case notUTF8(line: Int)
    case unterminatedQuote(line: Int)
    case empty
    case missingColumn(line: Int, column: String, canonical: String)
    case duplicateColumn(line: Int, column: String)
    case unknownTable(String)

    public var description: String {
        switch self {
        case .notUTF8(let line): "line \(line): not UTF-8 text"
        case .unterminatedQuote(let line): "line \(line): a quoted field is never closed"
        case .empty: "no header row"
        case .missingColumn(let line, let column, let canonical): "line \(line): no column '\(column)' (for \(canonical)) in the header"
        case .duplicateColumn(let line, let column): "line \(line): column '\(column)' appears twice in the header"
        case .unknownTable(let table): "unknown table '\(table)'"
        }
    }
}

import CYajl
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a national-portal payload (`{"service": ..., "isUpdating": ..., "data": [...]}` or a
/// bare list of records) from a file descriptor in 64 KiB chunks with YAJL's event parser, so a
/// file of any size is read in constant memory.
///
/// Only the keys in `allowed` are kept from each record; the value of any other key (the
/// applicant's name, identity number, phone, address...) is skipped by the parser and never
/// copied into a Swift value.
final class PayloadStream {
    /// The allowed keys, as UTF-8 bytes; a record's values come back in this order.
    private let allowed: [[UInt8]]
    /// Called for each element of the records list: its index, whether the list was wrapped in
    /// `{"data": ...}` (positions `data[i]`) or bare (`[i]`), and its allowed fields (nil: key
    /// absent), or nil fields when the element is not an object.
    private let onRecord: (Int, Bool, [FieldValue?]?) throws -> Void

    /// Open containers.
    private var depth = 0
    /// The depth inside the records list (0: not entered yet).
    private var listDepth = 0
    /// The records list is open now.
    private var listOpen = false
    /// The element being read is an object (a record), not a list.
    private var elementIsObject = false
    private var rootIsObject = false
    /// At depth 1 of the root object: the key whose value comes next.
    private var rootKey: [UInt8] = []
    private var fields: [FieldValue?]
    /// The allowed field whose value comes next in the current record, or -1.
    private var field = -1
    private var index = 0
    /// The first error thrown by `onRecord` or found in the document's shape.
    private var failure: (any Error)?

    /// A stream keeping `allowed` keys and handing each record to `onRecord`.
    init(allowed: [String], onRecord: @escaping (Int, Bool, [FieldValue?]?) throws -> Void) {
        self.allowed = allowed.map { Array($0.utf8) }
        self.onRecord = onRecord
        self.fields = Array(repeating: nil, count: allowed.count)
    }

    /// Parses everything `fd` holds, reporting progress in bytes after each chunk.
    func parse(fd: Int32, progress: (Int) -> Void) throws {
        var callbacks = yajl_callbacks()
        callbacks.yajl_null = { ctx in PayloadStream.from(ctx).scalar(.null) }
        callbacks.yajl_boolean = { ctx, value in PayloadStream.from(ctx).scalar(.bool(value != 0)) }
        callbacks.yajl_number = { ctx, text, length in
            PayloadStream.from(ctx).scalarBytes(UnsafeRawPointer(text!), length) { .number($0) }
        }
        callbacks.yajl_string = { ctx, text, length in
            PayloadStream.from(ctx).scalarBytes(UnsafeRawPointer(text!), length) { .string($0) }
        }
        callbacks.yajl_start_map = { ctx in PayloadStream.from(ctx).open(isMap: true) }
        callbacks.yajl_map_key = { ctx, key, length in PayloadStream.from(ctx).key(key!, length) }
        callbacks.yajl_end_map = { ctx in PayloadStream.from(ctx).close() }
        callbacks.yajl_start_array = { ctx in PayloadStream.from(ctx).open(isMap: false) }
        callbacks.yajl_end_array = { ctx in PayloadStream.from(ctx).close() }
        let context = Unmanaged.passUnretained(self).toOpaque()
        guard let handle = yajl_alloc(&callbacks, nil, context) else { throw PayloadError.syntax(offset: 0, message: "out of memory") }
        defer { yajl_free(handle) }
        var buffer = [UInt8](repeating: 0, count: 65_536)
        var offset = 0
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw PayloadError.unreadable(String(cString: strerror(errno)))
            }
            let status = count == 0 ? yajl_complete_parse(handle)
                : buffer.withUnsafeBufferPointer { yajl_parse(handle, $0.baseAddress, count) }
            if let failure { throw failure }
            if status != yajl_status_ok {
                let consumed = count == 0 ? 0 : Int(yajl_get_bytes_consumed(handle))
                let text = yajl_get_error(handle, 0, nil, 0)
                let message = text.map { String(cString: $0) } ?? "invalid JSON"
                if let text { yajl_free_error(handle, text) }
                throw PayloadError.syntax(offset: offset + consumed, message: message.trimmingSpaces)
            }
            if count == 0 { break }
            offset += count
            progress(offset)
        }
        guard listDepth > 0 else { throw PayloadError.noRecords }
    }

    private static func from(_ context: UnsafeMutableRawPointer?) -> PayloadStream {
        Unmanaged<PayloadStream>.fromOpaque(context!).takeUnretainedValue()
    }

    /// 1 to continue, 0 to stop the parser (the failure is kept).
    private func fail(_ error: any Error) -> Int32 {
        failure = error
        return 0
    }

    private var inRecord: Bool { listOpen && elementIsObject && depth == listDepth + 1 }

    private func open(isMap: Bool) -> Int32 {
        if depth == 0 {
            if isMap { rootIsObject = true } else { (listDepth, listOpen) = (1, true) }
        } else if rootIsObject && depth == 1 && rootKey == Array("data".utf8) {
            guard !isMap else { return fail(PayloadError.dataNotAList) }
            (listDepth, listOpen) = (2, true)
        } else if listOpen && depth == listDepth {
            elementIsObject = isMap
            for i in fields.indices { fields[i] = nil }
            field = -1
        } else if inRecord && field >= 0 {
            fields[field] = .nested
        }
        depth += 1
        return 1
    }

    private func close() -> Int32 {
        depth -= 1
        if listOpen && depth == listDepth {
            // The end of a record object (or of a list that was itself an element).
            return element(elementIsObject ? fields : nil)
        }
        if listOpen && depth == listDepth - 1 { listOpen = false }
        return 1
    }

    private func element(_ record: [FieldValue?]?) -> Int32 {
        defer { index += 1 }
        do { try onRecord(index, rootIsObject, record) } catch { return fail(error) }
        return 1
    }

    private func key(_ bytes: UnsafePointer<UInt8>, _ length: Int) -> Int32 {
        if rootIsObject && depth == 1 {
            rootKey = Array(UnsafeBufferPointer(start: bytes, count: length))
        } else if inRecord {
            field = -1
            for (i, name) in allowed.enumerated() where name.count == length {
                if memcmp(name, bytes, length) == 0 {
                    field = i
                    break
                }
            }
        }
        return 1
    }

    private func scalar(_ value: @autoclosure () -> FieldValue) -> Int32 {
        if depth == 0 { return fail(PayloadError.notAPayload) }
        if listOpen && depth == listDepth { return element(nil) }
        if inRecord && field >= 0 { fields[field] = value() }
        return 1
    }

    private func scalarBytes(_ start: UnsafeRawPointer, _ length: Int, _ make: (String) -> FieldValue) -> Int32 {
        // Decoded only when the value is kept: skipped values are never turned into strings.
        let wanted = inRecord && field >= 0
        return scalar(wanted ? make(String(decoding: UnsafeRawBufferPointer(start: start, count: length), as: UTF8.self)) : .null)
    }
}

/// Why a payload file could not be read at all.
public enum PayloadError: Error, Equatable, CustomStringConvertible {
    case unreadable(String)
    case syntax(offset: Int, message: String)
    case notAPayload
    case dataNotAList
    case noRecords

    public var description: String {
        switch self {
        case .unreadable(let reason): "cannot read: \(reason)"
        case .syntax(let offset, let message): "invalid JSON at byte \(offset): \(message)"
        case .notAPayload: "expected an object with \"data\" or a list of records"
        case .dataNotAList: "\"data\": expected a list of records"
        case .noRecords: "no list of records: expected {\"data\": [...]} or [...]"
        }
    }
}

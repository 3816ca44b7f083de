import CZlib
import Foundation

/// gzip compression through the system zlib, for `Content-Encoding: gzip` scrapes.
public enum Gzip {
    /// `bytes` as one complete gzip stream (RFC 1952: header, deflate data, CRC-32 and size),
    /// compressed at zlib `level` (0-9; 6 is zlib's default, 1 the fastest).
    public static func compress(_ bytes: [UInt8], level: Int32 = 6) -> [UInt8] {
        let stream = GzipStream(level: level)
        stream.write(bytes)
        return stream.finish()
    }

    /// The bytes of a complete gzip stream, or nil when `gzip` is not one. For the rare client
    /// that wants an encoding the exporter keeps only compressed.
    public static func decompress(_ gzip: some ContiguousBytes) -> [UInt8]? {
        var stream = z_stream()
        guard inflateInit2_(&stream, 15 + 16, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return nil }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        let finished: Bool = gzip.withUnsafeBytes { input in
            stream.next_in = UnsafeMutablePointer(mutating: input.bindMemory(to: UInt8.self).baseAddress)
            stream.avail_in = uInt(input.count)
            while true {
                let status: Int32 = chunk.withUnsafeMutableBufferPointer { buffer in
                    stream.next_out = buffer.baseAddress
                    stream.avail_out = uInt(buffer.count)
                    return inflate(&stream, Z_NO_FLUSH)
                }
                output.append(contentsOf: chunk[0..<(chunk.count - Int(stream.avail_out))])
                if status == Z_STREAM_END { return true }
                if status != Z_OK { return false }
            }
        }
        return finished ? output : nil
    }
}

/// A gzip stream written piece by piece: the input is compressed as it comes, so a large body
/// is never held uncompressed whole, and the output grows with the compressed size only.
final class GzipStream {
    private var stream = z_stream()
    private var output: [UInt8] = []
    private var chunk = [UInt8](repeating: 0, count: 1 << 16)

    /// A stream compressing at zlib `level` (0-9).
    init(level: Int32) {
        // windowBits 15 + 16 asks zlib for the gzip wrapper instead of the zlib one.
        let status = deflateInit2_(&stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY,
                                   ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        precondition(status == Z_OK, "deflateInit2 failed: \(status)")
    }

    deinit { deflateEnd(&stream) }

    /// Compresses `bytes` (more may follow).
    func write(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { input in
            stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
            stream.avail_in = uInt(input.count)
            while stream.avail_in > 0 { _ = drain(Z_NO_FLUSH) }
        }
    }

    /// Ends the stream and returns it whole.
    func finish() -> [UInt8] {
        stream.next_in = nil
        stream.avail_in = 0
        while drain(Z_FINISH) != Z_STREAM_END {}
        return output
    }

    /// One deflate call into the chunk buffer, whose output is appended.
    private func drain(_ flush: Int32) -> Int32 {
        let status: Int32 = chunk.withUnsafeMutableBufferPointer { buffer in
            stream.next_out = buffer.baseAddress
            stream.avail_out = uInt(buffer.count)
            return deflate(&stream, flush)
        }
        precondition(status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR, "deflate failed: \(status)")
        output.append(contentsOf: chunk[0..<(chunk.count - Int(stream.avail_out))])
        return status
    }
}

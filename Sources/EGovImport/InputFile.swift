#if canImport(Glibc)
import Glibc
private let closeDescriptor = Glibc.close
#elseif canImport(Darwin)
import Darwin
private let closeDescriptor = Darwin.close
#endif

/// A file to import, open for reading: the path, or standard input for `-`. It is named in the
/// store by its last path component (`stdin` for standard input), so a file imported again
/// from another folder replaces its own rejections.
struct InputFile {
    let fd: Int32
    /// The size of a regular file, for the progress bar; nil for a pipe.
    let size: Int?
    let name: String
    private let isStdin: Bool

    /// Opens `path`; throws `PayloadError.unreadable` when it cannot be.
    init(path: String) throws {
        isStdin = path == "-"
        fd = isStdin ? 0 : open(path, O_RDONLY)
        guard fd >= 0 else { throw PayloadError.unreadable(String(cString: strerror(errno))) }
        var info = stat()
        size = fstat(fd, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG ? Int(info.st_size) : nil
        name = isStdin ? "stdin" : String(path.split(separator: "/").last ?? Substring(path))
    }

    /// Closes the file (never standard input).
    func close() {
        if !isStdin { _ = closeDescriptor(fd) }
    }
}

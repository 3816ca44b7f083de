#if os(Linux)
/// glibc's `malloc_trim` (malloc.h is not part of the Glibc module).
@_silgen_name("malloc_trim") private func malloc_trim(_ pad: Int) -> Int32
#endif

/// Hands the memory a refresh freed back to the system. Between refreshes the daemon only
/// serves bytes it already holds, so what the last refresh used need not stay resident.
enum MemoryTrim {
    /// After a refresh has published, and after each source read (the memory SQLite used for
    /// it is freed before the figures are computed and rendered, so the peaks do not add up).
    static func now() {
        #if os(Linux)
        _ = malloc_trim(0)
        #endif
    }
}

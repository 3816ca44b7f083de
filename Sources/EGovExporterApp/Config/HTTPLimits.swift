import Yams

/// How long a connection may hold a file descriptor without progress, how many may be open at
/// once, and how long a graceful shutdown waits for the ones still open. Every HTTP client of
/// the exporter (Prometheus, a browser, a proxy) is far inside these limits; a client that is
/// not (slow, stalled or hostile) is disconnected instead of exhausting the process.
public struct HTTPLimits: Sendable, Equatable {
    /// Seconds a new connection has to send its first request's headers.
    public var headerReadTimeout: Int
    /// Seconds a kept-alive connection may wait for its next request's headers.
    public var idleTimeout: Int
    /// Seconds from a request's headers to the last byte of its response being written.
    public var requestTimeout: Int
    /// Connections open at once; more wait in the kernel's listen queue.
    public var maxConnections: Int
    /// Seconds SIGTERM waits for open connections before closing them.
    public var shutdownTimeout: Int

    /// Limits from their values in seconds; the loader checks their ranges.
    public init(headerReadTimeout: Int, idleTimeout: Int, requestTimeout: Int, maxConnections: Int, shutdownTimeout: Int) {
        self.headerReadTimeout = headerReadTimeout
        self.idleTimeout = idleTimeout
        self.requestTimeout = requestTimeout
        self.maxConnections = maxConnections
        self.shutdownTimeout = shutdownTimeout
    }

    /// The limits used when the configuration sets none.
    public static let `default` = HTTPLimits(headerReadTimeout: 10, idleTimeout: 60, requestTimeout: 60,
                                             maxConnections: 32, shutdownTimeout: 10)

    /// The keys of the `http` section.
    static let keys = ["header_read_timeout", "idle_timeout", "request_timeout", "max_connections", "shutdown_timeout"]
}

extension ConfigDecoder {
    /// `http: {header_read_timeout, idle_timeout, request_timeout, max_connections,
    /// shutdown_timeout}`; a key left out keeps its default.
    func httpLimits(_ node: Node, _ path: String) -> HTTPLimits? {
        guard let fields = mapping(node, path, known: HTTPLimits.keys) else { return nil }
        let errorsBefore = errors.count
        var limits = HTTPLimits.default
        let timeout = { (node: Node, path: String) in self.seconds(node, path, in: 1...3_600) }
        if let value = optional(fields, "header_read_timeout", timeout) { limits.headerReadTimeout = value }
        if let value = optional(fields, "idle_timeout", timeout) { limits.idleTimeout = value }
        if let value = optional(fields, "request_timeout", timeout) { limits.requestTimeout = value }
        if let value = optional(fields, "max_connections", { self.integer($0, $1, in: 1...100_000) }) { limits.maxConnections = value }
        if let value = optional(fields, "shutdown_timeout", timeout) { limits.shutdownTimeout = value }
        return errors.count == errorsBefore ? limits : nil
    }
}

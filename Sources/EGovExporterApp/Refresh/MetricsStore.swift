import EGovExposition
import Hummingbird
import Synchronization

/// What a scrape serves, rendered once per refresh: the text format plain and gzip, OpenMetrics
/// gzip (what Prometheus asks for), and the landing page. Immutable; scrapes share the buffers
/// without copying them.
public struct PublishedMetrics: Sendable {
    public let text: ByteBuffer
    public let textGzip: ByteBuffer
    public let openMetricsGzip: ByteBuffer
    public let landingPage: ByteBuffer
    /// True once a refresh has succeeded: /readyz turns 200.
    public let ready: Bool

    /// The body for `format`, gzip-encoded when `gzip` is true. Uncompressed OpenMetrics, which
    /// no Prometheus asks for, is inflated on demand rather than kept (2-3 MB at province scale).
    public func body(_ format: ExpositionFormat, gzip: Bool) -> ByteBuffer {
        switch (format, gzip) {
        case (.prometheusText, false): text
        case (.prometheusText, true): textGzip
        case (.openMetrics, false): ByteBuffer(bytes: Gzip.decompress(openMetricsGzip.readableBytesView) ?? [])
        case (.openMetrics, true): openMetricsGzip
        }
    }
}

/// Holds the published metrics. A refresh swaps in a new value whole; a scrape takes the
/// current one under a lock held for a pointer copy, so it never waits for a refresh.
public final class MetricsStore: Sendable {
    private let current: Mutex<PublishedMetrics?> = Mutex(nil)

    public init() {}

    /// The metrics of the last refresh, or nil before the first one was rendered.
    public var published: PublishedMetrics? { current.withLock { $0 } }

    func publish(_ metrics: PublishedMetrics) { current.withLock { $0 = metrics } }
}

import EGovExposition
import Hummingbird
import Synchronization

/// What a scrape serves, rendered once per refresh: both exposition formats gzip-compressed (what
/// Prometheus asks for) the landing page and what the pages read. Immutable; scrapes share the buffers without
/// copying them.
public struct PublishedMetrics: Sendable {
    public let textGzip: ByteBuffer
    public let openMetricsGzip: ByteBuffer
    /// The landing page without a filter.
    public let landingPage: ByteBuffer
    /// What the pages render from: a filtered landing page, a unit's page.
    public let pages: PageModel
    /// True once a refresh has succeeded: /readyz turns 200.
    public let ready: Bool

    /// The body for `format`, gzip-encoded when `gzip` is true. An uncompressed body (a person
    /// with curl) is inflated on demand: keeping it would cost 2-3 MB at province scale, twice
    /// while a refresh replaces it, for requests that Prometheus never makes.
    public func body(_ format: ExpositionFormat, gzip: Bool) -> ByteBuffer {
        let compressed = format == .prometheusText ? textGzip : openMetricsGzip
        return gzip ? compressed : ByteBuffer(bytes: Gzip.decompress(compressed.readableBytesView) ?? [])
    }

    /// The text exposition, uncompressed.
    public var text: ByteBuffer { body(.prometheusText, gzip: false) }
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

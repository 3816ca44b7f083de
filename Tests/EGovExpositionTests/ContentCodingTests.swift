import EGovExposition
import Testing

/// Accept-Encoding negotiation (also fuzzed by scripts/fuzz.sh).
@Suite("Accept-Encoding")
struct ContentCodingTests {
    @Test("gzip is chosen exactly when allowed", arguments: [
        (nil, false), ("", false), ("gzip", true), ("GZIP", true), ("x-gzip", true), ("gzip;q=0", false),
        ("gzip; q=0.5", true), ("deflate, br", false), ("*", true), ("*;q=0", false), ("gzip;q=0, *", false),
        ("identity, *;q=0.1", true), (" ,;,\t gzip \t", true), (";;,,", false), ("gzip;q=abc", true),
    ] as [(String?, Bool)])
    func acceptsGzip(_ header: String?, _ expected: Bool) {
        #expect(ContentCoding.acceptsGzip(header) == expected)
    }
}

import EGovExposition
import Testing

/// Content negotiation on the Accept header.
@Suite("Format negotiation")
struct NegotiationTests {
    static let prometheusDefault = "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1"

    @Test("accept headers", arguments: [
        (prometheusDefault, ExpositionFormat.openMetrics),
        // Prometheus 3's default, with escaping parameters.
        ("application/openmetrics-text;version=1.0.0;escaping=allow-utf-8,application/openmetrics-text;version=0.0.1;q=0.9,text/plain;version=1.0.0;escaping=allow-utf-8;q=0.8,text/plain;version=0.0.4;q=0.7,*/*;q=0.6", .openMetrics),
        (nil, .prometheusText),
        ("", .prometheusText),
        ("*/*", .prometheusText),
        ("text/plain", .prometheusText),
        ("text/plain; version=0.0.4", .prometheusText),
        ("text/*", .prometheusText),
        ("application/openmetrics-text", .openMetrics),
        ("application/openmetrics-text; version=0.0.1", .openMetrics),
        ("Application/OpenMetrics-Text; Version=1.0.0; Charset=UTF-8", .openMetrics),
        ("text/plain;q=0.4, application/openmetrics-text;q=0.6", .openMetrics),
        ("application/openmetrics-text;q=0.4, text/plain;q=0.6", .prometheusText),
        ("application/openmetrics-text;q=0, */*", .prometheusText),
        ("text/plain;q=0, */*;q=0.1", .openMetrics),
        ("*/*, application/openmetrics-text", .openMetrics),
        ("application/json", .prometheusText),
        ("garbage", .prometheusText),
        (";;,,/", .prometheusText),
        ("application/openmetrics-text;q=banana", .prometheusText),
    ] as [(String?, ExpositionFormat)])
    func negotiate(accept: String?, expected: ExpositionFormat) {
        #expect(ExpositionFormat.negotiate(accept: accept) == expected)
    }

    @Test("content types")
    func contentTypes() {
        #expect(ExpositionFormat.prometheusText.contentType == "text/plain; version=0.0.4; charset=utf-8")
        #expect(ExpositionFormat.openMetrics.contentType == "application/openmetrics-text; version=1.0.0; charset=utf-8")
    }
}

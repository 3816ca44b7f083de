import EGovExposition
import Testing

/// The text formats themselves, on hand-made families.
@Suite("Rendering")
struct RenderTests {
    let family = MetricFamily(name: "demo_value", help: #"A \ help "text"\#nspanning lines."#, samples: [
        MetricSample(labels: [("a", "2"), ("b", "x")], value: 13.0 / 14.0),
        MetricSample(labels: [("a", "10"), ("b", "y")], value: 351),
        MetricSample(labels: [("a", "2"), ("b", "a\"b\\c\nd")], value: -2),
    ])

    @Test("text 0.0.4: HELP escapes \\ and newline only; labels escaped; samples sorted byte-wise")
    func textFormat() {
        #expect(Fixture.text([family], .prometheusText) == #"""
            # HELP demo_value A \\ help "text"\nspanning lines.
            # TYPE demo_value gauge
            demo_value{a="10",b="y"} 351
            demo_value{a="2",b="a\"b\\c\nd"} -2
            demo_value{a="2",b="x"} 0.9285714285714286

            """#)
    }

    @Test("OpenMetrics: HELP escapes the quote too, and the body ends with # EOF")
    func openMetrics() {
        let text = Fixture.text([family], .openMetrics)
        #expect(text.hasPrefix(#"# HELP demo_value A \\ help \"text\"\nspanning lines."# + "\n"))
        #expect(text.hasSuffix("demo_value{a=\"2\",b=\"x\"} 0.9285714285714286\n# EOF\n"))
        #expect(Fixture.text([], .openMetrics) == "# EOF\n")
        #expect(Fixture.text([], .prometheusText) == "")
    }

    @Test("values: integers without a fraction, shortest round-trip otherwise, Prometheus spellings")
    func values() {
        let values: [Double] = [0, -0.0, 351, 2.5, 1e-5, 1e20, 1_712_700_000.125, .infinity, -.infinity, .nan]
        let family = MetricFamily(name: "v", help: "h", samples: values.enumerated().map {
            MetricSample(labels: [("i", String(UnicodeScalar(UInt8(97 + $0.offset))))], value: $0.element)
        })
        let rendered = Fixture.text([family]).split(separator: "\n").dropFirst(2).map { $0.split(separator: " ")[1] }
        #expect(rendered == ["0", "0", "351", "2.5", "1e-05", "1e+20", "1712700000.125", "+Inf", "-Inf", "NaN"])
    }

    @Test("counters: `_total` samples; metadata named x_total in text 0.0.4 and x in OpenMetrics")
    func counters() {
        let counter = MetricFamily(name: "demo_failures", help: "Failures.", type: .counter,
                                   samples: [MetricSample(labels: [], value: 7)])
        #expect(Fixture.text([counter], .prometheusText) == """
            # HELP demo_failures_total Failures.
            # TYPE demo_failures_total counter
            demo_failures_total 7

            """)
        #expect(Fixture.text([counter], .openMetrics) == """
            # HELP demo_failures Failures.
            # TYPE demo_failures counter
            demo_failures_total 7
            # EOF

            """)
    }

    @Test("a repeated series is written once (the first one given)")
    func duplicates() {
        let family = MetricFamily(name: "d", help: "h", samples: [
            MetricSample(labels: [("a", "1")], value: 1),
            MetricSample(labels: [("a", "0")], value: 0),
            MetricSample(labels: [("a", "1")], value: 2),
        ])
        #expect(Fixture.text([family]) == "# HELP d h\n# TYPE d gauge\nd{a=\"0\"} 0\nd{a=\"1\"} 1\n")
    }

    @Test("shuffled families and samples render to identical bytes", arguments: [1, 2, 3, 4, 5] as [UInt64])
    func stableOrder(seed: UInt64) {
        let families = EGovMetrics.families(result: Fixture.result(), selfMetrics: Fixture.selfMetrics)
        var random = SplitMix(state: seed)
        let shuffled = families.shuffled(using: &random).map { family in
            var copy = family
            copy.samples.shuffle(using: &random)
            return copy
        }
        for format in [ExpositionFormat.prometheusText, .openMetrics] {
            #expect(Exposition.render(shuffled, format: format) == Exposition.render(families, format: format))
        }
    }
}

/// A seeded generator, so a failing shuffle can be replayed.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Renders metric families in the Prometheus text format 0.0.4 or OpenMetrics 1.0.0.
///
/// Output is deterministic: families sorted by name and, within a family, samples sorted by
/// their label values in label order (byte-wise UTF-8 comparison, as Go's `sort.Strings`); both
/// sorts are stable. A sample naming the same series as an earlier one is dropped, so the output
/// never holds a duplicate series. A family without samples is left out entirely.
public enum Exposition {
    /// The exposition body of `families` in `format`, as UTF-8 bytes.
    public static func render(_ families: [MetricFamily], format: ExpositionFormat) -> [UInt8] {
        let ordered = families.sorted { Self.precedes($0.name, $1.name) }
        let sampleCount = ordered.reduce(0) { $0 + $1.samples.count }
        var writer = ByteWriter(capacity: sampleCount * 110 + ordered.count * 200 + 16)
        for family in ordered where !family.samples.isEmpty {
            write(family, format: format, to: &writer)
        }
        if format == .openMetrics { writer.append("# EOF\n") }
        return writer.bytes
    }

    /// The same bytes as `render` in each of `formats`, gzip-compressed as they are written:
    /// each family is made once, written in every format and dropped, and no body is held
    /// uncompressed whole (a province's is a few megabytes; its gzip, 150 kB).
    public static func renderGzip(_ families: [LazyFamily], formats: [ExpositionFormat], level: Int32 = 6) -> [[UInt8]] {
        let chunk = 1 << 16
        let streams = formats.map { _ in GzipStream(level: level) }
        var writers = formats.map { _ in ByteWriter(capacity: 2 * chunk) }
        for lazy in families.sorted(by: { Self.precedes($0.name, $1.name) }) {
            let family = lazy.make()
            guard !family.samples.isEmpty else { continue }
            for index in formats.indices {
                write(family, format: formats[index], to: &writers[index]) {
                    streams[index].write($0.bytes)
                    $0.removeAll()
                }
            }
        }
        return formats.indices.map { index in
            if formats[index] == .openMetrics { writers[index].append("# EOF\n") }
            streams[index].write(writers[index].bytes)
            return streams[index].finish()
        }
    }

    /// The same as `render`, as a String (for tests, logs and the snapshot of a golden file).
    public static func renderText(_ families: [MetricFamily], format: ExpositionFormat) -> String {
        String(decoding: render(families, format: format), as: UTF8.self)
    }

    /// Writes `family`, handing `writer` to `flush` whenever it holds 64 kB or more.
    private static func write(_ family: MetricFamily, format: ExpositionFormat, to writer: inout ByteWriter,
                              flush: (inout ByteWriter) -> Void = { _ in }) {
        // Text 0.0.4 names a counter's metadata after its samples (`x_total`); OpenMetrics after
        // the family (`x`), the samples keeping `_total`.
        let sampleName = Array(family.sampleName.utf8)
        let metadataName = format == .openMetrics ? Array(family.name.utf8) : sampleName
        writer.append("# HELP ")
        writer.append(metadataName)
        writer.append(UInt8(ascii: " "))
        writer.appendHelp(family.help, format: format)
        writer.append("\n# TYPE ")
        writer.append(metadataName)
        writer.append(UInt8(ascii: " "))
        writer.append(family.type.rawValue)
        writer.append(.newline)

        let samples = sortedSamples(family.samples)
        var previous: MetricSample?
        for sample in samples {
            if let previous, previous.hasSameLabels(as: sample) { continue }
            previous = sample
            writer.append(sampleName)
            if !sample.labels.isEmpty {
                writer.append(UInt8(ascii: "{"))
                for (index, label) in sample.labels.enumerated() {
                    if index > 0 { writer.append(UInt8(ascii: ",")) }
                    writer.append(label.name)
                    writer.append(UInt8(ascii: "="))
                    writer.append(.quote)
                    writer.appendLabelValue(label.value)
                    writer.append(.quote)
                }
                writer.append(UInt8(ascii: "}"))
            }
            writer.append(UInt8(ascii: " "))
            writer.appendValue(sample.value)
            writer.append(.newline)
            if writer.bytes.count >= 1 << 16 { flush(&writer) }
        }
    }

    /// `samples` in series order; already sorted input (the usual case) is returned as is.
    static func sortedSamples(_ samples: [MetricSample]) -> [MetricSample] {
        var isSorted = true
        for index in samples.indices.dropFirst() where seriesPrecedes(samples[index], samples[index - 1]) {
            isSorted = false
            break
        }
        return isSorted ? samples : samples.sorted(by: seriesPrecedes)
    }

    /// Series order: label values compared in label order, then the shorter label list first.
    static func seriesPrecedes(_ a: MetricSample, _ b: MetricSample) -> Bool {
        for (l, r) in zip(a.labels, b.labels) where l.value != r.value {
            return precedes(l.value, r.value)
        }
        return a.labels.count < b.labels.count
    }

    /// Byte-wise comparison of the UTF-8 spellings (independent of Unicode normalisation).
    static func precedes(_ a: String, _ b: String) -> Bool {
        var a = a, b = b
        return a.withUTF8 { x in
            b.withUTF8 { y in
                for (l, r) in zip(x, y) where l != r { return l < r }
                return x.count < y.count
            }
        }
    }
}

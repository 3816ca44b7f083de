/// The kind of a metric family. Only the two the exporter needs.
public enum MetricType: String, Sendable {
    /// A value that can go up and down.
    case gauge
    /// A monotonically increasing count; its sample name carries the `_total` suffix.
    case counter
}

/// One series of a family: its labels, in the order they are written, and its value.
public struct MetricSample: Sendable, Equatable {
    /// Label names and values, in exposition order. Names must be valid Prometheus label names.
    public let labels: [(name: String, value: String)]
    /// The sample's value.
    public let value: Double

    /// A sample with `labels` (written in this order) and `value`.
    public init(labels: [(name: String, value: String)], value: Double) {
        self.labels = labels
        self.value = value
    }

    /// Same label names and values in the same order, and the same value (NaN is never equal).
    public static func == (a: MetricSample, b: MetricSample) -> Bool {
        a.value == b.value && a.hasSameLabels(as: b)
    }

    /// Whether both samples name the same series: same label names and values, in order.
    func hasSameLabels(as other: MetricSample) -> Bool {
        guard labels.count == other.labels.count else { return false }
        for (l, r) in zip(labels, other.labels) where l.name != r.name || l.value != r.value { return false }
        return true
    }
}

/// A metric family: name, help text, type and its series.
public struct MetricFamily: Sendable {
    /// The family name. For a counter, without the `_total` suffix its samples carry.
    public let name: String
    /// One line of plain text; escaped when rendered.
    public let help: String
    /// Gauge or counter.
    public let type: MetricType
    /// The series, in any order: rendering sorts them.
    public var samples: [MetricSample]

    /// A family named `name` (no `_total` for a counter) with `samples`.
    public init(name: String, help: String, type: MetricType = .gauge, samples: [MetricSample] = []) {
        self.name = name
        self.help = help
        self.type = type
        self.samples = samples
    }

    /// The name written on the sample lines: `name_total` for a counter, `name` for a gauge.
    public var sampleName: String { type == .counter ? name + "_total" : name }
}

/// A metric family made when it is needed: its name (for ordering) and how to make it.
public struct LazyFamily {
    /// The family's name.
    public let name: String
    /// Makes the family.
    public let make: () -> MetricFamily

    /// A family made by `make`, named `name`.
    public init(name: String, make: @escaping () -> MetricFamily) {
        self.name = name
        self.make = make
    }

    /// A family already made.
    public init(_ family: MetricFamily) {
        self.init(name: family.name) { family }
    }
}

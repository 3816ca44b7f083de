/// A figure of a report under one JSON key: a count, or a 0–1 rate. `nil` is JSON null: the row
/// does not apply to the unit, its catalogue column is missing, or a rate's denominator is 0.
public enum FigureValue: Hashable, Sendable {
    case count(Int?)
    case rate(Ratio?)
}

/// One key of the flat report (`report --format json`, the snapshot's figures).
public struct ReportField: Sendable {
    public let key: String
    public let value: @Sendable (UnitReport) -> FigureValue

    public init(_ key: String, _ value: @escaping @Sendable (UnitReport) -> FigureValue) {
        self.key = key
        self.value = value
    }

    /// A count under `key`.
    public static func count(_ key: String, _ value: @escaping @Sendable (UnitReport) -> Int?) -> Self {
        Self(key) { .count(value($0)) }
    }

    /// A rate under `key`.
    public static func rate(_ key: String, _ value: @escaping @Sendable (UnitReport) -> Ratio?) -> Self {
        Self(key) { .rate(value($0)) }
    }
}

/// A metric family with series for every unit and exposed period, labelled `{unit, level,
/// period}` and then `labelNames`. The exposition renders it; the domain only says what it is.
public struct MetricDeclaration: Sendable {
    public let name: String
    /// The help text, before the exposition's "Refreshed every N seconds." sentence.
    public let help: String
    public let labelNames: [String]
    /// One unit's series: the values of `labelNames` and the value; a nil value (undefined rate,
    /// row not applicable) leaves the series out.
    public let series: @Sendable (UnitReport) -> [(labels: [String], value: Double?)]

    public init(_ name: String, _ help: String, labelNames: [String],
                series: @escaping @Sendable (UnitReport) -> [(labels: [String], value: Double?)]) {
        self.name = name
        self.help = help
        self.labelNames = labelNames
        self.series = series
    }

    /// One unlabelled count per unit and period, left out when nil.
    public static func count(_ name: String, _ help: String, _ value: @escaping @Sendable (UnitReport) -> Int?) -> Self {
        Self(name, help, labelNames: []) { [([], value($0).map(Double.init))] }
    }

    /// One 0–1 ratio per unit and period, left out when undefined.
    public static func ratio(_ name: String, _ help: String, _ ratio: @escaping @Sendable (UnitReport) -> Ratio?) -> Self {
        Self(name, help, labelNames: []) { [([], ratio($0)?.value)] }
    }

    /// Counts split by one label; a nil part is left out.
    public static func split(_ name: String, _ help: String, _ label: String,
                             _ parts: @escaping @Sendable (UnitReport) -> [(String, Int?)]) -> Self {
        Self(name, help, labelNames: [label]) { report in parts(report).map { ([$0.0], $0.1.map(Double.init)) } }
    }

    /// Ratios split by one label; an undefined part is left out.
    public static func splitRatio(_ name: String, _ help: String, _ label: String,
                                  _ parts: @escaping @Sendable (UnitReport) -> [(String, Ratio?)]) -> Self {
        Self(name, help, labelNames: [label]) { report in parts(report).map { ([$0.0], $0.1?.value) } }
    }
}

/// One indicator family, declared once: its report keys, its metric families and the appendix
/// rows it fills. The JSON and table reports, the exposition and the appendix walk
/// `IndicatorCatalogue.families`; adding an indicator is its SQL, its figures and one entry here.
public struct IndicatorFamily: Sendable {
    public let name: String
    public let fields: [ReportField]
    public let metrics: [MetricDeclaration]
    public let rows: [AppendixEntry]

    public init(name: String, fields: [ReportField], metrics: [MetricDeclaration], rows: [AppendixEntry]) {
        self.name = name
        self.fields = fields
        self.metrics = metrics
        self.rows = rows
    }
}

/// Every indicator family, in the order of the report's keys.
public enum IndicatorCatalogue {
    public static let families: [IndicatorFamily] = [
        .dossiers, .procedures, .documents, .eoffice, .staff, .connections, .declared,
    ]

    /// Every metric family of the units' figures, in name order.
    public static let metrics: [MetricDeclaration] = families.flatMap(\.metrics).sorted { $0.name < $1.name }
}

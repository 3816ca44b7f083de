import EGovKPI

/// Where the records come from. Adapters return plain aggregate rows; the indicators are pure
/// functions of them (`PeriodReport`). `InMemorySource` serves tests and examples.
public protocol RecordSource: Sendable {
    /// The catalog and the aggregate rows of `periods`, read consistently (one transaction).
    /// With `unit`, only that unit's subtree is read (the tree itself is always read whole);
    /// records of unknown units are then not looked at.
    func snapshot(periods: [ReportingPeriod], unit: String?) throws -> SourceSnapshot
}

extension RecordSource {
    /// Every unit's report for `period` (or only `unit`'s subtree's, when given).
    public func report(for period: ReportingPeriod, unit: String? = nil) throws -> PeriodReport {
        try snapshot(periods: [period], unit: unit).reports()[0]
    }
}

/// A source holding literal aggregate rows, for tests.
public struct InMemorySource: RecordSource {
    public let catalog: SourceCatalog
    public let periods: [ReportingPeriod: PeriodAggregates]

    public init(catalog: SourceCatalog, periods: [PeriodAggregates]) {
        self.catalog = catalog
        self.periods = Dictionary(periods.map { ($0.period, $0) }, uniquingKeysWith: { a, _ in a })
    }

    public func snapshot(periods wanted: [ReportingPeriod], unit: String?) throws -> SourceSnapshot {
        SourceSnapshot(catalog: catalog, periods: wanted.map {
            periods[$0] ?? PeriodAggregates(period: $0, dossiers: [], documents: [], staff: [], workFiles: [])
        })
    }
}

/// A source failure, described without paths to credentials or connection strings.
public struct SourceError: Error, CustomStringConvertible, Equatable {
    /// What was being done: "open", "query units"...
    public let operation: String
    /// The database file (never a connection string with a password).
    public let location: String
    public let message: String

    public init(operation: String, location: String, message: String) {
        self.operation = operation
        self.location = location
        self.message = message
    }

    public var description: String { "\(location): \(operation): \(message)" }
}

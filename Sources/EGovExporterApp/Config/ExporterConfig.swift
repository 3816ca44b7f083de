import Foundation
import EGovKPI

/// The exporter's configuration after validation: every value in range, every name resolved.
///
/// Built only by `ConfigLoader` (from YAML) and `ConfigOverrides` (from flags), or copied from
/// `ExporterConfig.default`, so code that receives one never re-checks it.
public struct ExporterConfig: Sendable, Equatable {
    /// Where the HTTP server listens.
    public var listen: ListenAddress
    /// Seconds between the starts of two refreshes (5...86400).
    public var refreshInterval: Int
    /// Seconds a refresh may take before it counts as failed (1...refreshInterval).
    public var refreshTimeout: Int
    /// Seconds between two counts of the invalid records of the whole history (0: at every
    /// refresh). The figures are read at every refresh, bounded by the periods.
    public var invalidRecordsInterval: Int
    /// Seconds a count of the invalid records may take (1...3600); past it the count is given
    /// up, the figures are served and the count is tried again at the next refresh.
    public var invalidRecordsTimeout: Int
    /// The one-stop-shop and document-management databases.
    public var sources: SourcesConfig
    /// How the reporting year is cut into quarters.
    public var periodProfile: PeriodProfile
    /// The time zone of the records and of "today".
    public var timeZone: UTCOffset
    /// `timeZone` as written in the configuration.
    public var timeZoneName: String
    /// When set, only this unit and its subtree are exported.
    public var rootUnit: String?
    /// The periods exposed, in this order; non-empty, no duplicates.
    public var periods: [ExposedPeriodKind]
    /// The appendix rows the office declares (sections 1, 2, 4, 5, 6 and 7.1-7.4).
    public var declared: [Declaration]
    /// Cardinality guard: the exporter refuses to serve more units than this.
    public var maxUnits: Int
    /// The exporter's own state database (the snapshots); never a source database.
    public var statePath: String
    /// When and for which units the daemon takes the quarterly snapshots.
    public var snapshots: SnapshotConfig
    /// How `egov-exporter import` reads the one-stop-shop system's payloads.
    public var importing: ImportConfig = .default
    /// The targets the landing and unit pages colour the rates against.
    public var targets: Targets = .default
    /// Timeouts and the connection cap of the HTTP server.
    public var http: HTTPLimits
    /// The exporter-toolkit web configuration (TLS, basic auth, headers, rate limit), if any.
    public var webConfigFile: String?

    /// The port the exporter listens on by default: fixed, outside the 9100-9999 range
    /// Prometheus exporters register in.
    public static let defaultPort = 8466

    /// The configuration used when no file is given: every key at its documented default.
    public static let `default` = ExporterConfig(
        listen: ListenAddress(host: "127.0.0.1", port: defaultPort)!,
        refreshInterval: 60,
        refreshTimeout: 30,
        invalidRecordsInterval: 3600,
        invalidRecordsTimeout: 300,
        sources: SourcesConfig(dossiers: .defaultSQLite, documents: .defaultSQLite),
        periodProfile: .nd09,
        timeZone: .vietnam,
        timeZoneName: "Asia/Ho_Chi_Minh",
        rootUnit: nil,
        periods: ExposedPeriodKind.allCases,
        declared: [],
        maxUnits: 2000,
        statePath: "data/egov-exporter-state.sqlite",
        snapshots: SnapshotConfig(enabled: true, levels: [UnitLevel.province, UnitLevel.district, UnitLevel.commune],
                                  periods: [.quarter], delayDays: 0),
        http: .default,
        webConfigFile: nil
    )

    /// Allowed refresh intervals, in seconds.
    static let refreshIntervalRange = 5...86_400
    /// Allowed values of `invalid_records_interval`, in seconds: up to a week.
    static let invalidRecordsIntervalRange = 0...604_800
    /// Allowed values of `max_units`.
    static let maxUnitsRange = 1...1_000_000
}

/// A `HOST:PORT` listen address; an IPv6 host is written in brackets (`[::1]:8466`).
public struct ListenAddress: Sendable, Equatable, CustomStringConvertible {
    /// Host name or IP address, without brackets.
    public let host: String
    /// TCP port, 1...65535.
    public let port: Int

    /// Parses `HOST:PORT` or `[IPV6]:PORT`; nil when malformed or the port is out of range.
    public init?(_ text: String) {
        guard case .success(let address) = Self.parse(text) else { return nil }
        self = address
    }

    /// An address from its parts; nil when the host is empty or the port out of range.
    public init?(host: String, port: Int) {
        guard !host.isEmpty, Self.portRange.contains(port) else { return nil }
        self.host = host
        self.port = port
    }

    /// `host:port`, with brackets around an IPv6 host.
    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

    /// Valid TCP ports.
    static let portRange = 1...65_535

    /// The address `text` names, or the message explaining why it names none.
    static func parse(_ text: String) -> Result<ListenAddress, ListenAddressError> {
        let host: Substring
        let portText: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]"), text[close...].hasPrefix("]:") else {
                return .failure(.malformed(text))
            }
            host = text[text.index(after: text.startIndex)..<close]
            portText = text[text.index(close, offsetBy: 2)...]
            guard !host.isEmpty, host.allSatisfy({ $0.isHexDigit || ":.%".contains($0) }) else {
                return .failure(.malformed(text))
            }
        } else {
            guard let colon = text.lastIndex(of: ":") else { return .failure(.malformed(text)) }
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
            guard !host.isEmpty, host.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-._".contains($0)) }) else {
                return .failure(.malformed(text))
            }
        }
        guard !portText.isEmpty, portText.allSatisfy(\.isASCII), portText.allSatisfy(\.isNumber),
              let port = Int(portText) else { return .failure(.malformed(text)) }
        guard portRange.contains(port) else { return .failure(.portOutOfRange(port)) }
        return .success(ListenAddress(uncheckedHost: String(host), port: port))
    }

    private init(uncheckedHost host: String, port: Int) {
        self.host = host
        self.port = port
    }
}

/// Why a listen address is refused; `description` is the configuration error message.
enum ListenAddressError: Error, CustomStringConvertible {
    /// Not `HOST:PORT` or `[IPV6]:PORT`.
    case malformed(String)
    /// A port outside 1...65535.
    case portOutOfRange(Int)

    var description: String {
        switch self {
        case .malformed(let text):
            "invalid listen address '\(text)': expected HOST:PORT such as 127.0.0.1:\(ExporterConfig.defaultPort) or [::1]:\(ExporterConfig.defaultPort)"
        case .portOutOfRange(let port):
            "port \(port) out of range 1-65535"
        }
    }
}

/// The periods the exporter computes at each refresh (the `period` label).
public enum ExposedPeriodKind: String, Sendable, CaseIterable {
    /// The reporting quarter containing today, up to today.
    case currentQuarter = "current_quarter"
    /// The last complete reporting quarter.
    case previousQuarter = "previous_quarter"
    /// The reporting year containing today, up to today.
    case currentYear = "current_year"
    /// The 30 days ending today.
    case last30Days = "last_30_days"
}

/// One declared appendix row: `unit` reports `value` for `row` from `effective` on. The loader
/// guarantees `value` is one the row accepts.
public typealias Declaration = DeclaredFact

/// The daemon's automatic snapshots: once a period of one of `periods` has closed (at the first
/// refresh on or after the day after its last day plus `delayDays`), every unit at one of
/// `levels` gets its snapshot, once.
public struct SnapshotConfig: Sendable, Equatable {
    public var enabled: Bool
    /// Unit levels (`province`, `district`, `commune`, or another word of the units table).
    public var levels: [String]
    public var periods: [SnapshotPeriodKind]
    /// Days to wait after the period's last day (late records still coming in), 0...366.
    public var delayDays: Int

    public init(enabled: Bool, levels: [String], periods: [SnapshotPeriodKind], delayDays: Int) {
        self.enabled = enabled
        self.levels = levels
        self.periods = periods
        self.delayDays = delayDays
    }
}

/// The kinds of period the daemon snapshots: the quarter, and the cumulative periods offices
/// also report on (6 months, 9 months, the year).
public enum SnapshotPeriodKind: String, Sendable, CaseIterable {
    case quarter, halfYear = "half_year", nineMonths = "nine_months", year

    /// The most recent period of this kind whose last day is before `day`.
    public func lastClosed(before day: LocalDate, calendar: ReportingCalendar) -> ReportingPeriod {
        let span: PeriodSpan
        switch self {
        case .quarter: return calendar.previousQuarterPeriod(before: day)
        case .halfYear: span = .h1
        case .nineMonths: span = .nineMonths
        case .year: span = .year
        }
        let year = calendar.quarter(containing: day).year
        let current = calendar.period(year: year, span: span)
        return current.lastDay < day ? current : calendar.period(year: year - 1, span: span)
    }
}

extension ExporterConfig {
    /// Why `statePath` may not be used: it names a source database (the sources are read-only to
    /// the exporter, always); nil when it is a file of its own.
    var stateClash: String? {
        func normalized(_ path: String) -> String {
            (path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path)
                .split(separator: "/").reduce(into: [Substring]()) { parts, part in
                    if part == ".." { _ = parts.popLast() } else if part != "." { parts.append(part) }
                }.joined(separator: "/")
        }
        for (name, source) in [("dossiers", sources.dossiers), ("documents", sources.documents)] {
            if case .sqlite(let path, _) = source, normalized(path) == normalized(statePath) {
                return "the state database '\(statePath)' is the \(name) source: the exporter writes its state to a file of its own and never writes to a source"
            }
        }
        return nil
    }
}

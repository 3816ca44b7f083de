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
    /// Rows 7.1-7.4 as the office declared them.
    public var declared: [Declaration]
    /// Cardinality guard: the exporter refuses to serve more units than this.
    public var maxUnits: Int

    /// The port the exporter listens on by default: fixed, outside the 9100-9999 range
    /// Prometheus exporters register in.
    public static let defaultPort = 8466

    /// The configuration used when no file is given: every key at its documented default.
    public static let `default` = ExporterConfig(
        listen: ListenAddress(host: "127.0.0.1", port: defaultPort)!,
        refreshInterval: 60,
        refreshTimeout: 30,
        sources: SourcesConfig(dossiers: .defaultSQLite, documents: .defaultSQLite),
        periodProfile: .nd09,
        timeZone: .vietnam,
        timeZoneName: "Asia/Ho_Chi_Minh",
        rootUnit: nil,
        periods: ExposedPeriodKind.allCases,
        declared: [],
        maxUnits: 2000
    )

    /// Allowed refresh intervals, in seconds.
    static let refreshIntervalRange = 5...86_400
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

/// One declared fact of rows 7.1-7.4: `unit` reports `value` for `indicator` from `effective`
/// on. The loader guarantees `value` is within `0...indicator.maxCode`.
public typealias Declaration = DeclaredFact

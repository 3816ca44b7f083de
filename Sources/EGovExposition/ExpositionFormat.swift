/// The two exposition formats the exporter serves.
public enum ExpositionFormat: Sendable, Equatable {
    /// Prometheus text format 0.0.4.
    case prometheusText
    /// OpenMetrics text format 1.0.0.
    case openMetrics

    /// The `Content-Type` header value of a body in this format.
    public var contentType: String {
        switch self {
        case .prometheusText: "text/plain; version=0.0.4; charset=utf-8"
        case .openMetrics: "application/openmetrics-text; version=1.0.0; charset=utf-8"
        }
    }

    /// Picks the format an `Accept` header prefers, honouring q-values (RFC 9110 section 12.5.1).
    ///
    /// Each format takes the q-value of the most specific media range that matches it
    /// (`text/plain` before `text/*` before `*/*`); the higher q wins; on a tie the format named
    /// more specifically wins, then the one named first, then Prometheus text. OpenMetrics is offered for any `version` parameter: a client asking
    /// only for OpenMetrics 0.0.1 still gets 1.0.0, which Prometheus parses with the same parser.
    /// An absent, empty or unparseable header, or one that accepts neither format, gives
    /// `prometheusText`, the format every scraper understands.
    public static func negotiate(accept: String?) -> ExpositionFormat {
        guard let accept, !accept.isEmpty else { return .prometheusText }
        var text = Preference.none
        var openMetrics = Preference.none
        for (position, element) in accept.split(separator: ",").enumerated() {
            guard let range = MediaRange(element) else { continue }
            text.consider(range, position: position, matches: range.matches(type: "text", subtype: "plain"))
            openMetrics.consider(range, position: position,
                                 matches: range.matches(type: "application", subtype: "openmetrics-text"))
        }
        guard openMetrics.q > 0 else { return .prometheusText }
        return openMetrics.isPreferred(over: text) ? .openMetrics : .prometheusText
    }
}

/// The q-value a format got from its most specific matching media range.
private struct Preference {
    var q = 0.0
    var specificity = -1
    var position = Int.max

    static let none = Preference()

    mutating func consider(_ range: MediaRange, position: Int, matches: Bool) {
        guard matches, range.specificity > specificity else { return }
        self = Preference(q: range.q, specificity: range.specificity, position: position)
    }

    /// Higher q; on a tie, more specific; then written first.
    func isPreferred(over other: Preference) -> Bool {
        if q != other.q { return q > other.q }
        if specificity != other.specificity { return specificity > other.specificity }
        return position < other.position
    }
}

/// One element of an Accept header: `type/subtype; param=value; q=0.5`.
private struct MediaRange {
    let type: Substring
    let subtype: Substring
    let q: Double

    /// 0 for `*/*`, 1 for `type/*`, 2 for `type/subtype`.
    var specificity: Int { type == "*" ? 0 : subtype == "*" ? 1 : 2 }

    init?(_ element: Substring) {
        let parts = element.split(separator: ";").map { $0.trimmingSpaces() }
        guard let mediaType = parts.first else { return nil }
        let halves = mediaType.split(separator: "/", omittingEmptySubsequences: false)
        guard halves.count == 2, !halves[0].isEmpty, !halves[1].isEmpty,
              halves[0] != "*" || halves[1] == "*" else { return nil }
        var q = 1.0
        for parameter in parts.dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingSpaces().lowercased() == "q" else { continue }
            guard let value = Double(pair[1].trimmingSpaces()), (0...1).contains(value) else { return nil }
            q = value
        }
        self.type = Substring(halves[0].lowercased())
        self.subtype = Substring(halves[1].lowercased())
        self.q = q
    }

    func matches(type: String, subtype: String) -> Bool {
        (self.type == "*" || self.type == type) && (self.subtype == "*" || self.subtype == subtype)
    }
}

extension Substring {
    /// Without leading and trailing spaces and tabs.
    fileprivate func trimmingSpaces() -> Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = lastIndex(where: { !isSpace($0) })!
        return self[first...last]
    }
}

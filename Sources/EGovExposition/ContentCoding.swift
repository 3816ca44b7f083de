/// `Accept-Encoding` negotiation for the exposition: the only coding offered besides identity is
/// gzip. Foundation-free, so that the fuzzer (scripts/fuzz.sh) builds it on its own.
public enum ContentCoding {
    /// Whether an Accept-Encoding header allows gzip (`gzip`, `x-gzip` or `*` with a non-zero
    /// q-value; the first of gzip and x-gzip decides).
    public static func acceptsGzip(_ header: String?) -> Bool {
        guard let header else { return false }
        var star = false
        for part in header.split(separator: ",", omittingEmptySubsequences: false) {
            let pieces = part.split(separator: ";", omittingEmptySubsequences: false).map(trimmed)
            guard let coding = pieces.first?.lowercased(), !coding.isEmpty else { continue }
            let q = pieces.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            if coding == "gzip" || coding == "x-gzip" { return q > 0 }
            if coding == "*" { star = q > 0 }
        }
        return star
    }

    /// `text` without leading and trailing spaces and tabs (HTTP's optional whitespace).
    static func trimmed(_ text: Substring) -> Substring {
        let isSpace = { (c: Character) in c == " " || c == "\t" }
        guard let start = text.firstIndex(where: { !isSpace($0) }), let end = text.lastIndex(where: { !isSpace($0) }) else { return "" }
        return text[start...end]
    }
}

/// Numbers as Vietnamese documents print them: thousands grouped with a dot, decimals after a
/// comma (77.068; 24,14).
public enum VietnameseNumber {
    /// A decimal literal ("77068", "24.14", "-5") in Vietnamese notation.
    public static func text(_ literal: String) -> String {
        let negative = literal.hasPrefix("-")
        let body = negative ? literal.dropFirst() : Substring(literal)
        let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        var grouped = ""
        for (index, digit) in parts[0].enumerated() {
            if index > 0 && (parts[0].count - index) % 3 == 0 { grouped.append(".") }
            grouped.append(digit)
        }
        return (negative ? "-" : "") + grouped + (parts.count > 1 ? "," + parts[1] : "")
    }
}

extension VietnameseNumber {
    /// A whole number with its thousands grouped: 77.068.
    public static func text(_ n: Int) -> String { text(String(n)) }

    /// "98,5%": a rate as Vietnamese prose writes it (decimal comma, at most two decimals), or
    /// nil when undefined.
    public static func percent(_ ratio: Ratio) -> String? {
        AppendixValue(percent: ratio).map { $0.vietnamese + "%" }
    }
}

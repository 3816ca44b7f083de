/// Levenshtein distance, for "did you mean" suggestions.
public enum EditDistance {
    /// The number of single-character insertions, deletions and substitutions from `a` to `b`.
    public static func between(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in stride(from: 1, through: b.count, by: 1) {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            previous = current
        }
        return previous[b.count]
    }
}

/// Finding units as people name them: by code (with or without its leading zeros) or by name,
/// with or without diacritics ("binh yen" finds "Xã Bình Yên").
extension UnitTree {
    /// The units whose code or name contains `text` (diacritics, case and spacing aside), in
    /// pre-order; every unit when `text` is empty.
    public func search(_ text: String) -> [UnitRecord] {
        let wanted = VietnameseText.folded(text)
        return preorder.compactMap { units[$0] }.filter { unit in
            wanted.isEmpty || VietnameseText.folded(unit.code).contains(wanted) || VietnameseText.folded(unit.name).contains(wanted)
        }
    }

    /// Up to `limit` units `text` may have meant: the code without its leading zeros, a code
    /// one typo away, or a name containing the text; best first.
    public func suggestions(for text: String, limit: Int = 3) -> [UnitRecord] {
        let wanted = VietnameseText.folded(text)
        guard !wanted.isEmpty else { return [] }
        let trimmed = String(wanted.drop { $0 == "0" })
        var scored: [(score: Int, unit: UnitRecord)] = []
        for code in preorder {
            guard let unit = units[code] else { continue }
            let folded = VietnameseText.folded(code)
            let distance = EditDistance.between(wanted, folded)
            if !trimmed.isEmpty && String(folded.drop { $0 == "0" }) == trimmed {
                scored.append((0, unit))
            } else if distance <= 1 {
                scored.append((distance, unit))
            } else if VietnameseText.folded(unit.name).contains(wanted) {
                scored.append((3, unit))
            }
        }
        // Ties keep the tree's order: scored is in pre-order.
        return scored.enumerated().sorted { ($0.element.score, $0.offset) < ($1.element.score, $1.offset) }
            .prefix(limit).map(\.element.unit)
    }

    /// "unknown unit '5587': did you mean 05587 (Xã Bình Yên)?", or, when nothing is close,
    /// "unknown unit '99999': no such code in the units table of SOURCE".
    public func unknownUnitMessage(_ text: String, in source: String) -> String {
        let close = suggestions(for: text)
        guard !close.isEmpty else { return "unknown unit '\(text)': no such code in the units table of \(source)" }
        let names = close.map { "\($0.code) (\($0.name))" }
        let list = names.count == 1 ? names[0] : names.dropLast().joined(separator: ", ") + " or " + names.last!
        return "unknown unit '\(text)': did you mean \(list)?"
    }
}

/// Vietnamese text compared as people type it: without diacritics, in lower case, with single
/// spaces.
public enum VietnameseText {
    /// `text` lower-cased, its Vietnamese letters without tone or vowel marks (đ becomes d), runs
    /// of spaces made one: "Xã  Bình Yên" becomes "xa binh yen".
    public static func folded(_ text: String) -> String {
        var out = ""
        var space = false
        for character in text.lowercased() {
            if character == " " || character == "\t" {
                space = !out.isEmpty
                continue
            }
            if space { out.append(" ") }
            space = false
            out.append(base[character] ?? character)
        }
        return out
    }

    /// Each marked Vietnamese letter (lower case, precomposed) and its base letter.
    private static let base: [Character: Character] = {
        let groups: [(Character, String)] = [
            ("a", "àáảãạăằắẳẵặâầấẩẫậ"), ("e", "èéẻẽẹêềếểễệ"), ("i", "ìíỉĩị"), ("o", "òóỏõọôồốổỗộơờớởỡợ"),
            ("u", "ùúủũụưừứửữự"), ("y", "ỳýỷỹỵ"), ("d", "đ"),
        ]
        var table: [Character: Character] = [:]
        for (letter, marked) in groups { for c in marked { table[c] = letter } }
        return table
    }()
}

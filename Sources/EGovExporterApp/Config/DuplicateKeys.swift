import Yams

/// Yams refuses a mapping with a duplicated key and stops there. To report the duplicate *and*
/// every other problem, the loader renames the repeated key in the text to a marked name and
/// composes again; the decoder reports a marked key as a duplicate at its own line.
enum DuplicateKeys {
    private static let prefix = "__egov_duplicate_key_"

    /// `key` on `line` marked as a repetition of the key first written on `firstLine`; the
    /// own line keeps two marked repetitions of one key distinct.
    static func mark(_ key: String, firstLine: Int, line: Int) -> String { "\(prefix)\(firstLine)_\(line)__\(key)" }

    /// The original key and its first line, when `text` is a marked key.
    static func unmark(_ text: String) -> (key: String, firstLine: Int)? {
        guard text.hasPrefix(prefix) else { return nil }
        let rest = text.dropFirst(prefix.count)
        guard let separator = rest.range(of: "__"),
              let line = rest[..<separator.lowerBound].split(separator: "_").first.flatMap({ Int($0) }) else { return nil }
        return (String(rest[separator.upperBound...]), line)
    }

    /// `yaml` with the next occurrence of `key` after the one at `first` renamed, or nil when it
    /// cannot be found (a flow mapping on one line, say). Only block mappings are searched: the
    /// repetition sits at the same column, before any less-indented line ends the mapping.
    static func renamingNextOccurrence(of key: String, first: Mark, in yaml: String) -> String? {
        var lines = yaml.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let column = first.column - 1
        guard first.line >= 1, first.line <= lines.count else { return nil }
        for index in first.line..<lines.count {
            let scalars = Array(lines[index].unicodeScalars)
            let indent = scalars.prefix { $0 == " " }.count
            let rest = String(String.UnicodeScalarView(scalars[indent...]))
            if rest.allSatisfy({ $0.isWhitespace }) || rest.hasPrefix("#") { continue }
            if indent < column { return nil }
            guard indent == column else { continue }
            for token in [key, "\"\(key)\"", "'\(key)'"] where rest.hasPrefix(token) {
                let after = rest.dropFirst(token.count).drop { $0 == " " }
                guard after.hasPrefix(":") else { continue }
                let name = mark(key, firstLine: first.line, line: index + 1)
                let marked = token == key ? name : "\"\(name)\""
                lines[index] = String(repeating: " ", count: indent) + marked + rest.dropFirst(token.count)
                return lines.joined(separator: "\n")
            }
        }
        return nil
    }
}

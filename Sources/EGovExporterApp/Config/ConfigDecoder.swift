import EGovKPI
import EGovPostgres
import Yams

/// Walks a composed YAML tree strictly, collecting every problem as a `ConfigError` instead of
/// stopping at the first. Each accessor returns nil after reporting why.
final class ConfigDecoder {
    /// The file named in every error.
    let file: String
    /// The problems found so far, in discovery order.
    private(set) var errors: [ConfigError] = []

    /// Reads a `password_file` (PostgreSQL sources) when the configuration is loaded.
    let readPassword: PasswordReader

    /// How a password file is read: `PostgresSettings.readPassword(file:)`, or a stand-in in tests.
    typealias PasswordReader = @Sendable (String) -> Result<Password, PasswordFileError>

    /// A decoder whose errors name `file`.
    init(file: String, readPassword: @escaping PasswordReader = PostgresSettings.readPassword(file:)) {
        self.file = file
        self.readPassword = readPassword
    }

    /// A mapping's entries by key, once unknown and duplicate keys have been reported.
    struct Fields {
        /// Dotted path of the mapping ("" for the document).
        let path: String
        /// The mapping node, for the line of a missing key.
        let node: Node
        /// Value nodes by key.
        let entries: [String: Node]
    }

    /// Records a problem at `node`'s line under `path` ("" for the document itself).
    func report(_ node: Node?, _ path: String, _ message: String) {
        errors.append(ConfigError(file: file, line: node?.mark?.line, key: path.isEmpty ? nil : path, message: message))
    }

    /// `key` under `path`.
    static func child(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// The entries of the mapping `node`, reporting a non-mapping, unknown keys (with the closest
    /// known one), duplicated keys (marked by `DuplicateKeys`) and non-string keys.
    func mapping(_ node: Node, _ path: String, known: [String]) -> Fields? {
        guard case .mapping(let mapping) = node else {
            report(node, path, "expected a mapping, got \(Self.describe(node))")
            return nil
        }
        var entries: [String: Node] = [:]
        for (keyNode, value) in mapping {
            guard let key = keyNode.scalar?.string else {
                report(keyNode, path, "expected a string key, got \(Self.describe(keyNode))")
                continue
            }
            if let duplicate = DuplicateKeys.unmark(key) {
                report(keyNode, path, "duplicate key '\(duplicate.key)' (first on line \(duplicate.firstLine))")
            } else if known.contains(key) {
                entries[key] = value
            } else if let suggestion = Self.closest(to: key, in: known) {
                report(keyNode, path, "unknown key '\(key)' (did you mean '\(suggestion)'?)")
            } else {
                report(keyNode, path, "unknown key '\(key)': expected one of \(known.joined(separator: ", "))")
            }
        }
        return Fields(path: path, node: node, entries: entries)
    }

    /// The value of `key` decoded by `decode`, or nil when absent or null (the default applies).
    func optional<T>(_ fields: Fields, _ key: String, _ decode: (Node, String) -> T?) -> T? {
        guard let node = fields.entries[key], !Self.isNull(node) else { return nil }
        return decode(node, Self.child(fields.path, key))
    }

    /// The value of `key` decoded by `decode`, reporting its absence at the mapping's line.
    func required<T>(_ fields: Fields, _ key: String, _ decode: (Node, String) -> T?) -> T? {
        guard let node = fields.entries[key], !Self.isNull(node) else {
            report(fields.node, fields.path, "missing key '\(key)'")
            return nil
        }
        return decode(node, Self.child(fields.path, key))
    }

    /// The items of the list `node`, each with its path `path[i]`.
    func list(_ node: Node, _ path: String) -> [(node: Node, path: String)]? {
        guard case .sequence(let sequence) = node else {
            report(node, path, "expected a list, got \(Self.describe(node))")
            return nil
        }
        return sequence.enumerated().map { ($1, "\(path)[\($0)]") }
    }

    /// A scalar's text exactly as written: `05587` stays "05587", whatever type YAML infers.
    func string(_ node: Node, _ path: String) -> String? {
        guard case .scalar(let scalar) = node else {
            report(node, path, "expected a string, got \(Self.describe(node))")
            return nil
        }
        return scalar.string
    }

    /// A non-empty scalar text.
    func nonEmptyString(_ node: Node, _ path: String) -> String? {
        guard let text = string(node, path) else { return nil }
        guard !text.isEmpty else {
            report(node, path, "expected a non-empty string")
            return nil
        }
        return text
    }

    /// A decimal integer within `range`.
    func integer(_ node: Node, _ path: String, in range: ClosedRange<Int>) -> Int? {
        guard case .scalar(let scalar) = node, let value = Self.decimal(scalar.string) else {
            report(node, path, "expected an integer, got \(Self.describe(node))")
            return nil
        }
        guard range.contains(value) else {
            report(node, path, "\(value) out of range \(range.lowerBound)-\(range.upperBound)")
            return nil
        }
        return value
    }

    /// Whole seconds, written as an integer or a Prometheus duration ("30s", "5m", "1h30m").
    func seconds(_ node: Node, _ path: String, in range: ClosedRange<Int>) -> Int? {
        guard case .scalar(let scalar) = node, let value = DurationText.seconds(scalar.string) else {
            report(node, path, "expected a number of seconds or a duration such as 30s, 5m or 1h, got \(Self.describe(node))")
            return nil
        }
        guard range.contains(value) else {
            report(node, path, "\(value)s out of range \(range.lowerBound)s-\(range.upperBound)s")
            return nil
        }
        return value
    }

    /// One of `choices` by name; the error lists them ("expected a or b", "expected a, b or c").
    func choice<T>(_ node: Node, _ path: String, what: String, _ choices: [(String, T)]) -> T? {
        guard let text = string(node, path) else { return nil }
        guard let match = choices.first(where: { $0.0 == text }) else {
            report(node, path, "unknown \(what) '\(text)': expected \(Self.alternatives(choices.map(\.0)))")
            return nil
        }
        return match.1
    }

    /// "a", "a or b", "a, b or c".
    static func alternatives(_ names: [String]) -> String {
        names.count <= 1 ? names.joined() : names.dropLast().joined(separator: ", ") + " or " + names.last!
    }

    /// A plain `~`, `null` or empty value: YAML's "nothing here", treated as an absent key.
    static func isNull(_ node: Node) -> Bool {
        guard case .scalar(let scalar) = node, scalar.style == .plain else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    /// How an unexpected node reads in an error: its text, or its shape.
    static func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar): "'\(scalar.string)'"
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }

    /// `text` as a decimal integer with an optional sign, and nothing else (no 0x, 1e3, 1_000).
    static func decimal(_ text: String) -> Int? {
        let digits = text.first == "-" || text.first == "+" ? text.dropFirst() : Substring(text)
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(text)
    }

    /// The known key within edit distance 2 of `key`, if any.
    static func closest(to key: String, in known: [String]) -> String? {
        known.map { ($0, EditDistance.between(key, $0)) }
            .filter { $0.1 <= 2 }
            .min { $0.1 < $1.1 }?.0
    }
}

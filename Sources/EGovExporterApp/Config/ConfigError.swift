/// One problem in a configuration: where it is and what is wrong, never a secret's value.
public struct ConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file as named to the loader, or "command line" for a flag.
    public let file: String
    /// 1-based line, when the problem has one.
    public let line: Int?
    /// Dotted key path (`sources.dossiers.kind`, `declared[2].value`) or flag (`--listen`).
    public let key: String?
    /// What is wrong, e.g. "port 70000 out of range 1-65535".
    public let message: String

    /// A problem at `file:line`, under `key`.
    public init(file: String, line: Int? = nil, key: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.key = key
        self.message = message
    }

    /// `FILE:LINE: KEY: message`, leaving out the parts that are missing.
    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        if let key { text += ": \(key)" }
        return text + ": " + message
    }
}

/// Every problem found in one configuration, sorted by line; thrown instead of the first alone
/// so one run of `check-config` shows them all.
public struct ConfigErrors: Error, Sendable, Equatable, CustomStringConvertible {
    /// The problems, by line (problems without a line first), in the order found within a line.
    public let errors: [ConfigError]

    /// The problems `errors`, sorted by line.
    public init(_ errors: [ConfigError]) {
        self.errors = errors.enumerated()
            .sorted { ($0.element.line ?? 0, $0.offset) < ($1.element.line ?? 0, $1.offset) }
            .map(\.element)
    }

    /// One problem per line.
    public var description: String { errors.map(\.description).joined(separator: "\n") }

    /// The first `limit` problems, then one line counting the rest: a file with thousands of
    /// errors (a wrong file passed as configuration) gives a readable report.
    public func lines(limit: Int = 20) -> [String] {
        let shown = errors.prefix(limit).map(\.description)
        guard errors.count > limit else { return shown }
        return shown + ["\(errors[0].file): \(errors.count - limit) more errors not shown (\(errors.count) in all)"]
    }
}

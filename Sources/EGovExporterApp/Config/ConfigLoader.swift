#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import EGovPostgres
import Yams

/// Reads the YAML configuration strictly: unknown keys, wrong types and bad values are all
/// reported, each with the file, the line and the key, before anything starts.
public enum ConfigLoader {
    /// The configuration `yaml` describes; `file` names it in errors. An empty document or `{}`
    /// gives `ExporterConfig.default`.
    /// `allowEmpty: false` (a reload) refuses an empty document instead of silently going back
    /// to the defaults. The password files of PostgreSQL sources are read now, by `readPassword`.
    public static func parse(yaml: String, file: String, allowEmpty: Bool = true,
                             readPassword: @escaping @Sendable (String) -> Result<Password, PasswordFileError> = PostgresSettings.readPassword(file:))
        throws(ConfigErrors) -> ExporterConfig {
        let root = try compose(yaml, file: file)
        if !allowEmpty, root == nil || root.map(ConfigDecoder.isNull) == true {
            throw ConfigErrors([ConfigError(file: file, message: "the file is empty: a reload needs the whole configuration (write {} for the defaults)")])
        }
        let decoder = ConfigDecoder(file: file, readPassword: readPassword)
        guard let config = decoder.document(root), decoder.errors.isEmpty else {
            throw ConfigErrors(decoder.errors)
        }
        return config
    }

    /// The configuration in the file at `path`; an unreadable file is one error naming it.
    public static func load(path: String, allowEmpty: Bool = true) throws(ConfigErrors) -> ExporterConfig {
        switch readFile(path) {
        case .success(let text): return try parse(yaml: text, file: path, allowEmpty: allowEmpty)
        case .failure(let reason): throw ConfigErrors([ConfigError(file: path, message: "cannot read the configuration: \(reason)")])
        }
    }

    /// The document's tree, renaming repeated keys (see `DuplicateKeys`) until it composes.
    static func compose(_ yaml: String, file: String) throws(ConfigErrors) -> Node? {
        var text = yaml
        for _ in 0..<100 {
            do {
                return try Yams.compose(yaml: text)
            } catch YamlError.duplicatedKeysInMapping(let duplicates, let context) {
                let key = duplicates.first ?? ""
                guard let renamed = DuplicateKeys.renamingNextOccurrence(of: key, first: context.mark, in: text) else {
                    throw ConfigErrors([ConfigError(file: file, line: context.mark.line, message: "duplicate key '\(key)'")])
                }
                text = renamed
            } catch {
                throw ConfigErrors([syntaxError(error, file: file)])
            }
        }
        throw ConfigErrors([ConfigError(file: file, message: "too many duplicate keys")])
    }

    /// A YAML syntax error as a `ConfigError` at the line libyaml points to.
    private static func syntaxError(_ error: any Error, file: String) -> ConfigError {
        func located(_ context: YamlError.Context?, _ problem: String, _ mark: Mark) -> ConfigError {
            var message = "invalid YAML: \(problem)"
            if let context { message += " (\(context.text) on line \(context.mark.line))" }
            return ConfigError(file: file, line: mark.line, message: message)
        }
        switch error as? YamlError {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            return located(context, problem, mark)
        case .reader(let problem, _, _, _):
            return ConfigError(file: file, message: "invalid YAML: \(problem)")
        default:
            return ConfigError(file: file, message: "invalid YAML: \(error)")
        }
    }

    /// The UTF-8 text of the file at `path`, or the system's reason it cannot be read.
    static func readFile(_ path: String) -> Result<String, ReadFailure> {
        guard let handle = fopen(path, "rb") else { return .failure(ReadFailure(errno)) }
        defer { fclose(handle) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = fread(&buffer, 1, buffer.count, handle)
            bytes += buffer[..<count]
            if count < buffer.count { break }
        }
        if ferror(handle) != 0 { return .failure(ReadFailure(errno)) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            return .failure(ReadFailure(message: "not valid UTF-8"))
        }
        return .success(text)
    }
}

/// Why a file could not be read, as `strerror` words it.
struct ReadFailure: Error, CustomStringConvertible {
    let description: String
    init(message: String) { description = message }
    init(_ code: Int32) { description = String(cString: strerror(code)) }
}

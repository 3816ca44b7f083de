import Yams

/// Reads an exporter-toolkit web configuration file strictly, like `ConfigLoader` reads the
/// main one: every problem is reported with file:line:key, and certificates and keys are loaded
/// so that a bad one is refused before it is used.
public enum WebConfigLoader {
    /// The web configuration `yaml` describes; `file` names it in errors and relative file names
    /// are resolved against `directory`. An empty document means no TLS and no users, as for
    /// exporter-toolkit; `allowEmpty: false` (a reload) refuses it instead of silently dropping
    /// TLS and authentication.
    public static func parse(yaml: String, file: String, directory: String, allowEmpty: Bool = true) throws(ConfigErrors) -> WebConfig {
        let root = try ConfigLoader.compose(yaml, file: file)
        if !allowEmpty, root == nil || root.map(ConfigDecoder.isNull) == true {
            throw ConfigErrors([ConfigError(file: file, message: "the file is empty: a reload needs the whole web configuration")])
        }
        let decoder = ConfigDecoder(file: file)
        guard let config = decoder.webDocument(root, directory: directory), decoder.errors.isEmpty else {
            throw ConfigErrors(decoder.errors)
        }
        return config
    }

    /// The web configuration in the file at `path`; an unreadable file is one error naming it.
    public static func load(path: String, allowEmpty: Bool = true) throws(ConfigErrors) -> WebConfig {
        let directory = path.contains("/") ? String(path[..<path.lastIndex(of: "/")!]) : "."
        switch ConfigLoader.readFile(path) {
        case .success(let text): return try parse(yaml: text, file: path, directory: directory.isEmpty ? "/" : directory, allowEmpty: allowEmpty)
        case .failure(let reason): throw ConfigErrors([ConfigError(file: path, message: "cannot read the web configuration: \(reason)")])
        }
    }
}

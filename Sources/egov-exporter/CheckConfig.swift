import ArgumentParser
import EGovExporterApp

/// `egov-exporter check-config`: validates a configuration the way `serve` reads it, without
/// opening a source or a port, so a deployment (or `systemctl reload`) can check a file first.
struct CheckConfig: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-config",
        abstract: "Validate a configuration file: print a summary and exit 0, or print every error and exit 1.")

    @Option(help: "The YAML configuration to check (default: check the built-in defaults).")
    var config: String?
    @Option(name: .customLong("web.config.file"), help: "The web configuration to check (default: web_config_file, if set).")
    var webConfigFile: String?

    func run() throws {
        // One line per problem, each as `egov-exporter: error: FILE:LINE: key: message`.
        let checked = try Resolve.config(path: config, overrides: ConfigOverrides(webConfigFile: webConfigFile))
        // Certificates and keys are loaded too; a hash is never printed.
        let web = try Resolve.web(checked)
        if let path = config { print("\(path): ok") } else { print("no --config given, checked the built-in defaults: ok") }
        print(Self.summary(of: checked))
        if let file = checked.webConfigFile { print("\(file): ok (\(web))") }
    }

    /// One line for people: where it listens, what it reads, what it exposes.
    static func summary(of config: ExporterConfig) -> String {
        let declared = config.declared, rootUnit = config.rootUnit, periods = config.periods
        let count = declared.count == 1 ? "1 declaration" : "\(declared.count) declarations"
        let scope = rootUnit.map { ", root unit \($0)" } ?? ""
        return "listen \(config.listen); sources: dossiers \(config.sources.dossiers), documents \(config.sources.documents); "
            + "refresh every \(config.refreshInterval)s (timeout \(config.refreshTimeout)s), "
            + "invalid records counted every \(config.invalidRecordsInterval)s; "
            + "periods \(periods.map(\.rawValue).joined(separator: ", ")) (\(config.periodProfile.name), \(config.timeZoneName))\(scope); "
            + "\(count); at most \(config.maxUnits) units; state \(config.statePath), "
            + (config.snapshots.enabled
                ? "snapshots of \(config.snapshots.periods.map(\.rawValue).joined(separator: ", ")) for \(config.snapshots.levels.joined(separator: ", ")) "
                    + "\(config.snapshots.delayDays) day(s) after the close"
                : "automatic snapshots off")
    }
}

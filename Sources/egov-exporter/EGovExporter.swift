import ArgumentParser

/// `egov-exporter`: e-government indicators of Vietnamese administrative units.
@main
struct EGovExporter: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "egov-exporter",
        abstract: "Computes e-government (CCHC) indicators from one-stop-shop and e-office records.",
        version: BuildInfo.version,
        subcommands: [Serve.self, CheckConfig.self, Report.self, SnapshotCommand.self, ImportCommand.self, InitDB.self, Demo.self, PrintSQL.self, PrintMetrics.self]
    )
}

/// Version of this build.
enum BuildInfo {
    static let version = "0.1.0"
}

/// Prints `message` as one line on standard error and exits non-zero, without a stack trace.
func fail(_ message: String) -> ExitCode {
    var stderr = StandardError()
    print("egov-exporter: error: \(message)", to: &stderr)
    return ExitCode.failure
}

/// Standard error as a `TextOutputStream`.
struct StandardError: TextOutputStream {
    mutating func write(_ string: String) {
        FileHandleWriter.stderr(string)
    }
}

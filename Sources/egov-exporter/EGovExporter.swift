import ArgumentParser

/// The entry point. `egov-exporter --version` is answered here: declared through the
/// configuration's `version:`, ArgumentParser would offer `--version` in every subcommand's help,
/// beside `snapshot export --version N`, and a root flag would take that option's place.
@main
enum Entry {
    static func main() async {
        if Array(CommandLine.arguments.dropFirst()) == ["--version"] {
            print(BuildInfo.version)
            return
        }
        await EGovExporter.main()
    }
}

/// `egov-exporter`: e-government indicators of Vietnamese administrative units.
struct EGovExporter: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "egov-exporter",
        abstract: "Computes e-government (CCHC) indicators from one-stop-shop and e-office records.",
        discussion: "`egov-exporter --version` prints the version.",
        subcommands: [Serve.self, CheckConfig.self, Report.self, Units.self, SnapshotCommand.self, ImportCommand.self, InitDB.self, IndexDB.self,
                      Demo.self, PrintSQL.self, PrintMetrics.self]
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

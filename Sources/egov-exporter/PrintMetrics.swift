import ArgumentParser
import EGovExporterApp
import EGovExposition
import EGovKPI
import Foundation
import Logging

/// `egov-exporter metrics`: one refresh, printed as the exposition `/metrics` would serve.
struct PrintMetrics: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "metrics",
        abstract: "Compute once and print the exposition /metrics would serve (for checks and golden files).")

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, openmetrics }

    @Option(help: "YAML configuration file (default: built-in defaults).")
    var config: String?
    @Option(help: "An SQLite database holding all tables (sets both sources).")
    var db: String?
    @Option(help: "The instant to compute at (ISO 8601; default: now).")
    var asOf: String?
    @Option(help: "text (Prometheus 0.0.4) or openmetrics (1.0.0).")
    var format: Format = .text

    func run() async throws {
        let loaded = try Resolve.config(path: config, overrides: ConfigOverrides(db: db))
        let now = Double(try Resolve.asOf(asOf, zone: loaded.timeZone))
        let store = MetricsStore()
        let refresher = Refresher(store: store, version: BuildInfo.version, logger: Logger(label: "egov-exporter"),
                                  postgres: runningPostgres())
        if let error = await refresher.refresh(config: loaded, now: now) {
            throw fail(error.message)
        }
        guard let published = store.published else { throw fail("nothing was rendered") }
        let body = published.body(format == .text ? .prometheusText : .openMetrics, gzip: false)
        FileHandle.standardOutput.write(Data(body.readableBytesView))
    }
}

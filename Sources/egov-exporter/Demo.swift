import ArgumentParser
import EGovDemo
import EGovKPI
import Foundation

/// `egov-exporter demo PATH`: a realistic, deterministic demo database.
struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a realistic, deterministic demo database (a province with xã Bình Yên).")

    @Argument(help: "The database file to create; it must not exist.")
    var path: String
    @Option(help: "small (a few thousand dossiers) or province (about 180 communes, 1 million dossiers).")
    var scale: DemoScale = .small
    @Option(help: "Random seed; the same seed, scale and --until give the same database.")
    var seed: UInt64 = 1
    @Option(help: "Last day with records, YYYY-MM-DD (default: today in Asia/Ho_Chi_Minh).")
    var until: String?
    @Option(help: "Years of closed history before 15/09/2023 (0-\(DemoGenerator.maxHistoryYears)): dossiers and documents finished then, for benchmarks.")
    var historyYears = 0

    func validate() throws {
        guard (0...DemoGenerator.maxHistoryYears).contains(historyYears) else {
            throw ValidationError("--history-years must be 0 to \(DemoGenerator.maxHistoryYears), got \(historyYears)")
        }
    }

    func run() throws {
        guard !FileManager.default.fileExists(atPath: path) else {
            throw fail("\(path) already exists; remove it first or choose another path")
        }
        let lastDay: LocalDate
        if let until {
            guard let day = LocalDate(iso: until) else { throw fail("invalid --until '\(until)': expected YYYY-MM-DD") }
            lastDay = day
        } else {
            lastDay = UTCOffset.vietnam.localDate(epochSeconds: Int64(Date().timeIntervalSince1970))
        }
        let generator = DemoGenerator(scale: scale, seed: seed, until: lastDay, historyYears: historyYears)
        let bar = ProgressBar(label: "demo \(scale.rawValue)")
        let summary: DemoSummary
        do {
            summary = try generator.write(to: path) { done, total in bar.update(done: done, total: total) }
            bar.finish()
        } catch {
            bar.finish()
            throw fail("\(path): \(error)")
        }
        print("wrote \(path): \(summary.units) units, \(summary.dossiers) dossiers, \(summary.documents) documents, "
            + "\(summary.staff) staff, \(summary.eofficeActivity) e-office activity days, \(summary.workFiles) work files "
            + "(records until \(lastDay))")
    }
}

extension DemoScale: ExpressibleByArgument {}

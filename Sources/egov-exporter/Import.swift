import ArgumentParser
import EGovDemo
import EGovExporterApp
import EGovImport
import EGovKPI
import Foundation

/// `egov-exporter import`: real records into the embedded store or a configured source.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import records into the embedded SQLite store (--db) or the configured source (SQLite or PostgreSQL).",
        subcommands: [ImportPortal.self, ImportCSV.self])
}

/// `egov-exporter import dvcqg --db PATH | --config FILE FILE...`: national-portal dossier payloads.
struct ImportPortal: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dvcqg",
        abstract: "Import dossier sync payloads (DongBoHoSoMC) as sent to the national public-service portal.",
        discussion: """
            Each FILE is a JSON object {"service": ..., "isUpdating": ..., "data": [...]} or a list of records, \
            imported in one transaction. Only MaHoSo, MaTTHC, KenhThucHien, TrangThaiHoSo, NgayTiepNhan, NgayHenTra, \
            NgayKetThucXuLy, NgayTra, the unit field, HoSoCoThanhPhanSoHoa and DuocThanhToanTrucTuyen are read; \
            every other field (the applicant's personal data) is skipped unread. Records that cannot be stored go \
            to the rejected_records table. Exit status 1 only when a file could not be read at all.
            """)

    @Option(help: "The SQLite store to import into (created with the canonical schema if missing); without it, the configuration's dossiers source.")
    var db: String?
    @Option(help: "YAML configuration: its import: section (unit_field, unit_aliases), time_zone, and sources: (the target without --db).")
    var config: String?
    @Option(help: "The updated_at written on changed dossiers (ISO 8601; default: now).")
    var asOf: String?
    @Argument(help: "Payload files; - reads standard input.")
    var files: [String]

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("give at least one payload file (- for standard input)") }
        guard files.filter({ $0 == "-" }).count <= 1 else { throw ValidationError("standard input (-) can be read only once") }
    }

    func run() throws {
        let loaded = try Resolve.config(path: config, overrides: ConfigOverrides())
        let instant = try Resolve.asOf(asOf, zone: loaded.timeZone)
        let options = PortalOptions(unitField: loaded.importing.unitField, unitAliases: loaded.importing.unitAliases,
                                    dates: DateNormalizer(zone: loaded.timeZone))
        let store = try ImportTargetChoice.open(db: db, config: config, loaded: loaded, table: "dossiers")
        defer { try? store.close() }
        let importer = PortalImporter(store: store, options: options,
                                      updatedAt: storedTimestamp(epochSeconds: instant, zone: loaded.timeZone))
        try ImportRun.files(files) { file, progress, rejected in
            try importer.importFile(file, progress: progress, rejected: rejected)
        }
    }
}

/// `egov-exporter import csv --db PATH | --config FILE --table TABLE [--mapping FILE] FILE...`: CSV exports.
struct ImportCSV: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "csv",
        abstract: "Import CSV exports into one canonical table (units, procedures, dossiers, documents, staff, eoffice_activity, work_files).",
        discussion: """
            UTF-8 with or without a byte-order mark, comma or semicolon separated, RFC 4180 quoting, a header row. \
            Without --mapping the header must use the canonical column names; a mapping (see config/import/) names \
            the source column of each canonical column, the date spellings and value maps. Each FILE is imported in \
            one transaction; rows are upserted by the table's key.
            """)

    @Option(help: "The SQLite store to import into (created with the canonical schema if missing); without it, the configuration's source of the table.")
    var db: String?
    @Option(help: "The canonical table the files fill.")
    var table: String
    @Option(help: "YAML mapping of source columns, date spellings and values (default: canonical headers).")
    var mapping: String?
    @Option(help: "YAML configuration: time_zone, and sources: (the target without --db).")
    var config: String?
    @Option(help: "The updated_at written on changed rows (ISO 8601; default: now).")
    var asOf: String?
    @Argument(help: "CSV files; - reads standard input.")
    var files: [String]

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("give at least one CSV file (- for standard input)") }
        guard TableSpec.named(table) != nil else {
            throw ValidationError("unknown table '\(table)': expected \(TableSpec.all.map(\.name).joined(separator: ", "))")
        }
    }

    func run() throws {
        let loaded = try Resolve.config(path: config, overrides: ConfigOverrides())
        let instant = try Resolve.asOf(asOf, zone: loaded.timeZone)
        let spec = TableSpec.named(table)!
        var columns = CSVMapping.identity(spec)
        if let mapping {
            do throws(ConfigErrors) { columns = try ImportMappingLoader.load(path: mapping, table: spec) } catch {
                for problem in error.errors { _ = fail(problem.description) }
                throw ExitCode.failure
            }
        }
        let store = try ImportTargetChoice.open(db: db, config: config, loaded: loaded, table: spec.name)
        defer { try? store.close() }
        let importer = CSVImporter(store: store, table: spec, mapping: columns, zone: loaded.timeZone,
                                   updatedAt: storedTimestamp(epochSeconds: instant, zone: loaded.timeZone))
        try ImportRun.files(files) { file, progress, rejected in
            try importer.importFile(file, progress: progress, rejected: rejected)
        }
    }
}

/// The store an import writes: `--db`'s SQLite file, or the source the configuration names for
/// the table's system; exactly one of them.
enum ImportTargetChoice {
    static func open(db: String?, config: String?, loaded: ExporterConfig, table: String) throws -> any ImportTarget {
        if let db {
            if loaded.sources.isConfigured {
                throw fail("give either --db or a configuration naming sources (\(config ?? "")), not both")
            }
            do { return try ImportStore(path: db) } catch { throw fail("\(db): cannot open the store: \(error)") }
        }
        guard let config, loaded.sources.isConfigured else {
            throw fail("no store to import into: give --db PATH, or --config FILE whose sources: section names it")
        }
        let source = loaded.sources.source(ofTable: table)
        do { return try source.importTarget(zone: loaded.timeZone) } catch {
            throw fail("\(config): cannot open the store of \(table) (\(source)): \(error)")
        }
    }
}

/// Imports files one by one with a progress bar, the first rejections and a summary per file on
/// standard error; exit status 1 when a file could not be read at all.
enum ImportRun {
    static func files(_ files: [String],
                      _ importFile: (String, (Int, Int?) -> Void, @escaping (RejectionNotice) -> Void) throws -> ImportSummary) throws {
        var stderr = StandardError()
        var total = ImportSummary()
        var unreadable = 0
        for file in files {
            let shownName = file == "-" ? "stdin" : file
            let bar = ProgressBar(label: shownName)
            var lastPercent = -1
            let printer = RejectionPrinter()
            do {
                let summary = try importFile(file, { done, size in
                    guard let size, size > 0 else { return }
                    let percent = done * 100 / size
                    if percent != lastPercent { lastPercent = percent; bar.update(done: done, total: size) }
                }, printer.print)
                bar.finish()
                if printer.count > RejectionPrinter.limit {
                    print("\(shownName): \(printer.count - RejectionPrinter.limit) more rejected records (see the rejected_records table)", to: &stderr)
                }
                print("\(shownName): \(summary.line)", to: &stderr)
                total = total + summary
            } catch {
                bar.finish()
                unreadable += 1
                _ = fail("\(shownName): \(error); nothing of it was imported")
            }
        }
        if files.count > 1 { print("total: \(total.line)", to: &stderr) }
        if unreadable > 0 { throw ExitCode.failure }
    }
}

/// Prints the first rejected records of a file, one line each, on standard error.
final class RejectionPrinter {
    /// Lines printed per file; the rest are counted.
    static let limit = 20
    private(set) var count = 0

    func print(_ notice: RejectionNotice) {
        count += 1
        guard count <= Self.limit else { return }
        FileHandleWriter.stderr("rejected: \(notice)\n")
    }
}

import EGovExposition
import EGovImport
import EGovKPI
import Foundation
import Logging
import ServiceLifecycle
import Synchronization

/// The drop folder (`import.watch_dir`): every few seconds, the payload files that appeared in
/// it are imported into the dossiers source (SQLite or PostgreSQL), in name order, each in one transaction, and moved
/// to `done/` (imported) or `failed/` (not a payload, unreadable) inside the folder. A file is
/// taken once it has not changed for `settleSeconds`, so one still being copied is left for the
/// next look; a producer that writes `NAME.json.part` and renames it is never seen half-written.
public final class ImportWatcher: Service, Sendable {
    let config: ConfigBox
    let logger: Logger
    let trigger: RefreshTrigger?
    private let status = Mutex(ImportStatus())
    /// Imports block (SQLite, PostgreSQL statements waited for, file reads): they run here, below the scrapes' priority.
    private let worker = BackgroundWorker(name: "egov-import", niceness: 10)

    /// Seconds between two looks at the folder.
    static let pollSeconds = 5
    /// Seconds a file must stay unchanged before it is taken.
    static let settleSeconds = 2.0

    /// A watcher of `config`'s `import.watch_dir`; `trigger`, when given, asks for a refresh
    /// after each import, so the figures change at once.
    public init(config: ConfigBox, logger: Logger, trigger: RefreshTrigger? = nil) {
        self.config = config
        self.logger = logger
        self.trigger = trigger
    }

    /// What has been imported since start (`egov_import_*`).
    public var current: ImportStatus { status.withLock { $0 } }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await self.scan(config: self.config.current, now: Date().timeIntervalSince1970)
                try? await Task.sleep(for: .seconds(Self.pollSeconds))
            }
        }
    }

    /// Imports every ready file of the folder (none without `watch_dir`); returns how many
    /// files were taken, imported or not.
    @discardableResult
    public func scan(config: ExporterConfig, now: Double) async -> Int {
        guard let directory = config.importing.watchDir else { return 0 }
        let files = Self.readyFiles(in: directory, now: now)
        for name in files {
            let path = directory + "/" + name
            let source = config.sources.dossiers
            let zone = config.timeZone
            let options = PortalOptions(unitField: config.importing.unitField, unitAliases: config.importing.unitAliases,
                                        dates: DateNormalizer(zone: config.timeZone))
            let updatedAt = storedTimestamp(epochSeconds: Int64(now), zone: config.timeZone)
            let outcome: Result<ImportSummary, any Error> = await {
                do {
                    return .success(try await worker.run {
                        let importStore = try source.importTarget(zone: zone)
                        defer { try? importStore.close() }
                        return try PortalImporter(store: importStore, options: options, updatedAt: updatedAt).importFile(path)
                    })
                } catch { return .failure(error) }
            }()
            switch outcome {
            case .success(let summary):
                status.withLock { status in
                    var counts = status.records["dvcqg", default: [:]]
                    counts["inserted", default: 0] += summary.inserted
                    counts["updated", default: 0] += summary.updated
                    counts["unchanged", default: 0] += summary.unchanged
                    counts["rejected", default: 0] += summary.rejectedTotal
                    status.records["dvcqg"] = counts
                    status.lastSuccess = now
                }
                move(name, in: directory, to: "done")
                logger.notice("imported a file of the drop folder", metadata: ["file": "\(path)", "records": "\(summary.line)"])
                trigger?.fire()
            case .failure(let error):
                status.withLock { $0.failedFiles += 1 }
                move(name, in: directory, to: "failed")
                logger.error("a file of the drop folder could not be imported; moved to failed/",
                             metadata: ["file": "\(path)", "error": "\(error)"])
            }
        }
        return files.count
    }

    /// The names of the regular `.json` files of `directory` unchanged for `settleSeconds`, in
    /// name order (hidden files and `done/`, `failed/` left alone).
    static func readyFiles(in directory: String, now: Double) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { name in
            guard !name.hasPrefix("."), name.hasSuffix(".json"),
                  let attributes = try? FileManager.default.attributesOfItem(atPath: directory + "/" + name),
                  attributes[.type] as? FileAttributeType == .typeRegular,
                  let modified = attributes[.modificationDate] as? Date else { return false }
            return now - modified.timeIntervalSince1970 >= settleSeconds
        }.sorted()
    }

    /// Moves `name` into the folder's `place` (`done`, `failed`), keeping an earlier file of the
    /// same name there (the new one gets a numbered name).
    private func move(_ name: String, in directory: String, to place: String) {
        let target = directory + "/" + place
        try? FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
        var destination = target + "/" + name
        var number = 1
        while FileManager.default.fileExists(atPath: destination) {
            number += 1
            destination = target + "/" + name.dropLast(5) + "-\(number).json"
        }
        do {
            try FileManager.default.moveItem(atPath: directory + "/" + name, toPath: destination)
        } catch {
            logger.error("cannot move a file of the drop folder", metadata: ["file": "\(directory)/\(name)", "error": "\(error)"])
        }
    }
}

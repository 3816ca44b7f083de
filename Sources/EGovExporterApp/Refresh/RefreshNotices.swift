import EGovSources
import Logging

/// The log lines of a refresh: each change of a source's state is logged once, never once per
/// refresh: down or back up, without or with the indexes of bounded reads, its invalid-record
/// count failing or working again.
extension Refresher {
    /// Logs a source's change of state, once: down with the error, or back up.
    func noteSource(_ reader: SourceSet.Reader, up: Bool, error: String?) {
        let changed: Bool = state.withLock { state in
            let was = reader.names.map { state.sourceUp[$0] }
            return up ? was.contains(false) : !was.contains(false)
        }
        guard changed else { return }
        let metadata: Logger.Metadata = ["source": "\(reader.names.joined(separator: ","))", "path": "\(reader.source.path)"]
        if up {
            logger.notice("source is back up", metadata: metadata)
        } else {
            logger.error("source is down; serving the last good figures", metadata: metadata.merging(["error": "\(error ?? "")"]) { a, _ in a })
        }
    }

    /// Logs once when counting a source's invalid records fails, and once when it works again.
    func noteCount(_ reader: SourceSet.Reader, error: String?) {
        let path = reader.source.path
        let previous: String? = state.withLock { state in
            defer { state.countErrors[path] = error }
            return state.countErrors[path]
        }
        guard previous != error else { return }
        let metadata: Logger.Metadata = ["source": "\(reader.names.joined(separator: ","))", "path": "\(path)"]
        if let error {
            logger.error("counting the invalid records failed; the figures are served, the count is tried again at the next refresh",
                         metadata: metadata.merging(["error": "\(error)"]) { a, _ in a })
        } else {
            logger.notice("the invalid records are counted again", metadata: metadata)
        }
    }

    /// Warns once when a source lacks the indexes of bounded reads (its figures stay right,
    /// but every refresh reads its whole history), and once when they are back.
    func noteIndexes(_ reader: SourceSet.Reader, missing: [String]) {
        let path = reader.source.path
        let before: [String]? = state.withLock { state in
            defer { state.missingIndexes[path] = missing }
            return state.missingIndexes[path]
        }
        guard before ?? [] != missing else { return }
        let metadata: Logger.Metadata = ["source": "\(reader.names.joined(separator: ","))", "path": "\(path)"]
        if missing.isEmpty {
            logger.notice("source has the indexes of bounded reads again", metadata: metadata)
        } else {
            logger.warning("source lacks indexes (or has an earlier form of them): refreshes are slower, up to reading the whole history; add them once with `egov-exporter index-db \(path)`",
                           metadata: metadata.merging(["missing": "\(missing.joined(separator: ","))"]) { a, _ in a })
        }
    }
}

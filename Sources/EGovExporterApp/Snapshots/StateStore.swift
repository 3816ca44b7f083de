import EGovSnapshots
import Synchronization

/// The exporter's state database, opened on first use and again after a failure: a state
/// database that cannot be opened (a full disk, a missing folder, wrong permissions) stops the
/// snapshots only, never the metrics, and they resume once it can be opened.
public final class StateStore: Sendable {
    /// Where the database lives.
    public let path: String
    private let opened: Mutex<SnapshotStore?>

    /// A store at `path`, not opened yet.
    public init(path: String) {
        self.path = path
        opened = Mutex(nil)
    }

    /// A store already open (tests, commands).
    public init(_ store: SnapshotStore, path: String = "") {
        self.path = path
        opened = Mutex(store)
    }

    /// The open store, opening (and creating) it if needed; the reason when it cannot be.
    public func open() -> Result<SnapshotStore, SnapshotStoreError> {
        opened.withLock { opened in
            if let opened { return .success(opened) }
            do throws(SnapshotStoreError) {
                let store = try SnapshotStore(path: path, create: true)
                opened = store
                return .success(store)
            } catch {
                return .failure(error)
            }
        }
    }
}

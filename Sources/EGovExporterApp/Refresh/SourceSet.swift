import EGovKPI
import EGovSources

/// The configured sources, as readers. When both systems live in one file it is read once.
struct SourceSet: Sendable {
    /// A reader and the `egov_source_up` names it answers for.
    struct Reader: Sendable {
        let names: [String]
        let source: SQLiteSource
    }

    let readers: [Reader]

    init(_ config: SourcesConfig, zone: UTCOffset) {
        func source(_ config: SourceConfig, _ systems: RecordSystems) -> SQLiteSource {
            switch config {
            case .sqlite(let path, let busyTimeout):
                SQLiteSource(path: path, systems: systems, zone: zone, busyTimeout: Double(busyTimeout))
            }
        }
        if config.dossiers == config.documents {
            readers = [Reader(names: ["dossiers", "documents"], source: source(config.dossiers, .all))]
        } else {
            readers = [Reader(names: ["dossiers"], source: source(config.dossiers, .oneStop)),
                       Reader(names: ["documents"], source: source(config.documents, .documents))]
        }
    }
}

extension SourceSnapshot {
    /// The one-stop-shop part of `self` joined with the document part of `other` (same periods).
    func joined(documents other: SourceSnapshot) -> SourceSnapshot {
        let catalog = SourceCatalog(units: self.catalog.units, procedures: self.catalog.procedures,
                                    catalogueColumns: self.catalog.catalogueColumns,
                                    validity: self.catalog.validity + other.catalog.validity)
        let periods = zip(self.periods, other.periods).map { mine, theirs in
            PeriodAggregates(period: mine.period, dossiers: mine.dossiers, documents: theirs.documents,
                             staff: theirs.staff, workFiles: theirs.workFiles, onlineProcedures: mine.onlineProcedures)
        }
        return SourceSnapshot(catalog: catalog, periods: periods, invalidCounted: invalidCounted && other.invalidCounted,
                              missingIndexes: missingIndexes + other.missingIndexes)
    }
}

extension SourceSet {
    /// What `reader` reads: `base`, except that the document system has no units table, so it
    /// is told the codes of the tree (or subtree) the first (one-stop-shop) read found.
    func scope(of reader: Reader, base: SnapshotScope, first: SourceSnapshot?) -> SnapshotScope {
        guard !reader.source.systems.contains(.oneStop), let first else { return base }
        let tree = UnitTree(first.catalog.units)
        switch base {
        case .everything: return .tree(tree.preorder)
        case .subtree(let unit) where tree.roots.contains(unit): return .tree(tree.subtree(of: unit))
        case .subtree(let unit): return .units(tree.subtree(of: unit))
        case .units, .tree: return base
        }
    }

    /// What identifies the invalid-record count of `reader` over `scope`: the same key means
    /// the same records counted, so an earlier count can stand in for a new one.
    static func countKey(of reader: Reader, scope: SnapshotScope) -> String {
        let counted = switch scope {
        case .everything, .tree: "all"
        case .subtree(let unit): "subtree \(unit)"
        case .units(let codes): "units \(codes.joined(separator: ","))"
        }
        return "\(reader.names.joined(separator: ",")) \(reader.source.path) \(counted)"
    }

    /// The readers' snapshots, in reader order, as one.
    static func joined(_ snapshots: [SourceSnapshot]) -> SourceSnapshot {
        snapshots.count == 2 ? snapshots[0].joined(documents: snapshots[1]) : snapshots[0]
    }

    /// Reads every source for `periods` (blocking), invalid records counted, and joins the two
    /// systems' parts; `warn` receives a line for each source that lacks indexes.
    func read(periods: [ReportingPeriod], scope: SnapshotScope, warn: (String) -> Void = { _ in }) throws -> SourceSnapshot {
        var snapshots: [SourceSnapshot] = []
        for reader in readers {
            let snapshot = try reader.source.snapshot(periods: periods, scope: self.scope(of: reader, base: scope, first: snapshots.first))
            if !snapshot.missingIndexes.isEmpty {
                warn(CanonicalSchema.missingIndexesWarning(snapshot.missingIndexes, path: reader.source.path))
            }
            snapshots.append(snapshot)
        }
        return Self.joined(snapshots)
    }
}

import ArgumentParser
import EGovExporterApp
import EGovKPI
import EGovSources

/// `egov-exporter units`: the unit tree as a list, to find a unit's code by its name.
struct Units: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the units: code, name, level and parent, tab-separated; find a unit's code by its name.")

    @Option(help: "YAML configuration file whose dossier source (SQLite or PostgreSQL) holds the units table (default: built-in defaults; see config/egov-exporter.yml).")
    var config: String?
    @Option(help: "An SQLite database holding the units table (sets the sources).")
    var db: String?
    @Option(help: "Only units whose code or name contains this text; diacritics and case optional (\"binh yen\" finds Xã Bình Yên).")
    var search: String?
    @Option(help: "Only units at this level (commune, district, province, department...).")
    var level: String?
    @Option(help: "Only this unit and the units below it.")
    var under: String?

    func run() throws {
        let loaded = try Resolve.config(path: config, overrides: ConfigOverrides(db: db))
        let location = loaded.sources.dossiers.location
        let tree: UnitTree
        do {
            tree = UnitTree(try ConfiguredSources.unitRecords(loaded, postgres: runningPostgres()))
        } catch {
            throw fail("\(error)")
        }
        var units = tree.search(search ?? "")
        if let under {
            guard tree[under] != nil else { throw fail(tree.unknownUnitMessage(under, in: location)) }
            let subtree = Set(tree.subtree(of: under))
            units = units.filter { subtree.contains($0.code) }
        }
        if let level { units = units.filter { $0.level == level } }
        guard !units.isEmpty else {
            let filters = [search.map { "matching '\($0)'" }, level.map { "at level \($0)" }, under.map { "under \($0)" }]
            throw fail("no unit \(filters.compactMap { $0 }.joined(separator: " ")) in the units table of \(location)")
        }
        print(["code", "name", "level", "parent"].joined(separator: "\t"))
        for unit in units {
            print([unit.code, unit.name, unit.level, unit.parentCode ?? ""].joined(separator: "\t"))
        }
    }
}

import EGovKPI
import Foundation
import Testing

/// The README's tables name everything the catalogue declares, so a new indicator cannot ship
/// undocumented.
@Suite("README against the catalogue")
struct ReadmeTests {
    let readme = try! String(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("README.md"), encoding: .utf8)

    /// The README's section that starts with `heading`, up to the next heading of any level.
    func section(_ heading: String) -> String {
        guard let start = readme.range(of: "\n" + heading + "\n") else { return "" }
        let rest = readme[start.upperBound...]
        let end = rest.range(of: "\n#")?.lowerBound ?? rest.endIndex
        return String(rest[..<end])
    }

    @Test("the report keys table names every key of every family")
    func reportKeys() {
        let table = section("### Report keys (`--format json`)")
        for key in IndicatorCatalogue.families.flatMap(\.fields).map(\.key) {
            #expect(table.contains("`\(key)`"), "\(key)")
        }
    }

    @Test("the metrics table names every family of the catalogue")
    func metricFamilies() {
        let table = section("## Metrics")
        for name in IndicatorCatalogue.metrics.map(\.name) {
            #expect(table.contains("`\(name)`"), "\(name)")
        }
    }

    @Test("the declared rows table lists exactly the rows a configuration may declare")
    func declaredRows() {
        let table = section("### Declared rows")
        let listed = table.split(separator: "\n").filter { $0.hasPrefix("| `") }.map { line in
            String(line.dropFirst(3).prefix { $0 != "`" })
        }
        #expect(Set(listed) == Set(IndicatorCatalogue.declarable.keys))
        #expect(listed.count == IndicatorCatalogue.declarable.count)
    }
}

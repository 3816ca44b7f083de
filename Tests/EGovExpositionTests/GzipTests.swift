import EGovExposition
import EGovKPI
import Foundation
import Testing

/// gzip through zlib, checked against the system's `gzip -d`.
@Suite("Gzip")
struct GzipTests {
    /// `bytes` decompressed by `gzip -dc` in a child process.
    func gunzip(_ bytes: [UInt8]) throws -> [UInt8] {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("egov-expo-\(UUID().uuidString).gz")
        try Data(bytes).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "exec gzip -dc \"$0\"", file.path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0)
        return [UInt8](data)
    }

    @Test("a rendered exposition round-trips through gzip -d; the stream starts with 1f 8b")
    func roundTrip() throws {
        let body = Exposition.render(EGovMetrics.families(result: Fixture.result(), selfMetrics: Fixture.selfMetrics),
                                     format: .openMetrics)
        for level: Int32 in [1, 6, 9] {
            let compressed = Gzip.compress(body, level: level)
            #expect(Array(compressed.prefix(3)) == [0x1f, 0x8b, 0x08])
            #expect(compressed.count < body.count / 4)
            #expect(try gunzip(compressed) == body)
        }
    }

    @Test("rendered straight into gzip: the same bytes as the plain rendering, in both formats")
    func renderedCompressed() throws {
        // Many communes, so the body spans several 64 kB pieces.
        let communes = (0..<400).map { UnitRecord(code: "C\($0)", name: "Xã \($0)", level: "commune", parentCode: "164") }
        let families = EGovMetrics.families(result: Fixture.result(units: Fixture.units + communes), selfMetrics: Fixture.selfMetrics)
        let formats = [ExpositionFormat.prometheusText, .openMetrics]
        let compressed = Exposition.renderGzip(families.map(LazyFamily.init), formats: formats)
        for (format, gzip) in zip(formats, compressed) {
            let body = Exposition.render(families, format: format)
            #expect(body.count > 3 << 16)
            #expect(try gunzip(gzip) == body)
            #expect(Gzip.decompress(gzip) == body)
        }
    }

    @Test("an empty body is still a valid gzip stream")
    func empty() throws {
        let compressed = Gzip.compress([])
        #expect(Array(compressed.prefix(2)) == [0x1f, 0x8b])
        #expect(try gunzip(compressed) == [])
    }
}

import EGovExporterApp
import EGovImport
import Foundation
import Testing

/// CSV mapping files: the examples under config/import parse, and every problem is one line
/// with the file, the line and the key.
@Suite("CSV import mappings")
struct ImportMappingTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("config/import")

    @Test("each example maps its own table", arguments: TableSpec.all.map(\.name))
    func examples(_ table: String) throws {
        let spec = try #require(TableSpec.named(table))
        let mapping = try ImportMappingLoader.load(path: Self.folder.appendingPathComponent("\(table).yml").path, table: spec)
        #expect(Set(mapping.columns.keys) == Set(spec.columns.map(\.name)))
    }

    @Test("the documents example reads the system's words")
    func documentWords() throws {
        let mapping = try ImportMappingLoader.load(path: Self.folder.appendingPathComponent("documents.yml").path, table: TableSpec.named("documents")!)
        #expect(mapping.columns["issued_at"] == "Ngày văn bản")
        #expect(mapping.values["transmission"] == ["Điện tử": "electronic", "Điện tử và bản giấy": "electronic_and_paper", "Bản giấy": "paper"])
        #expect(mapping.dates.map(\.description) == ["dd/MM/yyyy HH:mm", "dd/MM/yyyy"])
    }

    private func errors(_ yaml: String, table: String = "documents") -> [String] {
        do throws(ConfigErrors) {
            _ = try ImportMappingLoader.parse(yaml: yaml, file: "m.yml", table: TableSpec.named(table)!)
        } catch {
            return error.errors.map(\.description)
        }
        return []
    }

    @Test("every problem is one line")
    func problems() {
        #expect(errors("table: staff\ncolumns: {id: A}\n") == ["m.yml:1: table: this mapping is for table 'staff', not 'documents'"])
        #expect(errors("columns:\n  id: A\n  isued_at: B\n") == ["m.yml:3: columns: unknown column of documents 'isued_at' (did you mean 'issued_at'?)"])
        #expect(errors("dates: [dd/MM/yyyy]\n") == ["m.yml:1: missing key 'columns'"])
        #expect(errors("columns: {id: A}\ndates: [dd/MM/yy]\n")
            == ["m.yml:2: dates[0]: invalid date pattern 'dd/MM/yy': use yyyy, MM, dd, HH, mm, ss and separators, e.g. dd/MM/yyyy HH:mm"])
        #expect(errors("columns: {id: A}\nvalues:\n  transmission: {Giấy: paper}\n")
            == ["m.yml:3: values: 'transmission' is not a column listed under columns:"])
        #expect(errors("columns: {id: A}\nsheet: 1\n") == ["m.yml:2: unknown key 'sheet': expected one of table, columns, dates, values"])
        #expect(errors("") == ["m.yml: empty mapping: expected at least columns:"])
    }
}

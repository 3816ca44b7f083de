import EGovExporterApp
import Testing

/// The `import:` section, decoded as strictly as the rest of the file.
@Suite("Import configuration")
struct ImportConfigTests {
    private func parse(_ yaml: String) throws(ConfigErrors) -> ExporterConfig {
        try ConfigLoader.parse(yaml: yaml, file: "test.yml")
    }

    private func errors(_ yaml: String) -> [String] {
        do { _ = try parse(yaml) } catch { return error.errors.map(\.description) }
        return []
    }

    @Test("defaults: DonViXuLy, no aliases")
    func defaults() throws {
        #expect(try parse("").importing == ImportConfig(unitField: "DonViXuLy", unitAliases: [:]))
        #expect(try parse("import:\n").importing == .default)
    }

    @Test("the unit field and the aliases, codes kept as written")
    func values() throws {
        let yaml = """
            import:
              unit_field: MaDonVi
              unit_aliases:
                000.00.12.H56: "05587"
                H57: 05590
            """
        #expect(try parse(yaml).importing == ImportConfig(unitField: "MaDonVi", unitAliases: ["000.00.12.H56": "05587", "H57": "05590"]))
    }

    @Test("every problem is one line with file, line and key")
    func problems() {
        #expect(errors("import:\n  unit_feld: X\n") == ["test.yml:2: import: unknown key 'unit_feld' (did you mean 'unit_field'?)"])
        #expect(errors("import:\n  unit_field: \"\"\n") == ["test.yml:2: import.unit_field: expected a non-empty string"])
        #expect(errors("import:\n  unit_aliases: [a, b]\n")
            == ["test.yml:2: import.unit_aliases: expected a mapping of system codes to unit codes, got a list"])
        #expect(errors("import:\n  unit_aliases:\n    H56: [1]\n    H57: \"\"\n") == [
            "test.yml:3: import.unit_aliases.H56: expected a string, got a list",
            "test.yml:4: import.unit_aliases.H57: expected a non-empty string",
        ])
        #expect(errors("import:\n  unit_aliases:\n    H56: \"05587\"\n    H56: \"05590\"\n")
            == ["test.yml:4: import.unit_aliases: duplicate key 'H56' (first on line 3)"])
        #expect(errors("import: 5\n") == ["test.yml:1: import: expected a mapping, got '5'"])
    }
}

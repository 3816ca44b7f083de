import EGovExporterApp
import EGovKPI
import EGovPostgres
import Foundation
import Testing

/// The example files under config/testdata, found from this file's path (not a resource bundle).
private enum TestData {
    static let configFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("config")
    static let folder = configFolder.appendingPathComponent("testdata")

    static func text(_ name: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
    }

    /// The password good-postgres.yml's file holds: that file, under /etc, exists on a server,
    /// not on the machine running the tests. Every other password file is read as it is.
    static let examplePassword = Password("example-password")

    /// Reads password files as the exporter does, but for the one good-postgres.yml names.
    static func readPassword(_ path: String) -> Result<Password, PasswordFileError> {
        path == "/etc/egov-exporter/pg-password" ? .success(examplePassword) : PostgresSettings.readPassword(file: path)
    }

    /// Parses `name` with its bare file name in the errors, so the expected text is stable.
    static func parse(_ name: String) throws(ConfigErrors) -> ExporterConfig {
        let yaml: String
        do { yaml = try text(name) } catch {
            throw ConfigErrors([ConfigError(file: name, message: "test could not read it: \(error)")])
        }
        return try ConfigLoader.parse(yaml: yaml, file: name, readPassword: readPassword)
    }

    static func files(prefix: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasPrefix(prefix) && $0.hasSuffix(".yml") }.sorted()
    }
}

/// The exact error text each bad example must produce, one string per error, sorted by line.
private let badFiles: [String: [String]] = [
    "bad-state-is-source.yml": [
        "bad-state-is-source.yml:1: state_db: the state database './data/../data/egov.sqlite' is the dossiers source: the exporter writes its state to a file of its own and never writes to a source",
    ],
    "bad-snapshots.yml": [
        "bad-snapshots.yml:2: snapshots.levels: expected at least one level",
        "bad-snapshots.yml:3: snapshots.periods[1]: unknown period kind 'quartr': expected quarter, half_year, nine_months or year",
        "bad-snapshots.yml:3: snapshots.periods[2]: duplicate period kind 'quarter'",
        "bad-snapshots.yml:4: snapshots.delay_days: 400 out of range 0-366",
        "bad-snapshots.yml:5: snapshots.enabled: expected true or false, got 'maybe'",
        "bad-snapshots.yml:6: snapshots: unknown key 'keep': expected one of enabled, levels, periods, delay_days",
    ],
    "bad-unknown-key.yml": [
        "bad-unknown-key.yml:2: unknown key 'refresh_intervall' (did you mean 'refresh_interval'?)",
        "bad-unknown-key.yml:5: sources.dossiers: missing key 'path'",
        "bad-unknown-key.yml:6: sources.dossiers: unknown key 'pth' (did you mean 'path'?)",
        "bad-unknown-key.yml:7: unknown key 'scrape_timeout': expected one of listen, refresh_interval, refresh_timeout, invalid_records_interval, invalid_records_timeout, sources, period_profile, time_zone, root_unit, periods, declared, max_units, state_db, snapshots, import, http, web_config_file, targets",
    ],
    "bad-wrong-type.yml": [
        "bad-wrong-type.yml:1: listen: expected a string, got a list",
        "bad-wrong-type.yml:2: refresh_interval: expected a number of seconds or a duration such as 30s, 5m or 1h, got 'soon'",
        "bad-wrong-type.yml:3: sources: expected a mapping, got 'data/egov.sqlite'",
        "bad-wrong-type.yml:4: periods: expected a list, got 'current_quarter'",
        "bad-wrong-type.yml:6: declared: expected a list, got a mapping",
        "bad-wrong-type.yml:7: max_units: expected an integer, got '2k'",
    ],
    "bad-port.yml": ["bad-port.yml:1: listen: port 70000 out of range 1-65535"],
    "bad-listen.yml": [
        "bad-listen.yml:1: listen: invalid listen address '8466': expected HOST:PORT such as 127.0.0.1:8466 or [::1]:8466",
    ],
    "bad-profile.yml": [
        "bad-profile.yml:1: period_profile: unknown period profile 'nd9': expected nd09 or calendar",
        "bad-profile.yml:2: time_zone: unknown time zone 'Europe/Paris': expected Asia/Ho_Chi_Minh, UTC or ±HH:MM",
    ],
    "bad-timeout.yml": ["bad-timeout.yml:2: refresh_timeout: 90s exceeds refresh_interval 60s"],
    "bad-interval-range.yml": [
        "bad-interval-range.yml:1: refresh_interval: 2s out of range 5s-86400s",
        "bad-interval-range.yml:2: refresh_timeout: expected a number of seconds or a duration such as 30s, 5m or 1h, got '500ms'",
        "bad-interval-range.yml:3: max_units: 0 out of range 1-1000000",
    ],
    "bad-declared.yml": [
        "bad-declared.yml:4: declared[0].value: 3 out of range 0-2 for row 7.4 (Chưa = 0; Đang làm = 1; Hoàn thành = 2)",
        "bad-declared.yml:8: declared[1].value: 2 out of range 0-1 for row 7.1 (Chưa = 0; Hoàn thành = 1)",
        "bad-declared.yml:10: declared[2]: duplicate declaration of row 7.4 for unit '19' effective 2024-01-01 (first on line 2)",
        "bad-declared.yml:15: declared[3].indicator: unknown indicator 'lgsp_platform': expected ea_v2, online_meetings, reporting_system or lgsp",
        "bad-declared.yml:17: declared[3].effective: invalid date '2024-02-30': expected YYYY-MM-DD",
        "bad-declared.yml:18: declared[4]: missing key 'row'",
        "bad-declared.yml:18: declared[4]: missing key 'effective'",
        "bad-declared.yml:19: declared[4].value: expected a number, got 'one'",
        "bad-declared.yml:20: declared[5].row: row 3.2.4 is computed from the records and cannot be declared",
        "bad-declared.yml:21: declared[6].row: unknown appendix row '9.9': expected a row of PHỤ LỤC SỐ II such as 1.1.a, 4.2.1 or 7.4 (README, \"Declared rows\")",
        "bad-declared.yml:22: declared[7].value: 2.5 is not a whole number ≥ 0 for row 1.1.a (Nhiệm vụ)",
        "bad-declared.yml:23: declared[8].value: 120 out of range 0-100 for row 1.2.1 (%)",
        "bad-declared.yml:24: declared[9].value: -3 is negative for row 6.1.a (Triệu đồng)",
        "bad-declared.yml:25: declared[10].value: expected a number, got '1e3'",
    ],
    "bad-duplicate-key.yml": [
        "bad-duplicate-key.yml:7: sources.dossiers: duplicate key 'path' (first on line 6)",
        "bad-duplicate-key.yml:8: duplicate key 'listen' (first on line 1)",
        "bad-duplicate-key.yml:9: max_units: -5 out of range 1-1000000",
    ],
    "bad-yaml-syntax.yml": [
        "bad-yaml-syntax.yml:5: invalid YAML: did not find expected key (while parsing a block mapping on line 3)",
    ],
    "bad-source-kind.yml": [
        "bad-source-kind.yml:3: sources.dossiers.kind: unknown source kind 'mysql': expected sqlite or postgres",
        "bad-source-kind.yml:6: sources.documents: missing key 'kind': expected sqlite or postgres",
        "bad-source-kind.yml:7: sources.documents: unknown key 'busy_timout' (did you mean 'busy_timeout'?)",
    ],
    "bad-periods.yml": [
        "bad-periods.yml:3: periods[1]: unknown period 'last_quarter': expected current_quarter, previous_quarter, current_year or last_30_days",
        "bad-periods.yml:4: periods[2]: duplicate period 'current_quarter'",
    ],
    "bad-postgres.yml": [
        "bad-postgres.yml:3: sources.dossiers: missing key 'database'",
        "bad-postgres.yml:5: sources.dossiers.port: 70000 out of range 1-65535",
        "bad-postgres.yml:7: sources.dossiers.password: a password is never written in the configuration: put it in a file only the exporter reads and name that file with password_file",
        "bad-postgres.yml:8: sources.dossiers.tls: unknown tls mode 'prefer': expected disable, require or verify-full",
        "bad-postgres.yml:9: sources.dossiers.schema: 'egov; DROP TABLE dossiers' is not a plain SQL identifier: expected letters, digits and _, not starting with a digit",
        "bad-postgres.yml:10: sources.dossiers.statement_timeout: 0s out of range 1s-3600s",
        "bad-postgres.yml:16: sources.documents.tls: tls verify-full needs ca_file (the certificate authority that signed the server's certificate)",
    ],
    "bad-postgres-password.yml": [
        "bad-postgres-password.yml:8: sources.dossiers.password_file: /nonexistent/egov-exporter/pg-password cannot be read: No such file or directory",
        "bad-postgres-password.yml:15: sources.documents.password_file: /dev/null is not a regular file",
    ],
    "bad-postgres-ca.yml": [
        "bad-postgres-ca.yml:8: sources.documents.ca_file: ca_file is only read with tls require or verify-full",
    ],
    "bad-not-a-mapping.yml": ["bad-not-a-mapping.yml:1: expected a mapping, got a list"],
    "bad-http.yml": [
        "bad-http.yml:2: http.header_read_timeout: 0s out of range 1s-3600s",
        "bad-http.yml:3: http.idle_timeout: expected a number of seconds or a duration such as 30s, 5m or 1h, got 'soon'",
        "bad-http.yml:4: http.request_timeout: 7200s out of range 1s-3600s",
        "bad-http.yml:5: http.max_connections: 0 out of range 1-100000",
        "bad-http.yml:6: http: unknown key 'shutdown_timout' (did you mean 'shutdown_timeout'?)",
    ],
    "bad-targets.yml": [
        "bad-targets.yml:2: targets.on_time: 101 out of range 0-100 (%)",
        "bad-targets.yml:3: targets.online: expected a percentage from 0 to 100, got 'lots'",
        "bad-targets.yml:4: targets.signed: expected a percentage or a mapping of unit levels to percentages, got a list",
        "bad-targets.yml:5: targets.electronic_work_files: expected at least one unit level",
        "bad-targets.yml:6: targets: unknown key 'eoffice_usge' (did you mean 'eoffice_usage'?)",
    ],
]

/// The exact configuration each good example decodes to.
private let goodFiles: [String: ExporterConfig] = {
    let day = { (text: String) in LocalDate(iso: text)! }
    var full = ExporterConfig.default
    full.listen = ListenAddress("0.0.0.0:18466")!
    full.refreshInterval = 300
    full.refreshTimeout = 150
    full.sources = SourcesConfig(
        dossiers: .sqlite(path: "/var/lib/egov/one-stop.sqlite", busyTimeout: 10),
        documents: .sqlite(path: "/var/lib/egov/documents.sqlite", busyTimeout: 60))
    full.periodProfile = .calendar
    full.timeZoneName = "+07:00"
    full.rootUnit = "19"
    full.periods = [.previousQuarter, .currentYear]
    full.declared = [
        Declaration(unit: "19", row: "7.1", value: 1, effective: day("2024-01-01")),
        Declaration(unit: "19", row: "7.4", value: 1, effective: day("2024-01-01")),
        Declaration(unit: "19", row: "7.4", value: 2, effective: day("2024-07-01")),
        Declaration(unit: "164", row: "7.2", value: 0, effective: day("2023-12-15")),
        Declaration(unit: "05587", row: "1.1.a", value: 6, effective: day("2024-01-12")),
        Declaration(unit: "05587", row: "1.1.b", value: 3, effective: day("2024-01-12")),
        Declaration(unit: "05587", row: "6.1.a", value: 1250.5, effective: day("2024-01-01")),
        Declaration(unit: "05587", row: "1.2.1", value: 87.5, effective: day("2024-01-01")),
    ]
    full.maxUnits = 500
    full.statePath = "/var/lib/egov-exporter/state.sqlite"
    full.snapshots = SnapshotConfig(enabled: false, levels: ["district", "commune", "ward"],
                                    periods: [.quarter, .halfYear, .nineMonths, .year], delayDays: 5)

    var http = ExporterConfig.default
    http.http = HTTPLimits(headerReadTimeout: 5, idleTimeout: 120, requestTimeout: 300, maxConnections: 64, shutdownTimeout: 20)
    http.webConfigFile = "/etc/egov-exporter/web.yml"

    var twoSources = ExporterConfig.default
    twoSources.sources = SourcesConfig(
        dossiers: .sqlite(path: "data/one-stop.sqlite", busyTimeout: 5),
        documents: .sqlite(path: "data/e-office.sqlite", busyTimeout: 0))

    // Unquoted 05587 is an integer to YAML; the unit code keeps its leading zero. The timeout
    // default shrinks to the 10 s interval.
    var numberUnit = ExporterConfig.default
    numberUnit.rootUnit = "05587"
    numberUnit.refreshInterval = 10
    numberUnit.refreshTimeout = 10
    numberUnit.declared = [
        Declaration(unit: "05587", row: "7.3", value: 1, effective: day("2024-03-15")),
        Declaration(unit: "05587", row: "7.4", value: 0, effective: day("2024-03-15")),
    ]
    var targets = ExporterConfig.default
    targets.targets.onTime = Targets.Target(byLevel: ["commune": 97], other: 95)
    targets.targets.online = Targets.Target(other: 60)
    targets.targets.eofficeUsage = Targets.Target(other: 85.5)
    var postgres = ExporterConfig.default
    postgres.sources = SourcesConfig(
        dossiers: .postgres(PostgresSettings(
            host: "db.tinh.gov.vn", database: "motcua", user: "egov_exporter", passwordFile: "/etc/egov-exporter/pg-password",
            password: TestData.examplePassword, tls: .verifyFull, caFile: "/etc/egov-exporter/pg-ca.pem", schema: "egov", statementTimeout: 120)),
        documents: .postgres(PostgresSettings(host: "10.0.0.7", port: 6432, database: "eoffice", user: "egov_exporter",
                                                  tls: .disable)))

    return [
        "good-targets.yml": targets,
        "good-postgres.yml": postgres,
        "good-minimal.yml": .default, "good-empty-mapping.yml": .default, "good-full.yml": full, "good-http.yml": http,
        "good-two-sources.yml": twoSources, "good-number-unit.yml": numberUnit,
    ]
}()

/// Configuration: the example files, the value rules, and the command-line overrides.
@Suite("Configuration")
struct ConfigTests {}

extension ConfigTests {
    @Suite("example files")
    struct Files {
        @Test("a bad example reports exactly its errors", arguments: badFiles.keys.sorted())
        func badFile(_ name: String) throws {
            let errors = try #require(throws: ConfigErrors.self) { try TestData.parse(name) }
            #expect(errors.errors.map(\.description) == badFiles[name])
            #expect(errors.description == badFiles[name]?.joined(separator: "\n"))
        }

        @Test("a good example decodes to exactly its values", arguments: goodFiles.keys.sorted())
        func goodFile(_ name: String) throws {
            #expect(try TestData.parse(name) == goodFiles[name])
        }

        @Test("every example under config/testdata has an expectation")
        func everyFileIsChecked() throws {
            #expect(try TestData.files(prefix: "bad-") == badFiles.keys.sorted())
            #expect(try TestData.files(prefix: "good-") == goodFiles.keys.sorted())
        }

        @Test("config/egov-exporter.yml is the defaults plus the province's and xã Bình Yên's declared rows")
        func exampleFile() throws {
            let path = TestData.configFolder.appendingPathComponent("egov-exporter.yml").path
            var expected = ExporterConfig.default
            let day = LocalDate(year: 2024, month: 1, day: 1)!
            expected.declared = [("7.1", 1.0), ("7.2", 2), ("7.3", 2), ("7.4", 1)]
                .map { Declaration(unit: "19", row: $0.0, value: $0.1, effective: day) }
                + [("1.1.a", 6.0, "2024-01-12"), ("1.1.b", 3, "2024-01-12"), ("1.5", 0, "2024-01-12"), ("4.2.1", 19, "2024-01-01")]
                .map { Declaration(unit: "05587", row: $0.0, value: $0.1, effective: LocalDate(iso: $0.2)!) }
            #expect(try ConfigLoader.load(path: path) == expected)
        }

        @Test("an unreadable file is one error naming it")
        func unreadable() {
            let path = TestData.folder.appendingPathComponent("missing.yml").path
            #expect(throws: ConfigErrors([ConfigError(file: path, message: "cannot read the configuration: No such file or directory")])) {
                try ConfigLoader.load(path: path)
            }
        }

        @Test("load names the path it was given, with the line")
        func loadNamesPath() throws {
            let path = TestData.folder.appendingPathComponent("bad-port.yml").path
            let errors = try #require(throws: ConfigErrors.self) { try ConfigLoader.load(path: path) }
            #expect(errors.description == "\(path):1: listen: port 70000 out of range 1-65535")
        }
}
}

extension ConfigTests {
    @Suite("values")
    struct Values {
        private func parse(_ yaml: String) throws(ConfigErrors) -> ExporterConfig {
            try ConfigLoader.parse(yaml: yaml, file: "test.yml")
        }

        private func errors(_ yaml: String) -> [String] {
            do { _ = try parse(yaml) } catch { return error.errors.map(\.description) }
            return []
        }

        @Test("an empty document, a comment or {} gives the defaults", arguments: ["", "# nothing\n", "{}", "---\n"])
        func defaults(_ yaml: String) throws {
            #expect(try parse(yaml) == .default)
        }

        @Test("the defaults")
        func defaultValues() {
            let config = ExporterConfig.default
            #expect(config.listen.description == "127.0.0.1:8466")
            #expect(ExporterConfig.defaultPort == 8466)
            #expect(!(9100...9999).contains(config.listen.port))
            #expect((config.refreshInterval, config.refreshTimeout, config.maxUnits) == (60, 30, 2000))
            #expect(config.sources.dossiers == .sqlite(path: "data/egov.sqlite", busyTimeout: 5))
            #expect(config.sources.documents == config.sources.dossiers)
            #expect(config.periodProfile == .nd09 && config.timeZone == .vietnam && config.timeZoneName == "Asia/Ho_Chi_Minh")
            #expect(config.periods == ExposedPeriodKind.allCases && config.declared.isEmpty && config.rootUnit == nil)
        }

        @Test("a null value keeps the default")
        func nullKeepsDefault() throws {
            #expect(try parse("listen:\nperiods: ~\ndeclared: null\nroot_unit:\n") == .default)
        }

        @Test("durations", arguments: [("45", 45), ("45s", 45), ("5m", 300), ("1h30m", 5400), ("1d", 86_400)])
        func durations(_ text: String, _ seconds: Int) throws {
            #expect(try parse("refresh_interval: \(text)\nrefresh_timeout: 5").refreshInterval == seconds)
        }

        @Test("refused durations", arguments: ["1.5m", "30m1h", "1m30", "-5", "5 m", "m", "1m1m"])
        func refusedDurations(_ text: String) {
            #expect(errors("refresh_interval: \(text)") == [
                "test.yml:1: refresh_interval: expected a number of seconds or a duration such as 30s, 5m or 1h, got '\(text)'",
            ])
        }

        @Test("listen addresses", arguments: [
            ("127.0.0.1:8466", "127.0.0.1", 8466), ("[::1]:9", "::1", 9), ("localhost:65535", "localhost", 65535),
            ("exporter-1.example.vn:80", "exporter-1.example.vn", 80),
        ])
        func listen(_ text: String, _ host: String, _ port: Int) throws {
            let address = try #require(ListenAddress(text))
            #expect((address.host, address.port, address.description) == (host, port, text))
        }

        @Test("refused listen addresses", arguments: [":8466", "8466", "::1:8466", "[::1]8466", "host:", "host:port", "host:0", "a b:1", "[]:1"])
        func refusedListen(_ text: String) {
            #expect(ListenAddress(text) == nil)
        }

        @Test("the timeout alone may not exceed the default interval; a week is too long")
        func ranges() {
            #expect(errors("refresh_timeout: 2m") == ["test.yml:1: refresh_timeout: 120s exceeds refresh_interval 60s"])
            #expect(errors("refresh_interval: 1w") == ["test.yml:1: refresh_interval: 604800s out of range 5s-86400s"])
        }

        @Test("a key written three times, quoted once, is two duplicates of the first")
        func tripleKey() {
            #expect(errors("max_units: 1\n'max_units': 2\nmax_units: 3\nlisten: x") == [
                "test.yml:2: duplicate key 'max_units' (first on line 1)",
                "test.yml:3: duplicate key 'max_units' (first on line 1)",
                "test.yml:4: listen: invalid listen address 'x': expected HOST:PORT such as 127.0.0.1:8466 or [::1]:8466",
            ])
        }

        @Test("a duplicate key in a one-line mapping is still reported")
        func duplicateInFlowMapping() {
            #expect(errors("sources: {dossiers: {kind: sqlite, path: a, path: b}}") == ["test.yml:1: duplicate key 'path'"])
        }

        @Test("an empty periods list, an empty unit and a non-string key")
        func emptyValues() {
            #expect(errors("periods: []\nroot_unit: ''\n[a]: 1\n") == [
                "test.yml:1: periods: expected at least one of current_quarter, previous_quarter, current_year or last_30_days",
                "test.yml:2: root_unit: expected a non-empty string",
                "test.yml:3: expected a string key, got a list",
            ])
        }

        @Test("error text leaves out the parts it does not have")
        func errorText() {
            #expect(ConfigError(file: "f.yml", line: 3, key: "a.b", message: "m").description == "f.yml:3: a.b: m")
            #expect(ConfigError(file: "f.yml", line: 3, message: "m").description == "f.yml:3: m")
            #expect(ConfigError(file: "command line", key: "--listen", message: "m").description == "command line: --listen: m")
            #expect(ConfigError(file: "f.yml", message: "m").description == "f.yml: m")
        }
}
}

extension ConfigTests {
    @Suite("command-line overrides")
    struct Overrides {
        @Test("--db sets both sources and keeps their busy timeouts")
        func db() throws {
            var config = ExporterConfig.default
            config.sources = SourcesConfig(dossiers: .sqlite(path: "a", busyTimeout: 9), documents: .sqlite(path: "b", busyTimeout: 2))
            let applied = try ConfigOverrides(db: "/srv/egov.sqlite").apply(to: config)
            #expect(applied.sources == SourcesConfig(
                dossiers: .sqlite(path: "/srv/egov.sqlite", busyTimeout: 9), documents: .sqlite(path: "/srv/egov.sqlite", busyTimeout: 2)))
        }

        @Test("--listen and --refresh-interval; a shorter interval shrinks the timeout")
        func listenAndInterval() throws {
            let applied = try ConfigOverrides(listen: "[::]:18466", refreshInterval: 20).apply(to: .default)
            #expect(applied.listen == ListenAddress(host: "::", port: 18466))
            #expect((applied.refreshInterval, applied.refreshTimeout) == (20, 20))
            #expect(try ConfigOverrides(refreshInterval: 600).apply(to: .default).refreshTimeout == 30)
        }

        @Test("--refresh-interval is written as in the file: seconds or a duration")
        func intervalText() {
            #expect(["60", "5s", "5m", "1h30m", "1d"].map(ConfigOverrides.seconds) == [60, 5, 300, 5400, 86_400])
            #expect(["5x", "", "-5", "m5"].map(ConfigOverrides.seconds) == [nil, nil, nil, nil])
        }

        @Test("--state sets the state database; the state database may not be a source")
        func state() throws {
            #expect(try ConfigOverrides(state: "/var/lib/egov/state.sqlite").apply(to: .default).statePath == "/var/lib/egov/state.sqlite")
            #expect(throws: ConfigErrors([ConfigError(file: "command line", key: "--state", message:
                "the state database 'x.sqlite' is the dossiers source: the exporter writes its state to a file of its own and never writes to a source")])) {
                try ConfigOverrides(db: "x.sqlite", state: "x.sqlite").apply(to: .default)
            }
        }

        @Test("no flags change nothing")
        func none() throws {
            #expect(try ConfigOverrides().apply(to: .default) == .default)
        }

        @Test("bad flags are all reported, each naming its flag")
        func badFlags() {
            let expected = ConfigErrors([
                ConfigError(file: "command line", key: "--db", message: "expected a path to an SQLite file"),
                ConfigError(file: "command line", key: "--listen", message: "port 99999 out of range 1-65535"),
                ConfigError(file: "command line", key: "--refresh-interval", message: "1s out of range 5s-86400s"),
            ])
            #expect(throws: expected) { try ConfigOverrides(db: "", listen: "0.0.0.0:99999", refreshInterval: 1).apply(to: .default) }
            #expect(expected.description.split(separator: "\n").first == "command line: --db: expected a path to an SQLite file")
        }
}
}

// swift-tools-version:6.2
import PackageDescription

let package = Package(
    name: "egov-exporter",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "egov-exporter", targets: ["egov-exporter"]),
    ],
    // PostgreSQL sources (postgres-nio, which brings swift-crypto and a second BoringSSL: about
    // +95 s of a clean debug build). On by default; `--disable-default-traits` builds the lean
    // SQLite-only exporter, which refuses `kind: postgres` with a message saying so.
    traits: [
        .trait(name: "Postgres", description: "Read sources from PostgreSQL servers (postgres-nio)."),
        .default(enabledTraits: ["Postgres"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1"),
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", exact: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", exact: "2.5.0"),
        // Already resolved through hummingbird; named for the HTTP/1 pipeline the exporter builds itself.
        .package(url: "https://github.com/apple/swift-nio", exact: "2.101.3"),
        .package(url: "https://github.com/apple/swift-nio-extras", exact: "1.35.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", exact: "2.37.6"),
        // Already resolved through hummingbird; ALPN and the HTTP/2 pipeline behind TLS.
        .package(url: "https://github.com/apple/swift-nio-http2", exact: "1.46.0"),
        .package(url: "https://github.com/vapor/postgres-nio", exact: "1.33.2"),
    ],
    targets: [
        // Pure domain: records, reporting calendar, indicators, appendix rows. No I/O.
        .target(name: "EGovKPI"),
        // Read-only SQLite source: schema, aggregate SQL, adapters.
        .target(
            name: "EGovSources",
            dependencies: ["EGovKPI", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        // PostgreSQL sources: the same statements as SQLite in PostgreSQL's dialect, through
        // postgres-nio (only with the `Postgres` trait; without it the target is empty).
        .target(
            name: "EGovPostgres",
            dependencies: [
                "EGovKPI", "EGovSources", "EGovImport",
                .product(name: "PostgresNIO", package: "postgres-nio", condition: .when(traits: ["Postgres"])),
                .product(name: "NIOSSL", package: "swift-nio-ssl", condition: .when(traits: ["Postgres"])),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // Deterministic demo database generator.
        .target(
            name: "EGovDemo",
            dependencies: ["EGovKPI", "EGovSources", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        // The system zlib, for gzip-encoded scrapes (Debian package zlib1g-dev).
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
        // Metric families and their text / OpenMetrics rendering, from a refresh's result.
        .target(name: "EGovExposition", dependencies: ["EGovKPI", "CZlib"]),
        // Debian's libxlsxwriter (libxlsxwriter-dev), for the appendix workbook.
        .systemLibrary(name: "CXlsxWriter", providers: [.apt(["libxlsxwriter-dev"])]),
        // Quarterly snapshots: the exporter's own state database (migrations, versions).
        .target(
            name: "EGovSnapshots",
            dependencies: ["EGovKPI", "EGovSources", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        // What people and machines read: the JSON and table reports, the narrative, and the
        // snapshot's formats (XLSX, CSV, JSON, Markdown), each a renderer walking the catalogue.
        .target(name: "EGovReports", dependencies: ["EGovKPI", "EGovSnapshots", "CXlsxWriter"]),
        // Debian's YAJL (libyajl-dev): an event-based JSON parser reading a stream in chunks.
        .systemLibrary(name: "CYajl", providers: [.apt(["libyajl-dev"])]),
        // Imports into the embedded store: national-portal payloads and CSV exports.
        .target(
            name: "EGovImport",
            dependencies: ["EGovKPI", "EGovSources", "CYajl", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        // Composition root: configuration, refresh service, HTTP application.
        .target(
            name: "EGovExporterApp",
            dependencies: [
                "EGovKPI", "EGovSources", "EGovExposition", "EGovSnapshots", "EGovReports", "EGovImport", "EGovPostgres",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdHTTP2", package: "hummingbird"),
                .product(name: "NIOHTTP2", package: "swift-nio-http2"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOTLS", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "NIOHTTPTypesHTTP1", package: "swift-nio-extras"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "egov-exporter",
            dependencies: [
                "EGovKPI", "EGovSources", "EGovDemo", "EGovSnapshots", "EGovReports", "EGovExporterApp", "EGovImport", "EGovPostgres",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "EGovKPITests", dependencies: ["EGovKPI"]),
        .testTarget(
            name: "EGovSourcesTests",
            dependencies: ["EGovKPI", "EGovSources", "EGovDemo", "EGovReports", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(
            name: "EGovSnapshotsTests",
            dependencies: ["EGovKPI", "EGovSources", "EGovDemo", "EGovSnapshots", "EGovReports", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(
            name: "EGovImportTests",
            dependencies: ["EGovKPI", "EGovSources", "EGovDemo", "EGovImport", "EGovReports", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(name: "EGovExpositionTests", dependencies: ["EGovKPI", "EGovExposition"]),
        .testTarget(
            name: "EGovExporterAppTests",
            dependencies: [
                "EGovKPI", "EGovSources", "EGovDemo", "EGovExposition", "EGovSnapshots", "EGovReports", "EGovExporterApp",
                "EGovImport", "EGovPostgres", .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            resources: [.copy("Golden")]
        ),
    ],
    swiftLanguageModes: [.v6]
)

// swift-tools-version:6.2
import PackageDescription

let package = Package(
    name: "egov-exporter",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "egov-exporter", targets: ["egov-exporter"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
    ],
    targets: [
        // Pure domain: records, reporting calendar, indicators, appendix rows. No I/O.
        .target(name: "EGovKPI"),
        // Read-only SQLite source: schema, aggregate SQL, adapters.
        .target(
            name: "EGovSources",
            dependencies: ["EGovKPI", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        // Deterministic demo database generator.
        .target(
            name: "EGovDemo",
            dependencies: ["EGovKPI", "EGovSources", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .executableTarget(
            name: "egov-exporter",
            dependencies: [
                "EGovKPI", "EGovSources", "EGovDemo",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "EGovKPITests", dependencies: ["EGovKPI"]),
        .testTarget(
            name: "EGovSourcesTests",
            dependencies: ["EGovKPI", "EGovSources", "EGovDemo", .product(name: "GRDB", package: "GRDB.swift")]
        ),
    ],
    swiftLanguageModes: [.v6]
)

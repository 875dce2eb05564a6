// swift-tools-version:6.1
import PackageDescription

/// Pruefstand: budget controlling and consolidation analytics for municipal finance.
///
/// - `PruefstandCore` holds all behaviour, in folders by pipeline stage
///   (Domain → Store → Import → Analysis / Scenarios → Export → Pipeline).
/// - `pruefstand` is the thin command-line front end.
/// - `CXlsxWriter` is Debian's libxlsxwriter as a system library; SQLite comes as GRDB's
///   `GRDBSQLite` system library (Debian's libsqlite3).
/// - `CPruefstandShims` is a little C: SHA-256 through Debian's libcrypto (OpenSSL) and the
///   process-wide SQLite settings that only C can make (docs/decisions/0005-sha256-openssl.md).
///   It also inflates a written workbook's parts through zlib for the after-write check (`pf_zip_check_entry`).
let package = Package(
    name: "Pruefstand",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "pruefstand", targets: ["pruefstand"]),
        .library(name: "PruefstandCore", targets: ["PruefstandCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20"),
        .package(url: "https://github.com/x-sheep/swift-property-based", exact: "2.0.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CXlsxWriter",
            pkgConfig: "xlsxwriter",
            providers: [.apt(["libxlsxwriter-dev"])]),
        .target(
            name: "CPruefstandShims",
            linkerSettings: [.linkedLibrary("crypto"), .linkedLibrary("sqlite3"), .linkedLibrary("z")]),
        .target(
            name: "PruefstandCore",
            dependencies: [
                "CXlsxWriter",
                "CPruefstandShims",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            // Compiled into the binary (`PackageResources`), so a copied binary needs no resource folder: the built-in
            // parameter files (docs/parameters.md), the report tables' column catalogue (Vocabulary/ReportColumns.swift)
            // and the store's migrations (docs/schema.md).
            resources: [.embedInCode("Resources/defaults/review.yaml"), .embedInCode("Resources/defaults/audit.yaml"),
                        .embedInCode("Resources/defaults/projection.yaml"),
                        .embedInCode("Resources/report-columns.tsv"), .embedInCode("Resources/report-tables.tsv"),
                        .embedInCode("Resources/labels.tsv"),
                        .embedInCode("Resources/messages/xlsx-errors.tsv"),
                        .embedInCode("Resources/migrations/v1-core.sql"), .embedInCode("Resources/migrations/v2-review.sql"),
                        .embedInCode("Resources/migrations/v3-load-modes.sql"), .embedInCode("Resources/migrations/v4-code-schemes.sql"),
                        .embedInCode("Resources/migrations/v5-code-names.sql"), .embedInCode("Resources/migrations/v6-tax-rates.sql"),
                        .embedInCode("Resources/migrations/v7-reject-reasons-de.sql")]),
        .executableTarget(
            name: "pruefstand",
            dependencies: [
                "PruefstandCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .testTarget(
            name: "PruefstandCoreTests",
            dependencies: [
                "PruefstandCore",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            exclude: ["RealData/oracles", "Golden/help", "Golden/csv"],
            resources: [.copy("Cases"), .copy("Fixtures")]),
    ]
)

// Fuzz targets (libFuzzer). In a plain build each is compiled but only says what it is; with
// `-Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING` it drives libFuzzer (FuzzSupport). See scripts/fuzz.sh.
package.targets += [
    .target(name: "FuzzSupport"),
    .executableTarget(name: "FuzzXLSX", dependencies: ["FuzzSupport", "PruefstandCore"]),
    .executableTarget(name: "FuzzCSV", dependencies: ["FuzzSupport", "PruefstandCore"]),
    .executableTarget(name: "FuzzValues", dependencies: ["FuzzSupport", "PruefstandCore"]),
    .executableTarget(name: "FuzzParameters", dependencies: ["FuzzSupport", "PruefstandCore"]),
    .executableTarget(name: "FuzzMapping", dependencies: ["FuzzSupport", "PruefstandCore"]),
    .executableTarget(name: "FuzzYAML", dependencies: ["FuzzSupport", .product(name: "Yams", package: "Yams")]),
    .executableTarget(name: "FuzzReviewRules", dependencies: ["FuzzSupport", "PruefstandCore"]),
    .executableTarget(name: "FuzzWorkbookWriter", dependencies: ["FuzzSupport", "PruefstandCore", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
    .executableTarget(name: "FuzzManifest", dependencies: ["FuzzSupport", "PruefstandCore"]),
]

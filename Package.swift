// swift-tools-version: 6.1
import PackageDescription

// Layers, innermost first: LeadqDomain (pure rules) <- LeadqStore (files) <- LeadqCLI / LeadqUI <- leadq.
// LeadqText (display width, inert text) is a leaf every layer above the domain may use.
let package = Package(
    name: "leadq",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "leadq", targets: ["leadq"]),
    ],
    // The PostgreSQL client adds minutes to a first build (SwiftNIO, NIOSSL, swift-crypto): off by
    // default, so `leadq --demo` needs nothing more; `--traits Postgres` builds it in.
    traits: [
        .trait(name: "Postgres", description: "The PostgreSQL store (postgres-nio)"),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/pointfreeco/swift-snapshot-testing", from: "1.19.7"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        .target(name: "LeadqDomain"),
        .target(name: "LeadqCodec", dependencies: ["LeadqDomain", "LeadqText"]),
        .target(name: "LeadqStore", dependencies: ["LeadqDomain"]),
        .target(name: "LeadqFileStore", dependencies: ["LeadqDomain", "LeadqCodec", "LeadqStore", "LeadqText"]),
        // The PostgreSQL store; its code is inside `#if Postgres`, so without the trait it is empty.
        .target(name: "LeadqPostgres", dependencies: [
            "LeadqDomain", "LeadqCodec", "LeadqStore",
            .product(name: "PostgresNIO", package: "postgres-nio", condition: .when(traits: ["Postgres"])),
        ]),
        .target(name: "LeadqDemo", dependencies: ["LeadqDomain"]),
        .target(name: "LeadqFormat", dependencies: ["LeadqDomain", "LeadqText", "LeadqMetrics"]),
        // Report figures: pure functions of leads, a window and now (CLI report and console stats).
        .target(name: "LeadqMetrics", dependencies: ["LeadqDomain"]),
        .target(name: "LeadqCLI", dependencies: [
            "LeadqDomain", "LeadqStore", "LeadqFileStore", "LeadqCodec", "LeadqDemo", "LeadqFormat", "LeadqText", "LeadqConsole", "LeadqCurses", "LeadqUI", "LeadqMetrics", "LeadqIO",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Yams", package: "Yams"),
        ]),
        .target(name: "LeadqConsole", dependencies: ["LeadqDomain", "LeadqStore", "LeadqFileStore", "LeadqCodec", "LeadqFormat", "LeadqText", "LeadqUI", "LeadqMetrics"]),
        .executableTarget(name: "leadq", dependencies: ["LeadqCLI"]),
        // Speed against the targets in BENCHMARKS.md: the console's code in-process, `leadq` as processes, the console in tmux.
        .executableTarget(name: "leadq-bench", dependencies: [
            "leadq", "LeadqConsole", "LeadqStore", "LeadqFileStore", "LeadqCodec", "LeadqDemo", "LeadqDomain", "LeadqUI", "LeadqTestSupport",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], path: "Sources/LeadqBench"),
        .target(name: "LeadqTestSupport", dependencies: [
            "LeadqDomain", "LeadqStore", "LeadqFileStore", "LeadqCodec",
            .target(name: "LeadqPostgres", condition: .when(traits: ["Postgres"])),
            .product(name: "PostgresNIO", package: "postgres-nio", condition: .when(traits: ["Postgres"])),
        ]),
        .testTarget(name: "LeadqDomainTests", dependencies: ["LeadqDomain", "LeadqTestSupport"]),
        .testTarget(name: "LeadqConsoleTests", dependencies: [
            "LeadqConsole", "LeadqDemo", "LeadqTestSupport", "LeadqUI", "LeadqStore", "LeadqFileStore", "LeadqCodec", "LeadqText", "LeadqMetrics",
            .product(name: "SnapshotTesting", package: "swift-snapshot-testing"),
        ], exclude: ["__Snapshots__"]),
        .testTarget(name: "LeadqE2ETests", dependencies: ["leadq", "LeadqTestSupport"]),
        .testTarget(name: "LeadqMetricsTests", dependencies: ["LeadqMetrics", "LeadqFormat", "LeadqDomain", "LeadqDemo", "LeadqTestSupport", "LeadqText"]),
        .testTarget(name: "LeadqCLITests", dependencies: ["leadq", "LeadqTestSupport", "LeadqStore", "LeadqFileStore", "LeadqCodec", "LeadqDomain",
                                                         .product(name: "CSV", package: "CSV.swift")]),
        .testTarget(name: "LeadqStoreTests", dependencies: ["LeadqStore", "LeadqFileStore", "LeadqCodec", "LeadqDomain", "LeadqDemo", "LeadqTestSupport"],
                    exclude: ["Fixtures"]),
        // The same test bodies against every store (StoreKinds.all): what any LeadStore must do.
        .testTarget(name: "LeadqStoreConformanceTests", dependencies: ["LeadqStore", "LeadqDomain", "LeadqDemo", "LeadqTestSupport"]),
        .testTarget(name: "LeadqPostgresTests", dependencies: ["LeadqPostgres", "LeadqStore", "LeadqDomain", "LeadqTestSupport"]),
        // CRM imports and exports: CSV through CSV.swift, header aliases, row mapping, import plans.
        .target(name: "LeadqIO", dependencies: ["LeadqDomain", "LeadqStore", "LeadqFileStore", "LeadqCodec", "LeadqText", .product(name: "CSV", package: "CSV.swift")]),
        .testTarget(name: "LeadqIOTests", dependencies: ["LeadqIO", "LeadqDomain", "LeadqStore", "LeadqFileStore", "LeadqCodec", "LeadqText", "LeadqTestSupport",
                                                         .product(name: "CSV", package: "CSV.swift")],
                    exclude: ["Samples"]),
        // Terminal layer: pure text width/sanitising, then the curses-free screen core.
        .target(name: "LeadqText"),
        .testTarget(name: "LeadqTextTests", dependencies: ["LeadqText"]),
        .target(name: "LeadqUI", dependencies: ["LeadqText", .product(name: "Yams", package: "Yams")]),
        .testTarget(name: "LeadqUITests", dependencies: ["LeadqUI", "LeadqText"]),
        // The only targets that touch ncurses: the C shim, async-signal-safe handlers, the backend.
        .systemLibrary(name: "CNcursesw"),
        .target(name: "CLeadqSignals"),
        .target(name: "LeadqCurses", dependencies: ["CNcursesw", "CLeadqSignals", "LeadqUI", "LeadqText"]),
        .testTarget(name: "LeadqCursesTests", dependencies: ["LeadqCurses", "CNcursesw", "LeadqUI"]),
        // Reliability and security suite: a test-only child process to crash, race and fuzz; not a product.
        .executableTarget(name: "leadq-crash-child", dependencies: ["LeadqDomain", "LeadqStore", "LeadqFileStore", "LeadqCodec", "LeadqDemo", "LeadqIO", "LeadqText", "LeadqTestSupport", "LeadqUI", "LeadqCLI"]),
        .testTarget(name: "LeadqReliabilityTests", dependencies: [
            "leadq", "leadq-crash-child", "LeadqDomain", "LeadqStore", "LeadqFileStore", "LeadqCodec", "LeadqDemo", "LeadqIO", "LeadqText", "LeadqUI", "LeadqConsole", "LeadqTestSupport",
            .product(name: "PropertyBased", package: "swift-property-based"),
        ]),
    ]
)

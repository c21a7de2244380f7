// swift-tools-version: 6.1
import PackageDescription

// Layers, innermost first (ARCHITECTURE.md draws them; a test checks it against this file):
//   LeadqText        display widths and inert text, a leaf for everything that shows text
//   LeadqDomain      pure rules: leads, stages, clocks, transitions and refusals; no I/O
//   LeadqCodec       the JSON every store shares (leads, events, settings)
//   LeadqStore       the store interface (LeadStore) and its values
//   LeadqFileStore   the JSON-directory store
//   LeadqPostgres    the PostgreSQL store (its code only with the Postgres trait)
//   LeadqIO, LeadqMetrics, LeadqDemo   CRM files in and out, report figures, the demo's leads
//   LeadqApp         the use cases every front end calls
//   LeadqFormat      words, tables and JSON for people and programs
//   LeadqUI, LeadqCurses, LeadqConsole   the console: cell buffer and themes, ncurses, the app
//   LeadqCLI, leadq  the commands, and the executable
// No `platforms:` entry: CI builds and tests on Linux only (the code calls Glibc and reads /proc).

let argumentParser = Target.Dependency.product(name: "ArgumentParser", package: "swift-argument-parser")
let yams = Target.Dependency.product(name: "Yams", package: "Yams")
let csv = Target.Dependency.product(name: "CSV", package: "CSV.swift")
// The PostgreSQL client, built only with the Postgres trait.
let postgresNIO = Target.Dependency.product(
    name: "PostgresNIO", package: "postgres-nio", condition: .when(traits: ["Postgres"]))

let package = Package(
    name: "leadq",
    products: [
        .executable(name: "leadq", targets: ["leadq"])
    ],
    // The PostgreSQL client adds minutes to a first build (SwiftNIO, NIOSSL, swift-crypto): off by
    // default, so `leadq --demo` needs nothing more; `--traits Postgres` builds it in.
    traits: [
        .trait(name: "Postgres", description: "The PostgreSQL store (postgres-nio)")
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
        .target(name: "LeadqDomain", dependencies: ["LeadqText"]),
        .target(name: "LeadqText"),
        // CRC-32 by carry-less multiplies, picked at run time on x86-64 CPUs that have them.
        .target(name: "CLeadqCRC32"),
        .target(name: "LeadqCodec", dependencies: ["CLeadqCRC32", "LeadqDomain", "LeadqText"]),
        .target(name: "LeadqStore", dependencies: ["LeadqDomain"]),
        .target(name: "LeadqFileStore", dependencies: ["LeadqDomain", "LeadqCodec", "LeadqStore", "LeadqText"]),
        // The PostgreSQL store; its code is inside `#if Postgres`, so without the trait it is empty.
        .target(name: "LeadqPostgres", dependencies: ["LeadqDomain", "LeadqCodec", "LeadqStore", postgresNIO]),
        .target(name: "LeadqIO", dependencies: ["LeadqDomain", "LeadqCodec", "LeadqStore", "LeadqText", csv]),
        .target(name: "LeadqMetrics", dependencies: ["LeadqDomain"]),
        .target(name: "LeadqDemo", dependencies: ["LeadqDomain"]),
        .target(
            name: "LeadqApp",
            dependencies: [
                "LeadqDomain", "LeadqCodec", "LeadqStore", "LeadqFileStore", "LeadqPostgres", "LeadqIO", "LeadqMetrics",
                "LeadqDemo", "LeadqText",
            ]),
        .target(name: "LeadqFormat", dependencies: ["LeadqDomain", "LeadqCodec", "LeadqMetrics", "LeadqText"]),
        .target(name: "LeadqUI", dependencies: ["LeadqText", yams]),
        // The only targets that touch ncurses: the C shim, async-signal-safe handlers, the backend.
        .systemLibrary(name: "CNcursesw"),
        .target(name: "CLeadqSignals"),
        .target(name: "LeadqCurses", dependencies: ["CNcursesw", "CLeadqSignals", "LeadqUI", "LeadqText"]),
        .target(
            name: "LeadqConsole",
            dependencies: [
                "LeadqApp", "LeadqCurses", "LeadqDemo", "LeadqDomain", "LeadqFormat", "LeadqMetrics", "LeadqStore",
                "LeadqText", "LeadqUI", yams,
            ]),
        .target(
            name: "LeadqCLI", dependencies: ["LeadqApp", "LeadqConsole", "LeadqDomain", "LeadqFormat", argumentParser]),
        .executableTarget(name: "leadq", dependencies: ["LeadqCLI"]),

        // Speed against the targets in BENCHMARKS.md: the console's code in-process, `leadq` as processes,
        // the console in tmux.
        .executableTarget(
            name: "leadq-bench",
            dependencies: [
                "leadq", "LeadqApp", "LeadqConsole", "LeadqDemo", "LeadqDomain", "LeadqFileStore", "LeadqStore",
                "LeadqTestSupport", "LeadqUI", argumentParser,
            ], path: "Sources/LeadqBench"),
        // Reliability and security suite: a test-only child process to crash, race and fuzz; not a product.
        .executableTarget(
            name: "leadq-crash-child",
            dependencies: [
                "LeadqCLI", "LeadqCodec", "LeadqCurses", "LeadqDemo", "LeadqDomain", "LeadqFileStore", "LeadqIO",
                "LeadqStore", "LeadqTestSupport", "LeadqText", "LeadqUI",
            ]),
        .target(
            name: "LeadqTestSupport",
            dependencies: ["LeadqDomain", "LeadqFileStore", "LeadqPostgres", "LeadqStore", postgresNIO]),

        .testTarget(name: "LeadqDomainTests", dependencies: ["LeadqDomain", "LeadqTestSupport", "LeadqText"]),
        .testTarget(name: "LeadqTextTests", dependencies: ["LeadqText"]),
        .testTarget(
            name: "LeadqAppTests",
            dependencies: [
                "LeadqApp", "LeadqDemo", "LeadqDomain", "LeadqFileStore", "LeadqIO", "LeadqMetrics", "LeadqStore",
                "LeadqTestSupport",
            ]),
        .testTarget(
            name: "LeadqStoreTests",
            dependencies: [
                "CLeadqCRC32", "LeadqApp", "LeadqCodec", "LeadqDemo", "LeadqDomain", "LeadqFileStore", "LeadqStore",
                "LeadqTestSupport",
            ],
            exclude: ["Fixtures"]),
        // The same test bodies against every store (StoreKinds.all): what any LeadStore must do.
        .testTarget(
            name: "LeadqStoreConformanceTests",
            dependencies: ["LeadqCodec", "LeadqDemo", "LeadqDomain", "LeadqStore", "LeadqTestSupport"]),
        .testTarget(
            name: "LeadqPostgresTests",
            dependencies: ["LeadqDomain", "LeadqPostgres", "LeadqStore", "LeadqTestSupport"]),
        .testTarget(
            name: "LeadqIOTests",
            dependencies: [
                "LeadqCodec", "LeadqDomain", "LeadqFileStore", "LeadqIO", "LeadqStore", "LeadqTestSupport", csv,
            ],
            exclude: ["Samples"]),
        .testTarget(
            name: "LeadqMetricsTests",
            dependencies: ["LeadqDemo", "LeadqDomain", "LeadqFormat", "LeadqMetrics", "LeadqTestSupport", "LeadqText"]),
        .testTarget(name: "LeadqUITests", dependencies: ["LeadqUI"]),
        .testTarget(name: "LeadqCursesTests", dependencies: ["CNcursesw", "LeadqCurses", "LeadqUI"]),
        .testTarget(
            name: "LeadqConsoleTests",
            dependencies: [
                "LeadqApp", "LeadqConsole", "LeadqDemo", "LeadqDomain", "LeadqFileStore", "LeadqMetrics", "LeadqStore",
                "LeadqTestSupport", "LeadqText", "LeadqUI",
                .product(name: "SnapshotTesting", package: "swift-snapshot-testing"),
            ], exclude: ["__Snapshots__"]),
        .testTarget(
            name: "LeadqCLITests",
            dependencies: ["leadq", "LeadqDomain", "LeadqFileStore", "LeadqStore", "LeadqTestSupport", csv],
            exclude: ["Golden"]),
        .testTarget(name: "LeadqE2ETests", dependencies: ["leadq", "LeadqTestSupport"]),
        // The repository's documents checked against its code (ARCHITECTURE.md's module graph).
        .testTarget(name: "LeadqRepositoryTests"),
        .testTarget(
            name: "LeadqReliabilityTests",
            dependencies: [
                "leadq", "leadq-crash-child", "LeadqCodec", "LeadqConsole", "LeadqDemo", "LeadqDomain",
                "LeadqFileStore", "LeadqIO", "LeadqStore", "LeadqTestSupport", "LeadqText", "LeadqUI",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]),
    ]
)

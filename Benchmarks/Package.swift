// swift-tools-version: 6.1
// QIKit's benchmarks, kept out of the root package: package-benchmark and its plugin there
// would triple every `swift build` and `swift test` of the library.
// Run with `swift package --package-path Benchmarks benchmark` (see README.md).
import PackageDescription

let package = Package(
    name: "QIKitBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "QIKit", path: ".."),
        // Only the MallocInterposer trait: the default traits pull in a runtime interposer
        // that is not mirrored on the project's machines.
        .package(url: "https://github.com/ordo-one/package-benchmark", from: "1.38.1",
                 traits: ["MallocInterposer"]),
        // The peers QIData's reader is compared with.
        .package(url: "https://github.com/swiftcsv/SwiftCSV", from: "0.10.0"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
    ],
    targets: [
        // Deterministic inputs (the CSV file, the regression design), made outside any
        // measured region.
        .target(name: "BenchmarkInputs", dependencies: [.product(name: "QIKit", package: "QIKit")]),
        // The three CSV readers, shared by the benchmark and by `csv-read-once` (one read per
        // process, for whole-process timing under hyperfine).
        .target(name: "CSVComparison", dependencies: [
            .product(name: "QIKit", package: "QIKit"),
            .product(name: "SwiftCSV", package: "SwiftCSV"),
            .product(name: "CSV", package: "CSV.swift"),
        ]),
        .executableTarget(name: "csv-read-once", dependencies: ["BenchmarkInputs", "CSVComparison"]),
        // The regression fits timed in-process, for the side-by-side run with the peer scripts.
        .executableTarget(name: "regression-fit-once", dependencies: [
            "BenchmarkInputs", .product(name: "QIKit", package: "QIKit"),
        ]),
        .executableTarget(
            name: "CSVReading",
            dependencies: [
                "BenchmarkInputs", "CSVComparison",
                .product(name: "Benchmark", package: "package-benchmark"),
            ],
            path: "Benchmarks/CSVReading",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]),
        .executableTarget(
            name: "LinearAlgebra",
            dependencies: [
                "BenchmarkInputs",
                .product(name: "QIKit", package: "QIKit"),
                .product(name: "Benchmark", package: "package-benchmark"),
            ],
            path: "Benchmarks/LinearAlgebra",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]),
        .executableTarget(
            name: "SPC",
            dependencies: [
                "BenchmarkInputs",
                .product(name: "QIKit", package: "QIKit"),
                .product(name: "Benchmark", package: "package-benchmark"),
            ],
            path: "Benchmarks/SPC",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]),
        .executableTarget(
            name: "Regression",
            dependencies: [
                "BenchmarkInputs",
                .product(name: "QIKit", package: "QIKit"),
                .product(name: "Benchmark", package: "package-benchmark"),
            ],
            path: "Benchmarks/Regression",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]),
        .executableTarget(
            name: "Simulation",
            dependencies: [
                .product(name: "QIKit", package: "QIKit"),
                .product(name: "Benchmark", package: "package-benchmark"),
            ],
            path: "Benchmarks/Simulation",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]),
    ]
)

// swift-tools-version: 6.1
// QIKit: statistical process control, regression and simulation for quality improvement in
// general practice. Dependencies point one way: CLAPACK (C) <- QILinearAlgebra <- QIStatistics
// <- QISPC / QIRegression / QISimulation; QIData reads input; QIRendering draws computed values;
// QICommandLine (the `qi` tool) sits on top and computes nothing itself.
import PackageDescription

let package = Package(
    name: "QIKit",
    products: [
        .library(
            name: "QIKit",
            targets: ["QILinearAlgebra", "QIStatistics", "QIData", "QIParallel", "QISPC",
                      "QIRegression", "QIRendering", "QISimulation"]),
        .executable(name: "qi", targets: ["qi"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
    ],
    targets: [
        .systemLibrary(name: "CLAPACK", pkgConfig: "openblas",
                       providers: [.apt(["libopenblas-dev", "liblapack-dev"])]),
        .target(name: "QILinearAlgebra", dependencies: ["CLAPACK"]),
        .target(name: "QIStatistics",
                dependencies: [.product(name: "RealModule", package: "swift-numerics")]),
        .target(name: "QIData"),
        .target(name: "QIParallel"),
        .target(name: "QISPC", dependencies: [
            "QIStatistics", "QIParallel", .product(name: "RealModule", package: "swift-numerics"),
        ]),
        .target(name: "QIRegression", dependencies: [
            "QILinearAlgebra", "QIStatistics", "QIParallel", .product(name: "RealModule", package: "swift-numerics"),
        ]),
        // Draws computed charts as SVG and HTML; computes no statistics and needs no Foundation.
        // Dates are QIData's ISODate underneath (one civil-date algorithm in the package).
        .target(name: "QIRendering", dependencies: ["QISPC", "QIData"]),
        // The programme spread and sustainability Monte Carlo (design/simulation-model.md) and
        // Bass calibration; Yams reads scenario files with the line of every node.
        .target(name: "QISimulation", dependencies: [
            "QIStatistics", "QILinearAlgebra", "QIData", "QIParallel", .product(name: "Yams", package: "Yams"),
        ]),
        .target(name: "QICommandLine", dependencies: [
            "QIData", "QIStatistics", "QISPC", "QIParallel", "QIRegression", "QIRendering", "QISimulation",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "qi", dependencies: ["QICommandLine"]),
        .testTarget(name: "QILinearAlgebraTests", dependencies: ["QILinearAlgebra"]),
        .testTarget(name: "QIStatisticsTests", dependencies: ["QIStatistics"]),
        .testTarget(name: "QIDataTests", dependencies: ["QIData"]),
        .testTarget(name: "QIParallelTests", dependencies: ["QIParallel"]),
        .testTarget(name: "QISPCTests", dependencies: ["QISPC", "QIData"]),
        .testTarget(name: "QIRegressionTests", dependencies: ["QIRegression", "QIData"]),
        // Golden files are read from the source tree (and rewritten on request), not bundled.
        .testTarget(name: "QIRenderingTests", dependencies: ["QIRendering", "QISPC"],
                    exclude: ["Golden"]),
        .testTarget(name: "QISimulationTests", dependencies: ["QISimulation"]),
        .testTarget(name: "QICommandLineTests", dependencies: ["QICommandLine", "qi"],
                    exclude: ["Corpus"]),
    ]
)

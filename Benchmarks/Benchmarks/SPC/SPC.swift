// The SPC figures of issue 3, measured two ways:
// - in-process, QISPC alone: one 36-point A&E series as a Making Data Count p chart (the
//   per-series figure to set beside qicharts2's ~57 ms and NHSRplotthedots' ~4 ms);
// - end to end through the release `qi` binary (built by `make bench` first): all 428 A&E
//   series with `--rules mdc --by org_code,type` (target: under 50 ms wall), and 10,000
//   series x 100 points with JSON written to a file (target: under 1.5 s wall, peak memory
//   under 4x the input; the peak is the child's, reported by `/usr/bin/time` in the README).
import Benchmark
import BenchmarkInputs
import Foundation
import QIData
import QISPC

let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let qi = packageRoot.appendingPathComponent(".build/release/qi").path
let emergencyFile = packageRoot.appendingPathComponent("datasets/ae_attendances.csv").path

/// Runs `qi` to completion with standard output discarded; fails the benchmark if it fails.
func runQI(_ arguments: [String]) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: qi)
    process.arguments = arguments
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey: "qi exited with \(process.terminationStatus)"])
    }
}

/// One A&E series (RJ1, type 1: 36 months) as subgroups, read once.
func emergencySeries() throws -> [Subgroup] {
    let table = try CSVReader.read(path: emergencyFile)
    let codes = try table.texts("org_code")
    let types = try table.texts("type")
    let breaches = try table.numbers("breaches")
    let attendances = try table.numbers("attendances")
    return (0..<table.rowCount).filter { codes[$0] == "RJ1" && types[$0] == "1" }
        .map { Subgroup(value: breaches[$0], size: attendances[$0]) }
}

let benchmarks: @Sendable () -> Void = {
    let series = try! emergencySeries()
    Benchmark("QISPC p chart, one 36-point A&E series, mdc (compute only)",
              configuration: .init(metrics: [.wallClock, .cpuTotal, .mallocCountTotal], timeUnits: .microseconds)) { benchmark in
        let options = ChartOptions(chart: .p, rules: .mdc, improvement: .decrease, target: 0.05)
        for _ in benchmark.scaledIterations {
            blackHole(try ControlChart.compute(series, options: options))
        }
    }

    Benchmark("qi spc, 428 A&E series, p chart, mdc, JSON (end to end)",
              configuration: .init(metrics: [.wallClock], timeUnits: .milliseconds, maxIterations: 30)) { _ in
        try runQI(["spc", emergencyFile, "--chart", "p", "--y", "breaches", "--n", "attendances", "--x", "period",
                   "--by", "org_code,type", "--rules", "mdc", "--format", "json"])
    }

    let batch = ProportionSeriesFile.standard
    let output = FileManager.default.temporaryDirectory.appendingPathComponent("qikit-benchmarks/spc-batch.json").path
    Benchmark("qi spc, 10,000 series x 100 points, p chart, anhoej, JSON to file (end to end)",
              configuration: .init(metrics: [.wallClock], timeUnits: .milliseconds, maxDuration: .seconds(60),
                                   maxIterations: 7, setup: { try batch.write() })) { benchmark in
        // The previous iteration's 266 MB result is deleted before the clock starts: replacing
        // it would make qi's final rename spend ~0.3 s freeing it (ext4), a cost of discarding
        // the old result rather than of producing this one (as in scripts/time-spc-batches.py).
        try? FileManager.default.removeItem(atPath: output)
        benchmark.startMeasurement()
        try runQI(["spc", batch.defaultPath, "--chart", "p", "--y", "numerator", "--n", "denominator", "--x", "period",
                   "--by", "practice,metric", "--format", "json", "--output", output])
    }
}

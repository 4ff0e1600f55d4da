// QIData's CSV reader against SwiftCSV and CSV.swift on the same 1,000,000-row, 6-column file
// (about 33 MB). Each iteration reads the file from disk and decodes `attendances` and
// `breaches` as numbers; the file is written once, before any measurement.
// The target: "well under a second in a release build".
import Benchmark
import BenchmarkInputs
import CSVComparison

let benchmarks: @Sendable () -> Void = {
    let file = AttendanceFile.standard
    // Few iterations: the peers take several seconds a read on this file.
    let configuration = Benchmark.Configuration(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident],
        timeUnits: .milliseconds,
        warmupIterations: 1,
        maxDuration: .seconds(60),
        maxIterations: 5,
        setup: { try file.write() })

    for library in CSVLibrary.allCases {
        Benchmark("\(library.rawValue) read 1M rows + 2 numeric columns", configuration: configuration) { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(try library.readColumns(path: file.defaultPath))
            }
        }
    }
}

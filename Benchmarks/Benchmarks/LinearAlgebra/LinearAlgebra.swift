// QILinearAlgebra's pivoted QR (LAPACK dgeqp3 on unit-norm columns, then the rank test) on a
// 1000 × 20 regression design, alone and followed by the least-squares solve. OpenBLAS is
// held to one thread so that results do not depend on what else the shared cores are doing.
import Benchmark
import BenchmarkInputs
import QILinearAlgebra

let benchmarks: @Sendable () -> Void = {
    let (design, response) = RegressionDesign.standard.make()
    let configuration = Benchmark.Configuration(
        metrics: [.wallClock, .mallocCountTotal, .throughput],
        timeUnits: .microseconds,
        maxDuration: .seconds(10),
        maxIterations: 2_000,
        setup: { BLASThreads.set(1) })

    Benchmark("PivotedQR 1000x20", configuration: configuration) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try PivotedQR(design))
        }
    }

    Benchmark("PivotedQR 1000x20 + least squares", configuration: configuration) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try design.leastSquares(response))
        }
    }
}

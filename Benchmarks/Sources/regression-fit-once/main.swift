// QIKit's regression fits on the benchmark data, timed in-process and printed beside the
// estimates, for the side-by-side table with the peer scripts (see ../../README.md):
//   regression-fit-once generate                 writes both CSV files, prints their paths
//   regression-fit-once glm|glmm [RUNS] [THREADS]   (THREADS: OpenBLAS and the GLM's row passes)
// Reading the CSV and building the design happen before the timed region; each timed run is
// GeneralizedLinearModel / GeneralizedLinearMixedModel init + fit, as a caller of the library
// does it. Prints medians of wall-clock and CPU time (user + sys).
import BenchmarkInputs
import Foundation
import QILinearAlgebra
import QIRegression

func exitWithMessage(_ message: String, status: Int32) -> Never {
    FileHandle.standardError.write(Data("regression-fit-once: \(message)\n".utf8))
    exit(status)
}

/// Wall-clock and CPU seconds of one call.
func measure<T>(_ body: () throws -> T) rethrows -> (value: T, wall: Double, cpu: Double) {
    func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }
    let (wallStart, cpuStart) = (DispatchTime.now().uptimeNanoseconds, cpuSeconds())
    let value = try body()
    return (value, Double(DispatchTime.now().uptimeNanoseconds - wallStart) / 1e9,
            cpuSeconds() - cpuStart)
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2]
        : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

func format(_ value: Double) -> String { String(format: "%.4f", value) }

let arguments = Array(CommandLine.arguments.dropFirst())
guard let command = arguments.first else {
    exitWithMessage("usage: regression-fit-once generate|glm|glmm [RUNS] [THREADS]", status: 2)
}
let runs = arguments.count > 1 ? Int(arguments[1]) ?? 3 : 3
let threads = arguments.count > 2 ? Int(arguments[2]) ?? 1 : 1
BLASThreads.set(threads)
// THREADS also sets the GLM's own pass over the rows (its result does not depend on it).
var options = GLMOptions()
options.threads = threads

do {
    switch command {
    case "generate":
        for file in [RegressionDataFile.logistic, .mixed] { print(try file.write()) }
    case "glm":
        let file = RegressionDataFile.logistic
        let built = try measure { try file.design() }
        print("read + design: \(format(built.wall)) s (not timed below)")
        let design = built.value
        var (walls, cpus) = ([Double](), [Double]())
        var fit: GLMFit? = nil
        for _ in 0..<runs {
            let run = try measure {
                try GeneralizedLinearModel(design: design, family: .binomial).fit(options: options)
            }
            walls.append(run.wall)
            cpus.append(run.cpu)
            fit = run.value
        }
        // The arithmetic floor of one iteration: XᵀX of the whole design by one dsyrk call
        // (`gramMatrix` also scans X once for non-finite entries, so this floor is generous).
        var (floors, floorCPUs) = ([Double](), [Double]())
        for _ in 0..<max(runs, 5) {
            let run = try measure { try design.matrix.gramMatrix() }
            floors.append(run.wall)
            floorCPUs.append(run.cpu)
        }
        // One pass as an iteration makes it: Xβ, μ, W, then XᵀWX and XᵀWz block by block.
        let beta = fit!.coefficients.map { $0! }
        var (passes, passCPUs) = ([Double](), [Double]())
        for _ in 0..<max(runs, 5) {
            let run = measure {
                design.matrix.weightedCrossProducts(coefficients: beta) { _, eta, w, z in
                    for k in eta.indices {
                        let mean = 1 / (1 + exp(-eta[k]))
                        w[k] = mean * (1 - mean)
                        z[k] = 0.5 - mean
                    }
                }
            }
            passes.append(run.wall)
            passCPUs.append(run.cpu)
        }
        let fitted = fit!
        print("QIKit GLM n=\(design.rowCount) p=\(design.matrix.columns) threads=\(threads) runs=\(runs)")
        print("  fit median wall \(format(median(walls))) s, CPU \(format(median(cpus))) s, iterations \(fitted.iterations)")
        print("  floor (one dsyrk of X'X) median wall \(format(median(floors) * 1000)) ms, CPU \(format(median(floorCPUs) * 1000)) ms")
        print("  one blocked IRLS pass median wall \(format(median(passes) * 1000)) ms, CPU \(format(median(passCPUs) * 1000)) ms; ratio to floor: wall \(format(median(passes) / median(floors))), CPU \(format(median(passCPUs) / median(floorCPUs)))")
        print("  whole fit per iteration: wall \(format(median(walls) / Double(fitted.iterations) / median(floors))) x floor, CPU \(format(median(cpus) / Double(fitted.iterations) / median(floorCPUs))) x floor")
        print("  deviance \(String(format: "%.10f", fitted.deviance))")
        for (name, (estimate, error)) in zip(fitted.names, zip(fitted.coefficients, fitted.standardErrors)) {
            print("  \(name) \(String(format: "%.12g", estimate!)) \(String(format: "%.12g", error!))")
        }
    case "glmm":
        let file = RegressionDataFile.mixed
        let built = try measure { try file.design() }
        print("read + design: \(format(built.wall)) s (not timed below)")
        let design = built.value
        var (walls, cpus) = ([Double](), [Double]())
        var fit: GLMMFit? = nil
        for _ in 0..<runs {
            let run = try measure {
                try GeneralizedLinearMixedModel(design: design, family: .binomial).fit()
            }
            walls.append(run.wall)
            cpus.append(run.cpu)
            fit = run.value
        }
        let fitted = fit!
        print("QIKit GLMM n=\(design.rowCount) groups=\(fitted.groupCount) threads=\(threads) runs=\(runs)")
        print("  fit median wall \(format(median(walls))) s, CPU \(format(median(cpus))) s, iterations \(fitted.iterations)")
        print("  logLik \(String(format: "%.10f", fitted.logLikelihood)) sigma \(String(format: "%.12g", fitted.randomInterceptStandardDeviation)) se \(fitted.randomInterceptStandardDeviationError.map { String(format: "%.8g", $0) } ?? "-")")
        for (name, (estimate, error)) in zip(fitted.names, zip(fitted.coefficients, fitted.standardErrors)) {
            print("  \(name) \(String(format: "%.12g", estimate)) \(String(format: "%.12g", error))")
        }
    default:
        exitWithMessage("unknown command '\(command)'", status: 2)
    }
} catch {
    exitWithMessage("\(error)", status: 1)
}

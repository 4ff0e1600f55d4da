// QIRegression's fits on the speed-target data (BenchmarkInputs/RegressionDataFile):
// a logistic GLM with n = 1,000,000 and p = 20, and a binomial GLMM with n = 100,000 rows in
// 1,000 groups (random intercept, Laplace). The CSV files are written and read, and the designs
// built, in the setup hook, outside the measured region; one iteration is model init + fit.
// OpenBLAS is held to one thread so that results do not depend on the other core's load.
// The peers (R glm, lme4 glmer, statsmodels) run on the same files: see ../../peers/.
import Benchmark
import BenchmarkInputs
import QILinearAlgebra
import QIRegression

nonisolated(unsafe) var logisticDesign: DesignMatrix?
nonisolated(unsafe) var mixedDesign: DesignMatrix?

/// At most 5 measured iterations after one warm-up: a GLM fit takes about a second here.
func configuration(setup: @escaping () throws -> Void,
                   teardown: @escaping () -> Void) -> Benchmark.Configuration {
    Benchmark.Configuration(metrics: [.wallClock, .cpuTotal, .mallocCountTotal],
                            timeUnits: .milliseconds, warmupIterations: 1,
                            maxDuration: .seconds(60), maxIterations: 5,
                            setup: setup, teardown: teardown)
}

let benchmarks: @Sendable () -> Void = {
    Benchmark("GLM logistic n=1e6 p=20",
              configuration: configuration(setup: {
                  BLASThreads.set(1)
                  logisticDesign = try RegressionDataFile.logistic.design()
              }, teardown: { logisticDesign = nil })) { benchmark in
        let design = logisticDesign!
        for _ in benchmark.scaledIterations {
            blackHole(try GeneralizedLinearModel(design: design, family: .binomial).fit())
        }
    }

    Benchmark("GLMM binomial n=1e5 groups=1000 Laplace",
              configuration: configuration(setup: {
                  BLASThreads.set(1)
                  mixedDesign = try RegressionDataFile.mixed.design()
              }, teardown: { mixedDesign = nil })) { benchmark in
        let design = mixedDesign!
        for _ in benchmark.scaledIterations {
            blackHole(try GeneralizedLinearMixedModel(design: design, family: .binomial).fit())
        }
    }
}

import RealModule
import Testing
@testable import QIStatistics

/// Reference: R 4.2.2 `dpois`, `ppois`, `qpois` via
/// notebooks/reference/statistics/distributions.R.
struct PoissonDistributionTests {
    @Test func massMatchesRDpois() throws {
        for row in ReferenceTables.distribution("dpois") {
            let poisson = try PoissonDistribution(mean: row.parameter1)
            let tolerance = row.value < 1e-100 ? 1e-10 : 1e-13
            #expect(relativeError(poisson.probabilityMass(Int(row.argument)), row.value)
                    <= tolerance, "\(row)")
        }
    }

    @Test func cdfMatchesRPpois() throws {
        for row in ReferenceTables.distribution("ppois") {
            let poisson = try PoissonDistribution(mean: row.parameter1)
            let tolerance = row.value < 1e-8 ? 1e-10 : 1e-12
            #expect(relativeError(poisson.cdf(Int(row.argument)), row.value) <= tolerance,
                    "\(row)")
        }
    }

    @Test func quantileMatchesRQpoisExactly() throws {
        let rows = ReferenceTables.distribution("qpois")
        #expect(rows.count >= 50)
        for row in rows {
            let poisson = try PoissonDistribution(mean: row.parameter1)
            #expect(try poisson.quantile(row.argument) == row.value, "\(row)")
        }
    }

    @Test func cdfIsTheRunningSumOfTheMass() throws {
        let poisson = try PoissonDistribution(mean: 6.3)
        var runningSum = 0.0
        for k in 0...60 {
            runningSum += poisson.probabilityMass(k)
            #expect(abs(poisson.cdf(k) - runningSum) <= 1e-14, "k = \(k)")
        }
    }

    @Test func massAtZeroIsExponential() throws {
        for mean in [0.01, 1, 17.5, 700] {
            let poisson = try PoissonDistribution(mean: mean)
            #expect(relativeError(poisson.probabilityMass(0), Double.exp(-mean)) <= 1e-15)
        }
    }

    @Test func zeroMeanIsCertainZero() throws {
        let poisson = try PoissonDistribution(mean: 0)
        #expect(poisson.probabilityMass(0) == 1 && poisson.cdf(0) == 1)
        #expect(try poisson.quantile(0.99) == 0)
    }

    @Test func quantileOfOneIsInfinite() throws {
        #expect(try PoissonDistribution(mean: 2).quantile(1) == .infinity)
    }

    @Test func invalidParametersThrow() {
        #expect(throws: StatisticsError.invalidParameter(name: "mean", value: -2)) {
            try PoissonDistribution(mean: -2)
        }
    }
}

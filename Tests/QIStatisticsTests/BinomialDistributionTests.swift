import Testing
@testable import QIStatistics

/// Reference: R 4.2.2 `dbinom`, `pbinom`, `qbinom` via
/// notebooks/reference/statistics/distributions.R.
struct BinomialDistributionTests {
    @Test func massMatchesRDbinom() throws {
        for row in ReferenceTables.distribution("dbinom") {
            let binomial = try BinomialDistribution(
                trials: Int(row.parameter1), probability: row.parameter2!)
            let mass = binomial.probabilityMass(Int(row.argument))
            let tolerance = row.value < 1e-100 ? 1e-10 : 1e-13
            #expect(relativeError(mass, row.value) <= tolerance, "\(row)")
        }
    }

    @Test func cdfMatchesRPbinom() throws {
        for row in ReferenceTables.distribution("pbinom") {
            let binomial = try BinomialDistribution(
                trials: Int(row.parameter1), probability: row.parameter2!)
            let tolerance = row.value < 1e-8 ? 1e-10 : 1e-12
            #expect(relativeError(binomial.cdf(Int(row.argument)), row.value) <= tolerance,
                    "\(row)")
        }
    }

    @Test func quantileMatchesRQbinomExactly() throws {
        let rows = ReferenceTables.distribution("qbinom")
        #expect(rows.count > 250)
        for row in rows {
            let binomial = try BinomialDistribution(
                trials: Int(row.parameter1), probability: row.parameter2!)
            #expect(try Double(binomial.quantile(row.argument)) == row.value, "\(row)")
        }
    }

    /// The Anhøj crossings limit: fewer crossings than qbinom(0.05, n - 1, 0.5) signal.
    /// R's values for every n from 2 to 200 useful observations must be matched exactly.
    @Test func anhoejCrossingsLimitMatchesRForTwoToTwoHundredObservations() throws {
        let rows = ReferenceTables.distribution("qbinom").filter {
            $0.parameter2 == 0.5 && $0.argument == 0.05
        }
        #expect(Set(rows.map { Int($0.parameter1) + 1 }).isSuperset(of: 2...200))
        for row in rows {
            let binomial = try BinomialDistribution(trials: Int(row.parameter1), probability: 0.5)
            #expect(try binomial.quantile(0.05) == Int(row.value), "\(row)")
        }
    }

    @Test func cdfIsTheRunningSumOfTheMass() throws {
        let binomial = try BinomialDistribution(trials: 37, probability: 0.23)
        var runningSum = 0.0
        for k in 0...37 {
            runningSum += binomial.probabilityMass(k)
            #expect(abs(binomial.cdf(k) - runningSum) <= 1e-14, "k = \(k)")
        }
        #expect(abs(runningSum - 1) <= 1e-14)
    }

    @Test func quantileIsTheSmallestValueReachingTheProbability() throws {
        let binomial = try BinomialDistribution(trials: 60, probability: 0.4)
        for p in stride(from: 0.01, through: 0.99, by: 0.01) {
            let x = try binomial.quantile(p)
            #expect(binomial.cdf(x) >= p * (1 - 64 * Double.ulpOfOne))
            if x > 0 { #expect(binomial.cdf(x - 1) < p) }
        }
    }

    @Test func degenerateProbabilitiesPutAllMassAtOneEnd() throws {
        let never = try BinomialDistribution(trials: 8, probability: 0)
        let always = try BinomialDistribution(trials: 8, probability: 1)
        #expect(never.probabilityMass(0) == 1 && never.cdf(0) == 1)
        #expect(always.probabilityMass(8) == 1 && always.cdf(7) == 0)
        #expect(try never.quantile(0.9) == 0 && always.quantile(0.1) == 8)
    }

    @Test func invalidParametersThrow() {
        #expect(throws: StatisticsError.countTooSmall(name: "trials", required: 0, found: -1)) {
            try BinomialDistribution(trials: -1, probability: 0.5)
        }
        #expect(throws: StatisticsError.probabilityOutOfRange(1.2)) {
            try BinomialDistribution(trials: 4, probability: 1.2)
        }
    }
}

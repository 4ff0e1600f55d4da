import Testing
@testable import QIStatistics

/// Reference: R 4.2.2 `pnorm`, `qnorm`, `dnorm` via notebooks/reference/statistics/distributions.R.
struct NormalDistributionTests {
    @Test func referenceTableIsPresent() {
        #expect(ReferenceTables.distribution("pnorm").count >= 16)
        #expect(ReferenceTables.distribution("qnorm").count >= 17)
    }

    @Test func cdfMatchesRPnormToTwelveDigitsDownToTheFarTail() throws {
        for row in ReferenceTables.distribution("pnorm") {
            let normal = try NormalDistribution(
                mean: row.parameter1, standardDeviation: row.parameter2!)
            let tolerance = row.value < 1e-20 ? 1e-10 : 1e-12
            #expect(relativeError(normal.cdf(row.argument), row.value) <= tolerance,
                    "\(row)")
        }
    }

    @Test func complementaryCDFMatchesRUpperTailWithoutCancellation() {
        for row in ReferenceTables.distribution("pnorm_upper") {
            let upper = NormalDistribution.standard.complementaryCDF(row.argument)
            #expect(relativeError(upper, row.value) <= 1e-10, "\(row)")
        }
    }

    @Test func densityMatchesRDnorm() throws {
        for row in ReferenceTables.distribution("dnorm") {
            let normal = try NormalDistribution(
                mean: row.parameter1, standardDeviation: row.parameter2!)
            #expect(relativeError(normal.density(row.argument), row.value) <= 1e-13, "\(row)")
        }
    }

    @Test func quantileMatchesRQnormIncludingExtremeTails() throws {
        for row in ReferenceTables.distribution("qnorm") {
            let normal = try NormalDistribution(
                mean: row.parameter1, standardDeviation: row.parameter2!)
            #expect(relativeError(try normal.quantile(row.argument), row.value) <= 1e-14,
                    "\(row)")
        }
    }

    /// Textbook values: z_0.975 = 1.960 and z_0.995 = 2.576 (Montgomery 2019, Appendix II;
    /// any standard normal table).
    @Test func quantileReproducesTextbookCriticalValues() throws {
        let z975 = try NormalDistribution.standard.quantile(0.975)
        let z995 = try NormalDistribution.standard.quantile(0.995)
        #expect(abs(z975 - 1.960) < 0.0005)
        #expect(abs(z995 - 2.576) < 0.0005)
    }

    /// Checked in the lower half, where cdf(x) carries full relative precision; above the
    /// mean cdf(x) rounds towards 1 and no quantile function can recover x from it.
    @Test func quantileInvertsCDF() throws {
        let normal = try NormalDistribution(mean: 3, standardDeviation: 0.5)
        for x in stride(from: -15.0, through: 3.0, by: 0.25) {
            let roundTrip = try normal.quantile(normal.cdf(x))
            #expect(abs(roundTrip - x) <= 1e-13 * max(1, abs(x)), "x = \(x)")
        }
    }

    @Test func cdfIsSymmetricAboutTheMean() {
        for z in [0.1, 0.7, 1.5, 3.2, 8.0] {
            let normal = NormalDistribution.standard
            #expect(relativeError(normal.cdf(-z), normal.complementaryCDF(z)) <= 1e-15)
            #expect(abs(normal.cdf(z) + normal.cdf(-z) - 1) <= 2e-16)
        }
    }

    @Test func quantileBoundariesAreInfinite() throws {
        #expect(try NormalDistribution.standard.quantile(0) == -.infinity)
        #expect(try NormalDistribution.standard.quantile(1) == .infinity)
        #expect(try NormalDistribution.standard.quantile(0.5) == 0)
    }

    @Test func invalidParametersThrowWithTheOffendingValue() {
        #expect(throws: StatisticsError.invalidParameter(name: "standardDeviation", value: 0)) {
            try NormalDistribution(mean: 0, standardDeviation: 0)
        }
        #expect(throws: StatisticsError.invalidParameter(name: "mean", value: .infinity)) {
            try NormalDistribution(mean: .infinity, standardDeviation: 1)
        }
        #expect(throws: StatisticsError.probabilityOutOfRange(1.5)) {
            try NormalDistribution.standard.quantile(1.5)
        }
    }
}

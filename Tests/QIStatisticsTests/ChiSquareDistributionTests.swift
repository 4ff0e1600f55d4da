import RealModule
import Testing
@testable import QIStatistics

/// Reference: R 4.2.2 `pchisq`, `qchisq`, `dchisq` via
/// notebooks/reference/statistics/distributions.R.
struct ChiSquareDistributionTests {
    @Test func cdfMatchesRPchisqInBothTails() throws {
        let lower = ReferenceTables.distribution("pchisq")
        let upper = ReferenceTables.distribution("pchisq_upper")
        #expect(lower.count >= 80 && upper.count >= 80)
        for row in lower {
            let chiSquare = try ChiSquareDistribution(degreesOfFreedom: row.parameter1)
            let tolerance = row.value < 1e-8 ? 1e-10 : 1e-12
            #expect(relativeError(chiSquare.cdf(row.argument), row.value) <= tolerance, "\(row)")
        }
        for row in upper {
            let chiSquare = try ChiSquareDistribution(degreesOfFreedom: row.parameter1)
            let tolerance = row.value < 1e-8 ? 1e-10 : 1e-12
            #expect(relativeError(chiSquare.complementaryCDF(row.argument), row.value)
                    <= tolerance, "\(row)")
        }
    }

    @Test func densityMatchesRDchisq() throws {
        for row in ReferenceTables.distribution("dchisq") {
            let chiSquare = try ChiSquareDistribution(degreesOfFreedom: row.parameter1)
            #expect(relativeError(chiSquare.density(row.argument), row.value) <= 1e-13,
                    "\(row)")
        }
    }

    @Test func quantileMatchesRQchisq() throws {
        for row in ReferenceTables.distribution("qchisq") {
            let chiSquare = try ChiSquareDistribution(degreesOfFreedom: row.parameter1)
            #expect(relativeError(try chiSquare.quantile(row.argument), row.value) <= 1e-12,
                    "\(row)")
        }
    }

    /// Textbook values (Montgomery 2019, Appendix III, percentage points of the chi-square
    /// distribution): chi2_0.05,1 = 3.84, chi2_0.05,10 = 18.31, chi2_0.95,10 = 3.94.
    @Test func quantileReproducesTextbookTable() throws {
        let cases: [(df: Double, probability: Double, printed: Double)] = [
            (1, 0.95, 3.84), (10, 0.95, 18.31), (10, 0.05, 3.94),
        ]
        for (df, probability, printed) in cases {
            let value = try ChiSquareDistribution(degreesOfFreedom: df).quantile(probability)
            #expect(abs(value - printed) < 0.005, "df \(df), p \(probability): \(value)")
        }
    }

    @Test func twoDegreesOfFreedomIsTheExponentialWithMeanTwo() throws {
        let chiSquare = try ChiSquareDistribution(degreesOfFreedom: 2)
        for x in [0.01, 0.5, 3, 20, 200, 700] {
            // exp(-x/2) through any other route rounds its exponent, costing x/2 ulps.
            let tolerance = 4 * Double.ulpOfOne * max(1, x / 2)
            #expect(relativeError(chiSquare.complementaryCDF(x), Double.exp(-x / 2)) <= tolerance)
            #expect(relativeError(chiSquare.cdf(x), -Double.expMinusOne(-x / 2)) <= tolerance)
        }
    }

    @Test func oneDegreeOfFreedomIsASquaredNormal() throws {
        let chiSquare = try ChiSquareDistribution(degreesOfFreedom: 1)
        for z in [0.1, 1, 1.959963984540054, 4] {
            let twoSided = 2 * NormalDistribution.standard.complementaryCDF(z)
            #expect(relativeError(chiSquare.complementaryCDF(z * z), twoSided) <= 1e-13)
        }
    }

    @Test func quantileInvertsCDF() throws {
        for df in [0.3, 1, 4, 37.5, 1000] {
            let chiSquare = try ChiSquareDistribution(degreesOfFreedom: df)
            for p in [1e-12, 1e-4, 0.05, 0.5, 0.9, 0.999999] {
                let x = try chiSquare.quantile(p)
                let back = p < 0.5 ? chiSquare.cdf(x) : chiSquare.complementaryCDF(x)
                let target = p < 0.5 ? p : 1 - p
                #expect(relativeError(back, target) <= 1e-11, "df \(df), p \(p)")
            }
        }
    }

    @Test func invalidInputsThrow() throws {
        #expect(throws: StatisticsError.invalidParameter(name: "degreesOfFreedom", value: -1)) {
            try ChiSquareDistribution(degreesOfFreedom: -1)
        }
        let chiSquare = try ChiSquareDistribution(degreesOfFreedom: 3)
        #expect(throws: StatisticsError.probabilityOutOfRange(-0.1)) {
            try chiSquare.quantile(-0.1)
        }
        #expect(try chiSquare.quantile(0) == 0)
        #expect(try chiSquare.quantile(1) == .infinity)
    }
}

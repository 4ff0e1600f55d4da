import RealModule
import Testing
@testable import QIStatistics

/// Reference: R 4.2.2 `pt`, `qt`, `dt` via notebooks/reference/statistics/distributions.R.
struct StudentTDistributionTests {
    @Test func cdfMatchesRPtForIntegerAndFractionalDegreesOfFreedom() throws {
        let rows = ReferenceTables.distribution("pt")
        #expect(rows.count >= 100)
        for row in rows {
            let t = try StudentTDistribution(degreesOfFreedom: row.parameter1)
            let tolerance = row.value < 1e-8 ? 1e-10 : 1e-12
            #expect(relativeError(t.cdf(row.argument), row.value) <= tolerance, "\(row)")
        }
    }

    @Test func densityMatchesRDt() throws {
        for row in ReferenceTables.distribution("dt") {
            let t = try StudentTDistribution(degreesOfFreedom: row.parameter1)
            #expect(relativeError(t.density(row.argument), row.value) <= 1e-13, "\(row)")
        }
    }

    @Test func quantileMatchesRQt() throws {
        let rows = ReferenceTables.distribution("qt")
        #expect(rows.count >= 100)
        for row in rows {
            let t = try StudentTDistribution(degreesOfFreedom: row.parameter1)
            #expect(relativeError(try t.quantile(row.argument), row.value) <= 1e-12, "\(row)")
        }
    }

    /// Textbook values (Montgomery 2019, Appendix IV, percentage points of the t distribution):
    /// t_0.025,10 = 2.228, t_0.025,1 = 12.706, t_0.05,30 = 1.697, t_0.005,5 = 4.032.
    @Test func quantileReproducesTextbookTable() throws {
        let cases: [(df: Double, probability: Double, printed: Double)] = [
            (10, 0.975, 2.228), (1, 0.975, 12.706), (30, 0.95, 1.697), (5, 0.995, 4.032),
        ]
        for (df, probability, printed) in cases {
            let value = try StudentTDistribution(degreesOfFreedom: df).quantile(probability)
            #expect(abs(value - printed) < 0.0005, "df \(df), p \(probability): \(value)")
        }
    }

    @Test func oneDegreeOfFreedomIsTheCauchyDistribution() throws {
        let t = try StudentTDistribution(degreesOfFreedom: 1)
        for x in [-30.0, -2, -0.5, 0, 0.25, 1, 7] {
            let cauchy = 0.5 + Double.atan(x) / Double.pi
            #expect(abs(t.cdf(x) - cauchy) <= 1e-15, "t = \(x)")
        }
    }

    @Test func quantileInvertsCDF() throws {
        for df in [1.0, 2, 3.5, 12, 250] {
            let t = try StudentTDistribution(degreesOfFreedom: df)
            for p in [1e-12, 1e-6, 0.01, 0.3, 0.5, 0.77, 0.999] {
                let x = try t.quantile(p)
                let back = p < 0.5 ? t.cdf(x) : t.complementaryCDF(x)
                let target = p < 0.5 ? p : 1 - p
                #expect(relativeError(back, target) <= 1e-12, "df \(df), p \(p)")
            }
        }
    }

    @Test func distributionIsSymmetricAboutZero() throws {
        let t = try StudentTDistribution(degreesOfFreedom: 4.5)
        for x in [0.2, 1.3, 6.0, 40.0] {
            #expect(relativeError(t.cdf(-x), t.complementaryCDF(x)) <= 1e-15)
            #expect(relativeError(try t.quantile(0.2), -(try t.quantile(0.8))) <= 1e-14)
        }
    }

    @Test func hugeDegreesOfFreedomApproachTheNormal() throws {
        let normal = NormalDistribution.standard
        for df in [1e6, 1e9, Double.infinity] {
            let t = try StudentTDistribution(degreesOfFreedom: df)
            // The difference is phi(x) (x^3 + x) / (4 nu) + O(nu^-2), below 1 / nu.
            let tolerance = df.isInfinite ? 1e-15 : 1 / df
            for x in [-3.0, -1, 0.5, 2.5] {
                #expect(abs(t.cdf(x) - normal.cdf(x)) <= tolerance, "df \(df), t = \(x)")
            }
            #expect(abs(try t.quantile(0.975) - (try normal.quantile(0.975))) <= 1e-5)
        }
    }

    @Test func cdfIsContinuousAcrossTheNormalApproximationThreshold() throws {
        let below = try StudentTDistribution(degreesOfFreedom: 399_999)
        let above = try StudentTDistribution(degreesOfFreedom: 400_001)
        for x in [-4.0, -1.5, 0.3, 2.0] {
            #expect(relativeError(below.cdf(x), above.cdf(x)) <= 1e-9, "t = \(x)")
        }
    }

    @Test func nonPositiveDegreesOfFreedomThrow() {
        #expect(throws: StatisticsError.invalidParameter(name: "degreesOfFreedom", value: 0)) {
            try StudentTDistribution(degreesOfFreedom: 0)
        }
    }
}

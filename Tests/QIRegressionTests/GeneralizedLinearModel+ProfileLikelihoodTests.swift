import Foundation
import QIRegression
import Testing

/// Profile likelihood intervals of maximum likelihood fits against the exact roots computed
/// in R 4.2.2 (glm.fit with the coefficient in the offset, uniroot to 1e-13;
/// inference_reference.R -> output/inference_cases.json), and identities.
@Suite("Profile likelihood intervals")
struct GeneralizedLinearModelProfileLikelihoodTests {
    static func model(_ formula: String, data: String, family: GLMFamily,
                      link: LinkFunction? = nil) throws -> GeneralizedLinearModel {
        let design = try DesignMatrix(formula: try Formula(formula), data: try RegressionReference.data(data))
        return try GeneralizedLinearModel(design: design, family: family, link: link)
    }

    /// 1e-8 relative to max(|limit|, 1): both sides solve the same equation to about 1e-11.
    @Test func logisticLimitsAreTheExactRootsOfTheProfileDeviance() throws {
        let cases = try RegressionReference.json("inference_cases")["profile_intervals"] as! [[String: Any]]
        let reference = try #require(cases.first { $0["name"] as? String == "infert_logit" })
        let model = try Self.model(reference["formula"] as! String, data: "infert", family: .binomial)
        let intervals = try model.profileLikelihoodIntervals(try model.fit(), level: 0.95)
        let lower = RegressionReference.numbers(reference["ci_lower"])
        let upper = RegressionReference.numbers(reference["ci_upper"])
        for (j, interval) in intervals.enumerated() {
            let limits = try #require(interval)
            #expect(abs(limits.lower - lower[j]!) <= 1e-8 * max(abs(lower[j]!), 1))
            #expect(abs(limits.upper - upper[j]!) <= 1e-8 * max(abs(upper[j]!), 1))
        }
    }

    /// For a gaussian-like quadratic profile the interval would be the Wald one; for a GLM it
    /// is asymmetric but contains the estimate and tends to the Wald interval as the level
    /// falls (the profile deviance is quadratic near the estimate).
    @Test func narrowProfileIntervalsApproachWaldIntervals() throws {
        let model = try Self.model("Days ~ Eth + Sex", data: "quine", family: .poisson)
        let fit = try model.fit()
        let profile = try model.profileLikelihoodIntervals(fit, level: 0.02)
        let wald = fit.waldIntervals(level: 0.02)
        for j in fit.names.indices {
            let (p, w) = (try #require(profile[j]), try #require(wald[j]))
            #expect(p.lower < fit.coefficients[j]! && fit.coefficients[j]! < p.upper)
            let width = w.upper - w.lower
            #expect(abs(p.lower - w.lower) <= 0.01 * width && abs(p.upper - w.upper) <= 0.01 * width)
        }
    }
}

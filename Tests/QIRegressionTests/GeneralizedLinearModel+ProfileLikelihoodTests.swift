import Foundation
import QIRegression
import Testing

/// Profile likelihood intervals of maximum likelihood fits against the exact roots computed
/// in R 4.2.2 (glm.fit with the coefficient in the offset, uniroot to 1e-13;
/// inference_reference.R -> output/inference_cases.json for binomial and Poisson,
/// profile_reference.R -> output/profile_cases.json for gaussian and negative binomial, as
/// MASS 7.3-58.2's confint.glm defines them), and identities.
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

    static func family(_ name: String) -> GLMFamily {
        name == "gaussian" ? .gaussian : .negativeBinomial(theta: nil)
    }

    /// Gaussian (dispersion-scaled deviance, normal quantile) and negative binomial (θ fixed at
    /// θ̂) limits, 1e-8 relative to max(|limit|, 1): R's roots are solved to 1e-13 in b and
    /// ours to 1e-11; θ̂ agrees to about 1e-12 (glm_reference.R's tolerance is 1e-8).
    @Test(arguments: ["infert_gaussian", "infert_gaussian_log", "quine_gaussian_90",
                      "quine_negative_binomial", "quine_negative_binomial_interaction_90"])
    func gaussianAndNegativeBinomialLimitsAreTheRootsOfMASSProfileStatistic(name: String) throws {
        let cases = try RegressionReference.json("profile_cases")["profile_intervals"] as! [[String: Any]]
        let reference = try #require(cases.first { $0["name"] as? String == name })
        let data = (reference["data"] as! String).replacingOccurrences(of: ".csv", with: "")
        let model = try Self.model(reference["formula"] as! String, data: data,
                                   family: Self.family(reference["family"] as! String),
                                   link: LinkFunction(rawValue: reference["link"] as! String))
        let fit = try model.fit()
        let intervals = try model.profileLikelihoodIntervals(fit, level: reference["level"] as! Double)
        #expect(fit.names == reference["terms"] as! [String])
        let lower = RegressionReference.numbers(reference["ci_lower"])
        let upper = RegressionReference.numbers(reference["ci_upper"])
        for (j, interval) in intervals.enumerated() {
            let limits = try #require(interval)
            #expect(abs(limits.lower - lower[j]!) <= 1e-8 * max(abs(lower[j]!), 1),
                    "\(name) \(fit.names[j]) lower \(limits.lower) vs \(lower[j]!)")
            #expect(abs(limits.upper - upper[j]!) <= 1e-8 * max(abs(upper[j]!), 1),
                    "\(name) \(fit.names[j]) upper \(limits.upper) vs \(upper[j]!)")
        }
    }

    /// With the identity link the gaussian profile deviance is quadratic, so MASS's statistic
    /// gives exactly β̂ ± z·se, narrower than the t interval of confint.lm (the Wald interval
    /// of a gaussian fit), which the R reference also records.
    @Test func gaussianIdentityProfileIsTheNormalWaldIntervalNotTheTInterval() throws {
        let cases = try RegressionReference.json("profile_cases")["profile_intervals"] as! [[String: Any]]
        let reference = try #require(cases.first { $0["name"] as? String == "quine_gaussian_90" })
        let model = try Self.model(reference["formula"] as! String, data: "quine", family: .gaussian)
        let fit = try model.fit()
        let profile = try model.profileLikelihoodIntervals(fit, level: 0.9)
        let tIntervals = fit.waldIntervals(level: 0.9)
        let z = 1.6448536269514722
        let tLower = RegressionReference.numbers(reference["lm_t_lower"])
        for j in fit.names.indices {
            let (p, t) = (try #require(profile[j]), try #require(tIntervals[j]))
            let (estimate, error) = (fit.coefficients[j]!, fit.standardErrors[j]!)
            #expect(abs(p.lower - (estimate - z * error)) <= 1e-9 * error)
            #expect(abs(p.upper - (estimate + z * error)) <= 1e-9 * error)
            #expect(t.lower < p.lower && p.upper < t.upper)
            #expect(abs(t.lower - tLower[j]!) <= 1e-8 * max(abs(tLower[j]!), 1))
        }
    }

    /// Without residual degrees of freedom a gaussian fit has no dispersion estimate, so
    /// there is nothing to scale the deviance by: no intervals, as for the Wald ones.
    @Test func gaussianFitWithoutResidualDegreesOfFreedomHasNoProfileIntervals() throws {
        let data = ModelData(columns: [("y", .numeric([1, 3])), ("x", .numeric([0, 1]))])
        let design = try DesignMatrix(formula: try Formula("y ~ x"), data: data)
        let model = try GeneralizedLinearModel(design: design, family: .gaussian)
        let intervals = try model.profileLikelihoodIntervals(try model.fit(), level: 0.95)
        #expect(intervals.allSatisfy { $0 == nil })
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

import Foundation
import QIRegression
import Testing

@Suite struct LinearMixedModelTests {
    static func reference() throws -> [[String: Any]] {
        try RegressionReference.json("lmm_cases")["cases"] as! [[String: Any]]
    }

    static func fit(_ entry: [String: Any]) throws -> LMMFit {
        let design = try DesignMatrix(formula: try Formula(entry["formula"] as! String),
                                      data: try RegressionReference.data(entry["data"] as! String))
        let criterion: LinearMixedModel.Criterion = entry["method"] as! String == "reml"
            ? .reml : .maximumLikelihood
        return try LinearMixedModel(design: design, criterion: criterion).fit()
    }

    /// notebooks/reference/regression/lmm_reference.R: lme4 1.1-31 lmer, bobyqa with rhoend
    /// 1e-12, restarted until the criterion stops falling. Tolerance 1e-6 relative (the
    /// issue's, for mixed models against a tightly converged reference): both sides reach the
    /// optimum to about 1e-9 in θ measured against the largest θ of the fit; a small θ (the
    /// 0.015 off-diagonal of sleepstudy's slope model) is only determined to about 2e-8
    /// absolutely, because the criterion is flat to 1e-13 over that range (a second optimiser,
    /// nloptwrap, lands 1.6e-6 relative away from bobyqa there), so θ and correlations are
    /// compared with absolute floors of 1e-6 times the scale, and variances relatively.
    @Test(arguments: ["sleepstudy_slope_reml", "sleepstudy_slope_ml",
                      "sleepstudy_uncorrelated_reml", "penicillin_crossed_reml",
                      "pastes_nested_reml", "pastes_nested_ml", "dyestuff_reml", "dyestuff_ml",
                      "dyestuff2_singular_reml"])
    func matchesTightlyConvergedLmer(name: String) throws {
        let entry = try Self.reference().first { $0["name"] as? String == name }!
        let fit = try Self.fit(entry)
        let tolerance = 1e-6
        #expect(fit.names == RegressionReference.strings(entry["terms"]))
        let theta = RegressionReference.numbers(entry["theta"])
        let thetaScale = theta.compactMap { $0.map(abs) }.max() ?? 1
        #expect(fit.theta.count == theta.count)
        for (actual, expected) in zip(fit.theta, theta) {
            #expect(isClose(actual, expected, relative: tolerance, floor: thetaScale),
                    "\(name) theta \(fit.theta) vs lme4 \(theta)")
        }
        let estimates = RegressionReference.numbers(entry["coefficients"])
        let errors = RegressionReference.numbers(entry["std_errors"])
        for j in estimates.indices {
            #expect(isClose(fit.coefficients[j], estimates[j], relative: tolerance,
                            floor: errors[j]!),
                    "\(name) \(fit.names[j]): \(fit.coefficients[j]) vs lme4 \(estimates[j]!)")
            #expect(isClose(fit.standardErrors[j], errors[j], relative: tolerance),
                    "\(name) se \(fit.names[j]): \(fit.standardErrors[j]) vs \(errors[j]!)")
        }
        let effects = entry["random_effects"] as! [String: Any]
        let groups = RegressionReference.strings(effects["group"])
        let first = RegressionReference.strings(effects["var1"])
        let second = RegressionReference.strings(effects["var2"])
        let variances = RegressionReference.numbers(effects["vcov"])
        let sdcor = RegressionReference.numbers(effects["sdcor"])
        let largestVariance = variances.compactMap { $0 }.max() ?? 1
        for row in groups.indices {
            let term = first[row].isEmpty ? nil : first[row]
            if second[row].isEmpty {
                let component = fit.varianceComponents.first { $0.group == groups[row] && $0.term == term }
                #expect(component != nil, "\(name): no component \(groups[row]) \(first[row])")
                #expect(isClose(component?.variance, variances[row], relative: tolerance,
                                floor: largestVariance * 1e-3),
                        "\(name) variance \(groups[row]) \(first[row]): \(component?.variance ?? .nan) vs \(variances[row]!)")
                #expect(isClose(component?.standardDeviation, sdcor[row], relative: tolerance,
                                floor: largestVariance.squareRoot() * 1e-3))
            } else {
                let component = fit.varianceComponents.first { $0.group == groups[row] && $0.term == second[row] }
                #expect(isClose(component?.correlation, sdcor[row], relative: tolerance, floor: 1),
                        "\(name) correlation: \(component?.correlation ?? .nan) vs \(sdcor[row]!)")
            }
        }
        #expect(fit.varianceComponents.map(\.group) == groups.enumerated()
            .filter { second[$0.offset].isEmpty }.map(\.element))
        let scalars: [(String, Double?)] = [
            ("sigma", fit.residualStandardDeviation), ("log_likelihood", fit.logLikelihood),
            ("ml_deviance", fit.deviance), ("aic", fit.aic), ("bic", fit.bic),
            ("reml_criterion", fit.remlCriterion),
        ]
        for (key, actual) in scalars {
            let expected = RegressionReference.number(entry[key])
            #expect(isClose(actual, expected, relative: tolerance),
                    "\(name) \(key): \(actual ?? .nan) vs lme4 \(expected ?? .nan)")
        }
        #expect(fit.parameterCount == Int(RegressionReference.number(entry["parameters"])!))
        #expect(fit.residualDegreesOfFreedom == Int(RegressionReference.number(entry["df_residual"])!))
        #expect(fit.isSingular == (entry["singular"] as! Bool))
    }
}

import Foundation
import QIRegression
import Testing

/// Firth's penalised logistic regression against brglm2 0.9 (estimates and standard errors
/// from the Fisher information at the estimate) and logistf 1.26.1 (penalised
/// log-likelihoods, profile penalised-likelihood intervals, penalised likelihood-ratio tests),
/// both converged to 1e-14 or tighter by notebooks/reference/regression/firth_reference.R
/// (R 4.2.2). Tolerance 1e-8 relative: both sides sit at the optimum to about 1e-12, and the
/// profile limits of logistf agree with themselves to 1e-13 between xconv 1e-10 and 1e-12.
@Suite struct FirthTests {
    static func cases() throws -> [[String: Any]] {
        try RegressionReference.json("firth_cases")["cases"] as! [[String: Any]]
    }

    @Test(arguments: ["sex2", "endometrial", "separated"])
    func estimatesAndErrorsMatchBrglm2(name: String) throws {
        let entry = try Self.cases().first { $0["name"] as! String == name }!
        let fit = try SeparationTests.model(entry).fitFirth()
        let tolerance = 1e-8
        let estimates = RegressionReference.numbers(entry["brglm2_estimates"])
        let errors = RegressionReference.numbers(entry["brglm2_std_errors"])
        #expect(fit.method == .firth)
        for j in estimates.indices {
            let scale = max(abs(estimates[j]!), errors[j]!)
            #expect(abs(fit.coefficients[j]! - estimates[j]!) <= tolerance * scale,
                    "\(name) \(fit.names[j]): \(fit.coefficients[j]!) vs brglm2 \(estimates[j]!)")
            #expect(isClose(fit.standardErrors[j], errors[j], relative: tolerance),
                    "\(name) se \(fit.names[j])")
        }
        #expect(isClose(fit.penalizedLogLikelihood, RegressionReference.number(entry["penalized_log_likelihood"]),
                        relative: tolerance))
        #expect(isClose(fit.logLikelihood, RegressionReference.number(entry["log_likelihood"]),
                        relative: tolerance))
    }

    @Test(arguments: ["sex2", "endometrial", "separated"])
    func profileIntervalsAndTestsMatchLogistf(name: String) throws {
        let entry = try Self.cases().first { $0["name"] as! String == name }!
        let model = try SeparationTests.model(entry)
        let fit = try model.fitFirth()
        let inference = try model.firthInference(fit, level: 0.95)
        let tolerance = 1e-8
        let lower = RegressionReference.numbers(entry["ci_lower"])
        let upper = RegressionReference.numbers(entry["ci_upper"])
        let pValues = RegressionReference.numbers(entry["p_values"])
        for j in lower.indices {
            let scale = max(abs(lower[j]!), abs(upper[j]!), fit.standardErrors[j]!)
            #expect(abs(inference.intervals[j]!.lower - lower[j]!) <= tolerance * scale,
                    "\(name) lower \(fit.names[j]): \(inference.intervals[j]!.lower) vs \(lower[j]!)")
            #expect(abs(inference.intervals[j]!.upper - upper[j]!) <= tolerance * scale,
                    "\(name) upper \(fit.names[j]): \(inference.intervals[j]!.upper) vs \(upper[j]!)")
            // p-values far in the tail are compared through their statistic's scale.
            #expect(isClose(inference.pValues[j], pValues[j], relative: 1e-6),
                    "\(name) p \(fit.names[j]): \(inference.pValues[j]!) vs \(pValues[j]!)")
        }
        #expect(isClose(inference.nullPenalizedLogLikelihood,
                        RegressionReference.number(entry["penalized_log_likelihood_null"]),
                        relative: tolerance))
        let global = entry["global_test"] as! [String: Any]
        #expect(isClose(inference.globalTest?.statistic, RegressionReference.number(global["statistic"]),
                        relative: tolerance))
        #expect(inference.globalTest?.degreesOfFreedom == global["df"] as? Int)
    }

    /// Identity: an offset c·EH shifts EH's penalised estimate by exactly −c (the penalty
    /// depends on the means only) and leaves ℓ* at its maximum unchanged.
    @Test func offsetShiftsTheEstimateByItsCoefficient() throws {
        let entry = try Self.cases().first { $0["name"] as! String == "endometrial" }!
        let fit = try SeparationTests.model(entry).fitFirth()
        let data = try RegressionReference.data("endometrial")
        for step in [1e-3, -1e-3] {
            let shifted = try DesignMatrix(formula: try Formula("HG ~ NV + PI + EH + offset(\(step) * EH)"),
                                           data: data)
            let moved = try GeneralizedLinearModel(design: shifted, family: .binomial).fitFirth()
            // With the offset the optimum of EH moves by −step and ℓ* is the same maximum.
            #expect(abs(moved.coefficients[3]! - (fit.coefficients[3]! - step)) <= 1e-8)
            #expect(isClose(moved.penalizedLogLikelihood, fit.penalizedLogLikelihood, relative: 1e-10))
        }
    }

    @Test func refusesLinksOtherThanLogit() throws {
        let data = ModelData(columns: [("y", .numeric([0, 1, 0, 1])), ("x", .numeric([1, 2, 3, 5]))])
        let design = try DesignMatrix(formula: try Formula("y ~ x"), data: data)
        let model = try GeneralizedLinearModel(design: design, family: .binomial, link: .probit)
        #expect(throws: GLMError.firthNeedsLogistic(family: "binomial", link: "probit")) {
            try model.fitFirth()
        }
    }
}

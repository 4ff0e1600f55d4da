import Foundation
import QIRegression
import Testing

/// Average marginal effects against statsmodels 0.15.0's `get_margeff(at = "overall",
/// method = "dydx")` on Logit (infert) and Poisson (quine) models
/// (statsmodels_reference.py -> output/statsmodels_cases.json), and the second derivative
/// of the inverse links against finite differences.
@Suite("Average marginal effects")
struct AverageMarginalEffectsTests {
    static func fit(_ formula: String, data: String, family: GLMFamily) throws -> (GLMFit, DesignMatrix) {
        let design = try DesignMatrix(formula: try Formula(formula),
                                      data: try RegressionReference.data(data))
        return (try GeneralizedLinearModel(design: design, family: family).fit(), design)
    }

    /// Tolerance 1e-8 relative: statsmodels' Newton fit at tol 1e-14 and its Hessian at the
    /// estimate equal QIKit's estimate and Fisher information (canonical links) to about
    /// 1e-10; the effects are smooth functions of them.
    @Test(arguments: [("infert_logit", "infert"), ("quine_poisson", "quine")])
    func effectsAndDeltaMethodErrorsMatchStatsmodels(name: String, data: String) throws {
        let all = try RegressionReference.json("statsmodels_cases")["margins_cases"] as! [[String: Any]]
        let reference = try #require(all.first { $0["name"] as? String == name })
        let family: GLMFamily = reference["model"] as? String == "Logit" ? .binomial : .poisson
        let (fit, design) = try Self.fit(reference["formula"] as! String, data: data, family: family)
        let effects = fit.averageMarginalEffects(design: design, level: 0.95)
        #expect(effects.map(\.term) == RegressionReference.strings(reference["terms"]))
        let expected = RegressionReference.numbers(reference["ame"])
        let errors = RegressionReference.numbers(reference["ame_std_errors"])
        for (j, effect) in effects.enumerated() {
            #expect(isClose(effect.estimate, expected[j], relative: 1e-8), "\(name) \(effect.term)")
            #expect(isClose(effect.standardError, errors[j], relative: 1e-8), "\(name) \(effect.term) se")
        }
    }

    /// statsmodels' `dummy = True` on the projects data (every factor 0/1): the average change
    /// of the probability of success as each facilitator goes from 0 to 1, and the two
    /// adjusted predictions (statsmodels' `predict` with the column set to 0, then 1), 1e-8
    /// relative.
    @Test func discreteChangesOfZeroOneColumnsMatchStatsmodels() throws {
        let all = try RegressionReference.json("statsmodels_cases")["margins_cases"] as! [[String: Any]]
        let reference = try #require(all.first { $0["name"] as? String == "projects_success_discrete" })
        let design = try DesignMatrix(formula: try Formula(reference["formula"] as! String),
                                      data: try RegressionReference.dataset("projects.csv"))
        let fit = try GeneralizedLinearModel(design: design, family: .binomial).fit()
        let changes = fit.averageDiscreteChanges(design: design, level: 0.95)
        #expect(changes.map(\.term) == RegressionReference.strings(reference["terms"]))
        let expected = RegressionReference.numbers(reference["ame"])
        let errors = RegressionReference.numbers(reference["ame_std_errors"])
        let predictions = reference["predicted_at_0_and_1"] as! [String: [Double]]
        for (j, change) in changes.enumerated() {
            let pair = try #require(predictions[change.term])
            #expect(isClose(change.predictions?.atZero, pair[0], relative: 1e-8), "\(change.term) at 0")
            #expect(isClose(change.predictions?.atOne, pair[1], relative: 1e-8), "\(change.term) at 1")
            #expect(isClose(change.estimate, expected[j], relative: 1e-8), "\(change.term)")
            #expect(isClose(change.standardError, errors[j], relative: 1e-8), "\(change.term) se")
        }
        let infert = try DesignMatrix(formula: try Formula("case ~ age + induced"),
                                      data: try RegressionReference.data("infert"))
        let infertFit = try GeneralizedLinearModel(design: infert, family: .binomial).fit()
        #expect(infertFit.averageDiscreteChanges(design: infert, level: 0.95).isEmpty,
                "age and induced (0, 1, 2) are not 0/1 columns")
    }

    @Test(arguments: [LinkFunction.identity, .log, .logit, .probit, .cloglog])
    func secondDerivativeOfTheMeanMatchesFiniteDifferences(link: LinkFunction) {
        for eta in [-2.0, -0.3, 0.0, 0.7, 1.5] {
            let step = 1e-5
            let difference = (link.meanDerivative(eta + step) - link.meanDerivative(eta - step)) / (2 * step)
            #expect(abs(link.meanSecondDerivative(eta) - difference) <= 1e-8, "\(link) at \(eta)")
        }
    }
}

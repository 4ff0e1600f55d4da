import Foundation
import QIRegression
import Testing

@Suite struct GeneralizedLinearMixedModelTests {
    static let formula = "cbind(incidence, size - incidence) ~ factor(period) + (1 | herd)"

    static let poissonFormula = "incidence ~ factor(period) + (1 | herd)"

    static func model(quadraturePoints: Int = 1, poisson: Bool = false) throws
        -> GeneralizedLinearMixedModel {
        let design = try DesignMatrix(formula: try Formula(poisson ? poissonFormula : formula),
                                      data: try RegressionReference.data("cbpp"))
        return try GeneralizedLinearMixedModel(design: design, family: poisson ? .poisson : .binomial,
                                               quadraturePoints: quadraturePoints)
    }

    /// notebooks/reference/regression/glmm_reference.R: lme4 1.1-31 glmer on cbpp, bobyqa with
    /// rhoend 1e-12 and tolPwrss 1e-13, restarted until the deviance settles, so the reference
    /// is the optimum to about 1e-9 (at lme4's default tolPwrss 1e-7 its Laplace
    /// log-likelihood is 2.8e-4 low and σ 3e-4 off). Standard errors are Richardson-extrapolated
    /// central differences over (θ, β) at that optimum, the quantity QIKit computes: of lme4's
    /// deviance function for nAGQ > 1, and of the Laplace approximation written out in R for
    /// nAGQ = 1 (lme4's own function is about 1e-6 off in its β curvature; checked at 1e-5
    /// below).
    /// Tolerance 1e-6 relative (the issue's, for mixed models against a tightly converged
    /// reference): both optimise to about 1e-9, and the Hessian differences are good to
    /// about 1e-8. The log-likelihood is the full one at every K (lme4's nAGQ > 1 value plus
    /// the saturated log-likelihood it drops).
    @Test(arguments: [("laplace", 1), ("agq5", 5), ("agq9", 9), ("poisson_laplace", 1)])
    func matchesTightlyConvergedGlmer(name: String, quadraturePoints: Int) throws {
        let entry = (try RegressionReference.json("glmm_cases")["cases"] as! [String: Any])[name]
            as! [String: Any]
        let fit = try Self.model(quadraturePoints: quadraturePoints,
                                 poisson: name.hasPrefix("poisson")).fit()
        let tolerance = 1e-6
        #expect(fit.names == RegressionReference.strings(entry["terms"]))
        #expect(fit.converged)
        #expect(!fit.isSingular)
        let estimates = RegressionReference.numbers(entry["coefficients"])
        let errors = RegressionReference.numbers(entry["std_errors"])
        for j in estimates.indices {
            #expect(isClose(fit.coefficients[j], estimates[j], relative: tolerance),
                    "\(name) \(fit.names[j]): \(fit.coefficients[j]) vs lme4 \(estimates[j]!)")
            #expect(isClose(fit.standardErrors[j], errors[j], relative: tolerance),
                    "\(name) se \(fit.names[j]): \(fit.standardErrors[j]) vs \(errors[j]!)")
        }
        for (actual, expected) in zip(fit.standardErrors,
                                      RegressionReference.numbers(entry["std_errors_lme4_devfun"])) {
            #expect(isClose(actual, expected, relative: 1e-5), "\(name) lme4 se: \(actual)")
        }
        let scalars: [(String, Double?)] = [
            ("sd", fit.randomInterceptStandardDeviation),
            ("variance", fit.randomInterceptVariance),
            ("sd_std_error", fit.randomInterceptStandardDeviationError),
            ("log_likelihood", fit.logLikelihood), ("aic", fit.aic), ("bic", fit.bic),
        ]
        for (key, actual) in scalars {
            let expected = RegressionReference.number(entry[key])
            #expect(isClose(actual, expected, relative: tolerance),
                    "\(name) \(key): \(actual ?? .nan) vs \(expected ?? .nan)")
        }
        #expect(fit.groupCount == 15)
        #expect(fit.rowCount == 56)
    }

    @Test func oneQuadraturePointIsTheLaplaceApproximation() throws {
        let laplace = try Self.model(quadraturePoints: 1)
        let rule = GaussHermiteRule(points: 1)
        #expect(rule.nodes == [0])
        #expect(abs(rule.weights[0] - Double.pi.squareRoot()) < 1e-15)
        let beta = [-1.4, -1.0, -1.1, -1.6]
        // Adaptive quadrature converges to the exact integral; Laplace is its first term.
        let values = [1, 9, 15, 25].map { points in
            try! Self.model(quadraturePoints: points).logLikelihood(sigma: 0.7, beta: beta)
        }
        #expect(abs(values[0] - laplace.logLikelihood(sigma: 0.7, beta: beta)) == 0)
        #expect(abs(values[3] - values[2]) < 1e-7)
        #expect(abs(values[3] - values[2]) < abs(values[3] - values[1]))
        #expect(abs(values[3] - values[0]) > 1e-3)
    }

    @Test func gaussHermiteRuleIntegratesPolynomialsExactly() {
        let rule = GaussHermiteRule(points: 6)
        // ∫ z^(2m) e^{-z²} dz = Γ(m + ½), exact up to degree 2K − 1 = 11.
        for power in 0...11 {
            let sum = zip(rule.nodes, rule.weights).reduce(0.0) { $0 + $1.1 * pow($1.0, Double(power)) }
            let exact = power % 2 == 1 ? 0 : tgamma(Double(power) / 2 + 0.5)
            #expect(abs(sum - exact) < 1e-12 * max(1, exact), "power \(power)")
        }
    }

    @Test func zeroVarianceGivesTheGLMLogLikelihood() throws {
        let model = try Self.model()
        let glm = try GeneralizedLinearModel(design: model.design, family: .binomial).fit()
        let beta = glm.coefficients.map { $0! }
        #expect(abs(model.logLikelihood(sigma: 0, beta: beta) - glm.logLikelihood) < 1e-10)
        // Even in σ: b and −b have the same density.
        #expect(abs(model.logLikelihood(sigma: 0.5, beta: beta)
                    - model.logLikelihood(sigma: -0.5, beta: beta)) < 1e-12)
    }

    @Test func groupsWithoutVariationGiveABoundaryFit() throws {
        // Every group has the same success rate, so the random intercept's SD is zero.
        let groups = (0..<8).flatMap { g in Array(repeating: Double(g), count: 4) }
        let x = (0..<32).map { Double($0 % 4) }
        let successes = x.map { [2.0, 3, 4, 5][Int($0)] }
        let data = ModelData(columns: [("g", .numeric(groups)), ("x", .numeric(x)),
                                       ("s", .numeric(successes)),
                                       ("f", .numeric(successes.map { 10 - $0 }))])
        let design = try DesignMatrix(formula: try Formula("cbind(s, f) ~ x + (1 | g)"), data: data)
        let fit = try GeneralizedLinearMixedModel(design: design, family: .binomial).fit()
        #expect(fit.isSingular)
        #expect(fit.randomInterceptStandardDeviation < 1e-4)
        #expect(fit.randomInterceptStandardDeviationError == nil)
        let glm = try GeneralizedLinearModel(design: design, family: .binomial).fit()
        for j in fit.coefficients.indices {
            #expect(abs(fit.coefficients[j] - glm.coefficients[j]!) < 1e-6)
        }
    }

    @Test func refusesQuadratureWithMoreThanOneGrouping() throws {
        let design = try DesignMatrix(formula: try Formula(
            "cbind(incidence, size - incidence) ~ factor(period) + (1 | herd) + (1 | period)"),
                                      data: try RegressionReference.data("cbpp"))
        #expect(throws: GLMMError.self) {
            try GeneralizedLinearMixedModel(design: design, family: .binomial, quadraturePoints: 9)
        }
    }
}

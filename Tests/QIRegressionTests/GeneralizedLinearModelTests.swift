import Foundation
import QIRegression
import Testing

@Suite struct GeneralizedLinearModelTests {
    static func family(_ name: String) -> GLMFamily {
        switch name {
        case "binomial": .binomial
        case "poisson": .poisson
        case "negative-binomial": .negativeBinomial(theta: nil)
        default: .gaussian
        }
    }

    static func referenceCases() throws -> [[String: Any]] {
        try RegressionReference.json("glm_cases")["cases"] as! [[String: Any]]
    }

    static func fit(_ entry: [String: Any]) throws -> GLMFit {
        let data = try RegressionReference.data(entry["data"] as! String)
        let design = try DesignMatrix(formula: try Formula(entry["formula"] as! String),
                                      data: data, weightsColumn: entry["weights"] as? String)
        let model = try GeneralizedLinearModel(
            design: design, family: family(entry["family"] as! String),
            link: LinkFunction(rawValue: entry["link"] as! String)!)
        return try model.fit()
    }

    /// notebooks/reference/regression/glm_reference.R: R 4.2.2 glm and MASS 7.3 glm.nb,
    /// converged to epsilon 1e-15 (theta polished), on infert, quine, Insurance and cbpp.
    /// Tolerance 1e-8 relative: both sides sit at the optimum to about 1e-11, and R's
    /// standard errors (weights of the last iteration) differ from ours (weights at the
    /// estimate) by less than that once R has converged this far. Coefficients are compared
    /// relative to max(|β|, se) so that estimates near zero are judged on their own scale.
    @Test(arguments: try referenceCases().map { $0["name"] as! String })
    func matchesRGlmToOneInAHundredMillion(name: String) throws {
        let entry = try Self.referenceCases().first { $0["name"] as! String == name }!
        let fit = try Self.fit(entry)
        let tolerance = 1e-8
        #expect(fit.names == RegressionReference.strings(entry["terms"]))
        let estimates = RegressionReference.numbers(entry["estimates"])
        let errors = RegressionReference.numbers(entry["std_errors"])
        for j in estimates.indices {
            #expect((fit.coefficients[j] == nil) == (estimates[j] == nil), "\(fit.names[j])")
            guard let actual = fit.coefficients[j], let expected = estimates[j] else { continue }
            let scale = max(abs(expected), errors[j] ?? 0)
            #expect(abs(actual - expected) <= tolerance * scale,
                    "\(name) \(fit.names[j]): \(actual) vs R \(expected)")
            #expect(isClose(fit.standardErrors[j], errors[j], relative: tolerance),
                    "\(name) se \(fit.names[j]): \(fit.standardErrors[j] ?? .nan) vs R \(errors[j] ?? .nan)")
        }
        let scalars: [(String, Double?)] = [
            ("deviance", fit.deviance), ("null_deviance", fit.nullDeviance),
            ("log_likelihood", fit.logLikelihood), ("aic", fit.aic), ("bic", fit.bic),
            ("dispersion", fit.dispersion), ("theta", fit.theta),
            ("theta_std_error", fit.thetaStandardError),
        ]
        for (key, actual) in scalars {
            let expected = RegressionReference.number(entry[key])
            #expect(isClose(actual, expected, relative: tolerance),
                    "\(name) \(key): \(actual ?? .nan) vs R \(expected ?? .nan)")
        }
        #expect(fit.dfResidual == entry["df_residual"] as! Int)
        #expect(fit.dfNull == entry["df_null"] as! Int)
        #expect(fit.observationCount == entry["n"] as! Int)
    }

    @Test func aliasedColumnIsTheLaterOneAsInR() throws {
        let entry = try Self.referenceCases().first { $0["name"] as! String == "infert_aliased" }!
        let fit = try Self.fit(entry)
        #expect(fit.aliasedNames == ["I(spontaneous + induced)"])
        #expect(fit.rank == 3)
    }

    @Test func gaussianIdentityEqualsLeastSquares() throws {
        let data = ModelData(columns: [
            ("y", .numeric([1, 3, 2, 5, 4])), ("x", .numeric([1, 2, 3, 4, 5])),
        ])
        let design = try DesignMatrix(formula: try Formula("y ~ x"), data: data)
        let fit = try GeneralizedLinearModel(design: design, family: .gaussian).fit()
        // Closed form: slope = Sxy/Sxx = 8/10, intercept = ybar - slope xbar = 3 - 2.4.
        #expect(abs(fit.coefficients[1]! - 0.8) < 1e-14)
        #expect(abs(fit.coefficients[0]! - 0.6) < 1e-14)
        #expect(abs(fit.deviance - 3.6) < 1e-13)
    }

    @Test func rowOrderDoesNotChangeTheFit() throws {
        let entry = try Self.referenceCases().first { $0["name"] as! String == "cbpp_counts" }!
        let data = try RegressionReference.data("cbpp")
        let reversed = ModelData(columns: data.columnOrder.map { name in
            switch data.columns[name]! {
            case let .numeric(values): (name, .numeric(values.reversed()))
            case let .text(values): (name, .text(values.reversed()))
            }
        })
        let formula = try Formula(entry["formula"] as! String)
        let forward = try GeneralizedLinearModel(
            design: try DesignMatrix(formula: formula, data: data), family: .binomial).fit()
        let backward = try GeneralizedLinearModel(
            design: try DesignMatrix(formula: formula, data: reversed), family: .binomial).fit()
        for j in forward.coefficients.indices {
            #expect(abs(forward.coefficients[j]! - backward.coefficients[j]!) < 1e-12)
        }
    }

    @Test func linkInversesRoundTripAndDerivativesMatchFiniteDifferences() {
        for link in LinkFunction.allCases {
            for eta in [-3.0, -0.5, 0.2, 1.7] {
                let mean = link.mean(eta)
                #expect(abs(link.linearPredictor(mean) - eta) < 1e-12, "\(link) \(eta)")
                let h = 1e-6
                let difference = (link.mean(eta + h) - link.mean(eta - h)) / (2 * h)
                #expect(abs(difference - link.meanDerivative(eta)) < 1e-8 * max(1, abs(difference)),
                        "\(link) \(eta)")
            }
        }
    }

    @Test func responseOutsideTheSupportNamesItsRow() throws {
        let data = ModelData(columns: [
            ("y", .numeric([0, 1, 2, nil, -1])), ("x", .numeric([1, 2, 3, 4, 5])),
        ])
        let design = try DesignMatrix(formula: try Formula("y ~ x"), data: data)
        #expect(throws: GLMError.responseOutOfSupport(
            row: 3, value: 2, family: "binomial",
            requirement: "a binomial response is 0 or 1, or a proportion between 0 and 1 with the trials as --weights, or cbind(successes, failures)")) {
            try GeneralizedLinearModel(design: design, family: .binomial)
        }
        #expect(throws: GLMError.responseOutOfSupport(row: 5, value: -1, family: "poisson",
                                                     requirement: "counts are 0 or more")) {
            try GeneralizedLinearModel(design: design, family: .poisson)
        }
    }

    @Test func constantResponseAndTooFewRowsAreRefused() throws {
        let data = ModelData(columns: [
            ("y", .numeric([1, 1, 1])), ("x", .numeric([1, 2, 3])), ("z", .numeric([3, 1, 2])),
            ("w", .numeric([2, 5, 4])),
        ])
        let constant = try DesignMatrix(formula: try Formula("y ~ x"), data: data)
        #expect(throws: GLMError.constantResponse(value: 1, family: "binomial")) {
            try GeneralizedLinearModel(design: constant, family: .binomial)
        }
        let wide = try DesignMatrix(formula: try Formula("x ~ y + z + w"), data: data)
        #expect(throws: GLMError.tooFewRows(rows: 3, coefficients: 4)) {
            try GeneralizedLinearModel(design: wide, family: .gaussian)
        }
    }

    @Test func linkMustSuitTheFamily() throws {
        let data = ModelData(columns: [("y", .numeric([0, 1, 1])), ("x", .numeric([1, 2, 3]))])
        let design = try DesignMatrix(formula: try Formula("y ~ x"), data: data)
        #expect(throws: GLMError.self) {
            try GeneralizedLinearModel(design: design, family: .poisson, link: .probit)
        }
    }
}

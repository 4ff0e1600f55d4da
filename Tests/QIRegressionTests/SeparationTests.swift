import Foundation
import QIRegression
import Testing

/// Separation found by Konis's linear program, against lpSolve's solution of the same program
/// (notebooks/reference/regression/firth_reference.R, R 4.2.2, lpSolve 5.6.18). The optimal
/// vertices here are unique with components 0 and ±1, so the directions must agree exactly
/// (tolerance 1e-9 for rounding in the simplex solves).
@Suite struct SeparationTests {
    static func reference() throws -> [String: Any] { try RegressionReference.json("firth_cases") }

    static func model(_ entry: [String: Any]) throws -> GeneralizedLinearModel {
        let data = try RegressionReference.data(entry["data"] as! String)
        let design = try DesignMatrix(formula: try Formula(entry["formula"] as! String), data: data)
        return try GeneralizedLinearModel(design: design, family: .binomial)
    }

    @Test(arguments: ["sex2", "endometrial", "separated"])
    func linearProgramMatchesLpSolve(name: String) throws {
        let cases = try Self.reference()["cases"] as! [[String: Any]]
        let entry = cases.first { $0["name"] as! String == name }!
        let separation = try Self.model(entry).separation()
        let expected = entry["separation"] as! [String: Any]
        let direction = RegressionReference.numbers(expected["beta"])
        #expect(separation.isSeparated)
        #expect(abs(separation.objective - RegressionReference.number(expected["objective"])!) <= 1e-9)
        for (actual, wanted) in zip(separation.direction, direction) {
            #expect(abs(actual - wanted!) <= 1e-9, "\(name): \(separation.direction) vs lpSolve \(direction)")
        }
        let names = RegressionReference.strings(entry["terms"])
        let signs = RegressionReference.strings(expected["direction"])
        let wanted = names.indices.filter { !signs[$0].isEmpty }.map {
            "\(names[$0])\(signs[$0] == "+" ? "+infinity" : "-infinity")"
        }
        #expect(separation.divergingTerms.map { $0.name + $0.direction.rawValue } == wanted)
    }

    @Test func infertIsNotSeparated() throws {
        let data = try RegressionReference.data("infert")
        let design = try DesignMatrix(
            formula: try Formula("case ~ age + parity + induced + spontaneous"), data: data)
        let separation = try GeneralizedLinearModel(design: design, family: .binomial).separation()
        #expect(!separation.isSeparated)
        #expect(abs(separation.objective) <= 1e-9)
    }

    /// Complete separation on one predictor: y = 1 exactly when x > 3. Both the intercept and
    /// the slope run off (the slope up, the intercept down), whatever the link.
    @Test(arguments: [LinkFunction.logit, .probit, .cloglog])
    func completeSeparationNamesSlopeAndIntercept(link: LinkFunction) throws {
        let data = ModelData(columns: [
            ("y", .numeric([0, 0, 0, 1, 1, 1])), ("x", .numeric([1, 2, 3, 4, 5, 6])),
        ])
        let design = try DesignMatrix(formula: try Formula("y ~ x"), data: data)
        let model = try GeneralizedLinearModel(design: design, family: .binomial, link: link)
        let separation = try model.separation()
        #expect(separation.divergingTerms.map(\.name) == ["(Intercept)", "x"])
        #expect(separation.divergingTerms.map(\.direction) == [.minusInfinity, .plusInfinity])
    }

    /// Rows of cbind(successes, failures) contribute both signs; a row with trials on both
    /// sides cannot be separated.
    @Test func groupedCountsWithBothOutcomesAreNotSeparated() throws {
        let data = ModelData(columns: [
            ("s", .numeric([1, 2, 3, 4])), ("f", .numeric([3, 2, 1, 1])), ("x", .numeric([1, 2, 3, 4])),
        ])
        let design = try DesignMatrix(formula: try Formula("cbind(s, f) ~ x"), data: data)
        let model = try GeneralizedLinearModel(design: design, family: .binomial)
        #expect(!(try model.separation().isSeparated))
    }

    /// Plain maximum likelihood on separated data: the diverging term is reported (estimate
    /// nil, not aliased), and the other coefficients are the limits R's glm approaches. R
    /// stops early (deviance criterion 1e-8), so its values are compared at 1e-6 relative.
    @Test func maximumLikelihoodReportsDivergingTermAndFiniteLimits() throws {
        let cases = try Self.reference()["cases"] as! [[String: Any]]
        let entry = cases.first { $0["name"] as! String == "sex2" }!
        let fit = try Self.model(entry).fit()
        #expect(fit.divergingNames == ["dia"])
        #expect(fit.aliasedNames.isEmpty)
        #expect(fit.coefficients.last! == nil)
        let glm = RegressionReference.numbers(entry["glm_estimates"])
        for j in 0..<(glm.count - 1) {
            #expect(isClose(fit.coefficients[j], glm[j], relative: 1e-6), "\(fit.names[j])")
        }
    }
}

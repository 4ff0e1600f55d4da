import Foundation
import QIRegression
import Testing

/// Likelihood-ratio tests of nested GLMs against R 4.2.2's anova(m0, m1, test = "Chisq")
/// (inference_reference.R -> output/inference_cases.json); the command's nesting checks are
/// tested end to end in Tests/QICommandLineTests/FitCommandTests.swift.
@Suite("Likelihood-ratio test")
struct LikelihoodRatioTestTests {
    static func fit(_ formula: String, data: String, family: GLMFamily) throws -> GLMFit {
        let design = try DesignMatrix(formula: try Formula(formula), data: try RegressionReference.data(data))
        return try GeneralizedLinearModel(design: design, family: family).fit()
    }

    /// 1e-8 relative in the statistic, 1e-6 in the p-value (a chi-square tail magnifies
    /// relative error by about the statistic / 2).
    @Test func binomialStatisticIsTheDevianceDifferenceAsRAnova() throws {
        let cases = try RegressionReference.json("inference_cases")["likelihood_ratio_tests"] as! [[String: Any]]
        let reference = try #require(cases.first { $0["name"] as? String == "infert_binomial" })
        let full = try Self.fit(reference["formula"] as! String, data: "infert", family: .binomial)
        let reduced = try Self.fit(reference["reduced_formula"] as! String, data: "infert", family: .binomial)
        let test = try LikelihoodRatioTest(full: full, reduced: reduced)
        #expect(isClose(test.statistic, RegressionReference.number(reference["statistic"]), relative: 1e-8))
        #expect(test.degreesOfFreedom == reference["df"] as? Int)
        #expect(isClose(test.pValue, RegressionReference.number(reference["p_value"]), relative: 1e-6))
        #expect(abs(test.statistic - (reduced.deviance - full.deviance)) <= 1e-9 * test.statistic)
    }

    @Test func aReducedModelWithAsManyCoefficientsIsRefused() throws {
        let full = try Self.fit("case ~ age + parity", data: "infert", family: .binomial)
        let other = try Self.fit("case ~ age + induced", data: "infert", family: .binomial)
        #expect(throws: LikelihoodRatioTestError.self) { try LikelihoodRatioTest(full: full, reduced: other) }
    }
}

import Foundation
@testable import QIRegression
import Testing

/// The normal-equations IRLS against the pivoted-QR IRLS it replaces on well-conditioned
/// designs: the same iteration, so the same estimate (to rounding, 1e-10 relative to
/// max(|β|, se)) and the same standard errors (1e-9 relative); R's values are checked in
/// GeneralizedLinearModelTests. And the separation proof against Konis's linear program.
@Suite struct GeneralizedLinearModelNormalEquationsTests {
    static func infert(link: LinkFunction = .logit) throws -> GeneralizedLinearModel {
        let design = try DesignMatrix(
            formula: try Formula("case ~ age + parity + induced + spontaneous"),
            data: try RegressionReference.data("infert"))
        return try GeneralizedLinearModel(design: design, family: .binomial, link: link)
    }

    @Test(arguments: [LinkFunction.logit, .probit, .cloglog])
    func normalEquationsReachThePivotedQREstimate(link: LinkFunction) throws {
        let model = try Self.infert(link: link)
        let fast = try #require(try model.iterateByNormalEquations(family: .binomial, start: nil,
                                                                   options: GLMOptions()))
        let reference = try model.iterateByPivotedQR(family: .binomial, start: nil,
                                                     options: GLMOptions())
        let fastFit = try model.summarise(fast, family: .binomial, options: GLMOptions())
        let referenceFit = try model.summarise(reference, family: .binomial, options: GLMOptions())
        #expect(fast.unscaledCovariance != nil)
        for j in fastFit.coefficients.indices {
            let (a, b) = (fastFit.coefficients[j]!, referenceFit.coefficients[j]!)
            let error = referenceFit.standardErrors[j]!
            #expect(abs(a - b) <= 1e-10 * max(abs(b), error), "\(link) \(fastFit.names[j]): \(a) vs \(b)")
            #expect(abs(fastFit.standardErrors[j]! - error) <= 1e-9 * error)
        }
        #expect(abs(fastFit.deviance - referenceFit.deviance) <= 1e-12 * referenceFit.deviance)
    }

    @Test func poissonWithOffsetTakesTheNormalEquations() throws {
        let data = ModelData(columns: [
            ("y", .numeric([2, 3, 6, 7, 8, 9, 10, 12, 15, 20])),
            ("x", .numeric([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])),
            ("t", .numeric([10, 12, 15, 14, 13, 16, 18, 17, 20, 22])),
        ])
        let design = try DesignMatrix(formula: try Formula("y ~ x + offset(log(t))"), data: data)
        let model = try GeneralizedLinearModel(design: design, family: .poisson)
        let fast = try #require(try model.iterateByNormalEquations(family: .poisson, start: nil,
                                                                   options: GLMOptions()))
        let reference = try model.iterateByPivotedQR(family: .poisson, start: nil, options: GLMOptions())
        for (a, b) in zip(fast.coefficients, reference.coefficients) {
            #expect(abs(a! - b!) <= 1e-10 * max(1, abs(b!)))
        }
    }

    @Test func aliasedColumnsAreLeftToThePivotedQR() throws {
        let data = ModelData(columns: [
            ("y", .numeric([0, 1, 0, 1, 1, 0, 1, 1])),
            ("x", .numeric([1, 2, 3, 4, 5, 6, 7, 8])),
            ("z", .numeric([2, 4, 6, 8, 10, 12, 14, 16])),
        ])
        let design = try DesignMatrix(formula: try Formula("y ~ x + z"), data: data)
        let model = try GeneralizedLinearModel(design: design, family: .binomial)
        #expect(try model.iterateByNormalEquations(family: .binomial, start: nil,
                                                   options: GLMOptions()) == nil)
        #expect(try model.fit().aliasedNames == ["z"])
    }

    @Test func convergedFitProvesInfertIsNotSeparated() throws {
        let model = try Self.infert()
        let fast = try #require(try model.iterateByNormalEquations(family: .binomial, start: nil,
                                                                   options: GLMOptions()))
        #expect(fast.excludesSeparation)
        #expect(try !model.separation().isSeparated)
    }

    /// Quasi-complete separation (x = 3 has both outcomes): no proof, and the linear program
    /// names the slope among the diverging terms.
    @Test func separatedDataAreNotProvenUnseparated() throws {
        let data = ModelData(columns: [
            ("y", .numeric([0, 0, 0, 1, 1, 1, 1])), ("x", .numeric([1, 2, 3, 3, 4, 5, 6])),
        ])
        let design = try DesignMatrix(formula: try Formula("y ~ x"), data: data)
        let model = try GeneralizedLinearModel(design: design, family: .binomial)
        let fast = try? model.iterateByNormalEquations(family: .binomial, start: nil,
                                                       options: GLMOptions())
        #expect(fast.map { !$0.excludesSeparation } ?? true)
        #expect(try model.fit().divergingNames.contains("x"))
    }
}

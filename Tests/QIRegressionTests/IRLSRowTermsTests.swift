import Foundation
@testable import QIRegression
import Testing

/// The binomial-logit row kernel against the textbook expressions evaluated in 80-bit extended
/// precision (μ = 1/(1 + e^−b), 1 − μ = 1/(1 + e^b), μ' = e^b/(1 + e^b)², and the binomial unit
/// deviance 2[y log(y/μ) + (1 − y) log((1 − y)/(1 − μ))], b the η clamped to ±30 as R's logit is),
/// and the segmented pass, whose result must not depend on the number of threads.
///
/// The general path (`LinkFunction.mean`, `GLMFamily.deviance`) is not the reference: it forms
/// 1 − μ by subtraction, which loses up to 1e-3 relative at |η| = 30.
@Suite struct IRLSRowTermsTests {
    @Test(arguments: [-45.0, -30.5, -30, -12.3, -1, -1e-9, 0, 1e-9, 0.7, 5, 20, 29.9, 30, 31, 200])
    func logitKernelMatchesExtendedPrecision(eta: Double) {
        let b = Float80(min(max(eta, -30), 30))
        let mean80 = 1 / (1 + expl(-b))
        let complement80 = 1 / (1 + expl(b))
        for y in [0.0, 1, 0.25, 0.5, 0.999] {
            let (mu, derivative, variance, deviance) = IRLSRowTerms.logitTerms(eta, y: y)
            // Tolerances: a few roundings of double arithmetic, relative to each quantity.
            #expect(abs(Float80(mu) - mean80) <= 4e-16 * mean80, "μ at \(eta)")
            let variance80 = mean80 * complement80
            #expect(abs(Float80(variance) - variance80) <= 1e-15 * variance80, "V at \(eta)")
            let derivative80 = abs(eta) <= 30 ? variance80 : Float80(Double.ulpOfOne)
            #expect(abs(Float80(derivative) - derivative80) <= 1e-15 * derivative80, "μ' at \(eta)")
            let y80 = Float80(y)
            var unit80: Float80 = 0
            if y > 0 { unit80 += y80 * logl(y80 / mean80) }
            if y < 1 { unit80 += (1 - y80) * logl((1 - y80) / complement80) }
            let deviance80 = 2 * unit80
            #expect(abs(Float80(deviance) - deviance80) <= 1e-13 * max(deviance80, 1e-2),
                    "deviance at η = \(eta), y = \(y): \(deviance) vs \(Double(deviance80))")
        }
    }

    /// A design of several segments gives the same bits on one thread and on three.
    @Test(arguments: [GLMFamily.binomial, .poisson])
    func segmentedPassDoesNotDependOnTheThreadCount(family: GLMFamily) throws {
        let n = 2 * GeneralizedLinearModel.passSegmentRows + 1_234
        var generator = SplitMix64(seed: 20261127)
        var (x1, x2, y) = ([Double](), [Double](), [Double]())
        for _ in 0..<n {
            let (a, b) = (generator.nextUniform() * 2 - 1, generator.nextUniform())
            x1.append(a)
            x2.append(b)
            let eta = -0.3 + 0.8 * a - 0.5 * b
            y.append(family == .binomial ? (generator.nextUniform() < 1 / (1 + exp(-eta)) ? 1 : 0)
                     : Double(Int(exp(eta + 1) * 2 * generator.nextUniform())))
        }
        let data = ModelData(columns: [("y", .numeric(y)), ("x1", .numeric(x1)), ("x2", .numeric(x2))])
        let design = try DesignMatrix(formula: try Formula("y ~ x1 + x2"), data: data)
        let model = try GeneralizedLinearModel(design: design, family: family)
        var fits: [GLMFit] = []
        for threads in [1, 3] {
            var options = GLMOptions()
            options.threads = threads
            fits.append(try model.fit(options: options))
        }
        #expect(fits[0].coefficients == fits[1].coefficients)
        #expect(fits[0].standardErrors == fits[1].standardErrors)
        #expect(fits[0].deviance == fits[1].deviance)
        // And the segmented normal equations reach the pivoted QR's estimate.
        let reference = try model.iterateByPivotedQR(family: family, start: nil, options: GLMOptions())
        for (a, b) in zip(fits[0].coefficients, reference.coefficients) {
            #expect(abs(a! - b!) <= 1e-9 * max(1, abs(b!)))
        }
    }
}

/// Steele, Lea & Flood's SplitMix64, for test data only.
private struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func nextUniform() -> Double { Double(next() >> 11) * 0x1p-53 }
}

import RealModule
import Testing
@testable import QIStatistics

/// Closed forms and the reflection identity of the regularised incomplete beta function
/// (Abramowitz & Stegun 1964, section 26.5).
struct IncompleteBetaTests {
    @Test func incompleteBetaSpecialCasesHaveClosedForms() {
        for x in [0.01, 0.2, 0.5, 0.93] {
            // I_x(1, 1) = x; I_x(a, 1) = x^a; I_x(1, b) = 1 - (1 - x)^b.
            #expect(relativeError(IncompleteBeta.regularized(x, complement: 1 - x, a: 1, b: 1)
                .lower, x) <= 1e-14)
            #expect(relativeError(IncompleteBeta.regularized(x, complement: 1 - x, a: 3.5, b: 1)
                .lower, Double.pow(x, 3.5)) <= 1e-14)
            #expect(relativeError(IncompleteBeta.regularized(x, complement: 1 - x, a: 1, b: 7)
                .upper, Double.pow(1 - x, 7)) <= 1e-14)
        }
    }

    @Test func incompleteBetaIsSymmetricUnderReflection() {
        for (x, a, b) in [(0.3, 2.5, 7.0), (0.8, 40.0, 3.0), (0.05, 0.5, 0.5)] {
            let direct = IncompleteBeta.regularized(x, complement: 1 - x, a: a, b: b)
            let reflected = IncompleteBeta.regularized(1 - x, complement: x, a: b, b: a)
            #expect(relativeError(direct.lower, reflected.upper) <= 1e-14)
            #expect(abs(direct.lower + direct.upper - 1) <= 1e-15)
        }
    }
}

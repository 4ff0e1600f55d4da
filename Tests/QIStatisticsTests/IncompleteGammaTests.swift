import RealModule
import Testing
@testable import QIStatistics

/// Closed forms of the regularised incomplete gamma function (Abramowitz & Stegun 1964, 6.5.13).
struct IncompleteGammaTests {
    @Test func incompleteGammaOfShapeOneIsTheExponentialDistribution() {
        for x in [1e-8, 0.3, 1, 5, 40, 700] {
            let tails = IncompleteGamma.regularized(shape: 1, x)
            #expect(relativeError(tails.upper, Double.exp(-x)) <= 1e-14, "x = \(x)")
            #expect(relativeError(tails.lower, -Double.expMinusOne(-x)) <= 1e-14, "x = \(x)")
        }
    }

    /// Q(n, x) = e^(-x) sum_{k < n} x^k / k! for whole n (A&S 6.5.13).
    @Test func incompleteGammaOfWholeShapeIsAPoissonSum() {
        for (n, x) in [(3, 2.0), (10, 12.5), (25, 9.0)] {
            var term = Double.exp(-x)
            var sum = term
            for k in 1..<n {
                term *= x / Double(k)
                sum += term
            }
            let tails = IncompleteGamma.regularized(shape: Double(n), x)
            #expect(relativeError(tails.upper, sum) <= 1e-13, "n \(n), x \(x)")
        }
    }
}

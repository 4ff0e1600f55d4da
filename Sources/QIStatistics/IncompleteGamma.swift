import RealModule

/// The regularised incomplete gamma functions P(a, x) and Q(a, x) = 1 - P(a, x).
///
///     P(a, x) = (1 / Gamma(a)) integral_0^x t^(a-1) e^(-t) dt,   a > 0, x >= 0
///
/// The chi-square and Poisson distribution functions are built on them:
/// P(chi2_k <= x) = P(k/2, x/2) and P(N <= k) = Q(k + 1, lambda) for N ~ Poisson(lambda).
///
/// Algorithm: for x < a + 1 the series
/// P(a, x) = x^a e^(-x) / Gamma(a + 1) * sum_{n >= 0} x^n / ((a + 1)(a + 2)...(a + n)),
/// otherwise Legendre's continued fraction for Q(a, x), evaluated by the modified Lentz method
/// (Press, Teukolsky, Vetterling & Flannery 2007, Numerical Recipes, 3rd ed., section 6.2;
/// Lentz 1976, Applied Optics 15:668, doi:10.1364/AO.15.000668). The tail computed directly
/// is the smaller one, so it keeps full relative precision; the other is its complement. The
/// prefactor x^a e^(-x) / Gamma(a + 1) comes from Loader's saddle-point form (see
/// `SaddlePointExpansion`) rather than from `exp(a log x - x - logGamma(a + 1))`, which loses
/// about a digit per factor of ten in `a`.
///
/// Complexity: O(sqrt(a)) terms near x = a, O(1) away from it; both the series and the
/// fraction stop when a term changes the result by less than one part in 2^53.
enum IncompleteGamma {
    /// Largest number of series terms or continued-fraction levels; reached only for a > 1e10.
    static let maximumIterations = 10_000_000

    /// P(a, x) and Q(a, x) for `a > 0` and `x >= 0` (x may be +infinity).
    static func regularized(shape a: Double, _ x: Double) -> TailProbabilities {
        precondition(a > 0 && x >= 0, "incomplete gamma needs a > 0 and x >= 0")
        if x == 0 { return TailProbabilities(lower: 0, upper: 1) }
        if x.isInfinite { return TailProbabilities(lower: 1, upper: 0) }
        if x < a + 1 {
            return .fromLower(lowerSeries(shape: a, x))
        }
        return .fromUpper(upperContinuedFraction(shape: a, x))
    }

    private static func lowerSeries(shape a: Double, _ x: Double) -> Double {
        let prefactor = SaddlePointExpansion.poissonProbability(count: a, mean: x)
        if prefactor == 0 { return 0 }
        var term = 1.0
        var sum = 1.0
        var denominator = a
        for _ in 0..<maximumIterations {
            denominator += 1
            term *= x / denominator
            sum += term
            if term < sum * Double.ulpOfOne / 2 { break }
        }
        return prefactor * sum
    }

    private static func upperContinuedFraction(shape a: Double, _ x: Double) -> Double {
        // x^a e^(-x) / Gamma(a) = a * [x^a e^(-x) / Gamma(a + 1)].
        let prefactor = a * SaddlePointExpansion.poissonProbability(count: a, mean: x)
        if prefactor == 0 { return 0 }
        let tiny = Double.leastNormalMagnitude / Double.ulpOfOne
        var b = x + 1 - a
        var c = 1 / tiny
        var d = 1 / b
        var fraction = d
        var i = 1.0
        for _ in 0..<maximumIterations {
            let numerator = -i * (i - a)
            b += 2
            d = numerator * d + b
            if abs(d) < tiny { d = tiny }
            c = b + numerator / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let change = d * c
            fraction *= change
            if abs(change - 1) <= Double.ulpOfOne { break }
            i += 1
        }
        return prefactor * fraction
    }
}

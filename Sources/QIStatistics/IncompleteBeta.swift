import RealModule

/// The regularised incomplete beta function I_x(a, b) and its complement.
///
///     I_x(a, b) = (1 / B(a, b)) integral_0^x t^(a-1) (1 - t)^(b-1) dt,   a, b > 0, 0 <= x <= 1
///     1 - I_x(a, b) = I_(1-x)(b, a)
///
/// Student's t and the binomial distribution functions are built on it:
/// P(|T_nu| > t) = I_(nu / (nu + t^2))(nu/2, 1/2) and P(X <= k) = I_(1-p)(n - k, k + 1) for
/// X ~ Binomial(n, p).
///
/// Algorithm: the continued fraction
/// I_x(a, b) = x^a (1-x)^b / (a B(a, b)) * 1/(1 + d1/(1 + d2/(1 + ...))) with
/// d_(2m+1) = -(a + m)(a + b + m) x / ((a + 2m)(a + 2m + 1)),
/// d_(2m) = m (b - m) x / ((a + 2m - 1)(a + 2m)), evaluated by the modified Lentz method where
/// it converges fast, x < (a + 1) / (a + b + 2), and through the reflection otherwise
/// (Press, Teukolsky, Vetterling & Flannery 2007, Numerical Recipes, 3rd ed., section 6.4;
/// Lentz 1976, doi:10.1364/AO.15.000668). The prefactor x^a (1-x)^b / B(a, b) is taken from
/// Loader's saddle-point binomial probability (`SaddlePointExpansion`) so that it keeps full
/// precision for large a and b.
///
/// Complexity: O(sqrt(max(a, b))) levels of the fraction in the worst case.
enum IncompleteBeta {
    /// Largest number of continued-fraction levels; reached only for a or b above 1e10.
    static let maximumIterations = 10_000_000

    /// I_x(a, b) (`lower`) and 1 - I_x(a, b) (`upper`).
    ///
    /// - Parameters:
    ///   - x: the upper limit of integration, in [0, 1].
    ///   - complement: 1 - x, passed separately so that callers who know it exactly (the t
    ///     distribution computes t^2 / (nu + t^2) directly) do not lose it to rounding.
    static func regularized(
        _ x: Double, complement y: Double, a: Double, b: Double
    ) -> TailProbabilities {
        precondition(a > 0 && b > 0, "incomplete beta needs a > 0 and b > 0")
        precondition(x >= 0 && y >= 0, "incomplete beta needs 0 <= x <= 1")
        if x == 0 { return TailProbabilities(lower: 0, upper: 1) }
        if y == 0 { return TailProbabilities(lower: 1, upper: 0) }
        if x < (a + 1) / (a + b + 2) {
            return .fromLower(continuedFraction(x, complement: y, a: a, b: b))
        }
        return .fromUpper(continuedFraction(y, complement: x, a: b, b: a))
    }

    private static func continuedFraction(
        _ x: Double, complement y: Double, a: Double, b: Double
    ) -> Double {
        // x^a y^b / (a B(a, b)) = C(a + b, a) x^a y^b * b / (a + b).
        let prefactor = SaddlePointExpansion.binomialProbability(
            successes: a, failures: b, probability: x, complement: y) * (b / (a + b))
        if prefactor == 0 { return 0 }
        let tiny = Double.leastNormalMagnitude / Double.ulpOfOne
        let sum = a + b
        var c = 1.0
        var d = 1 - sum * x / (a + 1)
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var fraction = d
        var m = 1.0
        for _ in 0..<maximumIterations {
            let twoM = 2 * m
            var numerator = m * (b - m) * x / ((a - 1 + twoM) * (a + twoM))
            d = 1 + numerator * d
            if abs(d) < tiny { d = tiny }
            c = 1 + numerator / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            fraction *= d * c
            numerator = -(a + m) * (sum + m) * x / ((a + twoM) * (a + 1 + twoM))
            d = 1 + numerator * d
            if abs(d) < tiny { d = tiny }
            c = 1 + numerator / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let change = d * c
            fraction *= change
            if abs(change - 1) <= Double.ulpOfOne { break }
            m += 1
        }
        return prefactor * fraction
    }
}

/// Safeguarded Newton iteration for an increasing function of one variable.
///
/// The quantile functions invert a distribution function F by solving g(u) = 0, where u is a
/// transformed argument (usually log x) and g compares the logarithm of the relevant tail with
/// its target. Newton's method converges quadratically once close; a bracket [lower, upper]
/// of the root, updated from the sign of every evaluation, keeps a bad step from leaving the
/// region where the root lies: such a step is replaced by bisection, or by a doubling step
/// while the bracket is still open on one side (Press et al. 2007, Numerical Recipes, 3rd ed.,
/// section 9.4, `rtsafe`).
///
/// Complexity: a few iterations from a good starting value; at most `maximumIterations`.
enum MonotoneEquationSolver {
    static let maximumIterations = 200

    /// The root of an increasing function `g`, given as `(value, slope)` at each point.
    ///
    /// - Parameters:
    ///   - start: the starting value, which should lie strictly between the bounds.
    ///   - lowerBound: a value known to lie below the root, or -infinity.
    ///   - upperBound: a value known to lie above the root, or +infinity.
    static func solve(
        from start: Double,
        lowerBound: Double = -.infinity,
        upperBound: Double = .infinity,
        _ g: (Double) -> (value: Double, slope: Double)
    ) -> Double {
        var lower = lowerBound
        var upper = upperBound
        var u = start
        var openStep = 1.0
        for _ in 0..<maximumIterations {
            let (value, slope) = g(u)
            if value == 0 { return u }
            if value < 0 { lower = u } else { upper = u }
            var next = u - value / slope
            let newtonIsUsable = value.isFinite && slope.isFinite && slope > 0
                && next > lower && next < upper
            if !newtonIsUsable {
                if lower.isFinite && upper.isFinite {
                    next = lower + (upper - lower) / 2
                } else if lower.isFinite {
                    next = lower + openStep
                    openStep *= 2
                } else {
                    next = upper - openStep
                    openStep *= 2
                }
            }
            let resolution = 2 * max(abs(u).ulp, Double.leastNormalMagnitude)
            if abs(next - u) <= resolution { return next }
            if lower.isFinite && upper.isFinite && upper - lower <= resolution {
                return lower + (upper - lower) / 2
            }
            u = next
        }
        return u
    }
}

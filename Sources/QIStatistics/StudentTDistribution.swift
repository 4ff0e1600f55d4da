import RealModule

/// Student's t distribution with `degreesOfFreedom` (nu) degrees of freedom.
///
///     density(t) = Gamma((nu + 1)/2) / (sqrt(nu pi) Gamma(nu/2)) (1 + t^2/nu)^(-(nu + 1)/2)
///     P(T > t)   = I_(nu / (nu + t^2))(nu/2, 1/2) / 2          for t >= 0
///
/// where I is the regularised incomplete beta function (`IncompleteBeta`). The density uses
/// Loader's saddle-point form so that it keeps full precision for large nu. For nu > 4e5 the
/// distribution function is the normal approximation Phi(t (1 - 1/(4 nu)) /
/// sqrt(1 + t^2 / (2 nu))) (Abramowitz & Stegun 1964, 26.7.8; as in R's `pt`), whose error is
/// below 1e-11 there; nu = +infinity is the standard normal.
///
/// The quantile solves P(T > t) = min(p, 1 - p) by safeguarded Newton iteration on
/// log P(T > t) against log t, which is nearly linear in the tail (the tail falls like
/// t^(-nu)), started from the Cornish-Fisher expansion; closed forms are used for nu = 1
/// (Cauchy) and nu = 2. Hill (1970) gives a starting value of the same kind
/// (Hill, G. W. (1970). Algorithm 396: Student's t-quantiles. Communications of the ACM
/// 13(10):619-620. doi:10.1145/355598.355600).
public struct StudentTDistribution: Sendable, Hashable {
    /// The degrees of freedom nu > 0; non-integer values and +infinity are allowed.
    public let degreesOfFreedom: Double

    /// Above this many degrees of freedom the normal approximation replaces the incomplete
    /// beta function, as in R's `pt`.
    static let normalApproximationThreshold = 4e5

    /// Creates a t distribution.
    ///
    /// - Throws: `StatisticsError.invalidParameter` unless `degreesOfFreedom > 0` (NaN is
    ///   rejected; +infinity gives the standard normal).
    public init(degreesOfFreedom: Double) throws(StatisticsError) {
        guard degreesOfFreedom > 0 else {
            throw .invalidParameter(name: "degreesOfFreedom", value: degreesOfFreedom)
        }
        self.degreesOfFreedom = degreesOfFreedom
    }

    /// The probability density at `t`. Complexity: O(1).
    public func density(_ t: Double) -> Double {
        let nu = degreesOfFreedom
        if nu.isInfinite { return NormalDistribution.standard.density(t) }
        if t.isInfinite { return 0 }
        let half = nu / 2
        let halfPlusOne = (nu + 1) / 2
        let constant = -SaddlePointExpansion.deviance(half, halfPlusOne)
            + SaddlePointExpansion.stirlingError(halfPlusOne)
            - SaddlePointExpansion.stirlingError(half)
        let squareOverNu = t * t / nu
        let logPower: Double  // (nu / 2) log(1 + t^2 / nu)
        if t * t > 0.2 * nu {
            logPower = half * Double.log(onePlus: squareOverNu)
        } else {
            logPower = -SaddlePointExpansion.deviance(half, (nu + t * t) / 2) + t * t / 2
        }
        return Double.exp(constant - logPower)
            / (2 * Double.pi * (1 + squareOverNu)).squareRoot()
    }

    /// P(T <= t). Complexity: O(sqrt(nu)) at worst, O(1) for nu > 4e5.
    public func cdf(_ t: Double) -> Double {
        tails(t).lower
    }

    /// P(T > t), computed directly in the upper tail. Complexity: as `cdf`.
    public func complementaryCDF(_ t: Double) -> Double {
        tails(t).upper
    }

    /// The value t with P(T <= t) = `probability` (-infinity for 0, +infinity for 1).
    ///
    /// - Throws: `StatisticsError.probabilityOutOfRange` if `probability` is not in [0, 1].
    /// - Complexity: a few evaluations of `cdf`.
    public func quantile(_ probability: Double) throws(StatisticsError) -> Double {
        guard probability >= 0, probability <= 1 else {
            throw .probabilityOutOfRange(probability)
        }
        if probability == 0.5 { return 0 }
        let upper = min(probability, 1 - probability)
        let magnitude = upperTailQuantile(upper)
        return probability < 0.5 ? -magnitude : magnitude
    }

    /// Both tails at t; the one beyond |t| is computed directly.
    func tails(_ t: Double) -> TailProbabilities {
        if t.isNaN { return TailProbabilities(lower: .nan, upper: .nan) }
        let nu = degreesOfFreedom
        if nu.isInfinite || nu > Self.normalApproximationThreshold {
            let z: Double
            if nu.isInfinite {
                z = t
            } else {
                let correction = 1 / (4 * nu)
                z = t * (1 - correction) / (1 + t * t * 2 * correction).squareRoot()
            }
            return TailProbabilities(
                lower: NormalDistribution.standardLowerTail(z),
                upper: NormalDistribution.standardLowerTail(-z))
        }
        let ratio = (t / nu) * t
        let beyond: Double  // P(T > |t|)
        let within: Double  // P(0 < T <= |t|)
        if ratio > 1e100 {
            // I_x(nu/2, 1/2) ~ x^(nu/2) / ((nu/2) B(nu/2, 1/2)) as x = nu / t^2 -> 0.
            let logBeta = Double.logGamma(nu / 2) + Double.logGamma(0.5)
                - Double.logGamma(nu / 2 + 0.5)
            let logTwoSided = -0.5 * nu * (2 * Double.log(abs(t)) - Double.log(nu))
                - logBeta - Double.log(nu / 2)
            beyond = 0.5 * Double.exp(logTwoSided)
            within = 0.5 - beyond
        } else {
            let x = 1 / (1 + ratio)
            let y = ratio / (1 + ratio)
            let twoSided = IncompleteBeta.regularized(x, complement: y, a: nu / 2, b: 0.5)
            beyond = 0.5 * twoSided.lower
            within = 0.5 * twoSided.upper
        }
        let tails = TailProbabilities(lower: 0.5 + within, upper: beyond)
        return t < 0 ? tails.swapped : tails
    }

    /// The t > 0 with P(T > t) = `upper`, for 0 <= upper < 1/2.
    private func upperTailQuantile(_ upper: Double) -> Double {
        if upper == 0 { return .infinity }
        let nu = degreesOfFreedom
        if nu == 1 {
            return 1 / Double.tan(Double.pi * upper)
        }
        if nu == 2 {
            return (1 - 2 * upper) / (2 * upper * (1 - upper)).squareRoot()
        }
        let z = NormalDistribution.standardUpperQuantile(upper)
        if nu.isInfinite { return z }
        let z2 = z * z
        var start = z + z * (z2 + 1) / (4 * nu)
            + z * ((5 * z2 + 16) * z2 + 3) / (96 * nu * nu)
        if !(start > 0) || !start.isFinite { start = max(z, 1) }
        let logTarget = Double.log(upper)
        let logT = MonotoneEquationSolver.solve(from: Double.log(start)) { u in
            let t = Double.exp(u)
            let tail = complementaryCDF(t)
            return (logTarget - Double.log(tail), t * density(t) / tail)
        }
        return Double.exp(logT)
    }
}

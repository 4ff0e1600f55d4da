import RealModule

/// Loader's saddle-point expansion of binomial and Poisson probabilities.
///
/// Writing a probability as `exp(log-gamma terms)` loses relative accuracy when the terms are
/// large (log Gamma(1001) is about 5900, so one rounding costs about 1e-13). Loader's form
/// keeps the large terms apart:
///
///     dpois(x; lambda)   = exp(-stirlingError(x) - deviance(x, lambda)) / sqrt(2 pi x)
///     dbinom(x; n, p)    = exp(stirlingError(n) - stirlingError(x) - stirlingError(n - x)
///                              - deviance(x, n p) - deviance(n - x, n q))
///                          * sqrt(n / (2 pi x (n - x)))
///
/// with `stirlingError(n) = log Gamma(n + 1) - (n + 1/2) log n + n - log sqrt(2 pi)` and
/// `deviance(x, m) = x log(x / m) + m - x`, each computed without cancellation. The formulas
/// hold for non-integer `x`, which the incomplete gamma and beta functions use for their
/// prefactors.
///
/// Citation: Loader, C. (2000). Fast and accurate computation of binomial probabilities.
/// Technical note, Bell Labs (the method behind R's `dbinom` and `dpois`).
enum SaddlePointExpansion {
    /// log sqrt(2 pi).
    static let logSquareRootTwoPi = 0.918_938_533_204_672_741_78

    /// The error of Stirling's approximation, `log Gamma(n + 1) - (n + 1/2) log n + n -
    /// log sqrt(2 pi)`, for `n > 0`.
    ///
    /// For `n <= 15` it is evaluated from log-gamma directly (the terms are below 30, so the
    /// absolute error stays near 1e-14); above, from the asymptotic series
    /// 1/(12n) - 1/(360n^3) + 1/(1260n^5) - 1/(1680n^7) + 1/(1188n^9), whose truncation error
    /// is below 1e-16 there (Abramowitz & Stegun 6.1.41).
    static func stirlingError(_ n: Double) -> Double {
        if n <= 15 {
            return Double.logGamma(n + 1) - (n + 0.5) * Double.log(n) + n - logSquareRootTwoPi
        }
        let inverseSquare = 1 / (n * n)
        let s0 = 1.0 / 12, s1 = 1.0 / 360, s2 = 1.0 / 1260, s3 = 1.0 / 1680, s4 = 1.0 / 1188
        if n > 500 { return (s0 - s1 * inverseSquare) / n }
        if n > 80 { return (s0 - (s1 - s2 * inverseSquare) * inverseSquare) / n }
        if n > 35 {
            return (s0 - (s1 - (s2 - s3 * inverseSquare) * inverseSquare) * inverseSquare) / n
        }
        return (s0 - (s1 - (s2 - (s3 - s4 * inverseSquare) * inverseSquare) * inverseSquare)
            * inverseSquare) / n
    }

    /// The deviance term `x log(x / m) + m - x` for `x >= 0`, `m > 0`.
    ///
    /// When `x` and `m` are close the direct form cancels; there the series
    /// `(x - m) v + 2 x sum_{j >= 1} v^(2j+1) / (2j + 1)`, `v = (x - m) / (x + m)`, is summed
    /// until it stops changing.
    static func deviance(_ x: Double, _ m: Double) -> Double {
        if x == 0 { return m }
        guard abs(x - m) < 0.1 * (x + m) else {
            // Within a factor of two x - m is exact, and log1p of the exact ratio avoids the
            // rounding of x / m, which x would multiply.
            let logRatio = x > 0.5 * m && x < 2 * m
                ? Double.log(onePlus: (x - m) / m) : Double.log(x / m)
            return x * logRatio + m - x
        }
        var v = (x - m) / (x + m)
        var sum = (x - m) * v
        var term = 2 * x * v
        v *= v
        var j = 1.0
        while j < 1000 {
            term *= v
            let next = sum + term / (2 * j + 1)
            if next == sum { break }
            sum = next
            j += 1
        }
        return sum
    }

    /// `x^k e^(-x) / Gamma(k + 1)` for real `k >= 0`, `x >= 0`: the Poisson probability of
    /// `k` events when the mean is `x`, extended to non-integer `k`.
    static func poissonProbability(count k: Double, mean x: Double) -> Double {
        if x == 0 { return k == 0 ? 1 : 0 }
        if k == 0 { return Double.exp(-x) }
        if x.isInfinite { return 0 }
        return Double.exp(-stirlingError(k) - deviance(k, x))
            / (2 * Double.pi * k).squareRoot()
    }

    /// `Gamma(k + f + 1) / (Gamma(k + 1) Gamma(f + 1)) p^k q^f` for real `k, f >= 0`: the
    /// binomial probability of `k` successes and `f` failures, with `q = 1 - p` passed
    /// separately so that it keeps full precision, and the failures passed separately so that
    /// `n - k` is never rounded.
    static func binomialProbability(
        successes k: Double, failures f: Double, probability p: Double, complement q: Double
    ) -> Double {
        let n = k + f
        if p == 0 { return k == 0 ? 1 : 0 }
        if q == 0 { return f == 0 ? 1 : 0 }
        if k == 0 {
            if f == 0 { return 1 }
            let logProbability = p < 0.1 ? -deviance(n, n * q) - n * p : n * Double.log(q)
            return Double.exp(logProbability)
        }
        if f == 0 {
            let logProbability = q < 0.1 ? -deviance(n, n * p) - n * q : n * Double.log(p)
            return Double.exp(logProbability)
        }
        let logCentral = stirlingError(n) - stirlingError(k) - stirlingError(f)
            - deviance(k, n * p) - deviance(f, n * q)
        return Double.exp(logCentral) * (n / (2 * Double.pi * k * f)).squareRoot()
    }
}

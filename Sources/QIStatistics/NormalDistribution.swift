import RealModule

/// The normal (Gaussian) distribution N(mean, standardDeviation^2).
///
///     density(x) = exp(-z^2 / 2) / (sigma sqrt(2 pi)),   z = (x - mean) / sigma
///     cdf(x)     = Phi(z) = erfc(-z / sqrt 2) / 2
///
/// `cdf` and `complementaryCDF` each evaluate their own tail, so both keep full relative
/// precision down to the smallest doubles (Phi(-37) = 5.7e-300). The quantile is Wichura's
/// AS 241 (PPND16), accurate to about 1 part in 10^16.
///
/// Citation: Wichura, M. J. (1988). Algorithm AS 241: The percentage points of the normal
/// distribution. Applied Statistics 37(3):477-484. doi:10.2307/2347330.
public struct NormalDistribution: Sendable, Hashable {
    /// The mean (location), any finite number.
    public let mean: Double
    /// The standard deviation (scale), finite and greater than zero.
    public let standardDeviation: Double

    /// The standard normal distribution N(0, 1).
    public static let standard = NormalDistribution(validatedMean: 0, standardDeviation: 1)

    /// Creates a normal distribution.
    ///
    /// - Throws: `StatisticsError.invalidParameter` if `mean` is not finite or
    ///   `standardDeviation` is not a finite number greater than zero.
    public init(mean: Double, standardDeviation: Double) throws(StatisticsError) {
        guard mean.isFinite else {
            throw .invalidParameter(name: "mean", value: mean)
        }
        guard standardDeviation.isFinite, standardDeviation > 0 else {
            throw .invalidParameter(name: "standardDeviation", value: standardDeviation)
        }
        self.init(validatedMean: mean, standardDeviation: standardDeviation)
    }

    private init(validatedMean mean: Double, standardDeviation: Double) {
        self.mean = mean
        self.standardDeviation = standardDeviation
    }

    /// The probability density at `x`. Complexity: O(1).
    public func density(_ x: Double) -> Double {
        let z = (x - mean) / standardDeviation
        return Double.exp(-0.5 * z * z) / (Self.squareRootTwoPi * standardDeviation)
    }

    /// P(X <= x). Complexity: O(1).
    public func cdf(_ x: Double) -> Double {
        Self.standardLowerTail((x - mean) / standardDeviation)
    }

    /// P(X > x), computed directly rather than as 1 - cdf(x). Complexity: O(1).
    public func complementaryCDF(_ x: Double) -> Double {
        Self.standardLowerTail(-(x - mean) / standardDeviation)
    }

    /// The value x with P(X <= x) = `probability` (-infinity for 0, +infinity for 1).
    ///
    /// - Throws: `StatisticsError.probabilityOutOfRange` if `probability` is not in [0, 1].
    /// - Complexity: O(1).
    public func quantile(_ probability: Double) throws(StatisticsError) -> Double {
        guard probability >= 0, probability <= 1 else {
            throw .probabilityOutOfRange(probability)
        }
        return mean + standardDeviation * Self.standardQuantile(probability)
    }

    // MARK: Standard normal building blocks

    static let squareRootTwoPi = 2.506_628_274_631_000_502_42
    /// sqrt(2) split into a double and its rounding error, to recover the exact erfc argument.
    private static let squareRootTwoHigh = 1.414_213_562_373_095_1
    private static let squareRootTwoLow = -9.667_293_313_452_913e-17
    /// 2 / sqrt(pi), the derivative scale of erfc.
    private static let twoOverSquareRootPi = 1.128_379_167_095_512_6

    /// Phi(z) for the standard normal.
    ///
    /// erfc(w) with w = -z / sqrt 2 rounded loses relative precision in proportion to w^2 in
    /// the tail; the rounding error delta of w is recovered with a fused multiply-add and
    /// corrected to first order, erfc(w + delta) = erfc(w) - (2 / sqrt pi) exp(-w^2) delta.
    static func standardLowerTail(_ z: Double) -> Double {
        if z.isNaN { return .nan }
        let w = -z / squareRootTwoHigh
        // residual = -z - w sqrt(2) to double-double accuracy, so delta = residual / sqrt 2.
        let residual = (-z).addingProduct(-w, squareRootTwoHigh) - w * squareRootTwoLow
        let delta = residual / squareRootTwoHigh
        let tail = Double.erfc(w) - twoOverSquareRootPi * Double.exp(-w * w) * delta
        return 0.5 * tail
    }

    /// The standard normal quantile by Wichura's AS 241 (PPND16) for p in [0, 1].
    static func standardQuantile(_ p: Double) -> Double {
        if p == 0 { return -.infinity }
        if p == 1 { return .infinity }
        let q = p - 0.5
        if abs(q) <= 0.425 {
            let r = 0.180625 - q * q
            return q * Self.rational(
                r, numerator: centralNumerator, denominator: centralDenominator)
        }
        var r = q < 0 ? p : 1 - p
        r = (-Double.log(r)).squareRoot()
        let magnitude: Double
        if r <= 5 {
            magnitude = Self.rational(
                r - 1.6, numerator: intermediateNumerator, denominator: intermediateDenominator)
        } else {
            magnitude = Self.rational(
                r - 5, numerator: tailNumerator, denominator: tailDenominator)
        }
        return q < 0 ? -magnitude : magnitude
    }

    /// The standard normal quantile of an upper-tail probability, -standardQuantile(1 - q)
    /// without forming 1 - q.
    static func standardUpperQuantile(_ upper: Double) -> Double {
        -standardQuantile(upper)
    }

    /// sum numerator[i] r^i / sum denominator[i] r^i by Horner's rule.
    private static func rational(
        _ r: Double, numerator: [Double], denominator: [Double]
    ) -> Double {
        var top = 0.0
        for coefficient in numerator.reversed() { top = top * r + coefficient }
        var bottom = 0.0
        for coefficient in denominator.reversed() { bottom = bottom * r + coefficient }
        return top / bottom
    }

    // Coefficients of AS 241, in increasing powers (Wichura 1988, p. 481).
    private static let centralNumerator: [Double] = [
        3.387_132_872_796_366_608, 133.141_667_891_784_377_45, 1_971.590_950_306_551_442_7,
        13_731.693_765_509_461_125, 45_921.953_931_549_871_457, 67_265.770_927_008_700_853,
        33_430.575_583_588_128_105, 2_509.080_928_730_122_672_7,
    ]
    private static let centralDenominator: [Double] = [
        1, 42.313_330_701_600_911_252, 687.187_007_492_057_908_3, 5_394.196_021_424_751_107_7,
        21_213.794_301_586_595_867, 39_307.895_800_092_710_61, 28_729.085_735_721_942_674,
        5_226.495_278_852_854_561,
    ]
    private static let intermediateNumerator: [Double] = [
        1.423_437_110_749_683_577_34, 4.630_337_846_156_545_295_9, 5.769_497_221_460_691_405_5,
        3.647_848_324_763_204_605_04, 1.270_458_252_452_368_382_58,
        0.241_780_725_177_450_611_77, 0.022_723_844_989_269_184_583_3,
        7.745_450_142_783_414_076_4e-4,
    ]
    private static let intermediateDenominator: [Double] = [
        1, 2.053_191_626_637_758_821_87, 1.676_384_830_183_803_849_4,
        0.689_767_334_985_100_004_55, 0.148_103_976_427_480_074_59,
        0.015_198_666_563_616_457_196_6, 5.475_938_084_995_344_946e-4,
        1.050_750_071_644_416_843_24e-9,
    ]
    private static let tailNumerator: [Double] = [
        6.657_904_643_501_103_777_2, 5.463_784_911_164_114_369_9, 1.784_826_539_917_291_335_8,
        0.296_560_571_828_504_891_23, 0.026_532_189_526_576_123_093,
        0.001_242_660_947_388_078_438_6, 2.711_555_568_743_487_578_15e-5,
        2.010_334_399_292_288_132_65e-7,
    ]
    private static let tailDenominator: [Double] = [
        1, 0.599_832_206_555_887_937_69, 0.136_929_880_922_735_805_31,
        0.014_875_361_290_850_614_852_5, 7.868_691_311_456_132_591e-4,
        1.846_318_317_510_054_681_8e-5, 1.421_511_758_316_445_888_7e-7,
        2.044_263_103_389_939_785_64e-15,
    ]
}

import QIStatistics

/// A parameter given as a distribution for probabilistic sensitivity analysis (PSA): one
/// value drawn per replicate, the same in every scenario of that replicate.
///
/// Written in a scenario file in place of the number, e.g.
/// `coach_dose: {dist: normal, mean: 1.015, sd: 0.12}`:
///
///     normal   {mean, sd}   mean + sd * z,  z = sqrt(-2 ln u1) cos(2 pi u2)
///     uniform  {min, max}   min + (max - min) * u1
///     gamma    {mean, sd}   shape k = mean^2 / sd^2, scale theta = sd^2 / mean;
///                           theta / 2 * chi2_{2k}^{-1}(u1)
///     beta     {mean, sd}   alpha = mean c, beta = (1 - mean) c, c = mean (1 - mean) / sd^2 - 1;
///                           G1 / (G1 + G2), G1 = chi2_{2 alpha}^{-1}(u1), G2 = chi2_{2 beta}^{-1}(u2)
///
/// Beta and gamma are parameterised by mean and SD (method of moments, as in Briggs, Claxton
/// & Sculpher 2006, Decision Modelling for Health Economic Evaluation, ch. 4). The uniforms
/// (u1, u2) are lanes 0 and 1 of counter (replicate, S, S - 1, k), k the parameter's PSA index
/// (``ParameterSchema``): each parameter has its own Philox block, so adding or removing a
/// distribution never changes any other draw. The gamma and beta draws use chi-square
/// quantiles (QIStatistics) and are reproducible to the accuracy of those quantiles, not bit
/// for bit across implementations.
public struct ParameterDistribution: @unchecked Sendable {
    // @unchecked: the key path is an immutable value; key paths are not yet marked Sendable.

    public enum Family: Sendable, Hashable {
        case normal(mean: Double, standardDeviation: Double)
        case uniform(minimum: Double, maximum: Double)
        case gamma(mean: Double, standardDeviation: Double)
        case beta(mean: Double, standardDeviation: Double)

        /// The distribution's mean (the value reported for the parameter).
        public var mean: Double {
            switch self {
            case .normal(let mean, _), .gamma(let mean, _), .beta(let mean, _): return mean
            case .uniform(let minimum, let maximum): return (minimum + maximum) / 2
            }
        }
    }

    /// The parameter's path below `base`, e.g. `success.coach_dose`.
    public let path: String
    /// The block word of its Philox counter.
    public let parameterIndex: Int
    public let family: Family
    let target: WritableKeyPath<ModelParameters, Double>

    init(path: String, parameterIndex: Int, family: Family, target: WritableKeyPath<ModelParameters, Double>) {
        self.path = path
        self.parameterIndex = parameterIndex
        self.family = family
        self.target = target
    }

    /// The value drawn from the uniforms of the parameter's block.
    public func value(uniforms: SIMD4<Double>) -> Double {
        switch family {
        case .normal(let mean, let standardDeviation):
            return mean + standardDeviation * RandomLayout.standardNormal(uniforms[0], uniforms[1])
        case .uniform(let minimum, let maximum):
            return minimum + (maximum - minimum) * uniforms[0]
        case .gamma(let mean, let standardDeviation):
            let shape = mean * mean / (standardDeviation * standardDeviation)
            let scale = standardDeviation * standardDeviation / mean
            return scale / 2 * Self.chiSquareQuantile(uniforms[0], degreesOfFreedom: 2 * shape, fallback: 2 * shape)
        case .beta(let mean, let standardDeviation):
            let concentration = mean * (1 - mean) / (standardDeviation * standardDeviation) - 1
            let first = Self.chiSquareQuantile(uniforms[0], degreesOfFreedom: 2 * mean * concentration,
                                               fallback: 2 * mean * concentration)
            let second = Self.chiSquareQuantile(uniforms[1], degreesOfFreedom: 2 * (1 - mean) * concentration,
                                                fallback: 2 * (1 - mean) * concentration)
            return first / (first + second)
        }
    }

    /// The chi-square quantile; the validated degrees of freedom are positive and u is in
    /// (0, 1), so the fallback (the mean) is never expected to be used.
    private static func chiSquareQuantile(_ probability: Double, degreesOfFreedom: Double, fallback: Double) -> Double {
        guard let distribution = try? ChiSquareDistribution(degreesOfFreedom: degreesOfFreedom),
              let quantile = try? distribution.quantile(probability) else { return fallback }
        return quantile
    }

    /// `parameters` with this parameter drawn for `replicate`.
    public func apply(to parameters: inout ModelParameters, replicate: Int, layout: RandomLayout) {
        parameters[keyPath: target] = value(uniforms: layout.parameterDraws(replicate: replicate,
                                                                             parameterIndex: parameterIndex))
    }
}

import QIStatistics

/// How funnel limits allow for variation between units beyond chance (overdispersion).
public enum OverdispersionMethod: String, Sendable, CaseIterable {
    /// Exact binomial or Poisson limits; phi and tau^2 are still estimated and reported.
    case none
    /// Limits widened by sqrt(phi) on the variance-stabilising scale (Spiegelhalter 2005).
    case multiplicative
    /// An additive random-effects variance tau^2 between units (DerSimonian & Laird 1986),
    /// as FunnelPlotR draws its overdispersed limits.
    case additive
}

/// The estimated overdispersion of a funnel plot's units.
///
/// With z_i the unadjusted z-scores on the variance-stabilising scale (see
/// `FunnelChartType.transformed`) and I the number of units:
///
///     winsorised z_i = min(max(z_i, Q(f)), Q(1 - f))      Q = type 7 quantile of the z_i
///     phi            = (1 / I) sum(winsorised z_i^2)
///     tau^2          = max(0, (I phi - (I - 1)) / (sum(w_i) - sum(w_i^2) / sum(w_i)))
///                      with w_i = 1 / s_i^2, and tau^2 = 0 when I phi < I - 1
///
/// The adjustment is applied only when phi > 1, as FunnelPlotR does: with no overdispersion
/// the exact limits stand (underdispersion never narrows them).
///
/// Sources: Spiegelhalter, D. J. (2005). Funnel plots for comparing institutional
/// performance. Statistics in Medicine 24(8):1185-1202, doi:10.1002/sim.1970 (section 6:
/// winsorised phi, multiplicative limits); Spiegelhalter, D. J. et al. (2012). JRSS A
/// 175(1):1-47, doi:10.1111/j.1467-985X.2011.01010.x (additive random effects on the
/// transformed scale); DerSimonian, R. & Laird, N. (1986). Controlled Clinical Trials
/// 7(3):177-188, doi:10.1016/0197-2456(86)90046-2; FunnelPlotR 0.6.0 `winsorisation`,
/// `phi_func` and `tau_func` (R/od_adjustment.R), which these formulas reproduce.
public struct OverdispersionEstimate: Sendable, Equatable {
    public var method: OverdispersionMethod
    /// The dispersion ratio phi (> 1 means overdispersion).
    public var phi: Double
    /// The between-unit variance tau^2 on the variance-stabilising scale.
    public var tau2: Double
    /// Whether the limits and z-scores are adjusted (method not `none` and phi > 1).
    public var isApplied: Bool
    public var winsorisedFraction: Double
    /// The units that entered the estimate (those with a denominator above 0).
    public var unitsUsed: Int

    /// The method's own estimate: phi (multiplicative), tau^2 (additive), none for `none`.
    public var estimate: Double? {
        switch method {
        case .none: return nil
        case .multiplicative: return phi
        case .additive: return tau2
        }
    }

    /// Estimates phi and tau^2 from unadjusted z-scores and their standard errors.
    ///
    /// - Precondition: `zScores` and `standardErrors` have the same, non-zero count, every
    ///   value finite and every standard error above 0; `winsorisedFraction` in [0, 0.5).
    /// - Complexity: O(I log I) (one sort for the quantiles).
    public static func estimate(zScores: [Double], standardErrors: [Double], method: OverdispersionMethod,
                                winsorisedFraction: Double) -> OverdispersionEstimate {
        precondition(!zScores.isEmpty && zScores.count == standardErrors.count)
        let bounds: [Double]
        do {
            bounds = try Descriptive.quantiles(zScores.map { Optional($0) }, probabilities: [winsorisedFraction, 1 - winsorisedFraction],
                                               missing: .propagate) ?? []
        } catch {
            preconditionFailure("z-scores are finite and the fraction in [0, 0.5): \(error)")
        }
        let (lower, upper) = (bounds[0], bounds[1])
        let count = Double(zScores.count)
        let phi = zScores.reduce(0.0) { sum, z in
            let winsorised = min(max(z, lower), upper)
            return sum + winsorised * winsorised
        } / count
        let tau2: Double
        if count * phi < count - 1 {
            tau2 = 0
        } else {
            let weights = standardErrors.map { 1 / ($0 * $0) }
            let weightSum = weights.reduce(0, +)
            let squaredWeightSum = weights.reduce(0) { $0 + $1 * $1 }
            tau2 = max(0, (count * phi - (count - 1)) / (weightSum - squaredWeightSum / weightSum))
        }
        return OverdispersionEstimate(method: method, phi: phi, tau2: tau2, isApplied: method != .none && phi > 1,
                                      winsorisedFraction: winsorisedFraction, unitsUsed: zScores.count)
    }

    /// Whether phi is significantly above 1: I phi above the 95th percentile of chi-square
    /// with I - 1 degrees of freedom (Spiegelhalter 2005, section 6.1).
    public var isSignificant: Bool {
        guard unitsUsed >= 2, let chiSquare = try? ChiSquareDistribution(degreesOfFreedom: Double(unitsUsed - 1)),
              let critical = try? chiSquare.quantile(0.95) else { return false }
        return Double(unitsUsed) * phi > critical
    }
}

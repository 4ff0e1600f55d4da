/// A computed funnel plot: units compared at one time against a target and limits that
/// narrow as the denominator grows (Spiegelhalter 2005, Stat Med 24:1185,
/// doi:10.1002/sim.1970).
///
/// This value is what output formats and renderers consume; `limitModel` gives the limits at
/// any denominator for drawing the funnel curves.
public struct FunnelPlot: Sendable {
    public var options: FunnelOptions
    /// The pooled rate sum(y) / sum(n) over units with n > 0, after `multiply`.
    public var target: Double
    public var overdispersion: OverdispersionEstimate
    /// Every unit, in input order.
    public var units: [FunnelUnit]
    /// The limits in force as a function of the denominator.
    public var limitModel: FunnelLimitModel
    /// Things the user should know (units without a rate, overdispersion left unadjusted).
    public var warnings: [String]
}

/// One unit of a funnel plot. Rates and limits are after `multiply`; quantities that do not
/// exist (a unit with n = 0 or a missing value) are nil.
public struct FunnelUnit: Sendable, Equatable {
    public var name: String
    public var numerator: Double?
    public var denominator: Double?
    /// y / n.
    public var rate: Double?
    /// The z-score against the limits in force: the unadjusted z divided by sqrt(phi)
    /// (multiplicative), (g(rate) - g(target)) / sqrt(s^2 + tau^2) (additive), or the
    /// unadjusted z when no adjustment applies.
    public var zScore: Double?
    /// (g(rate) - g(target)) / s(n) on the variance-stabilising scale g.
    public var unadjustedZScore: Double?
    public var limits: FunnelLimits?
    public var flag: FunnelFlag?
}

/// Where a unit's rate lies relative to the funnel limits.
public enum FunnelFlag: String, Sendable, CaseIterable {
    case within
    case above95 = "above_95"
    case above998 = "above_998"
    case below95 = "below_95"
    case below998 = "below_998"
}

/// What a funnel plot compares: proportions (binomial) or rates per unit of exposure (Poisson).
public enum FunnelChartType: String, Sendable, CaseIterable {
    /// y events out of n trials; rate = y / n, a proportion.
    case proportion = "p"
    /// y events over an exposure n (patient-years, list size); rate = y / n.
    case rate = "u"
}

/// Everything about a funnel plot except its data.
public struct FunnelOptions: Sendable, Equatable {
    public var chart: FunnelChartType
    public var overdispersion: OverdispersionMethod
    /// Multiplies rates, the target and the limits (100 for percentages, 1000 for rates per
    /// 1000). z-scores, phi and tau^2 are not multiplied.
    public var multiply: Double
    /// The fraction of z-scores winsorised at each end before phi is estimated: 0.1 as in
    /// Spiegelhalter (2005) and FunnelPlotR's `trim_by` default.
    public var winsorisedFraction: Double

    public init(chart: FunnelChartType, overdispersion: OverdispersionMethod = .none,
                multiply: Double = 1, winsorisedFraction: Double = 0.1) {
        self.chart = chart
        self.overdispersion = overdispersion
        self.multiply = multiply
        self.winsorisedFraction = winsorisedFraction
    }
}

/// The kinds of chart `qi spc` draws.
public enum ChartType: String, Sendable, CaseIterable {
    /// Run chart: the values around their median, no limits.
    case run
    /// Individuals (XmR) chart.
    case i
    /// Moving-range chart of consecutive individuals.
    case mr
    /// Chart of subgroup means.
    case xbar
    /// Chart of subgroup standard deviations.
    case s
    /// Proportion chart (y events out of n).
    case p
    /// Laney's p' chart for large, overdispersed denominators.
    case pp
    /// Number-defective chart.
    case np
    /// Count chart with a constant area of opportunity.
    case c
    /// Rate chart (y events per n units of exposure).
    case u
    /// Laney's u' chart.
    case up
    /// Geometric chart of the number of opportunities between rare events.
    case g
    /// Time-between-events chart (I chart on y^(1/3.6)).
    case t
    /// Tabular, standardised CUSUM.
    case cusum
    /// Exponentially weighted moving average.
    case ewma

    /// Whether the chart needs a denominator (`--n`).
    public var needsDenominator: Bool {
        switch self {
        case .p, .pp, .np, .u, .up: return true
        default: return false
        }
    }

    /// Whether rows sharing an x value form one subgroup (xbar and s charts).
    public var groupsRowsIntoSubgroups: Bool { self == .xbar || self == .s }

    /// Whether the plotted values are proportions (so limits are capped at 1).
    public var plotsProportions: Bool { self == .p || self == .pp }

    /// The fewest non-missing points from which the chart's centre line and limits exist.
    public var minimumPoints: Int { self == .run ? 1 : 2 }
}

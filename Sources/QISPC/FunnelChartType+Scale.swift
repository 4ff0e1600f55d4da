import RealModule

/// The variance-stabilising scale on which funnel z-scores and overdispersion are computed.
///
///     p (proportion):  g(x) = asin(sqrt(x)),  s(n) = 1 / (2 sqrt(n)),  g^-1(t) = sin(t)^2
///     u (rate):        g(x) = sqrt(x),        s(n) = 1 / (2 sqrt(n)),  g^-1(t) = t^2
///
/// s(n) is the delta-method standard error of g(y / n): Var(asin sqrt(y/n)) ~ 1 / (4n) for
/// binomial y, Var(sqrt(y/n)) ~ 1 / (4n) for Poisson y, whatever the rate. The inverse clamps
/// t to the range of g ([0, pi/2] and [0, inf)), so limits never leave [0, 1] or [0, inf).
///
/// These are the scales of Spiegelhalter et al. (2012), Statistical methods for healthcare
/// regulation: rating, screening and surveillance, JRSS A 175(1):1-47,
/// doi:10.1111/j.1467-985X.2011.01010.x, and of FunnelPlotR 0.6.0 (`transformed_zscore`:
/// data_type "PR" for proportions; "SR" with sr_method "CQC" for rates, whose sqrt(O/E) with
/// E = n theta is sqrt(y/n) / sqrt(theta)).
extension FunnelChartType {
    /// The scale's name as written in output.
    public var scaleName: String {
        switch self {
        case .proportion: return "arcsine_square_root"
        case .rate: return "square_root"
        }
    }

    /// g(x).
    public func transformed(_ rate: Double) -> Double {
        switch self {
        case .proportion: return Double.asin(min(max(rate, 0), 1).squareRoot())
        case .rate: return max(rate, 0).squareRoot()
        }
    }

    /// g^-1(t), with t first clamped to the range of g.
    public func untransformed(_ value: Double) -> Double {
        switch self {
        case .proportion:
            let sine = Double.sin(min(max(value, 0), Double.pi / 2))
            return sine * sine
        case .rate:
            let root = max(value, 0)
            return root * root
        }
    }

    /// s(n) = 1 / (2 sqrt(n)), the standard error of g(y / n) for a denominator n > 0.
    public func standardError(denominator: Double) -> Double {
        1 / (2 * denominator.squareRoot())
    }
}

#if canImport(Glibc)
import Glibc
#endif

/// The Bass (1969) diffusion model: the cumulative share adopted by time t when adoption
/// starts at t = 0 with external influence p and peer influence q (per unit of time),
///
///     F(t) = (1 - e^{-(p+q)t}) / (1 + (q/p) e^{-(p+q)t}),
///
/// and cumulative adopters m F(t) for a market of size m. With q = 0 it is 1 - e^{-pt}.
///
/// Citation: Bass, F. M. (1969). A new product growth for model consumer durables. Management
/// Science 15(5):215-227. doi:10.1287/mnsc.15.5.215.
public struct BassModel: Sendable, Hashable {
    /// External influence ("innovation") per unit of time, > 0.
    public let p: Double
    /// Peer influence ("imitation") per unit of time, >= 0.
    public let q: Double
    /// Market size: 1 for shares, or the number who eventually adopt.
    public let marketSize: Double

    public init(p: Double, q: Double, marketSize: Double = 1) {
        self.p = p
        self.q = q
        self.marketSize = marketSize
    }

    /// F(t), the cumulative share of the market adopted by time t.
    public func cumulativeShare(at t: Double) -> Double {
        let decay = exp(-(p + q) * t)
        return (1 - decay) / (1 + (q / p) * decay)
    }

    /// m F(t).
    public func cumulativeAdopters(at t: Double) -> Double { marketSize * cumulativeShare(at: t) }

    /// (dF/dp, dF/dq) at t, from differentiating F with E = e^{-(p+q)t} and r = q/p:
    ///
    ///     dF/dp = [t E (1 + r E) + (1 - E)(r t E + E q / p^2)] / (1 + r E)^2
    ///     dF/dq = [t E (1 + r E) + (1 - E)(r t E - E / p)] / (1 + r E)^2
    public func shareGradient(at t: Double) -> (p: Double, q: Double) {
        let decay = exp(-(p + q) * t)
        let ratio = q / p
        let denominator = (1 + ratio * decay) * (1 + ratio * decay)
        let common = t * decay * (1 + ratio * decay)
        let dp = (common + (1 - decay) * (ratio * t * decay + decay * q / (p * p))) / denominator
        let dq = (common + (1 - decay) * (ratio * t * decay - decay / p)) / denominator
        return (dp, dq)
    }
}

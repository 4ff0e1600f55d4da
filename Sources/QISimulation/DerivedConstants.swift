#if canImport(Glibc)
import Glibc
#endif

/// The constants the monthly step uses, derived once from a replicate's parameters.
///
///     cumulative share C_j = s_0 + ... + s_j (j = 0..3, summed left to right)
///     mult'[c]   = mult[c] / sum_j(s_j * mult[j])          (share-weighted mean 1)
///     h_loss     = 1 - (1 - annual_loss)^(1/12)              (monthly champion loss)
///     p_m        = p_per_year * (adoption_multiplier if payment enabled else 1) / 12
///     q_m        = q_per_year / 12
///     slots      = coach.count * coach.capacity
///     lambda     = median_months / (ln 2)^(1/k),  H(tau) = (tau / lambda)^k,
///     dH(tau)    = H(tau + 1) - H(tau),  tau = 0..T
///
/// With lp = 0 the survival to tau months is exp(-H(tau)), which is 1/2 at tau = median_months:
/// the Weibull scale is chosen so that median_months is the baseline median.
public struct DerivedConstants: Sendable {
    public let cumulativeShares: [Double]
    public let normalisedMultipliers: [Double]
    public let monthlyChampionLoss: Double
    public let monthlyExternalInfluence: Double
    public let monthlyPeerInfluence: Double
    public let coachSlots: Int
    public let weibullScale: Double
    /// dH(tau) for tau = 0..months.
    public let cumulativeHazardIncrements: [Double]

    public init(parameters: ModelParameters, months: Int) {
        var cumulative: [Double] = []
        var running = 0.0
        for share in parameters.adopterShares.prefix(4) {
            running += share
            cumulative.append(running)
        }
        cumulativeShares = cumulative
        var weightedMean = 0.0
        for (share, multiplier) in zip(parameters.adopterShares, parameters.adopterMultipliers) {
            weightedMean += share * multiplier
        }
        normalisedMultipliers = parameters.adopterMultipliers.map { $0 / weightedMean }
        monthlyChampionLoss = 1 - pow(1 - parameters.champion.annualLoss, 1.0 / 12)
        let paymentFactor = parameters.payment.enabled ? parameters.payment.adoptionMultiplier : 1
        monthlyExternalInfluence = parameters.bass.pPerYear * paymentFactor / 12
        monthlyPeerInfluence = parameters.bass.qPerYear / 12
        coachSlots = parameters.coach.count * parameters.coach.capacity
        let shape = parameters.sustain.weibullShape
        let scale = parameters.sustain.medianMonths / pow(log(2.0), 1 / shape)
        weibullScale = scale
        func cumulativeHazard(_ tau: Int) -> Double { pow(Double(tau) / scale, shape) }
        cumulativeHazardIncrements = (0...max(0, months)).map { cumulativeHazard($0 + 1) - cumulativeHazard($0) }
    }
}

#if canImport(Glibc)
import Glibc
#endif

/// Step 4 of a month: Bass (1969) adoption by NOT_ADOPTED practices while t < recruit_months.
///
///     F = share of the CCG's practices not NOT_ADOPTED (peer_source `adopted`) or SUCCEEDED
///         (peer_source `sustaining`), measured after steps 1-3 of the month
///     adopt if u_adopt < 1 - exp(-(p_m + q_m * F) * mult'[c])
///
/// then WAITING with adoption_month = t and a champion present if champion_at_adoption. In
/// continuous time with one category this hazard gives the Bass curve
/// F(t) = (1 - e^{-(p+q)t}) / (1 + (q/p) e^{-(p+q)t}).
///
/// Citation: Bass, F. M. (1969). A new product growth for model consumer durables. Management
/// Science 15(5):215-227. doi:10.1287/mnsc.15.5.215.
public enum AdoptionStep {
    /// P(adopt this month) for a practice of adopter category `category` when the peer share
    /// is `peerShare`.
    @inlinable @inline(__always)
    public static func probability(category: Int, peerShare: Double, constants: DerivedConstants) -> Double {
        let hazard = constants.monthlyExternalInfluence + constants.monthlyPeerInfluence * peerShare
        return -expm1(-hazard * constants.normalisedMultipliers[category])
    }

    /// Applies step 4 to a NOT_ADOPTED practice with the monthly block-0 lane adopt.
    @inlinable @inline(__always)
    public static func apply(_ state: inout PracticeState, attributes: PracticeAttributes, month: Int,
                             adoptDraw: Double, probability: Double) {
        guard adoptDraw < probability else { return }
        state.status = .waiting
        state.adoptionMonth = month
        state.champion = attributes.championAtAdoption
    }
}

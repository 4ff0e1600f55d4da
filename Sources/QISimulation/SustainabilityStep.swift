#if canImport(Glibc)
import Glibc
#endif

/// Step 2 of a month: whether a SUCCEEDED practice lapses (discrete-time Weibull
/// proportional hazards).
///
///     tau       = t - success_month, clamped to 0..T
///     supported = t < support_end
///     paid      = payment.enabled and (supported or continues_after_support)
///     lp        = sustain.small*small + sustain.clinical*clinical + sustain.cross_org*cross_org
///                 + sustain.no_champion*[no champion] + sustain.supported*supported
///                 + sustain.payment*paid
///     lapse if u_lapse < 1 - exp(-dH(tau) * exp(lp)),  then lapse_month = t + 1
///
/// 1 - exp(-x) is computed as -expm1(-x). The terms of lp are added left to right as written
/// (a zero term changes no bit of the sum). About half of implemented guideline improvements
/// decline after a year (Ament et al. 2015, BMJ Open 5:e008073); 60% and 32% of improvers
/// sustained at two years (Glasgow et al. 2012, BMJ Qual Saf 21:663).
public enum SustainabilityStep {
    /// The linear predictor lp (log hazard ratio against the baseline: champion present,
    /// unsupported, unpaid, large, non-clinical, within one organisation).
    @inlinable @inline(__always)
    public static func logHazardRatio(_ state: PracticeState, attributes: PracticeAttributes, month: Int,
                                      parameters: ModelParameters) -> Double {
        let coefficients = parameters.sustain
        let supported = month < state.supportEnd
        let paid = parameters.payment.enabled && (supported || parameters.payment.continuesAfterSupport)
        var lp = 0.0
        if attributes.small { lp += coefficients.small }
        if attributes.clinical { lp += coefficients.clinical }
        if attributes.crossOrganisation { lp += coefficients.crossOrganisation }
        if !state.champion { lp += coefficients.noChampion }
        if supported { lp += coefficients.supported }
        if paid { lp += coefficients.payment }
        return lp
    }

    /// Applies step 2 in month `month` of `months` with the monthly block-1 lane lapse.
    @inlinable @inline(__always)
    public static func apply(_ state: inout PracticeState, attributes: PracticeAttributes, month: Int, months: Int,
                             lapseDraw: Double, parameters: ModelParameters, constants: DerivedConstants) {
        let tau = min(max(month - state.successMonth, 0), months)
        let lp = logHazardRatio(state, attributes: attributes, month: month, parameters: parameters)
        let probability = -expm1(-constants.cumulativeHazardIncrements[tau] * exp(lp))
        if lapseDraw < probability {
            state.status = .lapsed
            state.lapseMonth = month + 1
        }
    }
}

#if canImport(Glibc)
import Glibc
#endif

/// Step 3 of a month: an ACTIVE project may drop out, and completes when its length is up.
///
///     coached_now = t - start < coach.months;  coached_months += coached_now
///     dropout if u_dropout < expit(engage.intercept + engage.control*control
///         + engage.payment*payment_enabled + engage.small*small + engage.cross_org*cross_org
///         + engage.clinical*clinical + engage.coached*coached_now + engage.champion*champion
///         + engage.relationship*rel*coached_now)
///     otherwise, when t + 1 == start + L: dose = coached_months / L,
///     eta = success.intercept + success.control*control + success.payment*payment_enabled
///         + success.small*small + success.cross_org*cross_org + success.clinical*clinical
///         + u_i + v + success.coach_dose*dose + success.champion*champion
///         + success.relationship*rel*[coached_months > 0]
///     success if u_success < expit(eta) (success_month = t + 1), else failure.
///
/// expit(x) = 1 / (1 + exp(-x)). Terms are added left to right as written. The coach dose
/// coefficient ln 2.76 is Baskerville, Liddy & Hogg's (2012, Ann Fam Med 10:63) pooled odds
/// ratio for practice facilitation.
public enum ActiveProjectStep {
    @inlinable @inline(__always)
    public static func expit(_ x: Double) -> Double { 1 / (1 + exp(-x)) }

    /// The dropout log-odds in a month (coached_months already updated).
    @inlinable @inline(__always)
    public static func dropoutLogOdds(_ state: PracticeState, attributes: PracticeAttributes, coachedNow: Bool,
                                      parameters: ModelParameters) -> Double {
        let coefficients = parameters.engage
        var x = coefficients.intercept
        if attributes.control { x += coefficients.control }
        if parameters.payment.enabled { x += coefficients.payment }
        if attributes.small { x += coefficients.small }
        if attributes.crossOrganisation { x += coefficients.crossOrganisation }
        if attributes.clinical { x += coefficients.clinical }
        if coachedNow { x += coefficients.coached }
        if state.champion { x += coefficients.champion }
        if coachedNow { x += coefficients.relationship * attributes.relationship }
        return x
    }

    /// The success log-odds at completion.
    @inlinable @inline(__always)
    public static func successLogOdds(_ state: PracticeState, attributes: PracticeAttributes, ccgEffect: Double,
                                      parameters: ModelParameters) -> Double {
        let coefficients = parameters.success
        let dose = Double(state.coachedMonths) / Double(attributes.projectLength)
        var eta = coefficients.intercept
        if attributes.control { eta += coefficients.control }
        if parameters.payment.enabled { eta += coefficients.payment }
        if attributes.small { eta += coefficients.small }
        if attributes.crossOrganisation { eta += coefficients.crossOrganisation }
        if attributes.clinical { eta += coefficients.clinical }
        eta += attributes.practiceEffect
        eta += ccgEffect
        eta += coefficients.coachDose * dose
        if state.champion { eta += coefficients.champion }
        if state.coachedMonths > 0 { eta += coefficients.relationship * attributes.relationship }
        return eta
    }

    /// Applies step 3 in month `month` with the block-0 lane dropout; `successDraw` (block 1,
    /// lane success) is evaluated only when the project completes.
    @inlinable @inline(__always)
    public static func apply(_ state: inout PracticeState, attributes: PracticeAttributes, month: Int,
                             dropoutDraw: Double, successDraw: () -> Double, ccgEffect: Double,
                             parameters: ModelParameters) {
        let coachedNow = month - state.start < parameters.coach.months
        if coachedNow { state.coachedMonths += 1 }
        let dropout = expit(dropoutLogOdds(state, attributes: attributes, coachedNow: coachedNow, parameters: parameters))
        if dropoutDraw < dropout {
            state.status = .dropped
            return
        }
        guard month + 1 == state.start + attributes.projectLength else { return }
        let eta = successLogOdds(state, attributes: attributes, ccgEffect: ccgEffect, parameters: parameters)
        if successDraw() < expit(eta) {
            state.status = .succeeded
            state.successMonth = month + 1
        } else {
            state.status = .failed
        }
    }
}

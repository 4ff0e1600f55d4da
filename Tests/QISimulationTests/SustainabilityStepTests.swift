import Foundation
import Testing
@testable import QISimulation

/// Hand-worked cases for step 2: with k = 1 and median 24 months, dH(tau) = ln 2 / 24 for
/// every tau, so the monthly lapse probability is 1 - 2^(-exp(lp) / 24).
struct SustainabilityStepTests {
    func parameters() -> ModelParameters {
        var parameters = ModelParameters.testBase
        parameters.sustain.weibullShape = 1
        parameters.sustain.medianMonths = 24
        return parameters
    }

    let attributes = PracticeAttributes(category: 2, championAtAdoption: true, control: true, clinical: false, small: false,
                                        crossOrganisation: false, relationship: 0, practiceEffect: 0, projectLength: 12)

    func succeeded(champion: Bool, successMonth: Int, supportEnd: Int) -> PracticeState {
        var state = PracticeState()
        state.status = .succeeded
        state.champion = champion
        state.successMonth = successMonth
        state.supportEnd = supportEnd
        return state
    }

    @Test func weibullScaleMakesTheMedianTheBaselineMedian() {
        var parameters = ModelParameters.testBase
        parameters.sustain.medianMonths = 24
        parameters.sustain.weibullShape = 0.8
        let constants = DerivedConstants(parameters: parameters, months: 60)
        let cumulative = constants.cumulativeHazardIncrements.prefix(24).reduce(0, +)
        #expect(abs(exp(-cumulative) - 0.5) < 1e-12)
    }

    @Test func supportedPaidPracticeWithoutChampionLapsesAtTheHandWorkedProbability() {
        let parameters = parameters()
        let constants = DerivedConstants(parameters: parameters, months: 60)
        // lp = no_champion 0.69 + supported -0.69 + payment -0.22 = -0.22 (payment enabled, supported).
        let lp = 0.69 - 0.69 - 0.22
        let probability = 1 - pow(2, -exp(lp) / 24)
        var lapses = succeeded(champion: false, successMonth: 10, supportEnd: 20)
        #expect(abs(SustainabilityStep.logHazardRatio(lapses, attributes: attributes, month: 12, parameters: parameters) - lp) < 1e-15)
        SustainabilityStep.apply(&lapses, attributes: attributes, month: 12, months: 60, lapseDraw: probability * (1 - 1e-9),
                                 parameters: parameters, constants: constants)
        #expect(lapses.status == .lapsed)
        #expect(lapses.lapseMonth == 13)
        var stays = succeeded(champion: false, successMonth: 10, supportEnd: 20)
        SustainabilityStep.apply(&stays, attributes: attributes, month: 12, months: 60, lapseDraw: probability * (1 + 1e-9),
                                 parameters: parameters, constants: constants)
        #expect(stays.status == .succeeded)
        #expect(stays.lapseMonth == PracticeState.never)
    }

    @Test func paymentStopsWithSupportUnlessItContinues() {
        var parameters = parameters()
        let state = succeeded(champion: true, successMonth: 10, supportEnd: 12)
        // Unsupported at month 12: no supported term; payment only if it continues after support.
        #expect(SustainabilityStep.logHazardRatio(state, attributes: attributes, month: 12, parameters: parameters) == 0)
        parameters.payment.continuesAfterSupport = true
        #expect(SustainabilityStep.logHazardRatio(state, attributes: attributes, month: 12, parameters: parameters) == -0.22)
        parameters.payment.enabled = false
        #expect(SustainabilityStep.logHazardRatio(state, attributes: attributes, month: 11, parameters: parameters) == -0.69)
    }
}

import Foundation
import Testing
@testable import QISimulation

/// Hand-worked cases for step 3 with the default file's coefficients.
struct ActiveProjectStepTests {
    let attributes = PracticeAttributes(category: 2, championAtAdoption: true, control: true, clinical: false, small: true,
                                        crossOrganisation: false, relationship: 0.5, practiceEffect: 0.1, projectLength: 6)

    func active(start: Int, coachedMonths: Int) -> PracticeState {
        var state = PracticeState()
        state.status = .active
        state.champion = true
        state.start = start
        state.end = start + 6
        state.coachedMonths = coachedMonths
        return state
    }

    // Coached month with control, payment, small, champion, rel 0.5:
    // -3.2 - 0.5 (control) - 0.4 (payment) - 0.3 (small) - 0.5 (coached) - 0.6 (champion) - 0.3 * 0.5 = -5.65
    let dropoutLogOdds = -5.65

    @Test func dropoutHappensBelowTheHandWorkedProbability() {
        let parameters = ModelParameters.testBase
        let probability = 1 / (1 + exp(5.65))
        var drops = active(start: 1, coachedMonths: 1)
        ActiveProjectStep.apply(&drops, attributes: attributes, month: 2, dropoutDraw: probability * (1 - 1e-9),
                                successDraw: { Issue.record("no success draw before completion"); return 0.5 },
                                ccgEffect: 0.2, parameters: parameters)
        #expect(drops.status == .dropped)
        #expect(drops.coachedMonths == 2)
        var continues = active(start: 1, coachedMonths: 1)
        ActiveProjectStep.apply(&continues, attributes: attributes, month: 2, dropoutDraw: probability * (1 + 1e-9),
                                successDraw: { 0.5 }, ccgEffect: 0.2, parameters: parameters)
        #expect(continues.status == .active)
        #expect(abs(ActiveProjectStep.dropoutLogOdds(continues, attributes: attributes, coachedNow: true,
                                                     parameters: parameters) - dropoutLogOdds) < 1e-12)
    }

    @Test func coachingStopsAfterCoachMonths() {
        let parameters = ModelParameters.testBase  // coach.months = 6
        var state = active(start: 1, coachedMonths: 5)
        state.end = 13
        var long = attributes
        long.projectLength = 12
        ActiveProjectStep.apply(&state, attributes: long, month: 7, dropoutDraw: 0.99, successDraw: { 0.5 },
                                ccgEffect: 0, parameters: parameters)
        #expect(state.coachedMonths == 5)  // 7 - 1 = 6 is not < 6
    }

    @Test func completionSucceedsBelowTheHandWorkedSuccessProbability() {
        let parameters = ModelParameters.testBase
        // Month 6, start 1, L 6: t + 1 == start + L. Coached in month 6 (6 - 1 = 5 < 6): 6 coached months, dose 1.
        // eta = -0.6 + 0.59 (control) + 0.41 (payment) + 0.69 (small) + 0.1 (u_i) + 0.2 (v) + 1.015 (dose 1)
        //       + 0.69 (champion) + 0.34 * 0.5 = 3.265
        let probability = 1 / (1 + exp(-3.265))
        var succeeds = active(start: 1, coachedMonths: 5)
        ActiveProjectStep.apply(&succeeds, attributes: attributes, month: 6, dropoutDraw: 0.99,
                                successDraw: { probability * (1 - 1e-9) }, ccgEffect: 0.2, parameters: parameters)
        #expect(succeeds.status == .succeeded)
        #expect(succeeds.successMonth == 7)
        var fails = active(start: 1, coachedMonths: 5)
        ActiveProjectStep.apply(&fails, attributes: attributes, month: 6, dropoutDraw: 0.99,
                                successDraw: { probability * (1 + 1e-9) }, ccgEffect: 0.2, parameters: parameters)
        #expect(fails.status == .failed)
        #expect(fails.successMonth == PracticeState.never)
    }
}

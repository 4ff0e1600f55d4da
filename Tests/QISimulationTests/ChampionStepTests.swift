import Testing
@testable import QISimulation

/// Hand-worked single-practice cases for step 1.
struct ChampionStepTests {
    let parameters = ChampionParameters(mode: .turnover, pInitial: 0.6, annualLoss: 0.1, monthlyReplace: 0.05)

    func state(champion: Bool, supportEnd: Int = PracticeState.never) -> PracticeState {
        var state = PracticeState()
        state.status = .active
        state.champion = champion
        state.supportEnd = supportEnd
        return state
    }

    @Test func monthlyLossMatchesTheAnnualProbability() {
        var base = ModelParameters.testBase
        base.champion.annualLoss = 0.1
        let constants = DerivedConstants(parameters: base, months: 12)
        // (1 - h)^12 = 0.9
        #expect(abs(pow(1 - constants.monthlyChampionLoss, 12) - 0.9) < 1e-15)
    }

    @Test func turnoverChampionLeavesWhenTheLossDrawIsBelowTheHazard() {
        var practice = state(champion: true)
        ChampionStep.apply(&practice, month: 3, lossDraw: 0.0087, newDraw: 0.01, parameters: parameters, monthlyLoss: 0.0088)
        #expect(!practice.champion)
    }

    @Test func turnoverChampionStaysWhenTheLossDrawIsAtOrAboveTheHazard() {
        var practice = state(champion: true)
        ChampionStep.apply(&practice, month: 3, lossDraw: 0.0088, newDraw: 0.01, parameters: parameters, monthlyLoss: 0.0088)
        #expect(practice.champion)
    }

    @Test func aPracticeThatJustLostItsChampionCannotRegainOneInTheSameMonth() {
        var practice = state(champion: true)
        ChampionStep.apply(&practice, month: 3, lossDraw: 0.001, newDraw: 0.001, parameters: parameters, monthlyLoss: 0.0088)
        #expect(!practice.champion)
    }

    @Test func aPracticeWithoutAChampionGainsOneWhenTheNewDrawIsBelowMonthlyReplace() {
        var practice = state(champion: false)
        ChampionStep.apply(&practice, month: 3, lossDraw: 0.5, newDraw: 0.049, parameters: parameters, monthlyLoss: 0.0088)
        #expect(practice.champion)
        var other = state(champion: false)
        ChampionStep.apply(&other, month: 3, lossDraw: 0.5, newDraw: 0.05, parameters: parameters, monthlyLoss: 0.0088)
        #expect(!other.champion)
    }

    @Test func retainedChampionsNeverLeave() {
        var retained = parameters
        retained.mode = .retained
        var practice = state(champion: true)
        ChampionStep.apply(&practice, month: 3, lossDraw: 1e-9, newDraw: 0.9, parameters: retained, monthlyLoss: 0.0088)
        #expect(practice.champion)
        var without = state(champion: false)
        ChampionStep.apply(&without, month: 3, lossDraw: 1e-9, newDraw: 0.01, parameters: retained, monthlyLoss: 0.0088)
        #expect(without.champion)
    }

    @Test func lostAtSupportEndActsAsTurnoverBeforeAndRemovesTheChampionFromSupportEnd() {
        var lost = parameters
        lost.mode = .lostAtSupportEnd
        var before = state(champion: false, supportEnd: 10)
        ChampionStep.apply(&before, month: 9, lossDraw: 0.5, newDraw: 0.01, parameters: lost, monthlyLoss: 0.0088)
        #expect(before.champion)
        var at = state(champion: true, supportEnd: 10)
        ChampionStep.apply(&at, month: 10, lossDraw: 0.99, newDraw: 0.01, parameters: lost, monthlyLoss: 0.0088)
        #expect(!at.champion)
    }
}

#if canImport(Glibc)
import Glibc
#endif

extension ModelParameters {
    /// A complete parameter set for unit tests (the default file's base values).
    static var testBase: ModelParameters {
        (try? SimulationFixtures.baseParameters()) ?? ParameterSchema.placeholder
    }
}

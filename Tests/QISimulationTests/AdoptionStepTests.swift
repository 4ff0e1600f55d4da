import Foundation
import Testing
@testable import QISimulation

/// Hand-worked cases for step 4 with the default file's Bass parameters.
struct AdoptionStepTests {
    @Test func innovatorProbabilityMatchesTheHandWorkedHazard() {
        let constants = DerivedConstants(parameters: ModelParameters.testBase, months: 60)
        // p_m = 0.10 * 1.5 / 12 = 0.0125, q_m = 0.45 / 12 = 0.0375; F = 0.5 -> 0.03125.
        // sum(share * mult) = 0.075 + 0.27 + 0.34 + 0.204 + 0.048 = 0.937; mult'[0] = 3 / 0.937.
        let expected = 1 - exp(-0.03125 * 3 / 0.937)
        let probability = AdoptionStep.probability(category: 0, peerShare: 0.5, constants: constants)
        #expect(abs(probability - expected) < 1e-15)
    }

    @Test func normalisedMultipliersHaveShareWeightedMeanOne() {
        let parameters = ModelParameters.testBase
        let constants = DerivedConstants(parameters: parameters, months: 60)
        let mean = zip(parameters.adopterShares, constants.normalisedMultipliers).reduce(0) { $0 + $1.0 * $1.1 }
        #expect(abs(mean - 1) < 1e-15)
    }

    @Test func categoriesFollowTheCumulativeShares() {
        let parameters = ModelParameters.testBase
        let constants = DerivedConstants(parameters: parameters, months: 60)
        func category(_ u: Double) -> Int {
            PracticeAttributes(block0: SIMD4(u, 0.5, 0.5, 0.5), block1: SIMD4(0.5, 0.5, 0.5, 0.5),
                               block2: SIMD4(0.5, 0.5, 0.5, 0.5), parameters: parameters, constants: constants).category
        }
        #expect(category(0.0249) == 0)
        #expect(category(0.0251) == 1)
        #expect(category(0.4999) == 2)
        #expect(category(0.8399) == 3)
        #expect(category(0.9) == 4)
    }

    @Test func adoptionMakesThePracticeWaitWithItsChampion() {
        let attributes = PracticeAttributes(category: 0, championAtAdoption: true, control: false, clinical: false,
                                            small: false, crossOrganisation: false, relationship: 0, practiceEffect: 0,
                                            projectLength: 12)
        var practice = PracticeState()
        AdoptionStep.apply(&practice, attributes: attributes, month: 4, adoptDraw: 0.2, probability: 0.3)
        #expect(practice.status == .waiting)
        #expect(practice.adoptionMonth == 4)
        #expect(practice.champion)
        var stays = PracticeState()
        AdoptionStep.apply(&stays, attributes: attributes, month: 4, adoptDraw: 0.3, probability: 0.3)
        #expect(stays.status == .notAdopted)
    }
}

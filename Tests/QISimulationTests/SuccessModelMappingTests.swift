import Foundation
import Testing
@testable import QISimulation

/// Mapping a fit's terms onto the success model: names, the two scale factors, refusals, and
/// what the mapped scenario carries (values, hash, PSA draws removed).
@Suite("Success model mapping")
struct SuccessModelMappingTests {
    static func model(_ coefficients: [(String, Double)], randomIntercepts: [FittedSuccessModel.RandomIntercept] = []) -> FittedSuccessModel {
        FittedSuccessModel(source: "fit.json", sourceSHA256: "abc", command: "qi fit", outcome: "success", method: "ml",
                           coefficients: coefficients.map { .init(term: $0.0, estimate: $0.1, standardError: 0.1) },
                           randomIntercepts: randomIntercepts)
    }

    static let practice = FittedSuccessModel.RandomIntercept(group: "practice", term: "(Intercept)", standardDeviation: 0.4)

    @Test func theScaleConstantIsZegerLiangAndAlbertsC() {
        // Zeger, Liang & Albert (1988) p. 1054: c = 16 sqrt(3) / (15 pi) = 0.588, c^2 = 0.346.
        #expect(abs(SuccessModelMapping.logitProbitScaleSquared - 0.346) < 0.0005)
    }

    @Test func theBinaryRelationshipFactorIsTheHalfNormalContrast() {
        // E[Z | Z > 0] - E[Z | Z <= 0] by the midpoint rule on (0, 12): 2 * 2 * integral z phi(z) dz.
        let step = 1e-4
        var halfMean = 0.0
        for index in 0..<120_000 {
            let z = (Double(index) + 0.5) * step
            halfMean += z * exp(-z * z / 2) / (2 * Double.pi).squareRoot() * step
        }
        let contrast = 2 * halfMean / 0.5
        #expect(abs(SuccessModelMapping.binaryToPerStandardDeviation - 1 / contrast) < 1e-9)
    }

    @Test func aMixedModelMapsTermByTermWithItsPracticeSD() throws {
        let fit = Self.model([("(Intercept)", -1.5), ("control", 0.5), ("payment", 0.7), ("champion", 1.2),
                              ("relationship", 0.3), ("small", 0.7), ("cross_org", -0.8)], randomIntercepts: [Self.practice])
        let mapping = try SuccessModelMapping(fit: fit, practiceStandardDeviation: 0.5)
        #expect(mapping.scale == "conditional")
        #expect(mapping.entries.map(\.parameter) == ["success.intercept", "success.control", "success.payment", "success.champion",
                                                     "success.relationship", "success.small", "success.cross_org", "success.sd_practice"])
        #expect(mapping.entries.allSatisfy { $0.factor == 1 && $0.value == $0.estimate && $0.transform == "identity" })
        #expect(mapping.keptParameters == ["success.coach_dose", "success.clinical", "success.sd_ccg"])
        var parameters = try SimulationFixtures.baseParameters()
        mapping.apply(to: &parameters)
        #expect(parameters.success.intercept == -1.5)
        #expect(parameters.success.crossOrganisation == -0.8)
        #expect(parameters.success.sdPractice == 0.4)
        #expect(parameters.success.coachDose == 1.015)
    }

    @Test func aPopulationAveragedFitIsScaledToPracticeSpecificCoefficients() throws {
        let fit = Self.model([("(Intercept)", -1.5), ("control", 0.5), ("coach_relationship", 0.66)])
        let mapping = try SuccessModelMapping(fit: fit, practiceStandardDeviation: 0.5)
        let scale = (1 + 0.345_8 * 0.25).squareRoot()
        #expect(mapping.scale == "population_averaged")
        #expect(abs(mapping.entries[0].value - -1.5 * scale) < 1e-4)
        #expect(mapping.entries[0].transform == "marginal_to_conditional")
        let relationship = mapping.entries[2]
        #expect(relationship.parameter == "success.relationship")
        #expect(relationship.transform == "marginal_to_conditional+binary_to_per_sd")
        #expect(abs(relationship.value - 0.66 * scale * (Double.pi / 8).squareRoot()) < 1e-4)
    }

    @Test func termsWithoutACounterpartAreRefusedByName() {
        #expect(throws: SuccessModelError.unmappedTerm(file: "fit.json", term: "months_followed",
                                                       known: SuccessModelMapping.fixedTerms.map(\.term))) {
            try SuccessModelMapping(fit: Self.model([("(Intercept)", 0), ("months_followed", 0.1)]), practiceStandardDeviation: 0)
        }
        #expect(throws: SuccessModelError.unmappedRandomEffect(file: "fit.json", group: "practice", term: "control")) {
            try SuccessModelMapping(fit: Self.model([("(Intercept)", 0)], randomIntercepts: [.init(group: "practice", term: "control", standardDeviation: 1)]),
                                    practiceStandardDeviation: 0)
        }
        #expect(throws: SuccessModelError.unmappedRandomEffect(file: "fit.json", group: "region", term: "(Intercept)")) {
            try SuccessModelMapping(fit: Self.model([("(Intercept)", 0)], randomIntercepts: [.init(group: "region", term: "(Intercept)", standardDeviation: 1)]),
                                    practiceStandardDeviation: 0)
        }
        #expect(throws: SuccessModelError.duplicateParameter(file: "fit.json", parameter: "success.relationship",
                                                             terms: ["relationship", "coach_relationship"])) {
            try SuccessModelMapping(fit: Self.model([("(Intercept)", 0), ("relationship", 1), ("coach_relationship", 1)]),
                                    practiceStandardDeviation: 0)
        }
        #expect(throws: SuccessModelError.noIntercept(file: "fit.json")) {
            try SuccessModelMapping(fit: Self.model([("control", 1)]), practiceStandardDeviation: 0)
        }
    }

    @Test func aPopulationAveragedFitNeedsOneFixedPracticeSD() throws {
        let base = try SimulationFixtures.baseParameters()
        var wider = base
        wider.success.sdPractice = 0.8
        let fit = Self.model([("(Intercept)", 0)])
        #expect(try SuccessModelMapping.practiceStandardDeviation(for: fit, scenarios: [
            SimulationFixtures.scenario("a", base), SimulationFixtures.scenario("b", base)]) == 0.5)
        #expect(throws: SuccessModelError.practiceSpreadDiffers(file: "fit.json", values: ["a: 0.5", "b: 0.8"])) {
            try SuccessModelMapping.practiceStandardDeviation(for: fit, scenarios: [
                SimulationFixtures.scenario("a", base), SimulationFixtures.scenario("b", wider)])
        }
        let mixed = Self.model([("(Intercept)", 0)], randomIntercepts: [Self.practice])
        #expect(try SuccessModelMapping.practiceStandardDeviation(for: mixed, scenarios: [
            SimulationFixtures.scenario("a", base), SimulationFixtures.scenario("b", wider)]) == 0)
    }
}

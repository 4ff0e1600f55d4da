import Foundation
import Testing
@testable import QISimulation

/// ``Scenario/applying(_:)``: what a scenario carries once a fit has set its success model.
extension SuccessModelMappingTests {
    @Test func theMappedScenarioCarriesTheValuesAndANewHashAndDrawsNoMappedParameter() throws {
        let text = try String(contentsOfFile: SimulationFixtures.defaultFilePath, encoding: .utf8)
            .replacingOccurrences(of: "    control: 0.59 ", with: "    control: {dist: normal, mean: 0.59, sd: 0.1} ")
            .replacingOccurrences(of: "    clinical: -0.22 ", with: "    clinical: {dist: normal, mean: -0.22, sd: 0.1} ")
        let scenario = try ScenarioFile.parse(text, file: "psa.yaml").scenarios.first { $0.id == "coach6" }!
        #expect(Set(scenario.distributions.map(\.path)) == ["success.control", "success.clinical"])
        let mapping = try SuccessModelMapping(fit: Self.model([("(Intercept)", -1), ("control", 0.25)], randomIntercepts: [Self.practice]),
                                              practiceStandardDeviation: 0)
        let mapped = scenario.applying(mapping)
        #expect(mapped.distributions.map(\.path) == ["success.clinical"])
        #expect(mapped.parameters.success.control == 0.25)
        #expect(mapped.parameters(replicate: 3, layout: RandomLayout(seed: 1)).success.control == 0.25)
        #expect(mapped.parameterHash != scenario.parameterHash)
        #expect(mapped.canonicalParameters.contains(#""success_model_from":{"command":"qi fit","method":"ml","outcome":"success","scale":"conditional","sha256":"abc","terms":{"#))
        #expect(mapped.canonicalParameters.contains(#""control":0.25,"#))
        #expect(!mapped.canonicalParameters.contains("fit.json"))
    }
}

import Testing
@testable import QISimulation

/// PSA draws: each parameter from its own block, so adding one changes no other draw.
struct ParameterDistributionTests {
    @Test func addingADistributionDoesNotChangeTheOtherParametersDraws() throws {
        let text = ScenarioFileTests.minimalBase + """
            scenarios:
              - {id: one, success: {coach_dose: {dist: normal, mean: 1.0, sd: 0.2}}}
              - {id: two, success: {coach_dose: {dist: normal, mean: 1.0, sd: 0.2}}, sustain: {median_months: {dist: gamma, mean: 24, sd: 4}}}
            """
        let file = try ScenarioFile.parse(text, file: "psa.yaml")
        let layout = RandomLayout(seed: 77)
        for replicate in 0..<20 {
            let one = file.scenarios[0].parameters(replicate: replicate, layout: layout)
            let two = file.scenarios[1].parameters(replicate: replicate, layout: layout)
            #expect(one.success.coachDose == two.success.coachDose)
            #expect(one.sustain.medianMonths == 24)
            #expect(two.sustain.medianMonths != 24)
        }
    }

    @Test func drawsHaveTheirMeansWithinFourMonteCarloErrors() {
        let layout = RandomLayout(seed: 31)
        let families: [ParameterDistribution.Family] = [
            .normal(mean: 1, standardDeviation: 0.5), .gamma(mean: 24, standardDeviation: 6),
            .beta(mean: 0.3, standardDeviation: 0.1), .uniform(minimum: 2, maximum: 4),
        ]
        for (index, family) in families.enumerated() {
            let distribution = ParameterDistribution(path: "x", parameterIndex: index, family: family, target: \.bass.pPerYear)
            let values = (0..<2_000).map { distribution.value(uniforms: layout.parameterDraws(replicate: $0, parameterIndex: index)) }
            let mean = values.reduce(0, +) / Double(values.count)
            let sd = (values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count - 1)).squareRoot()
            #expect(abs(mean - family.mean) < 4 * sd / Double(values.count).squareRoot(), "\(family), seed 31")
        }
    }
}

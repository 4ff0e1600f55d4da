import QIRendering
import Testing

/// Scenario summaries written out by hand (the renderer draws given values; these need only be
/// plausible): adoption following a Bass curve (discrete time)
/// with a band that widens and narrows, and sustained shares on two clocks.
enum SampleScenarioRun {
    /// The discrete-time Bass curve, (1 - d^t) / (1 + (q/p) d^t) with d = 1 - (p + q).
    static func bass(_ month: Int, p: Double, q: Double) -> Double {
        var decay = 1.0
        for _ in 0..<month { decay *= 1 - (p + q) }
        return (1 - decay) / (1 + (q / p) * decay)
    }

    static func scenario(_ id: String, p: Double, q: Double, success: Double, support: Double) -> RenderableScenarioSummary {
        let adoption = (1...24).map { month -> RenderableScenarioSummary.MonthlyBand in
            let mean = bass(month, p: p, q: q)
            let spread = 0.35 * mean * (1 - mean) + 0.02
            return .init(month: month, mean: mean, lower: max(0, mean - spread), upper: min(1, mean + spread))
        }
        let shares: [RenderableScenarioSummary.SustainedShare] = [
            .init(clock: "after success", horizonMonths: 12, pooled: success, lower95: success - 0.014, upper95: success + 0.014),
            .init(clock: "after success", horizonMonths: 24, pooled: success - 0.12, lower95: success - 0.137, upper95: success - 0.103),
            .init(clock: "after support", horizonMonths: 12, pooled: support, lower95: support - 0.015, upper95: support + 0.015),
            .init(clock: "after support", horizonMonths: 24, pooled: support - 0.14, lower95: support - 0.158, upper95: support - 0.122),
        ]
        return RenderableScenarioSummary(id: id, adoption: adoption, sustainedShares: shares)
    }

    static let run = RenderableScenarioRun(
        scenarios: [
            scenario("no_coach", p: 0.012, q: 0.05, success: 0.62, support: 0.58),
            scenario("coach6", p: 0.02, q: 0.08, success: 0.71, support: 0.64),
            scenario("coach6_champ_kept", p: 0.02, q: 0.08, success: 0.79, support: 0.74),
        ],
        reference: "coach6", replicates: 300, practices: 60, seed: 20200623)
}

struct AdoptionFanChartSVGTests {
    @Test func fanChartMatchesItsGoldenFile() throws {
        let run = SampleScenarioRun.run
        try GoldenFile.check(AdoptionFanChartSVG().render(run.scenarios[0], run: run), named: "adoption-fan.svg")
    }

    @Test func referenceScenarioIsDrawnWithoutADashedComparison() {
        let run = SampleScenarioRun.run
        let svg = AdoptionFanChartSVG().render(run.scenarios[1], run: run)
        #expect(!svg.contains("class=\"reference\""))
        #expect(svg.contains("class=\"band\""))
        #expect(svg.contains("class=\"mean\""))
    }

    @Test func everyFanChartSaysTheEffectSizesAreAssumptions() {
        let run = SampleScenarioRun.run
        for scenario in run.scenarios {
            let svg = AdoptionFanChartSVG().render(scenario, run: run)
            #expect(svg.contains("class=\"assumption\""))
            #expect(svg.contains("Effect sizes are assumptions"))
        }
    }

    @Test func bandRunsAlongTheUpperPercentilesAndBackAlongTheLower() {
        let run = SampleScenarioRun.run
        let svg = AdoptionFanChartSVG().render(run.scenarios[0], run: run)
        let band = svg.split(separator: "\n").first { $0.contains("class=\"band\"") }!
        // 24 upper points, then 24 lower points, closed.
        #expect(band.components(separatedBy: " L").count - 1 == 47)
        #expect(band.contains(" Z\""))
    }
}

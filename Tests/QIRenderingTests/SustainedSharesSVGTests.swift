import QIRendering
import Testing

struct SustainedSharesSVGTests {
    @Test func sustainedSharesMatchTheirGoldenFile() throws {
        try GoldenFile.check(SustainedSharesSVG().render(SampleScenarioRun.run), named: "sustained-shares.svg")
    }

    @Test func bothClocksAreNamedAndEveryShareHasAnInterval() {
        let run = SampleScenarioRun.run
        let svg = SustainedSharesSVG().render(run)
        #expect(svg.contains(">Sustained after success</text>"))
        #expect(svg.contains(">Sustained after support</text>"))
        let shares = run.scenarios.flatMap(\.sustainedShares).count
        #expect(svg.components(separatedBy: "(95% interval ").count - 1 == shares)
        #expect(svg.contains("<title>coach6_champ_kept, sustained after support, 24 months: 60% (95% interval 58.2% to 61.8%)</title>"))
        #expect(svg.contains("Effect sizes are assumptions"))
    }

    @Test func aShareWithNoEligiblePracticesIsSaidNotDrawn() {
        let empty = RenderableScenarioSummary(id: "tiny", adoption: [], sustainedShares: [
            .init(clock: "after success", horizonMonths: 12, pooled: nil, lower95: nil, upper95: nil),
        ])
        let svg = SustainedSharesSVG().render(RenderableScenarioRun(scenarios: [empty], reference: "tiny", replicates: 2,
                                                                    practices: 1, seed: 1))
        #expect(svg.contains(">none eligible</text>"))
        #expect(svg.contains("No eligible successes, so no share: tiny after success 12 months."))
        #expect(!svg.contains("(95% interval"))
    }
}

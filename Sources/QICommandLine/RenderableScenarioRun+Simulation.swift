import QIRendering
import QISimulation

extension RenderableScenarioRun {
    /// The scenario charts' values, copied from the summaries QISimulation computed for
    /// `result` (nothing is computed here but the renaming of the clocks).
    init(_ result: SimulationResultFile) {
        let layout = result.layout
        let summaries = SimulationSummary.summarise(result.accumulator, layout: layout)
        let sustainedQuantities: [(clock: SustainabilityClock, horizon: Int)] = layout.quantities.compactMap {
            if case .sustainedShare(let clock, let index) = $0 { return (clock, layout.horizons[index]) }
            return nil
        }
        let scenarios = summaries.map { summary in
            RenderableScenarioSummary(
                id: summary.id,
                adoption: summary.adoptedShare.map {
                    .init(month: $0.month, mean: $0.mean, lower: $0.percentile2_5, upper: $0.percentile97_5)
                },
                sustainedShares: zip(sustainedQuantities, summary.sustainedShares).map { quantity, share in
                    .init(clock: Self.clockName(quantity.clock), horizonMonths: quantity.horizon,
                          pooled: share.estimate.pooled, lower95: share.estimate.lower95, upper95: share.estimate.upper95)
                })
        }
        self.init(scenarios: scenarios, reference: result.identity.reference,
                  replicates: summaries.first?.replicates ?? result.range.count,
                  practices: result.identity.practices, seed: result.identity.seed)
    }

    /// The clock as the charts name it (RESULT.json's `sustained_after_success_12` is
    /// "after success", 12 months).
    static func clockName(_ clock: SustainabilityClock) -> String {
        switch clock {
        case .afterSuccess: return "after success"
        case .afterSupport: return "after support"
        }
    }

    /// File names for `qi simulate --svg DIR`: the sustained shares, then one adoption fan
    /// chart per scenario, numbered in file order (ids are validated, so they are file-safe).
    func chartFiles(style: ChartStyle = .standard) -> [(name: String, text: String)] {
        var files = [(name: "sustained-shares.svg", text: SustainedSharesSVG(style: style).render(self))]
        let renderer = AdoptionFanChartSVG(style: style)
        let width = String(scenarios.count).count
        for (index, scenario) in scenarios.enumerated() {
            let number = String(index + 1)
            let padded = String(repeating: "0", count: max(0, width - number.count)) + number
            files.append(("adoption-\(padded)-\(scenario.id).svg", renderer.render(scenario, run: self)))
        }
        return files
    }
}

import Foundation
@testable import QISimulation

/// The bundled default scenario file and small runs built from it.
enum SimulationFixtures {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let defaultFilePath = packageRoot.appendingPathComponent("datasets/scenarios.yaml").path

    static func defaultFile() throws -> ScenarioFile { try ScenarioFile.load(path: defaultFilePath) }

    /// The default file's base parameters (its `coach6` scenario has no overrides).
    static func baseParameters() throws -> ModelParameters {
        try defaultFile().scenarios.first { $0.id == "coach6" }!.parameters
    }

    static func scenario(_ id: String, _ parameters: ModelParameters) -> Scenario {
        Scenario(id: id, parameters: parameters, canonicalParameters: id)
    }

    /// Runs `scenarios` for `replicates` replicates and returns the accumulator and plan.
    static func run(_ scenarios: [Scenario], seed: UInt64, replicates: Int, practices: Int = 60, months: Int = 60,
                    range: Range<Int>? = nil, threads: Int = 2) throws -> (SimulationAccumulator, SimulationPlan) {
        let settings = RunSettings(seed: seed, replicates: replicates, months: months, practices: practices)
        let plan = try SimulationPlan(run: settings, scenarios: scenarios, reference: scenarios[0].id,
                                      replicates: ReplicateRange(range ?? 0..<replicates))
        return (try SimulationRun.execute(plan, threads: threads), plan)
    }

    /// One scenario's summary.
    static func summary(_ scenarios: [Scenario], seed: UInt64, replicates: Int, practices: Int = 60,
                        months: Int = 60) throws -> [ScenarioSummary] {
        let (accumulator, plan) = try run(scenarios, seed: seed, replicates: replicates, practices: practices, months: months)
        return SimulationSummary.summarise(accumulator, plan: plan)
    }
}

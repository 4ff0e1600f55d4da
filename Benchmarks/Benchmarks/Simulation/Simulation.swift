// QISimulation's engine on the bundled scenario file (datasets/scenarios.yaml): 100
// replicates of its 10 scenarios, 60 practices over 60 months = 3.6 million practice-months
// per iteration, on one worker thread and on two. Practice-months per second = 3.6 million /
// the wall-clock time of one iteration (see README.md).
import Benchmark
import Foundation
import QISimulation

let benchmarks: @Sendable () -> Void = {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    guard let file = try? ScenarioFile.load(path: root.appendingPathComponent("datasets/scenarios.yaml").path) else {
        fatalError("datasets/scenarios.yaml did not load")
    }
    let replicates = 100
    var settings = file.run
    settings.replicates = replicates
    guard let plan = try? SimulationPlan(run: settings, scenarios: file.scenarios, reference: file.reference,
                                         replicates: ReplicateRange(0..<replicates)) else { fatalError("plan") }
    let configuration = Benchmark.Configuration(
        metrics: [.wallClock, .cpuTotal, .throughput, .peakMemoryResident],
        timeUnits: .milliseconds,
        maxDuration: .seconds(15),
        maxIterations: 20)

    for threads in [1, 2] {
        Benchmark("Simulation default file, 100 replicates, \(threads) thread\(threads == 1 ? "" : "s") (practice-months)",
                  configuration: configuration) { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(try SimulationRun.execute(plan, threads: threads))
            }
        }
    }
}

import Dispatch
import Foundation
import QIParallel

/// Which replicates a run covers: all of them, or shard I of N.
///
/// Shard I of N (0-based I) runs replicates [floor(I R / N), floor((I + 1) R / N)), so the N
/// shards tile [0, R) with no gap or overlap.
public struct ReplicateRange: Sendable, Hashable {
    public let lowerBound: Int
    public let upperBound: Int

    public init(_ range: Range<Int>) {
        lowerBound = range.lowerBound
        upperBound = range.upperBound
    }

    /// Shard `index` of `count` of `replicates` replicates.
    public init(shard index: Int, of count: Int, replicates: Int) throws(SimulationError) {
        guard count >= 1, index >= 0, index < count else { throw .shardOutOfRange(index: index, count: count) }
        guard count <= replicates else { throw .moreShardsThanReplicates(shards: count, replicates: replicates) }
        lowerBound = index * replicates / count
        upperBound = (index + 1) * replicates / count
    }

    public var range: Range<Int> { lowerBound..<upperBound }
    public var count: Int { upperBound - lowerBound }
}

/// A validated run: scenarios, settings and the replicates to simulate.
public struct SimulationPlan: Sendable {
    public let run: RunSettings
    public let scenarios: [Scenario]
    public let referenceIndex: Int
    public let replicates: ReplicateRange
    public let quantities: [SummaryQuantity]
    public let horizons: [Int]

    /// - Throws: ``SimulationError`` when scenarios disagree on outputs.sustained_at_months
    ///   (they share one replicates table), or there are none.
    public init(run: RunSettings, scenarios: [Scenario], reference: String, replicates: ReplicateRange) throws(SimulationError) {
        guard let first = scenarios.first else { throw .noScenarios }
        for scenario in scenarios where scenario.parameters.sustainedAtMonths != first.parameters.sustainedAtMonths {
            throw .horizonsDiffer(first: first.id, other: scenario.id)
        }
        self.run = run
        self.scenarios = scenarios
        referenceIndex = scenarios.firstIndex { $0.id == reference } ?? 0
        self.replicates = replicates
        horizons = first.parameters.sustainedAtMonths
        quantities = SummaryQuantity.all(horizons: horizons.count, months: run.months)
    }
}

/// Runs a plan: replicates in parallel, results by replicate index.
///
/// Replicates are dealt in chunks to `threads` workers; each worker keeps its own
/// ``SimulationAccumulator`` (integer sums, so adding them in any order gives the same
/// bytes) and, when rows are wanted, stores each replicate's outcomes in the slot of its
/// index; rows are handed to `rows` in replicate order, batch by batch, so memory stays
/// bounded. Nothing depends on the thread count or on timing.
///
/// - Complexity: O(S R T N / threads) time for S scenarios; O(threads S T N + batch S T) memory.
public enum SimulationRun {
    /// Replicates per chunk: large enough to amortise the lock, small enough to balance.
    public static let chunkSize = 8

    /// Simulates `plan`; `rows(first, outcomes)` (if given) receives each replicate's outcomes
    /// per scenario in replicate order; `progress(done)` is called as chunks finish.
    public static func execute(_ plan: SimulationPlan, threads: Int,
                               rows: ((Int, [[ReplicateOutcome]]) throws -> Void)? = nil,
                               progress: (@Sendable (Int) -> Void)? = nil) throws -> SimulationAccumulator {
        let workers = max(1, threads)
        var total = SimulationAccumulator(scenarioCount: plan.scenarios.count, quantityCount: plan.quantities.count,
                                          months: plan.run.months, practices: plan.run.practices)
        let range = plan.replicates.range
        let batchSize = rows == nil ? max(range.count, 1) : workers * chunkSize * 16
        let state = SharedProgress()
        let constants = plan.scenarios.map { DerivedConstants(parameters: $0.parameters, months: plan.run.months) }
        var batchStart = range.lowerBound
        while batchStart < range.upperBound {
            let batch = batchStart..<min(range.upperBound, batchStart + batchSize)
            let chunks = (batch.count + chunkSize - 1) / chunkSize
            let slots = rows == nil ? nil : OutcomeSlots(count: batch.count)
            let nextChunk = ChunkCounter()
            let results = AccumulatorSlots(count: workers)
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                var accumulator = SimulationAccumulator(scenarioCount: plan.scenarios.count,
                                                        quantityCount: plan.quantities.count,
                                                        months: plan.run.months, practices: plan.run.practices)
                var simulator = ReplicateSimulator(layout: RandomLayout(seed: plan.run.seed),
                                                   practices: plan.run.practices, months: plan.run.months)
                while let chunk = nextChunk.take(below: chunks) {
                    let first = batch.lowerBound + chunk * chunkSize
                    let last = min(batch.upperBound, first + chunkSize)
                    for replicate in first..<last {
                        let outcomes = simulate(replicate: replicate, plan: plan, constants: constants, simulator: &simulator)
                        let reference = outcomes[plan.referenceIndex]
                        for (index, outcome) in outcomes.enumerated() {
                            accumulator.scenarios[index].add(outcome, reference: reference, quantityList: plan.quantities,
                                                             practices: plan.run.practices)
                        }
                        slots?.store(outcomes, at: replicate - batch.lowerBound)
                    }
                    if let progress { progress(state.add(last - first)) }
                }
                results.store(accumulator, at: worker)
            }
            for accumulator in results.values() { total.add(accumulator) }
            if let rows, let slots { try rows(batch.lowerBound, slots.values()) }
            batchStart = batch.upperBound
        }
        return total
    }

    /// Every scenario of one replicate (common random numbers: the same counters throughout).
    public static func simulate(replicate: Int, plan: SimulationPlan, constants: [DerivedConstants],
                                simulator: inout ReplicateSimulator) -> [ReplicateOutcome] {
        let layout = simulator.layout
        return plan.scenarios.indices.map { index in
            let scenario = plan.scenarios[index]
            if scenario.hasDistributions {
                let parameters = scenario.parameters(replicate: replicate, layout: layout)
                return simulator.run(replicate: replicate, parameters: parameters,
                                     constants: DerivedConstants(parameters: parameters, months: plan.run.months))
            }
            return simulator.run(replicate: replicate, parameters: scenario.parameters, constants: constants[index])
        }
    }
}

/// A counter of finished replicates shared by the workers.
private final class SharedProgress: @unchecked Sendable {
    private let lock = NSLock()
    private var done = 0

    func add(_ count: Int) -> Int {
        lock.lock()
        defer { lock.unlock() }
        done += count
        return done
    }
}

/// Hands out chunk indices 0, 1, 2, ... to whichever worker asks next.
private final class ChunkCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0

    func take(below limit: Int) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard next < limit else { return nil }
        next += 1
        return next - 1
    }
}

private typealias OutcomeSlots = ResultSlots<[ReplicateOutcome]>
private typealias AccumulatorSlots = ResultSlots<SimulationAccumulator>

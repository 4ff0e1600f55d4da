import Testing
@testable import QISimulation

/// The engine: results never depend on threads or sharding.
struct SimulationRunTests {
    @Test func threadCountDoesNotChangeTheResult() throws {
        let file = try SimulationFixtures.defaultFile()
        let scenarios = Array(file.scenarios.prefix(3))
        let (one, _) = try SimulationFixtures.run(scenarios, seed: 17, replicates: 40, threads: 1)
        let (two, _) = try SimulationFixtures.run(scenarios, seed: 17, replicates: 40, threads: 2)
        let (five, _) = try SimulationFixtures.run(scenarios, seed: 17, replicates: 40, threads: 5)
        #expect(one == two)
        #expect(one == five)
    }

    @Test func shardsAddUpToTheSingleRun() throws {
        let file = try SimulationFixtures.defaultFile()
        let scenarios = Array(file.scenarios.prefix(2))
        let (whole, _) = try SimulationFixtures.run(scenarios, seed: 23, replicates: 31)
        var merged: SimulationAccumulator?
        for index in 0..<4 {
            let range = try ReplicateRange(shard: index, of: 4, replicates: 31)
            let (part, _) = try SimulationFixtures.run(scenarios, seed: 23, replicates: 31, range: range.range)
            if merged == nil { merged = part } else { merged!.add(part) }
        }
        #expect(merged == whole)
    }

    @Test func shardRangesTileTheReplicates() throws {
        var next = 0
        for index in 0..<7 {
            let range = try ReplicateRange(shard: index, of: 7, replicates: 100)
            #expect(range.lowerBound == next)
            next = range.upperBound
        }
        #expect(next == 100)
        #expect(throws: SimulationError.shardOutOfRange(index: 3, count: 3)) {
            try ReplicateRange(shard: 3, of: 3, replicates: 10)
        }
    }

    @Test func rowsArriveInReplicateOrderAndMatchTheSums() throws {
        let file = try SimulationFixtures.defaultFile()
        let scenarios = Array(file.scenarios.prefix(2))
        let settings = RunSettings(seed: 5, replicates: 300, months: 24, practices: 20)
        let plan = try SimulationPlan(run: settings, scenarios: scenarios, reference: scenarios[0].id,
                                      replicates: ReplicateRange(0..<300))
        var seen: [Int] = []
        var started = 0
        let accumulator = try SimulationRun.execute(plan, threads: 2, rows: { first, outcomes in
            for (offset, replicate) in outcomes.enumerated() {
                seen.append(first + offset)
                started += replicate[0].started
            }
        })
        #expect(seen == Array(0..<300))
        #expect(Int(accumulator.scenarios[0].quantities[0].denominator) == started)
    }
}

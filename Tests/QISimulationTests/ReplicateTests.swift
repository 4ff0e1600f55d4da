import Foundation
import Testing
@testable import QISimulation

/// Whole-replicate identities and the limiting cases listed at the end of the specification.
/// Monte Carlo assertions use fixed seeds and bounds of 4 MCSE, and name the seed on failure.
struct ReplicateTests {
    @Test func stateCountsAddUpToNEveryMonthAndStartedMatchesOutcomes() throws {
        let parameters = try SimulationFixtures.baseParameters()
        let constants = DerivedConstants(parameters: parameters, months: 60)
        var simulator = ReplicateSimulator(layout: RandomLayout(seed: 7), practices: 60, months: 60)
        for replicate in 0..<5 {
            var months = 0
            let outcome = simulator.run(replicate: replicate, parameters: parameters, constants: constants) { month, states in
                months += 1
                var counts = [Int](repeating: 0, count: PracticeStatus.allCases.count)
                for state in states { counts[Int(state.status.rawValue)] += 1 }
                #expect(counts.reduce(0, +) == 60, "month \(month), seed 7")
            }
            #expect(months == 60)
            #expect(outcome.success + outcome.failed + outcome.dropped <= outcome.started)
            #expect(outcome.adopted == outcome.adopted.sorted(), "adoption never decreases (seed 7)")
        }
    }

    @Test func nobodyWaitsWithoutACoach() throws {
        var parameters = try SimulationFixtures.baseParameters()
        parameters.coach.months = 0
        let constants = DerivedConstants(parameters: parameters, months: 60)
        var simulator = ReplicateSimulator(layout: RandomLayout(seed: 11), practices: 60, months: 60)
        for replicate in 0..<10 {
            let outcome = simulator.run(replicate: replicate, parameters: parameters, constants: constants) { month, states in
                #expect(!states.contains { $0.status == .waiting }, "month \(month), replicate \(replicate), seed 11")
            }
            #expect(outcome.started == outcome.adopted.last!)
        }
    }

    @Test func turnoverWithNoLossEqualsRetained() throws {
        var turnover = try SimulationFixtures.baseParameters()
        turnover.champion.annualLoss = 0
        turnover.champion.mode = .turnover
        var retained = turnover
        retained.champion.mode = .retained
        var simulator = ReplicateSimulator(layout: RandomLayout(seed: 3), practices: 60, months: 60)
        for replicate in 0..<20 {
            let a = simulator.run(replicate: replicate, parameters: turnover, constants: DerivedConstants(parameters: turnover, months: 60))
            let b = simulator.run(replicate: replicate, parameters: retained, constants: DerivedConstants(parameters: retained, months: 60))
            #expect(a == b, "replicate \(replicate), seed 3")
        }
    }

    @Test func anIdenticalScenarioGivesIdenticalOutput() throws {
        let parameters = try SimulationFixtures.baseParameters()
        let (accumulator, _) = try SimulationFixtures.run(
            [SimulationFixtures.scenario("a", parameters), SimulationFixtures.scenario("b", parameters)],
            seed: 99, replicates: 30)
        #expect(accumulator.scenarios[0].adoptedHistogram == accumulator.scenarios[1].adoptedHistogram)
        #expect(accumulator.scenarios[0].quantities.map { Array($0.values.prefix(5)) }
                == accumulator.scenarios[1].quantities.map { Array($0.values.prefix(5)) })
    }

    @Test func withoutPeerInfluenceMeanAdoptionIsOneMinusExpMinusPT() throws {
        var parameters = try SimulationFixtures.baseParameters()
        parameters.bass.qPerYear = 0
        parameters.adopterMultipliers = [1, 1, 1, 1, 1]
        parameters.payment.enabled = false
        let seed: UInt64 = 20_240_101
        let summary = try SimulationFixtures.summary([SimulationFixtures.scenario("q0", parameters)], seed: seed,
                                                     replicates: 400)[0]
        let monthly = 0.10 / 12
        for share in summary.adoptedShare where share.month % 6 == 0 {
            let expected = 1 - exp(-monthly * Double(share.month))
            let mcse = try #require(share.mcse)
            #expect(abs(share.mean - expected) < 4 * mcse,
                    "month \(share.month): \(share.mean) vs \(expected) (MCSE \(mcse)), seed \(seed)")
        }
    }

    @Test func atBaselineCovariatesHalfOfSuccessesAreSustainedAtTheMedian() throws {
        var parameters = try SimulationFixtures.baseParameters()
        // Baseline: champion always present, unsupported after success (no coach), unpaid,
        // large, non-clinical, single-organisation projects.
        parameters.coach.months = 0
        parameters.champion.mode = .retained
        parameters.champion.pInitial = 1
        parameters.payment.enabled = false
        parameters.project.pSmall = 0
        parameters.project.pClinical = 0
        parameters.project.pCrossOrganisation = 0
        parameters.sustainedAtMonths = [24]
        parameters.bass.pPerYear = 2  // adopt early, so that most successes are followed 24 months
        let seed: UInt64 = 424_242
        let summary = try SimulationFixtures.summary([SimulationFixtures.scenario("baseline", parameters)], seed: seed,
                                                     replicates: 300)[0]
        let estimate = summary.sustainedShares.first { $0.name == "sustained_after_success_24" }!.estimate
        let pooled = try #require(estimate.pooled)
        let mcse = try #require(estimate.mcse)
        #expect(abs(pooled - 0.5) < 4 * mcse, "sustained at median: \(pooled) (MCSE \(mcse)), seed \(seed)")
    }

    @Test func largeNAdoptionFollowsTheBassCurve() throws {
        var parameters = try SimulationFixtures.baseParameters()
        parameters.adopterMultipliers = [1, 1, 1, 1, 1]
        parameters.payment.enabled = false
        let seed: UInt64 = 5
        let summary = try SimulationFixtures.summary([SimulationFixtures.scenario("bass", parameters)], seed: seed,
                                                     replicates: 20, practices: 5_000, months: 36)[0]
        // Discrete-time months with the share measured at the start of each month: compare with
        // the continuous Bass curve loosely (the discretisation lag is O(q/12) per month).
        let p = 0.10 / 12, q = 0.45 / 12
        for share in summary.adoptedShare where share.month % 12 == 0 {
            let t = Double(share.month)
            let bass = (1 - exp(-(p + q) * t)) / (1 + (q / p) * exp(-(p + q) * t))
            #expect(abs(share.mean - bass) < 0.02, "month \(share.month): \(share.mean) vs Bass \(bass), seed \(seed)")
        }
    }
}

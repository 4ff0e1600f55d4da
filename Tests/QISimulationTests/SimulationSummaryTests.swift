import Foundation
import Testing
@testable import QISimulation

/// Summaries from integer sums against the textbook formulas computed directly from rows.
struct SimulationSummaryTests {
    /// Rows (n_r, d_r) of two scenarios sharing replicates.
    let rowsA: [(Int64, Int64)] = [(3, 7), (5, 9), (0, 4), (6, 6), (2, 8), (4, 5)]
    let rowsB: [(Int64, Int64)] = [(2, 7), (4, 8), (1, 5), (5, 6), (2, 9), (3, 4)]

    func sums(_ rows: [(Int64, Int64)], reference: [(Int64, Int64)]) -> RatioSums {
        var sums = RatioSums()
        for (row, other) in zip(rows, reference) { sums.add(row.0, row.1, referenceNumerator: other.0, referenceDenominator: other.1) }
        return sums
    }

    func scores(_ rows: [(Int64, Int64)]) -> [Double] {
        let rho = Double(rows.map(\.0).reduce(0, +)) / Double(rows.map(\.1).reduce(0, +))
        let meanD = Double(rows.map(\.1).reduce(0, +)) / Double(rows.count)
        return rows.map { (Double($0.0) - rho * Double($0.1)) / meanD }
    }

    @Test func linearisedMCSEMatchesTheDirectFormula() {
        let estimate = SimulationSummary.estimateRatio(sums(rowsA, reference: rowsA), replicates: rowsA.count)
        let z = scores(rowsA)
        let r = Double(rowsA.count)
        let direct = (z.map { $0 * $0 }.reduce(0, +) / (r * (r - 1))).squareRoot()
        #expect(estimate.pooled == 20.0 / 39.0)
        #expect(abs(estimate.mcse! - direct) < 1e-15)
        #expect(abs(estimate.lower95! - (20.0 / 39.0 - 1.96 * direct)) < 1e-15)
    }

    @Test func pairedMCSEIsTheSDOfScoreDifferencesOverRootR() {
        let a = sums(rowsA, reference: rowsB)
        let b = sums(rowsB, reference: rowsB)
        let contrast = SimulationSummary.contrast(name: "x", sums: a, reference: b, replicates: rowsA.count)
        let differences = zip(scores(rowsA), scores(rowsB)).map { $0 - $1 }
        let r = Double(differences.count)
        let mean = differences.reduce(0, +) / r
        let sd = (differences.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / (r - 1)).squareRoot()
        #expect(abs(contrast.pairedMCSE! - sd / r.squareRoot()) < 1e-15)
        let ma = SimulationSummary.estimateRatio(a, replicates: 6).mcse!, mb = SimulationSummary.estimateRatio(b, replicates: 6).mcse!
        #expect(abs(contrast.varianceReductionFactor! - (ma * ma + mb * mb) / (sd * sd / r)) < 1e-9)
    }

    @Test func meanShareMCSEIsSDOverRootR() {
        let counts: [Int64] = [10, 12, 9, 15, 11]
        var sums = RatioSums()
        for count in counts { sums.add(count, 20, referenceNumerator: count, referenceDenominator: 20) }
        let shares = counts.map { Double($0) / 20 }
        let mean = shares.reduce(0, +) / 5
        let sd = (shares.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 4).squareRoot()
        let estimate = SimulationSummary.estimateRatio(sums, replicates: 5)
        #expect(abs(estimate.pooled! - mean) < 1e-15)
        #expect(abs(estimate.mcse! - sd / 5.0.squareRoot()) < 1e-15)
    }

    @Test func histogramQuantilesAreType7() {
        // Values 1, 2, 2, 4, 7 as a histogram over 0...7; R's quantile(type = 7).
        var histogram = [Int64](repeating: 0, count: 8)
        for value in [1, 2, 2, 4, 7] { histogram[value] += 1 }
        // quantile(c(1,2,2,4,7), c(.025,.975)) = 1.1, 6.7
        #expect(abs(SimulationSummary.quantile(0.025, counts: histogram, replicates: 5)! - 1.1) < 1e-12)
        #expect(abs(SimulationSummary.quantile(0.975, counts: histogram, replicates: 5)! - 6.7) < 1e-12)
    }

    @Test func fewerThanTwoReplicatesGiveNoMCSE() {
        var sums = RatioSums()
        sums.add(3, 4, referenceNumerator: 3, referenceDenominator: 4)
        let estimate = SimulationSummary.estimateRatio(sums, replicates: 1)
        #expect(estimate.pooled == 0.75)
        #expect(estimate.mcse == nil && estimate.lower95 == nil)
        #expect(SimulationSummary.estimateRatio(RatioSums(), replicates: 5).pooled == nil)
    }
}

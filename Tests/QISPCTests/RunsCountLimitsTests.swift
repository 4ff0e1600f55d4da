import Testing
@testable import QISPC

/// The IHI runs-count limits against notebooks/reference/spc/ihi_runs_limits.R: Swed &
/// Eisenhart's distribution evaluated in R and, for N ≤ 20, counted by enumerating every
/// arrangement of the points about the median. Integers: exact agreement.
struct RunsCountLimitsTests {
    @Test func limitsMatchTheRReferenceForTenToTwoHundredPoints() throws {
        let reference = try ReferenceCase.load("ihi_runs_limits")
        let rows = reference.json["rows"] as! [[String: Any]]
        #expect(rows.count == 191)
        for row in rows {
            let count = ReferenceCase.integers(row["useful_observations"])[0]
            let limits = try #require(RunsCountLimits.limits(usefulObservations: count))
            #expect(limits.lower == ReferenceCase.integers(row["lower"])[0], "N = \(count)")
            #expect(limits.upper == ReferenceCase.integers(row["upper"])[0], "N = \(count)")
        }
    }

    @Test func fewerThanTenUsefulPointsHaveNoLimits() {
        #expect(RunsCountLimits.limits(usefulObservations: 9) == nil)
    }

    @Test func runsDistributionSumsToOne() {
        for (above, below) in [(5, 5), (7, 8), (30, 30)] {
            let total = RunsCountLimits.runsDistribution(above: above, below: below).reduce(0, +)
            #expect(abs(total - 1) < 1e-12)
        }
    }

    @Test func ihiRunChartSignalsTooFewRuns() throws {
        // 20 points: ten below the median then ten above, so 2 runs (limits 7-15).
        let values = (0..<20).map { Double($0 < 10 ? $0 : $0 + 100) }
        var options = ChartOptions(chart: .run)
        options.rules = .ihi
        let chart = try ControlChart.compute(values.map { Subgroup(value: $0) }, options: options)
        let part = try #require(chart.parts.first)
        #expect(part.runs == 2)
        #expect(part.runsMinimum == 7)
        #expect(part.runsMaximum == 15)
        #expect(part.runsSignal)
    }

    @Test func ihiRunChartSignalsTooManyRuns() throws {
        // 20 points alternating about the median: 20 runs, more than 15.
        let values = (0..<20).map { Double($0 % 2 == 0 ? 1 : 3) }
        var options = ChartOptions(chart: .run)
        options.rules = .ihi
        let chart = try ControlChart.compute(values.map { Subgroup(value: $0) }, options: options)
        let part = try #require(chart.parts.first)
        #expect(part.runs == 20)
        #expect(part.runsSignal)
    }

    @Test func anhoejRulesLeaveTheRunsCountLimitsEmpty() throws {
        let values = (0..<20).map { Double($0 % 2 == 0 ? 1 : 3) }
        let chart = try ControlChart.compute(values.map { Subgroup(value: $0) }, options: ChartOptions(chart: .run))
        #expect(chart.parts.first?.runsMinimum == nil)
        #expect(chart.parts.first?.runsMaximum == nil)
    }
}

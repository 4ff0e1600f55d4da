import Testing
import QISPC

/// `ControlChart.computeAll`: many series in parallel, results in input order, identical to
/// computing each series alone and independent of the thread count.
struct ControlChartBatchTests {
    static func series(_ seed: Int) -> [Subgroup] {
        (0..<30).map { index in
            Subgroup(value: Double((index * 37 + seed * 11) % 23), size: Double(40 + (index * 13 + seed) % 17))
        }
    }

    @Test func batchEqualsOneByOneWhateverTheThreadCount() throws {
        let batch = (0..<50).map(Self.series)
        let options = ChartOptions(chart: .p, rules: .mdc, improvement: .decrease, target: 0.3)
        let oneByOne = try batch.map { try ControlChart.compute($0, options: options) }
        for threads in [1, 2, 5] {
            let parallel = ControlChart.computeAll(batch, options: options, threads: threads)
            #expect(parallel.count == batch.count)
            for (result, expected) in zip(parallel, oneByOne) {
                let chart = try result.get()
                #expect(chart.points == expected.points)
                #expect(chart.parts == expected.parts)
                #expect(chart.variation == expected.variation)
                #expect(chart.assurance == expected.assurance)
            }
        }
    }

    @Test func aFailingSeriesFailsAloneInItsOwnSlot() {
        var batch = (0..<4).map(Self.series)
        batch[2][5] = Subgroup(value: 99, size: 10)
        let results = ControlChart.computeAll(batch, options: ChartOptions(chart: .p), threads: 2)
        #expect((try? results[1].get()) != nil)
        #expect(throws: SPCError.valueExceedsDenominator(subgroup: 6, value: 99, denominator: 10)) {
            try results[2].get()
        }
        #expect((try? results[3].get()) != nil)
    }
}

import QIRendering
import Testing

/// Heckbert (1990) "Nice numbers for graph labels", Graphics Gems pp. 61-63, loose labelling.
struct NiceTicksTests {
    @Test func heckbertsExampleRange() {
        // Data 105...543 with about 5 ticks: range nice(438) = 500, step nice(125) = 100.
        let ticks = NiceTicks(minimum: 105, maximum: 543, desiredCount: 5)
        #expect(ticks.step == 100)
        #expect(ticks.values == [100, 200, 300, 400, 500, 600])
        #expect(ticks.decimals == 0)
    }

    @Test func ticksEncloseTheData() {
        for (low, high) in [(0.0213, 0.163), (-3.2, 7.9), (12.0, 12.5), (0.0, 1.0)] {
            let ticks = NiceTicks(minimum: low, maximum: high, desiredCount: 6)
            #expect(ticks.lower <= low && ticks.upper >= high)
        }
    }

    @Test func stepsAreOneTwoOrFiveTimesAPowerOfTen() {
        for (low, high) in [(0.0213, 0.163), (3.0, 97.0), (0.0, 0.004), (1000.0, 25_000.0)] {
            let step = NiceTicks(minimum: low, maximum: high, desiredCount: 6).step
            var mantissa = step
            while mantissa >= 10 { mantissa /= 10 }
            while mantissa < 1 { mantissa *= 10 }
            #expect([1, 2, 5].contains { abs(mantissa - $0) < 1e-9 }, "step \(step)")
        }
    }

    @Test func decimalsShowEveryTickExactly() {
        let ticks = NiceTicks(minimum: 0.01, maximum: 0.17, desiredCount: 5)
        #expect(ticks.step == 0.05)
        #expect(ticks.decimals == 2)
    }

    @Test func equalValuesAreWidened() {
        let ticks = NiceTicks(minimum: 0, maximum: 0)
        #expect(ticks.lower < 0 && ticks.upper > 0)
    }
}

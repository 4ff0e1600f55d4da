import Testing
@testable import QISPC

/// Hand-worked sequences for the pattern tests behind the rule sets. The definitions are the
/// published ones: IHI (Perla, Provost & Murray 2011, BMJ Qual Saf 20:46), Making Data Count
/// (NHS England 2019), Western Electric (1956) and Nelson (1984, J Qual Technol 16:237).
struct PatternRulesTests {
    /// Points around a centre line of 0 with 1-sigma zones of width 1 and limits at +/- 3.
    static func points(_ values: [Double]) -> [PatternPoint] {
        values.enumerated().map { index, value in
            PatternPoint(position: index, value: value, centre: 0, upperSigma: 1, lowerSigma: 1, lower: -3, upper: 3)
        }
    }

    @Test func ihiShiftSkipsPointsOnTheMedianAndFlagsTheWholeRun() {
        // Six above with one on the median in between: still a shift of six (IHI).
        let sequence = Self.points([-1, 1, 1, 0, 1, 1, 1, 1, -1])
        #expect(PatternRules.shift(sequence, length: 6, centreBreaks: false, marking: .wholeRun) == [1, 2, 4, 5, 6, 7])
        // Under Making Data Count a point on the mean breaks it: no run of six.
        #expect(PatternRules.shift(sequence, length: 6, centreBreaks: true, marking: .wholeRun).isEmpty)
    }

    @Test func zoneRuleShiftFlagsFromTheCompletingPoint() {
        let sequence = Self.points([1, 1, 1, 1, 1, 1, 1, 1, 1, -1])
        #expect(PatternRules.shift(sequence, length: 8, centreBreaks: true, marking: .fromCompletion) == [7, 8])
    }

    @Test func ihiTrendCountsRepeatedValuesOnce() {
        // 1, 2, 2, 3, 4, 5: five distinct increasing values with one repeat: a trend of five.
        let sequence = Self.points([1, 2, 2, 3, 4, 5])
        let ihi = PatternRules.trend(sequence, length: 5, equalBreaks: false, marking: .wholeRun)
        #expect(ihi.map(\.index) == [0, 1, 2, 3, 4, 5])
        #expect(ihi.allSatisfy { $0.direction == 1 })
        // 1, 2, 2, 3, 4 has only four distinct increasing values: no trend of five.
        #expect(PatternRules.trend(Self.points([1, 2, 2, 3, 4]), length: 5, equalBreaks: false, marking: .wholeRun).isEmpty)
        // Making Data Count: an equal pair breaks a trend, so 2, 3, 4, 5 is too short for 5.
        #expect(PatternRules.trend(sequence, length: 5, equalBreaks: true, marking: .wholeRun).isEmpty)
    }

    @Test func trendTurningPointStartsTheNextTrend() {
        let sequence = Self.points([1, 2, 3, 4, 5, 4, 3, 2, 1, 0])
        let found = PatternRules.trend(sequence, length: 6, equalBreaks: true, marking: .wholeRun)
        #expect(found.map(\.index) == [4, 5, 6, 7, 8, 9])
        #expect(found.allSatisfy { $0.direction == -1 })
    }

    @Test func aSharedTurningPointIsFlaggedOnceWithTheEarlierTrend() {
        // Up 0..5 (six points), then down 5..0: both are trends of six sharing the point at 5.
        let sequence = Self.points([0, 1, 2, 3, 4, 5, 4, 3, 2, 1, 0])
        let found = PatternRules.trend(sequence, length: 6, equalBreaks: true, marking: .wholeRun)
        #expect(found.map(\.index) == Array(0...10))
        #expect(found.map(\.direction) == [1, 1, 1, 1, 1, 1, -1, -1, -1, -1, -1])
        // Nelson's marking flags only the points that complete a trend: the sixth up (5) and,
        // counting from the turning point, the sixth down (10).
        let completing = PatternRules.trend(sequence, length: 6, equalBreaks: true, marking: .fromCompletion)
        #expect(completing.map(\.index) == [5, 10])
    }

    @Test func twoOfThreeNeedsTheLastPointBeyondOnTheSameSide() {
        // 2.5, 0.5, 2.5: the third point completes two of three beyond 2 sigma above.
        #expect(PatternRules.kOfM(Self.points([2.5, 0.5, 2.5]), required: 2, window: 3, sigmas: 2) == [2])
        // The second beyond point is on the other side: no signal.
        #expect(PatternRules.kOfM(Self.points([2.5, 0.5, -2.5]), required: 2, window: 3, sigmas: 2).isEmpty)
    }

    @Test func makingDataCountTwoOfThreeFlagsOnlyTheClosePointsAndIgnoresOutsideOnesByDefault() {
        let sequence = Self.points([2.5, 0.5, 2.2, 0.1])
        #expect(PatternRules.makingDataCountTwoOfThree(sequence, includeOutsideLimits: false) == [0, 2])
        let withOutside = Self.points([3.5, 0.5, 2.2])
        #expect(PatternRules.makingDataCountTwoOfThree(withOutside, includeOutsideLimits: false).isEmpty)
        #expect(PatternRules.makingDataCountTwoOfThree(withOutside, includeOutsideLimits: true) == [0, 2])
    }

    @Test func nelsonAlternatingFifteenWithinAndEightOutside() {
        let alternating = Self.points((0..<14).map { $0 % 2 == 0 ? 0.5 : -0.5 })
        #expect(PatternRules.alternating(alternating, length: 14) == [13])
        let hugging = Self.points(Array(repeating: 0.2, count: 15))
        #expect(PatternRules.withinOneSigma(hugging, length: 15) == [14])
        let avoiding = Self.points([1.5, -1.5, 1.5, -1.5, 1.5, -1.5, 1.5, -1.5])
        #expect(PatternRules.outsideOneSigma(avoiding, length: 8) == [7])
        let oneSided = Self.points(Array(repeating: 1.5, count: 8))
        #expect(PatternRules.outsideOneSigma(oneSided, length: 8).isEmpty)
    }
}

import Testing
@testable import QIStatistics

/// Reference: R 4.2.2 `mean`, `var`, `sd`, `median`, `quantile(type = 7)` with
/// `na.rm = TRUE`, via notebooks/reference/statistics/descriptive.R.
struct DescriptiveTests {
    /// The samples of descriptive.R (NA written as nil).
    static let samples: [String: [Double?]] = [
        "waiting": [2.5, nil, 7.1, 3.3, 9.8, 1.0, 4.4, nil, 6.2],
        "offset": [1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16],
        "ties": [5, 1, 5, 5, 2, 8, 5, 1],
    ]

    @Test func statisticsMatchRWithMissingValuesRemoved() throws {
        let rows = ReferenceTables.rows("descriptive.csv")
        #expect(rows.count >= 40)
        for fields in rows {
            let values = try #require(Self.samples[fields[0]])
            let expected = Double(fields[3])!
            let actual: Double?
            switch fields[1] {
            case "mean": actual = try Descriptive.mean(values, missing: .skip)
            case "var": actual = try Descriptive.variance(values, missing: .skip)
            case "sd": actual = try Descriptive.standardDeviation(values, missing: .skip)
            case "median": actual = try Descriptive.median(values, missing: .skip)
            default:
                actual = try Descriptive.quantile(
                    values, probability: Double(fields[2])!, missing: .skip)
            }
            let value = try #require(actual)
            #expect(relativeError(value, expected) <= 1e-15, "\(fields)")
        }
    }

    @Test func varianceIsExactDespiteALargeOffset() throws {
        // R: var(1e9 + c(4, 7, 13, 16)) == 30.
        let variance = try Descriptive.variance(Self.samples["offset"]!, missing: .propagate)
        #expect(variance == 30)
    }

    @Test func propagatePolicyMakesAnyMissingValueUndefined() throws {
        let values: [Double?] = [1, nil, 3]
        #expect(try Descriptive.mean(values, missing: .propagate) == nil)
        #expect(try Descriptive.median(values, missing: .propagate) == nil)
        #expect(try Descriptive.variance(values, missing: .propagate) == nil)
        #expect(try Descriptive.mean(values, missing: .skip) == 2)
    }

    @Test func undefinedStatisticsAreNilNotNaN() throws {
        #expect(try Descriptive.mean([], missing: .skip) == nil)
        #expect(try Descriptive.mean([nil, nil], missing: .skip) == nil)
        #expect(try Descriptive.variance([4.2], missing: .skip) == nil)
        #expect(try Descriptive.standardDeviation([nil, 4.2], missing: .skip) == nil)
        #expect(try Descriptive.quantile([], probability: 0.3, missing: .skip) == nil)
    }

    @Test func nonFiniteValuesThrowWithTheirPosition() {
        #expect(throws: StatisticsError.nonFiniteValue(index: 2, value: .infinity)) {
            try Descriptive.mean([1, nil, .infinity], missing: .skip)
        }
    }

    @Test func quantileProbabilityOutsideTheUnitIntervalThrows() {
        #expect(throws: StatisticsError.probabilityOutOfRange(1.01)) {
            try Descriptive.quantile([1, 2], probability: 1.01, missing: .skip)
        }
    }

    @Test func statisticsDoNotDependOnOrder() throws {
        let values: [Double?] = [3.5, nil, -1, 8, 2.25, 2.25, 0]
        let reversed = Array(values.reversed())
        #expect(try Descriptive.median(values, missing: .skip)
                == Descriptive.median(reversed, missing: .skip))
        #expect(try Descriptive.quantiles(values, probabilities: [0.1, 0.9], missing: .skip)
                == Descriptive.quantiles(reversed, probabilities: [0.1, 0.9], missing: .skip))
        let forward = try #require(try Descriptive.variance(values, missing: .skip))
        let backward = try #require(try Descriptive.variance(reversed, missing: .skip))
        #expect(relativeError(forward, backward) <= 1e-15)
    }

    @Test func quantileEndpointsAreTheExtremes() throws {
        let values: [Double?] = [4, 9, 1, nil, 6]
        #expect(try Descriptive.quantile(values, probability: 0, missing: .skip) == 1)
        #expect(try Descriptive.quantile(values, probability: 1, missing: .skip) == 9)
        #expect(Descriptive.presentCount(values) == 4)
    }
}

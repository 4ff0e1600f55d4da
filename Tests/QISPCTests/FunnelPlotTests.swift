import Foundation
import QISPC
import Testing

/// Funnel plots against values computed outside QIKit by
/// notebooks/reference/funnel/funnel_reference.R (see its README): FunnelPlotR 0.6.0 for the
/// target, z-scores, phi and tau^2; R 4.2.2's qbinom/qpois with Spiegelhalter's (2005)
/// interpolation for the exact limits; the adjusted limits written out in R from
/// FunnelPlotR's phi and tau^2.
struct FunnelReference: Decodable {
    struct Limits: Decodable {
        let lcl_95: Double, ucl_95: Double, lcl_998: Double, ucl_998: Double
    }

    struct Unit: Decodable {
        let unit: String
        let y: Double
        let n: Double
        let rate: Double
        let z_unadjusted: Double
        let exact: Limits
        let multiplicative: Limits
        let additive: Limits
        let z_multiplicative: Double
        let z_additive: Double
        let flag_none: String
        let flag_multiplicative: String
        let flag_additive: String
        let funnelplotr_additive: Limits?
    }

    let `case`: String
    let chart: String
    let target: Double
    let phi: Double
    let tau2: Double
    let overdispersion_applied: Bool
    let units: [Unit]

    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("notebooks/reference/funnel/output")

    static func load(_ name: String) throws -> FunnelReference {
        try JSONDecoder().decode(FunnelReference.self, from: Data(contentsOf: folder.appendingPathComponent(name + ".json")))
    }

    var data: [FunnelUnitData] { units.map { FunnelUnitData(name: $0.unit, numerator: $0.y, denominator: $0.n) } }
    var chartType: FunnelChartType { FunnelChartType(rawValue: chart)! }
}

struct ExactLimitsReference: Decodable {
    struct Row: Decodable {
        let chart: String, target: Double, n: Double
        let lcl_95: Double, ucl_95: Double, lcl_998: Double, ucl_998: Double
    }
    let limits: [Row]
}

private func expectLimits(_ actual: FunnelLimits?, _ expected: FunnelReference.Limits, tolerance: Double,
                          _ context: String, sourceLocation: SourceLocation = #_sourceLocation) {
    guard let actual else {
        Issue.record("\(context): no limits", sourceLocation: sourceLocation)
        return
    }
    #expect(isClose(actual.lower95, expected.lcl_95, tolerance: tolerance), "\(context) lcl_95 \(actual.lower95) vs \(expected.lcl_95)", sourceLocation: sourceLocation)
    #expect(isClose(actual.upper95, expected.ucl_95, tolerance: tolerance), "\(context) ucl_95 \(actual.upper95) vs \(expected.ucl_95)", sourceLocation: sourceLocation)
    #expect(isClose(actual.lower998, expected.lcl_998, tolerance: tolerance), "\(context) lcl_998 \(actual.lower998) vs \(expected.lcl_998)", sourceLocation: sourceLocation)
    #expect(isClose(actual.upper998, expected.ucl_998, tolerance: tolerance), "\(context) ucl_998 \(actual.upper998) vs \(expected.ucl_998)", sourceLocation: sourceLocation)
}

private func method(_ name: String) -> OverdispersionMethod { OverdispersionMethod(rawValue: name)! }

@Suite("Funnel plots against FunnelPlotR 0.6.0 and R's qbinom/qpois")
struct FunnelPlotTests {
    static let cases = ["ae_breaches_2019_03_p", "synthetic_small_p", "synthetic_poisson_u"]

    /// Target, phi and tau^2 agree with FunnelPlotR to 1e-9 relative (jsonlite's 15
    /// significant digits leave room; the sums differ only in rounding order).
    @Test(arguments: cases)
    func targetPhiAndTauSquaredMatchFunnelPlotR(name: String) throws {
        let reference = try FunnelReference.load(name)
        for overdispersion in OverdispersionMethod.allCases {
            let plot = try FunnelPlot.compute(reference.data, options: FunnelOptions(chart: reference.chartType, overdispersion: overdispersion))
            #expect(isClose(plot.target, reference.target, tolerance: 1e-12), "\(name) target")
            #expect(isClose(plot.overdispersion.phi, reference.phi, tolerance: 1e-9), "\(name) phi \(plot.overdispersion.phi) vs \(reference.phi)")
            #expect(isClose(plot.overdispersion.tau2, reference.tau2, tolerance: 1e-9), "\(name) tau2 \(plot.overdispersion.tau2) vs \(reference.tau2)")
            #expect(plot.overdispersion.isApplied == (overdispersion != .none && reference.overdispersion_applied))
            #expect(plot.overdispersion.unitsUsed == reference.units.count)
        }
    }

    /// Each unit's limits, z-scores and flag under every method. Exact limits to 1e-9
    /// (R's pbinom and ours are both accurate to a few ulps; the interpolation divides by
    /// a point probability); adjusted limits and z to 1e-9.
    @Test(arguments: cases)
    func unitsMatchReferenceForEveryMethod(name: String) throws {
        let reference = try FunnelReference.load(name)
        for (methodName, keyPath) in [("none", \FunnelReference.Unit.exact), ("multiplicative", \.multiplicative), ("additive", \.additive)] {
            let plot = try FunnelPlot.compute(reference.data, options: FunnelOptions(chart: reference.chartType, overdispersion: method(methodName)))
            for (unit, expected) in zip(plot.units, reference.units) {
                let context = "\(name) \(methodName) \(expected.unit)"
                #expect(unit.name == expected.unit)
                #expect(isClose(unit.rate, expected.rate, tolerance: 1e-13), "\(context) rate")
                #expect(isClose(unit.unadjustedZScore, expected.z_unadjusted, tolerance: 1e-9), "\(context) z_unadjusted \(unit.unadjustedZScore ?? .nan) vs \(expected.z_unadjusted)")
                expectLimits(unit.limits, expected[keyPath: keyPath], tolerance: 1e-9, context)
                let expectedZ = methodName == "none" ? expected.z_unadjusted
                    : (methodName == "multiplicative" ? expected.z_multiplicative : expected.z_additive)
                #expect(isClose(unit.zScore, expectedZ, tolerance: 1e-9), "\(context) z \(unit.zScore ?? .nan) vs \(expectedZ)")
                let expectedFlag = methodName == "none" ? expected.flag_none
                    : (methodName == "multiplicative" ? expected.flag_multiplicative : expected.flag_additive)
                #expect(unit.flag?.rawValue == expectedFlag, "\(context) flag")
            }
        }
    }

    /// FunnelPlotR's own additive limits (`OD95LCL` ...), which use the normal quantiles
    /// rounded to 1.959964 and 3.090232: agreement to 1e-6 relative, the size of that rounding.
    @Test func additiveLimitsMatchFunnelPlotROnAccidentAndEmergencyData() throws {
        let reference = try FunnelReference.load("ae_breaches_2019_03_p")
        let plot = try FunnelPlot.compute(reference.data, options: FunnelOptions(chart: .proportion, overdispersion: .additive))
        var compared = 0
        for (unit, expected) in zip(plot.units, reference.units) {
            guard let fromFunnelPlotR = expected.funnelplotr_additive else { continue }
            expectLimits(unit.limits, fromFunnelPlotR, tolerance: 1e-6, "A&E \(expected.unit) FunnelPlotR")
            compared += 1
        }
        #expect(compared == 134)
    }

    /// Spiegelhalter's interpolated exact limits against qbinom/qpois directly, including small
    /// n where the lower limit is clamped at 0, through the curve API a renderer uses.
    @Test func exactLimitsMatchQbinomAndQpoisInterpolation() throws {
        let reference = try JSONDecoder().decode(ExactLimitsReference.self,
            from: Data(contentsOf: FunnelReference.folder.appendingPathComponent("exact_limits.json")))
        #expect(reference.limits.count == 26)
        for row in reference.limits {
            let model = FunnelLimitModel(chart: FunnelChartType(rawValue: row.chart)!, target: row.target, adjustment: .exact)
            let limits = try model.limits(forDenominator: row.n)
            let expected = FunnelReference.Limits(lcl_95: row.lcl_95, ucl_95: row.ucl_95, lcl_998: row.lcl_998, ucl_998: row.ucl_998)
            expectLimits(limits, expected, tolerance: 1e-9, "\(row.chart) target \(row.target) n \(row.n)")
        }
    }
}

@Suite("Funnel plot behaviour")
struct FunnelPlotBehaviourTests {
    let small = [
        FunnelUnitData(name: "A", numerator: 4, denominator: 40),
        FunnelUnitData(name: "B", numerator: 30, denominator: 200),
        FunnelUnitData(name: "C", numerator: 12, denominator: 90),
    ]

    @Test func unitWithZeroDenominatorIsKeptWithNullsAndAWarning() throws {
        let data = small + [FunnelUnitData(name: "D", numerator: 0, denominator: 0),
                            FunnelUnitData(name: "E", numerator: nil, denominator: 50)]
        let plot = try FunnelPlot.compute(data, options: FunnelOptions(chart: .proportion))
        let without = try FunnelPlot.compute(small, options: FunnelOptions(chart: .proportion))
        #expect(plot.units.count == 5)
        for name in ["D", "E"] {
            let unit = try #require(plot.units.first { $0.name == name })
            #expect(unit.rate == nil && unit.zScore == nil && unit.limits == nil && unit.flag == nil)
            #expect(plot.warnings.contains { $0.contains("'\(name)'") })
        }
        #expect(plot.target == without.target)
        #expect(plot.overdispersion == without.overdispersion)
    }

    @Test func resultDoesNotDependOnUnitOrder() throws {
        let forward = try FunnelPlot.compute(small, options: FunnelOptions(chart: .proportion, overdispersion: .additive))
        let backward = try FunnelPlot.compute(small.reversed(), options: FunnelOptions(chart: .proportion, overdispersion: .additive))
        #expect(isClose(forward.target, backward.target, tolerance: 1e-15))
        #expect(isClose(forward.overdispersion.phi, backward.overdispersion.phi, tolerance: 1e-14))
        #expect(forward.units == backward.units.reversed())
    }

    @Test func multiplyScalesRatesTargetAndLimitsButNotZ() throws {
        let plain = try FunnelPlot.compute(small, options: FunnelOptions(chart: .proportion))
        let percent = try FunnelPlot.compute(small, options: FunnelOptions(chart: .proportion, multiply: 100))
        #expect(isClose(percent.target, plain.target * 100, tolerance: 1e-15))
        for (a, b) in zip(plain.units, percent.units) {
            #expect(isClose(b.rate, a.rate.map { $0 * 100 }, tolerance: 1e-15))
            #expect(isClose(b.limits?.upper998, a.limits.map { $0.upper998 * 100 }, tolerance: 1e-15))
            #expect(b.zScore == a.zScore && b.flag == a.flag)
        }
        let curve = try percent.limitModel.limits(forDenominator: 90)
        #expect(isClose(curve.upper95, percent.units[2].limits?.upper95, tolerance: 1e-15))
    }

    @Test func limitsNarrowAsTheDenominatorGrows() throws {
        for adjustment in [FunnelLimitModel.Adjustment.exact, .multiplicative(phi: 2), .additive(tau2: 0.001)] {
            let model = FunnelLimitModel(chart: .proportion, target: 0.2, adjustment: adjustment)
            let curve = try model.curve(over: 20...5000, count: 60)
            #expect(curve.count >= 50)
            for (wide, narrow) in zip(curve, curve.dropFirst()) {
                #expect(narrow.limits.upper998 <= wide.limits.upper998 + 1e-12)
                #expect(narrow.limits.upper95 <= narrow.limits.upper998)
                #expect(narrow.limits.lower95 >= narrow.limits.lower998)
            }
        }
    }

    @Test func exactProportionCurveUsesWholeDenominatorsOnly() throws {
        let model = FunnelLimitModel(chart: .proportion, target: 0.3, adjustment: .exact)
        let curve = try model.curve(over: 2.5...10.2, count: 40)
        #expect(curve.map(\.denominator) == [3, 4, 5, 6, 7, 8, 9, 10])
        #expect(throws: FunnelError.invalidDenominator(2.5, chart: .proportion)) { try model.limits(forDenominator: 2.5) }
    }

    @Test func degenerateTargetsGiveLimitsAtTheTarget() throws {
        for (chart, target) in [(FunnelChartType.proportion, 0.0), (.proportion, 1.0), (.rate, 0.0)] {
            let limits = try FunnelLimitModel(chart: chart, target: target, adjustment: .exact).limits(forDenominator: 25)
            #expect(limits == FunnelLimits(lower95: target, upper95: target, lower998: target, upper998: target))
            #expect(limits.flag(for: target) == .within)
        }
    }

    @Test func additiveLimitsWithZeroTauEqualMultiplicativeWithUnitPhi() throws {
        let additive = FunnelLimitModel(chart: .rate, target: 3, adjustment: .additive(tau2: 0))
        let multiplicative = FunnelLimitModel(chart: .rate, target: 3, adjustment: .multiplicative(phi: 1))
        for n in [0.5, 7.0, 123.0] {
            #expect(try additive.limits(forDenominator: n) == multiplicative.limits(forDenominator: n))
        }
    }

    @Test func badDataThrowsWithTheUnitNumber() {
        let options = FunnelOptions(chart: .proportion)
        #expect(throws: FunnelError.valueExceedsDenominator(unit: 2, value: 11, denominator: 10)) {
            try FunnelPlot.compute([small[0], FunnelUnitData(name: "X", numerator: 11, denominator: 10)], options: options)
        }
        #expect(throws: FunnelError.negativeValue(unit: 1, quantity: .denominator, value: -3)) {
            try FunnelPlot.compute([FunnelUnitData(name: "X", numerator: 1, denominator: -3)] + small, options: options)
        }
        #expect(throws: FunnelError.notWholeNumber(unit: 4, quantity: .numerator, value: 2.5)) {
            try FunnelPlot.compute(small + [FunnelUnitData(name: "X", numerator: 2.5, denominator: 10)], options: options)
        }
        #expect(throws: FunnelError.duplicateUnit(name: "B", units: [2, 4])) {
            try FunnelPlot.compute(small + [FunnelUnitData(name: "B", numerator: 1, denominator: 10)], options: options)
        }
        #expect(throws: FunnelError.tooFewUnits(required: 2, found: 1)) {
            try FunnelPlot.compute([small[0], FunnelUnitData(name: "Z", numerator: 0, denominator: 0)], options: options)
        }
        #expect(throws: FunnelError.invalidOption("the multiplier must be a positive number, not 0.0.")) {
            try FunnelPlot.compute(small, options: FunnelOptions(chart: .proportion, multiply: 0))
        }
    }

    @Test func ratesAcceptFractionalCountsAndExposures() throws {
        let data = [FunnelUnitData(name: "A", numerator: 3.5, denominator: 1.25),
                    FunnelUnitData(name: "B", numerator: 10, denominator: 4.5)]
        let plot = try FunnelPlot.compute(data, options: FunnelOptions(chart: .rate))
        #expect(isClose(plot.target, 13.5 / 5.75, tolerance: 1e-15))
        #expect(plot.units.allSatisfy { $0.flag != nil })
    }
}

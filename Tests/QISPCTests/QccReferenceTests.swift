import Foundation
import Testing
import QISPC

/// `--rules western-electric` and `--rules nelson`, attribute charts, S and xbar (UWAVE-SD),
/// CUSUM and EWMA against qcc 3.0 (R 4.2.2) on Montgomery's data sets that qcc ships.
/// Source: notebooks/reference/spc/qcc_reference.R. qcc's calibration sample is QIKit's
/// `freeze`. Tolerance 1e-10 relative on limits and statistics; signals exact, compared as qcc
/// reports them: one rule per point, the lowest-numbered that fires.
struct QccReferenceTests {
    /// Cases QIKit can reproduce: qcc's R-based sigma (UWAVE-R) and its variable-size
    /// UWAVE-SD weighting are not QIKit conventions (they are qcc's `std.dev` options).
    static let cases = [
        "qcc_orangejuice_p_trial", "qcc_orangejuice_p_revised_newdata", "qcc_orangejuice_np_trial",
        "qcc_circuit_c_trial", "qcc_circuit_c_revised_newdata", "qcc_pcmanufact_u",
        "qcc_pistonrings_xbar_uwave_sd", "qcc_pistonrings_S", "qcc_viscosity_xbar_one",
        "qcc_synthetic_western_electric", "qcc_synthetic_western_electric_estimated", "qcc_synthetic_nelson",
        "qcc_viscosity_cusum", "qcc_viscosity_ewma",
    ]

    /// The numbering qcc uses to pick one rule per point.
    static func ruleNumber(_ rule: SignalRule, in rules: RuleSet) -> Int {
        switch rules {
        case .nelson:
            let order: [SignalRule] = [.outsideLimits, .shift, .trend, .alternating, .twoOfThree,
                                       .fourOfFive, .fifteenWithinOneSigma, .eightOutsideOneSigma]
            return order.firstIndex(of: rule)! + 1
        default:
            let order: [SignalRule] = [.outsideLimits, .twoOfThree, .fourOfFive, .shift]
            return (order.firstIndex(of: rule) ?? 9) + 1
        }
    }

    @Test(arguments: cases)
    func limitsStatisticsAndSignalsMatchQcc(_ name: String) throws {
        let reference = try ReferenceCase.load(name)
        let options = reference.options
        let qccType = reference.chartName
        let rules: RuleSet = reference.json["rules"] as? String == "nelson" ? .nelson : .westernElectric
        let chart: ChartType
        switch qccType {
        case "xbar.one": chart = .i
        case "S": chart = .s
        default: chart = try #require(ChartType(rawValue: qccType))
        }
        let subgroups: [Subgroup]
        if chart == .xbar || chart == .s {
            let input = try #require(reference.json["input"] as? [[String: Any]])
            var bySample: [Int: [Double]] = [:]
            for row in input {
                bySample[row["sample"] as! Int, default: []].append(ReferenceCase.number(row["diameter"])!)
            }
            subgroups = bySample.keys.sorted().map { Subgroup(observations: bySample[$0]!) }
        } else {
            subgroups = reference.points.map { point in
                let value = ReferenceCase.number(point["y"])!
                let size = ReferenceCase.number(point["n"])
                // qcc's p and u charts take counts with sizes; their y is the proportion or rate.
                return chart == .p || chart == .u ? Subgroup(value: (value * size!).rounded(), size: size) : Subgroup(value: value, size: size)
            }
        }
        var chartOptions = ChartOptions(chart: chart, rules: [.cusum, .ewma].contains(chart) ? .anhoej : rules)
        let calibration = ReferenceCase.integers(options["n_calibration"]).first ?? subgroups.count
        if calibration < subgroups.count { chartOptions.freeze = calibration }
        if (options["std_dev_method"] as? String)?.hasPrefix("given") == true {
            chartOptions.knownCentre = ReferenceCase.number(options["center"])
            chartOptions.knownSigma = ReferenceCase.number(options["std_dev"])
        }
        chartOptions.cusumDecisionInterval = ReferenceCase.number(options["decision_interval"]) ?? 5
        chartOptions.cusumHeadStart = ReferenceCase.number(options["head_start"]) ?? 0
        chartOptions.ewmaLambda = ReferenceCase.number(options["lambda"]) ?? 0.2
        let computed = try ControlChart.compute(subgroups, options: chartOptions)
        let enforcedRules = Set(ReferenceCase.integers(options["rules"]))

        #expect(computed.points.count == reference.points.count)
        for (point, expected) in zip(computed.points, reference.points) {
            let index = point.index
            switch chart {
            case .cusum:
                #expect(isClose(point.cusumUpper, ReferenceCase.number(expected["upper"])), "upper at \(index)")
                #expect(isClose(point.cusumLower, ReferenceCase.number(expected["lower"])), "lower at \(index)")
                let signal = (expected["upper_signal"] as? Bool ?? false) || (expected["lower_signal"] as? Bool ?? false)
                #expect(point.sigmaSignal == signal, "signal at \(index)")
            case .ewma:
                #expect(isClose(point.ewma, ReferenceCase.number(expected["ewma"])), "ewma at \(index)")
                #expect(isClose(point.lowerLimit, ReferenceCase.number(expected["lcl"])), "lcl at \(index)")
                #expect(isClose(point.upperLimit, ReferenceCase.number(expected["ucl"])), "ucl at \(index)")
                #expect(point.sigmaSignal == (expected["sigma_signal"] as? Bool ?? false), "signal at \(index)")
            default:
                #expect(isClose(point.centreLine, ReferenceCase.number(expected["cl"])), "cl at \(index)")
                #expect(isClose(point.lowerLimit, ReferenceCase.number(expected["lcl"])), "lcl at \(index)")
                #expect(isClose(point.upperLimit, ReferenceCase.number(expected["ucl"])), "ucl at \(index)")
                let numbers = point.signals.map { Self.ruleNumber($0, in: rules) }.filter { enforcedRules.contains($0) }
                let expectedName = expected["violation_name"] as? String
                let lowest = numbers.min().flatMap { number in
                    point.signals.first { Self.ruleNumber($0, in: rules) == number }?.rawValue
                }
                #expect(lowest == expectedName, "rule at \(index): \(point.signals)")
            }
        }
    }
}

import Foundation
import Testing
import QISPC

/// `--rules mdc` against NHSRplotthedots 0.2.2 (R 4.2.2): limits at mean +/- 2.66 AMR with
/// screening, point types by precedence, rebasing, fix_after_n_points (QIKit's freeze within
/// each part), and the variation and assurance icons. NHSRplotthedots splits the neutral type
/// into `special_cause_neutral_high` and `_low`; the `qi` contract has one `special_cause_neutral`. Source:
/// notebooks/reference/spc/nhsrplotthedots_reference.R. Tolerance 1e-10 relative on limits;
/// point types and icons exact.
struct NHSRplotthedotsReferenceTests {
    static let cases: [String] = (try? ReferenceCase.all(prefix: "ptd_")) ?? []

    static func contractName(_ value: Any?) -> String? {
        guard let name = value as? String else { return nil }
        return name.hasPrefix("special_cause_neutral") ? "special_cause_neutral" : name
    }

    @Test(arguments: cases)
    func limitsPointTypesAndIconsMatchNHSRplotthedots(_ name: String) throws {
        let reference = try ReferenceCase.load(name)
        let options = reference.options
        let subgroups = reference.points.map { Subgroup(value: ReferenceCase.number($0["y"])) }
        var partStarts: [Int] = []
        if let rebase = options["rebase"] as? String,
           let position = reference.points.firstIndex(where: { ($0["x"] as? String ?? "") >= rebase }) {
            partStarts = [position + 1]
        }
        var chartOptions = ChartOptions(
            chart: .i, rules: .mdc, partStarts: partStarts,
            freeze: ReferenceCase.integers(options["fix_after_n_points"]).first,
            screenMovingRanges: options["screen_outliers"] as? Bool ?? true,
            improvement: ImprovementDirection(rawValue: options["improvement_direction"] as! String)!,
            target: ReferenceCase.number(options["target"]))
        chartOptions.requiresEnoughPoints = true
        let computed = try ControlChart.compute(subgroups, options: chartOptions)

        for (point, expected) in zip(computed.points, reference.points) {
            let index = point.index
            #expect(isClose(point.centreLine, ReferenceCase.number(expected["mean"])), "mean at \(index)")
            #expect(isClose(point.lowerLimit, ReferenceCase.number(expected["lpl"])), "lpl at \(index)")
            #expect(isClose(point.upperLimit, ReferenceCase.number(expected["upl"])), "upl at \(index)")
            #expect(isClose(point.lowerLimit95, ReferenceCase.number(expected["lcl_2sigma_derived"])), "2-sigma lower at \(index)")
            #expect(point.pointType?.rawValue == Self.contractName(expected["point_type"]), "point type at \(index)")
        }
        #expect(computed.variation?.rawValue == Self.contractName(reference.json["variation"]))
        #expect(computed.assurance?.rawValue == reference.json["assurance"] as? String)
        let shortGroup = reference.points.contains { $0["short_group_warning"] as? Bool == true }
        #expect(computed.warnings.contains { $0.contains("trial limits") } == shortGroup)
    }
}

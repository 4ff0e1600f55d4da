import QIRendering
import QISPC
import Testing

struct FunnelPlotSVGTests {
    /// Twenty practices: events out of list sizes from 120 to 4000, two of them unusual.
    static func funnel() throws -> FunnelPlot {
        let sizes: [Double] = [120, 180, 250, 300, 420, 500, 640, 720, 800, 950,
                               1100, 1300, 1500, 1700, 2000, 2400, 2800, 3200, 3600, 4000]
        let rates: [Double] = [0.10, 0.05, 0.12, 0.07, 0.09, 0.08, 0.16, 0.07, 0.09, 0.08,
                               0.085, 0.075, 0.09, 0.08, 0.04, 0.082, 0.078, 0.081, 0.079, 0.08]
        let data = zip(sizes, rates).enumerated().map { index, pair in
            FunnelUnitData(name: "Practice \(index + 1)", numerator: (pair.0 * pair.1).rounded(), denominator: pair.0)
        }
        return try FunnelPlot.compute(data, options: FunnelOptions(chart: .proportion))
    }

    @Test func funnelPlotMatchesItsGoldenFile() throws {
        let svg = FunnelPlotSVG().render(try Self.funnel(), title: "Practices compared", denominatorTitle: "list size",
                                         rateTitle: "events / list size")
        try GoldenFile.check(svg, named: "funnel-p.svg")
    }

    @Test func unitsOutsideTheLimitsAreHighlightedAndNamed() throws {
        let funnel = try Self.funnel()
        let svg = FunnelPlotSVG().render(funnel, title: "t")
        let outside998 = funnel.units.filter { $0.flag == .above998 || $0.flag == .below998 }.count
        #expect(outside998 > 0)
        #expect(svg.split(separator: "\n").filter { $0.contains("<circle") && $0.contains(Palette.standard.signal) }.count == outside998)
        #expect(svg.contains("<title>Practice 7: 15.9% (n = 640) · above the 99.8% limit</title>"))
    }

    @Test func bothPairsOfLimitCurvesAreDrawn() throws {
        let svg = FunnelPlotSVG().render(try Self.funnel(), title: "t")
        #expect(svg.components(separatedBy: "class=\"limit limit-95\"").count - 1 == 2)
        #expect(svg.components(separatedBy: "class=\"limit limit-998\"").count - 1 == 2)
    }
}

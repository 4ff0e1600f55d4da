import QIRendering
import QISPC
import Testing

struct ControlChartSVGTests {
    let renderer = ControlChartSVG()

    // MARK: Golden files (looked at as PNG before they were accepted)

    @Test func semmelweisPChartInTwoPartsMatchesItsGoldenFile() throws {
        try GoldenFile.check(renderer.render(SampleCharts.semmelweisChart()), named: "semmelweis-p-two-parts.svg")
    }

    @Test func makingDataCountChartWithTargetMatchesItsGoldenFile() throws {
        let chart = try SampleCharts.chart(.i) { options in
            options.rules = .mdc
            options.improvement = .increase
            options.target = 15
        }
        let renderable = RenderableChart(chart: chart, title: "Patients reviewed per week", seriesKey: "practice=P1",
                                         xValues: SampleCharts.monthly(24), xAxisTitle: "month", yAxisTitle: "reviews")
        try GoldenFile.check(renderer.render(renderable), named: "mdc-i-increase-target.svg")
    }

    @Test func frozenBaselineExclusionsAndTwoSigmaLinesMatchTheirGoldenFile() throws {
        let chart = try SampleCharts.chart(.i) { options in
            options.rules = .westernElectric
            options.freeze = 12
            options.excluded = [3, 4]
        }
        var style = ChartStyle.standard
        style.showsTwoSigmaLines = true
        let renderable = RenderableChart(chart: chart, title: "Frozen baseline", yAxisTitle: "value")
        try GoldenFile.check(ControlChartSVG(style: style).render(renderable), named: "i-freeze-exclude-two-sigma.svg")
    }

    @Test func cusumChartMatchesItsGoldenFile() throws {
        let renderable = RenderableChart(chart: try SampleCharts.chart(.cusum), title: "CUSUM", yAxisTitle: "value")
        try GoldenFile.check(renderer.render(renderable), named: "cusum.svg")
    }

    @Test func ewmaChartMatchesItsGoldenFile() throws {
        let renderable = RenderableChart(chart: try SampleCharts.chart(.ewma), title: "EWMA", yAxisTitle: "value")
        try GoldenFile.check(renderer.render(renderable), named: "ewma.svg")
    }

    @Test func runChartWithTextLabelsMatchesItsGoldenFile() throws {
        let chart = try SampleCharts.chart(.run)
        let labels = (1...24).map { RenderableChart.XValue.text("Week \($0)") }
        let renderable = RenderableChart(chart: chart, title: "Run chart", xValues: labels, xAxisTitle: "week",
                                         yAxisTitle: "value")
        try GoldenFile.check(renderer.render(renderable), named: "run-text-labels.svg")
    }

    // MARK: Behaviours

    @Test func renderingIsDeterministic() throws {
        let chart = try SampleCharts.semmelweisChart()
        #expect(renderer.render(chart) == renderer.render(chart))
    }

    @Test func pointsOutsideTheLimitsAreDrawnInTheSignalColour() throws {
        let chart = try SampleCharts.chart(.i)
        #expect(chart.points.last!.sigmaSignal)
        let svg = renderer.render(RenderableChart(chart: chart, title: "t"))
        let circles = svg.split(separator: "\n").filter { $0.contains("<circle") }
        #expect(circles.last!.contains("fill=\"\(Palette.standard.signal)\""))
        #expect(circles.filter { $0.contains(Palette.standard.signal) }.count == chart.points.filter(\.sigmaSignal).count)
    }

    @Test func centreLineIsDashedInTheSignalColourWhenTheRunsAnalysisSignals() throws {
        let chart = try SampleCharts.chart(.i)
        #expect(chart.parts[0].runsSignal)
        let svg = renderer.render(RenderableChart(chart: chart, title: "t"))
        let centre = svg.split(separator: "\n").first { $0.contains("class=\"centre") }!
        #expect(centre.contains("runs-signal") && centre.contains("stroke-dasharray") && centre.contains(Palette.standard.signal))
    }

    @Test func centreLineIsSolidWithoutARunsSignal() throws {
        let chart = try SampleCharts.chart(.i, values: [5, 7, 4, 6, 5, 8, 4, 6, 5, 7, 4, 6])
        #expect(!chart.parts[0].runsSignal)
        let svg = renderer.render(RenderableChart(chart: chart, title: "t"))
        let centre = svg.split(separator: "\n").first { $0.contains("class=\"centre") }!
        #expect(!centre.contains("stroke-dasharray"))
    }

    @Test func excludedPointsAreHollow() throws {
        let chart = try SampleCharts.chart(.i) { $0.excluded = [2] }
        let svg = renderer.render(RenderableChart(chart: chart, title: "t"))
        let circles = svg.split(separator: "\n").filter { $0.contains("<circle") }
        #expect(circles[1].contains("fill=\"#FFFFFF\" stroke="))
        #expect(circles.filter { $0.contains("stroke=") }.count == 1)
    }

    @Test func limitsBreakBetweenParts() throws {
        let chart = try SampleCharts.chart(.i) { $0.partStarts = [13] }
        let svg = renderer.render(RenderableChart(chart: chart, title: "t"))
        let limits = svg.split(separator: "\n").filter { $0.contains("class=\"limit\"") }
        #expect(limits.count == 2)
        #expect(limits.allSatisfy { $0.filter { $0 == "M" }.count == 2 }, "one sub-path per part")
        #expect(svg.contains(">Part 1 · CL ") && svg.contains(">Part 2 · CL "))
    }

    @Test func proportionsAreShownAsPercentages() throws {
        let svg = renderer.render(try SampleCharts.semmelweisChart())
        #expect(svg.contains(">30%</text>"))
        #expect(svg.contains("P chart · Anhøj rules · part 2: CL 2.15%"))
    }

    @Test func chartsHaveATitleAndADescriptionForScreenReaders() throws {
        let svg = renderer.render(try SampleCharts.semmelweisChart())
        #expect(svg.contains("role=\"img\""))
        #expect(svg.contains("<title>Semmelweis: maternal deaths per birth</title>"))
        #expect(svg.contains("<desc>P chart of deaths / births, 98 points in 2 parts."))
    }

    @Test func userTextIsEscaped() throws {
        let chart = try SampleCharts.chart(.i)
        let svg = renderer.render(RenderableChart(chart: chart, title: "<script>alert(1)</script>",
                                                  xValues: (1...24).map { .text("<b>\($0)</b>") }, yAxisTitle: "a & b"))
        #expect(!svg.contains("<script>") && !svg.contains("<b>"))
        #expect(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(svg.contains("a &amp; b"))
    }

    @Test func makingDataCountPointsTakeTheVariationColours() throws {
        let chart = try SampleCharts.chart(.i) { options in
            options.rules = .mdc
            options.improvement = .increase
        }
        let svg = renderer.render(RenderableChart(chart: chart, title: "t"))
        let circles = svg.split(separator: "\n").filter { $0.contains("<circle") && $0.contains("cx=") && !$0.contains("stroke") }
        let improvement = chart.points.filter { $0.pointType == .specialCauseImprovement }.count
        #expect(improvement > 0)
        #expect(svg.contains("class=\"mdc-icon variation\""))
        #expect(circles.filter { $0.contains(Palette.standard.improvement) }.count >= improvement)
    }
}

/// Every chart type `qi spc` computes renders as a complete SVG with its points, and with
/// limits where the chart has them.
struct EveryChartTypeRenderingTests {
    static func chart(_ type: ChartType) throws -> ControlChart {
        let sizes = (0..<24).map { Double(100 + 7 * $0) }
        switch type {
        case .xbar, .s:
            let subgroups = (0..<24).map { index in
                Subgroup(observations: (0..<5).map { Double(10 + (index * 7 + $0 * 3) % 11) })
            }
            return try ControlChart.compute(subgroups, options: ChartOptions(chart: type))
        case .p, .pp, .np, .u, .up:
            return try SampleCharts.chart(type, sizes: sizes)
        default:
            return try SampleCharts.chart(type)
        }
    }

    @Test(arguments: ChartType.allCases)
    func everyChartTypeRenders(_ type: ChartType) throws {
        let chart = try Self.chart(type)
        let svg = ControlChartSVG().render(RenderableChart(chart: chart, title: "\(type.rawValue) chart", yAxisTitle: "value"))
        #expect(svg.hasPrefix("<svg"))
        #expect(svg.hasSuffix("</svg>") || svg.hasSuffix("</svg>\n"))
        #expect(svg.contains("<title>"))
        #expect(!svg.lowercased().contains("nan"), "a NaN reached the drawing")
        #expect(svg.contains("<circle"), "points are drawn")
        if chart.points.contains(where: { $0.upperLimit != nil }) {
            #expect(svg.contains("control limit") || svg.contains("limit"), "limits are drawn")
        }
    }
}

/// Limit labels are written finely enough to tell apart at the axis' resolution.
struct LimitLabelResolutionTests {
    @Test func limitsCloseToTheCentreDoNotAllReadTheSameNumber() throws {
        // Piston-ring diameters: centre 74.001, limits about 74.001 +/- 0.014.
        let subgroups = (0..<20).map { index in
            Subgroup(observations: (0..<5).map { (member: Int) -> Double in
                let step = Double((index * 7 + member * 3) % 11)
                return 73.98 + step * 0.004
            })
        }
        let chart = try ControlChart.compute(subgroups, options: ChartOptions(chart: .xbar))
        let svg = ControlChartSVG().render(RenderableChart(chart: chart, title: "Diameters", yAxisTitle: "mm"))
        let lower = try #require(chart.points.first?.lowerLimit)
        let upper = try #require(chart.points.first?.upperLimit)
        #expect(!svg.contains("limits 74–74"))
        #expect(svg.contains(format3(lower)))
        #expect(svg.contains(format3(upper)))
    }

    private func format3(_ value: Double) -> String {
        let scaled = (value * 1000).rounded() / 1000
        var text = String(scaled)
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }
}

@testable import QIRendering
import QISPC
import Testing

struct SteppedPathTests {
    private func layout(_ chart: ControlChart) -> ChartLayout {
        let renderable = RenderableChart(chart: chart, title: "t")
        return ChartLayout(renderable, style: .standard, format: ValueFormat(options: chart.options))
    }

    @Test func constantLimitsAreOneStraightSegment() throws {
        let chart = try SampleCharts.chart(.i)
        let path = SteppedPath.data(points: chart.points, range: 0..<chart.points.count, value: \.upperLimit, layout: layout(chart))
        #expect(path.split(separator: " ").count == 3, "\(path)")  // M x y H x
        #expect(path.hasPrefix("M"))
        #expect(!path.contains("V"))
    }

    @Test func limitsStepWhereDenominatorsVary() throws {
        let counts: [Double] = [3, 5, 2, 6, 4, 5, 3, 7, 4, 5, 6, 3]
        let sizes: [Double] = [50, 80, 40, 120, 60, 90, 50, 130, 70, 80, 100, 60]
        let chart = try SampleCharts.chart(.p, values: counts, sizes: sizes)
        let path = SteppedPath.data(points: chart.points, range: 0..<chart.points.count, value: \.upperLimit, layout: layout(chart))
        #expect(path.filter { $0 == "V" }.count == 11, "one riser between each pair of different sizes: \(path)")
    }

    @Test func aMissingValueBreaksTheLine() throws {
        let chart = try SampleCharts.chart(.i)
        var points = chart.points
        points[5].value = nil
        let path = SteppedPath.polyline(points: points, range: 0..<points.count, value: \.value, layout: layout(chart))
        #expect(path.filter { $0 == "M" }.count == 2)
    }
}

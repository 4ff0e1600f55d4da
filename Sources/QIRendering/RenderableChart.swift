import QISPC

/// A computed chart with the words and x values needed to draw it: what the renderer consumes.
///
/// The renderer reads no files and computes no statistics; everything it draws is in here.
public struct RenderableChart: Sendable {
    /// Where a point sits on the x axis, as the data gave it.
    public enum XValue: Sendable, Equatable {
        case date(ChartDate)
        case number(Double)
        case text(String)
    }

    public var chart: ControlChart
    /// The heading (a file name, a series key, a measure).
    public var title: String
    /// The series key as text (`org_code=RJ1, type=1`), empty for a single series.
    public var seriesKey: String
    /// One x value per point, or empty to number the points 1, 2, 3 ...
    public var xValues: [XValue]
    public var xAxisTitle: String
    public var yAxisTitle: String

    public init(chart: ControlChart, title: String, seriesKey: String = "", xValues: [XValue] = [],
                xAxisTitle: String = "Subgroup", yAxisTitle: String = "Value") {
        precondition(xValues.isEmpty || xValues.count == chart.points.count,
                     "one x value per point, or none")
        self.chart = chart
        self.title = title
        self.seriesKey = seriesKey
        self.xValues = xValues
        self.xAxisTitle = xAxisTitle
        self.yAxisTitle = yAxisTitle
    }

    /// The x value of the point at `offset` as text (`2017-03-01`, `12`, `week 3`, or its index).
    public func xText(at offset: Int) -> String {
        guard offset < xValues.count else { return String(chart.points[offset].index) }
        switch xValues[offset] {
        case .date(let date): return date.isoText
        case .number(let number): return DecimalText.shortest(number)
        case .text(let text): return text
        }
    }

    /// The x value of the point at `offset` as people read it in a tooltip (`Mar 2017`).
    func xReadable(at offset: Int) -> String {
        guard offset < xValues.count, case .date(let date) = xValues[offset] else { return xText(at: offset) }
        return date.day == 1 ? date.monthYearText : date.dayMonthYearText
    }
}

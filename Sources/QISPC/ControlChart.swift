/// A computed chart: every point with its limits and signals, and the runs analysis per part.
///
/// This value is what rendering and output formats consume; they compute nothing themselves.
public struct ControlChart: Sendable {
    public var options: ChartOptions
    public var points: [ChartPoint]
    public var parts: [PartSummary]
    /// Making Data Count variation icon: the last point's type.
    public var variation: PointType?
    /// Making Data Count assurance icon (needs a target and a direction).
    public var assurance: Assurance?
    /// Things the user should know (trial limits, undefined points).
    public var warnings: [String]
}

/// One point of a chart, in the units of the plotted value (after `multiply`).
public struct ChartPoint: Sendable, Equatable {
    public var index: Int
    public var value: Double?
    public var size: Double?
    public var part: Int
    public var isBaseline: Bool
    public var isExcluded: Bool
    public var centreLine: Double?
    public var lowerLimit: Double?
    public var upperLimit: Double?
    public var lowerLimit95: Double?
    public var upperLimit95: Double?
    public var sigmaSignal: Bool
    public var signals: SignalRules
    public var pointType: PointType?
    /// CUSUM upper and lower cumulative sums, or the EWMA statistic, plotted against the limits.
    public var cusumUpper: Double?
    public var cusumLower: Double?
    public var ewma: Double?
}

/// The runs analysis of one part (Anhøj & Olesen 2014, PLoS One 9:e113825), and for the IHI
/// rules the number of runs against its limits (``RunsCountLimits``).
public struct PartSummary: Sendable, Equatable {
    public var part: Int
    public var observations: Int
    public var usefulObservations: Int
    public var longestRun: Int?
    public var longestRunMaximum: Int?
    public var crossings: Int?
    public var crossingsMinimum: Int?
    /// Whether the part's runs signal non-random variation: Anhøj's longest run or crossings,
    /// or for the IHI rules too few or too many runs.
    public var runsSignal: Bool
    public var centreLine: Double?
    /// The number of runs on either side of the centre line: crossings + 1.
    public var runs: Int? { crossings.map { $0 + 1 } }
    /// IHI rules only: the fewest and most runs that random data give, nil below
    /// ``RunsCountLimits/minimumUsefulObservations`` useful observations.
    public var runsMinimum: Int? = nil
    public var runsMaximum: Int? = nil
}

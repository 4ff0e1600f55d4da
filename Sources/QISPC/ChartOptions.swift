/// Everything about a chart except its data: type, rules, phases and the tuning constants.
///
/// Indices are 1-based subgroup numbers, as users write them on the command line.
public struct ChartOptions: Sendable {
    public var chart: ChartType
    public var rules: RuleSet
    /// Subgroup numbers at which a new part (phase) starts.
    public var partStarts: [Int]
    /// Centre line and limits from the first `freeze` subgroups of each part only.
    public var freeze: Int?
    /// Subgroups left out of centre line, limits and runs analysis (still tested against limits).
    public var excluded: Set<Int>
    /// Leave moving ranges above D4(2) times their mean out of the sigma estimate (Nelson 1982);
    /// nil follows the rule set's anchor (see ``RuleSet/screensMovingRanges``).
    public var screenMovingRanges: Bool?
    public var improvement: ImprovementDirection
    public var target: Double?
    /// Multiplies plotted values, centre lines and limits (100 for percentages).
    public var multiply: Double
    /// Making Data Count 2023: points beyond the limits count towards two-of-three.
    public var twoOfThreeIncludesOutsideLimits: Bool
    public var cusumAllowance: Double
    public var cusumDecisionInterval: Double
    public var cusumHeadStart: Double
    public var ewmaLambda: Double
    public var ewmaWidth: Double
    /// A known process centre ("standard given", Montgomery 2019 sec. 6.2), for i, xbar,
    /// cusum and ewma charts, used instead of the baseline mean.
    public var knownCentre: Double?
    /// A known process standard deviation of single values, used instead of the estimate.
    public var knownSigma: Double?
    /// When false, a series with too few points for limits is charted without them and a
    /// warning instead of failing (batches, where one short series must not stop the rest).
    public var requiresEnoughPoints: Bool = true

    /// Whether moving ranges are screened: the explicit choice, else the rule set's anchor's.
    public var screensMovingRanges: Bool { screenMovingRanges ?? rules.screensMovingRanges }

    public init(chart: ChartType, rules: RuleSet = .anhoej, partStarts: [Int] = [], freeze: Int? = nil,
                excluded: Set<Int> = [], screenMovingRanges: Bool? = nil,
                improvement: ImprovementDirection = .neutral, target: Double? = nil, multiply: Double = 1,
                twoOfThreeIncludesOutsideLimits: Bool = false,
                cusumAllowance: Double = 0.5, cusumDecisionInterval: Double = 5, cusumHeadStart: Double = 0,
                ewmaLambda: Double = 0.2, ewmaWidth: Double = 3) {
        self.chart = chart
        self.rules = rules
        self.partStarts = partStarts
        self.freeze = freeze
        self.excluded = excluded
        self.screenMovingRanges = screenMovingRanges
        self.improvement = improvement
        self.target = target
        self.multiply = multiply
        self.twoOfThreeIncludesOutsideLimits = twoOfThreeIncludesOutsideLimits
        self.cusumAllowance = cusumAllowance
        self.cusumDecisionInterval = cusumDecisionInterval
        self.cusumHeadStart = cusumHeadStart
        self.ewmaLambda = ewmaLambda
        self.ewmaWidth = ewmaWidth
    }
}

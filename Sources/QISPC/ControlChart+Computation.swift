/// Computing a chart from its subgroups: validate, split into parts, compute centre lines and
/// limits from each part's baseline, then apply the rule set.
extension ControlChart {
    /// Computes a chart.
    ///
    /// - Parameters:
    ///   - subgroups: the series in time order (one subgroup per x value).
    ///   - options: chart type, rules, parts, baseline and exclusions (1-based subgroup numbers).
    /// - Throws: ``SPCError`` for data the chart cannot use (a numerator above its denominator,
    ///   negative counts, too few points) or options that name subgroups the series lacks.
    /// - Complexity: O(n) for every chart and rule set but the run chart and g chart medians,
    ///   O(n log n).
    public static func compute(_ subgroups: [Subgroup], options: ChartOptions) throws(SPCError) -> ControlChart {
        try validate(subgroups, options: options)
        var warnings: [String] = []
        let usable = subgroups.count { $0.value != nil }
        if usable < options.chart.minimumPoints {
            warnings.append(SPCError.tooFewPoints(required: options.chart.minimumPoints, found: usable, chart: options.chart).description)
        }
        let plotted = plottedValues(subgroups, chart: options.chart, warnings: &warnings)
        var points: [ChartPoint] = []
        var parts: [PartSummary] = []
        for (partIndex, range) in partRanges(count: subgroups.count, starts: options.partStarts).enumerated() {
            let part = PartComputation(partNumber: partIndex + 1, range: range, subgroups: subgroups,
                                       plotted: plotted, options: options)
            let (partPoints, summary) = part.run()
            // One part (most charts): its points become the chart's without a copy.
            if points.isEmpty { points = partPoints } else { points += partPoints }
            parts.append(summary)
            if options.rules == .mdc, range.count < 13 {
                warnings.append("part \(partIndex + 1) has \(range.count) points: Making Data Count treats limits from fewer than 13 points as trial limits.")
            }
        }
        var chart = ControlChart(options: options, points: points, parts: parts, variation: nil,
                                 assurance: nil, warnings: warnings)
        if options.rules == .mdc { chart.addMakingDataCountIcons() }
        return chart
    }

    /// Checks data and options without computing the chart (a batch validates every series
    /// before it writes any output).
    public static func validate(_ subgroups: [Subgroup], options: ChartOptions) throws(SPCError) {
        let count = subgroups.count
        for start in options.partStarts where start < 1 || start > count {
            throw .indexOutOfRange(option: "--part-at", index: start, count: count)
        }
        for index in options.excluded.sorted() where index < 1 || index > count {
            throw .indexOutOfRange(option: "--exclude", index: index, count: count)
        }
        if let freeze = options.freeze, freeze < 2 || freeze > count {
            throw .invalidOption("--freeze \(freeze) must be between 2 and the number of subgroups (\(count)).")
        }
        let chart = options.chart
        for (offset, subgroup) in subgroups.enumerated() {
            let number = offset + 1
            if let size = subgroup.size, size < 0 { throw .negativeDenominator(subgroup: number, value: size) }
            guard let value = subgroup.value else { continue }
            switch chart {
            case .p, .pp, .np, .c, .u, .up, .g:
                if value < 0 { throw .negativeValue(subgroup: number, value: value) }
                if chart == .p || chart == .pp || chart == .np, let size = subgroup.size, value > size {
                    throw .valueExceedsDenominator(subgroup: number, value: value, denominator: size)
                }
            case .t:
                if value <= 0 { throw .nonPositiveValue(subgroup: number, value: value, chart: chart) }
            default: break
            }
        }
        let usable = subgroups.count { $0.value != nil }
        if options.requiresEnoughPoints, usable < chart.minimumPoints {
            throw .tooFewPoints(required: chart.minimumPoints, found: usable, chart: chart)
        }
    }

    /// The value each point plots: a proportion or rate for p, pp, u and up charts (nil where the
    /// denominator is 0: an undefined point), the SD for s charts, the value otherwise.
    private static func plottedValues(_ subgroups: [Subgroup], chart: ChartType, warnings: inout [String]) -> [Double?] {
        subgroups.enumerated().map { offset, subgroup in
            switch chart {
            case .p, .pp, .u, .up:
                guard let value = subgroup.value, let size = subgroup.size else { return nil }
                guard size > 0 else {
                    warnings.append("subgroup \(offset + 1) has a denominator of 0: its proportion is undefined and it is left as a gap.")
                    return nil
                }
                return value / size
            case .s: return subgroup.standardDeviation
            case .run, .i:
                // A denominator on a run or individuals chart plots the ratio y/n (qicharts2).
                guard let value = subgroup.value else { return nil }
                guard let size = subgroup.size else { return value }
                return size > 0 ? value / size : nil
            default: return subgroup.value
            }
        }
    }

    private static func partRanges(count: Int, starts: [Int]) -> [Range<Int>] {
        let boundaries = ([0] + starts.map { $0 - 1 }.filter { $0 > 0 } + [count]).sorted()
        var ranges: [Range<Int>] = []
        for index in 1..<boundaries.count where boundaries[index] > boundaries[index - 1] {
            ranges.append(boundaries[index - 1]..<boundaries[index])
        }
        return ranges
    }
}

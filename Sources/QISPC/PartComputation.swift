/// One part (phase) of a chart: its centre line and limits, statistics and signals.
struct PartComputation {
    let partNumber: Int
    let range: Range<Int>
    let subgroups: [Subgroup]
    let plotted: [Double?]
    let options: ChartOptions

    func run() -> ([ChartPoint], PartSummary) {
        let partSubgroups = Array(subgroups[range])
        var partPlotted = Array(plotted[range])
        let isExcluded = range.map { options.excluded.contains($0 + 1) }
        let baselineCount = options.freeze.map { min($0, range.count) } ?? range.count
        if options.chart == .mr { partPlotted = movingRanges(partPlotted) }
        let baseline = (0..<baselineCount).filter { !isExcluded[$0] }

        let limitsRules = options.chart == .cusum || options.chart == .ewma ? RuleSet.anhoej : options.rules
        let screen = options.screensMovingRanges && [.i, .t, .pp, .up].contains(options.chart)
        var limits = CentreLineAndLimits(chart: options.chart, rules: limitsRules, screenMovingRanges: screen,
                                         knownCentre: options.knownCentre, knownSigma: options.knownSigma,
                                         plotted: partPlotted, subgroups: partSubgroups,
                                         baseline: baseline).compute()
        var points = (0..<range.count).map { offset in
            ChartPoint(index: range.lowerBound + offset + 1, value: partPlotted[offset],
                       size: partSubgroups[offset].size, part: partNumber,
                       isBaseline: options.freeze != nil && offset < baselineCount,
                       isExcluded: isExcluded[offset], centreLine: nil, lowerLimit: nil, upperLimit: nil,
                       lowerLimit95: nil, upperLimit95: nil, sigmaSignal: false, signals: [], pointType: nil,
                       cusumUpper: nil, cusumLower: nil, ewma: nil)
        }
        switch options.chart {
        case .cusum: limits = CumulativeStatistics.cusum(&points, limits: limits, options: options)
        case .ewma: limits = CumulativeStatistics.ewma(&points, limits: limits, options: options)
        default: break
        }
        limits = limits.map { $0.scaled(by: options.chart == .cusum ? 1 : options.multiply) }
        for offset in points.indices {
            if options.chart != .cusum { points[offset].value = points[offset].value.map { $0 * options.multiply } }
            if options.chart == .ewma { points[offset].ewma = points[offset].ewma.map { $0 * options.multiply } }
            let pointLimits = limits[offset]
            points[offset].centreLine = pointLimits.centre
            points[offset].lowerLimit = pointLimits.lower
            points[offset].upperLimit = pointLimits.upper
            points[offset].lowerLimit95 = pointLimits.lower95
            points[offset].upperLimit95 = pointLimits.upper95
        }
        markSigmaSignals(&points)
        let patternPoints = self.patternPoints(points, limits: limits)
        applyRules(&points, patternPoints: patternPoints)
        return (points, summary(points, patternPoints: patternPoints, limits: limits))
    }

    /// MR_i = |y_i - y_(i-1)| between neighbouring points of the part (missing next to a gap);
    /// exclusions apply to the moving ranges, as in qicharts2.
    private func movingRanges(_ values: [Double?]) -> [Double?] {
        values.indices.map { offset in
            guard offset > 0, let current = values[offset], let previous = values[offset - 1] else { return nil }
            return abs(current - previous)
        }
    }

    /// The value tested against the limits: the statistic for CUSUM and EWMA.
    private func testedValue(_ point: ChartPoint) -> Double? {
        switch options.chart {
        case .ewma: return point.ewma
        default: return point.value
        }
    }

    private func markSigmaSignals(_ points: inout [ChartPoint]) {
        for offset in points.indices {
            let point = points[offset]
            var outside = false
            if options.chart == .cusum {
                if let upper = point.cusumUpper, let limit = point.upperLimit, upper > limit { outside = true }
                if let lower = point.cusumLower, let limit = point.lowerLimit, lower < limit { outside = true }
            } else if let value = testedValue(point) {
                if let upper = point.upperLimit, value > upper { outside = true }
                if let lower = point.lowerLimit, value < lower { outside = true }
            }
            points[offset].sigmaSignal = outside
            if outside { points[offset].signals.insert(.outsideLimits) }
        }
    }

    private func patternPoints(_ points: [ChartPoint], limits: [PointLimits]) -> [PatternPoint] {
        guard options.chart != .cusum, options.chart != .ewma else { return [] }
        var patternPoints: [PatternPoint] = []
        patternPoints.reserveCapacity(points.count)
        for (offset, point) in points.enumerated() {
            guard !point.isExcluded, let value = point.value, let centre = point.centreLine else { continue }
            patternPoints.append(PatternPoint(position: offset, value: value, centre: centre,
                                              upperSigma: limits[offset].upperSigma, lowerSigma: limits[offset].lowerSigma,
                                              lower: point.lowerLimit, upper: point.upperLimit))
        }
        return patternPoints
    }

    private func applyRules(_ points: inout [ChartPoint], patternPoints: [PatternPoint]) {
        func mark(_ indices: [Int], _ rule: SignalRule) {
            for index in indices { points[patternPoints[index].position].signals.insert(rule) }
        }
        let sequence = patternPoints
        switch options.rules {
        case .anhoej:
            break
        case .ihi:
            mark(PatternRules.shift(sequence, length: 6, centreBreaks: false, marking: .wholeRun), .shift)
            mark(PatternRules.trend(sequence, length: 5, equalBreaks: false, marking: .wholeRun).map(\.index), .trend)
        case .mdc:
            let trends = PatternRules.trend(sequence, length: 7, equalBreaks: true, marking: .wholeRun)
            mark(trends.map(\.index), .trend)
            mark(PatternRules.makingDataCountTwoOfThree(sequence, includeOutsideLimits: options.twoOfThreeIncludesOutsideLimits), .twoOfThree)
            mark(PatternRules.shift(sequence, length: 7, centreBreaks: true, marking: .wholeRun), .shift)
            // Each point's type needs its trend's direction, known only here.
            var trendDirection = [Int?](repeating: nil, count: points.count)
            for trend in trends { trendDirection[sequence[trend.index].position] = trend.direction }
            for offset in points.indices {
                points[offset].pointType = ControlChart.makingDataCountPointType(
                    points[offset], trendDirection: trendDirection[offset], improvement: options.improvement)
            }
        case .westernElectric:
            mark(PatternRules.kOfM(sequence, required: 2, window: 3, sigmas: 2), .twoOfThree)
            mark(PatternRules.kOfM(sequence, required: 4, window: 5, sigmas: 1), .fourOfFive)
            mark(PatternRules.shift(sequence, length: 8, centreBreaks: true, marking: .fromCompletion), .shift)
        case .nelson:
            mark(PatternRules.shift(sequence, length: 9, centreBreaks: true, marking: .fromCompletion), .shift)
            mark(PatternRules.trend(sequence, length: 6, equalBreaks: true, marking: .fromCompletion).map(\.index), .trend)
            mark(PatternRules.alternating(sequence, length: 14), .alternating)
            mark(PatternRules.kOfM(sequence, required: 2, window: 3, sigmas: 2), .twoOfThree)
            mark(PatternRules.kOfM(sequence, required: 4, window: 5, sigmas: 1), .fourOfFive)
            mark(PatternRules.withinOneSigma(sequence, length: 15), .fifteenWithinOneSigma)
            mark(PatternRules.outsideOneSigma(sequence, length: 8), .eightOutsideOneSigma)
        }
    }

    private func summary(_ points: [ChartPoint], patternPoints: [PatternPoint], limits: [PointLimits]) -> PartSummary {
        let centre = limits.first { $0.centre != nil }?.centre
        // qicharts2 counts every included subgroup of the part, gaps too, as an observation.
        let observations = points.count { !$0.isExcluded }
        guard ![.cusum, .ewma].contains(options.chart) else {
            return PartSummary(part: partNumber, observations: observations, usefulObservations: 0,
                               longestRun: nil, longestRunMaximum: nil, crossings: nil, crossingsMinimum: nil,
                               runsSignal: false, centreLine: centre)
        }
        var summary = RunsAnalysis.summarise(part: partNumber, observations: observations,
                                             sides: patternPoints.map(\.side), centreLine: centre)
        // Moving ranges are not independent, so their runs are reported but never signal
        // (qicharts2 does the same).
        if options.rules == .ihi { summary.applyRunsCountLimits() }
        if options.chart == .mr { summary.runsSignal = false }
        return summary
    }
}

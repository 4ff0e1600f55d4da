/// Making Data Count point types and icons (NHS England 2019; NHSRplotthedots
/// `ptd_calculate_point_type.R` and `ptd_calculate_assurance_type.R`).
extension ControlChart {
    /// Gives every point one type by precedence (outside limits, trend, two of three, shift),
    /// its side combined with the improvement direction; then the variation icon (the last
    /// point's type) and, with a target, the assurance icon from the latest limits.
    mutating func classifyForMakingDataCount() {
        let direction = options.improvement
        var trendDirection: [Int: Int] = [:]
        for part in Set(points.map(\.part)) {
            let partPoints = points.indices.filter { points[$0].part == part && !points[$0].isExcluded && points[$0].value != nil && points[$0].centreLine != nil }
            let sequence = partPoints.map { offset in
                PatternPoint(position: offset, value: points[offset].value!, centre: points[offset].centreLine!,
                             upperSigma: nil, lowerSigma: nil, lower: nil, upper: nil)
            }
            for (index, trend) in PatternRules.trend(sequence, length: 7, equalBreaks: true, marking: .wholeRun) {
                trendDirection[sequence[index].position] = trend
            }
        }
        for offset in points.indices {
            let point = points[offset]
            guard let value = point.value, let centre = point.centreLine else { continue }
            let side: Int?
            if point.signals.contains(.outsideLimits) {
                side = value > centre ? 1 : -1
            } else if point.signals.contains(.trend) {
                side = trendDirection[offset]
            } else if point.signals.contains(.twoOfThree) || point.signals.contains(.shift) {
                side = value > centre ? 1 : -1
            } else {
                side = nil
            }
            points[offset].pointType = Self.pointType(side: side, direction: direction)
        }
        variation = points.last { $0.pointType != nil }?.pointType
        if let target = options.target, direction != .neutral,
           let latest = points.last(where: { $0.lowerLimit != nil && $0.upperLimit != nil }),
           let lower = latest.lowerLimit, let upper = latest.upperLimit {
            let betterIsHigher = direction == .increase
            if target > upper { assurance = betterIsHigher ? .consistentFail : .consistentPass }
            else if target < lower { assurance = betterIsHigher ? .consistentPass : .consistentFail }
            else { assurance = .inconsistent }
        }
    }

    private static func pointType(side: Int?, direction: ImprovementDirection) -> PointType {
        guard let side else { return .commonCause }
        switch direction {
        case .neutral: return .specialCauseNeutral
        case .increase: return side > 0 ? .specialCauseImprovement : .specialCauseConcern
        case .decrease: return side < 0 ? .specialCauseImprovement : .specialCauseConcern
        }
    }
}

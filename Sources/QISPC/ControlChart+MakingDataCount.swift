/// Making Data Count point types and icons (NHS England 2019; NHSRplotthedots
/// `ptd_calculate_point_type.R` and `ptd_calculate_assurance_type.R`).
extension ControlChart {
    /// One point's type by precedence (outside limits, trend, two of three, shift), its side
    /// combined with the improvement direction: the side of the centre line, but for a trend
    /// its direction (`trendDirection`, +1 up or -1 down). Nil for a point without a value or
    /// centre line.
    static func makingDataCountPointType(_ point: ChartPoint, trendDirection: Int?,
                                         improvement: ImprovementDirection) -> PointType? {
        guard let value = point.value, let centre = point.centreLine else { return nil }
        let side: Int?
        if point.signals.contains(.outsideLimits) {
            side = value > centre ? 1 : -1
        } else if point.signals.contains(.trend) {
            side = trendDirection
        } else if point.signals.contains(.twoOfThree) || point.signals.contains(.shift) {
            side = value > centre ? 1 : -1
        } else {
            side = nil
        }
        return pointType(side: side, direction: improvement)
    }

    /// The variation icon (the last typed point's type) and, with a target, the assurance
    /// icon from the latest limits. The points already carry their types.
    mutating func addMakingDataCountIcons() {
        let direction = options.improvement
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

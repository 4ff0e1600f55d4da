/// Average moving range of consecutive values, the basis of the individuals chart's sigma.
///
/// MR_j = |x_j - x_(j-1)| for consecutive present values (a missing value gives missing moving
/// ranges on both sides, which are dropped). With screening (Nelson 1982, J Qual Technol
/// 14:172), moving ranges above D4(2) x AMR are dropped and AMR is computed once more.
enum MovingRanges {
    static func ranges(_ values: [Double?]) -> [Double] {
        guard values.count > 1 else { return [] }
        var ranges: [Double] = []
        ranges.reserveCapacity(values.count - 1)
        for index in 1..<values.count {
            if let current = values[index], let previous = values[index - 1] {
                ranges.append(abs(current - previous))
            }
        }
        return ranges
    }

    /// The average moving range, screened or not; nil when there are no moving ranges.
    static func average(_ values: [Double?], screened: Bool) -> Double? {
        let ranges = ranges(values)
        guard !ranges.isEmpty else { return nil }
        let mean = ranges.reduce(0, +) / Double(ranges.count)
        guard screened else { return mean }
        let kept = ranges.filter { $0 <= ChartConstants.movingRangeD4 * mean }
        guard !kept.isEmpty else { return mean }
        return kept.reduce(0, +) / Double(kept.count)
    }
}

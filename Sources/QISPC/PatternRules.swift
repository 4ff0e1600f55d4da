/// The sequence tests behind every rule set, over one part's pattern points in time order.
///
/// Each returns the positions (indices into the part's pattern points) it flags. Sources: the
/// Western Electric Statistical Quality Control Handbook (1956); Nelson (1984, J Qual Technol
/// 16:237); Perla, Provost & Murray (2011, BMJ Qual Saf 20:46) for the IHI run chart rules;
/// NHS England Making Data Count (2019) and NHSRplotthedots for its rules.
enum PatternRules {
    /// How a run of points on one side is flagged.
    enum Marking {
        /// Every point of a qualifying run (IHI, Making Data Count).
        case wholeRun
        /// The point that completes the pattern and every later point of the run (qcc, Minitab).
        case fromCompletion
    }

    /// `length` or more consecutive points on one side of the centre line. Points on the line
    /// break the run when `centreBreaks`, else they are skipped (neither add nor break).
    static func shift(_ points: [PatternPoint], length: Int, centreBreaks: Bool, marking: Marking) -> [Int] {
        var flagged: [Int] = []
        var run: [Int] = []
        var runSide = 0
        func close() {
            guard run.count >= length else { return }
            flagged += marking == .wholeRun ? run : Array(run[(length - 1)...])
        }
        for (index, point) in points.enumerated() {
            let side = point.side
            if side == 0 {
                if centreBreaks { close(); run.removeAll(keepingCapacity: true); runSide = 0 }
                continue
            }
            if side != runSide { close(); run.removeAll(keepingCapacity: true); runSide = side }
            run.append(index)
        }
        close()
        return flagged
    }

    /// `length` or more consecutive points each above (or each below) the one before. Equal
    /// neighbours break the trend when `equalBreaks`; otherwise the repeat is skipped (IHI:
    /// "if the value of two or more successive points is the same, only count one").
    /// Returns the flagged points with the trend's direction (+1 up, -1 down).
    static func trend(_ points: [PatternPoint], length: Int, equalBreaks: Bool, marking: Marking) -> [(index: Int, direction: Int)] {
        var flagged: [(index: Int, direction: Int)] = []
        // The current run is the consecutive points start...end (end < 0 before the first).
        var start = 0
        var end = -1
        var repeats = 0
        var direction = 0
        // A repeated value is part of the run but does not count towards its length. Runs
        // share at most their turning point, which is flagged once, with the earlier run's
        // direction.
        func close() {
            guard end - start + 1 - repeats >= length else { return }
            let first = marking == .wholeRun ? start : start + length - 1 + repeats
            for index in first...end where flagged.last?.index != index {
                flagged.append((index, direction))
            }
        }
        for index in points.indices {
            guard end >= 0 else {
                (start, end) = (index, index)
                continue
            }
            let last = end
            let step = points[index].value - points[last].value
            if step == 0 {
                if equalBreaks {
                    close()
                    (start, end, repeats, direction) = (index, index, 0, 0)
                } else {
                    end = index
                    repeats += 1
                }
                continue
            }
            let stepDirection = step > 0 ? 1 : -1
            if direction == 0 || stepDirection == direction {
                direction = stepDirection
                end = index
            } else {
                close()
                // The turning point starts the new trend together with the point before it.
                (start, end, repeats, direction) = (last, index, 0, stepDirection)
            }
        }
        close()
        return flagged
    }

    /// `required` of `window` consecutive points beyond `sigmas` on the same side, the last
    /// point of the window among them (Western Electric tests 2 and 3, Nelson 5 and 6).
    static func kOfM(_ points: [PatternPoint], required: Int, window: Int, sigmas: Double) -> [Int] {
        guard points.count >= window else { return [] }
        var flagged: [Int] = []
        for end in (window - 1)..<points.count {
            let last = points[end]
            guard last.isBeyond(sigmas: sigmas) else { continue }
            let sameSideBeyond = points[(end - window + 1)...end].filter {
                $0.side == last.side && $0.isBeyond(sigmas: sigmas)
            }.count
            if sameSideBeyond >= required { flagged.append(end) }
        }
        return flagged
    }

    /// Making Data Count's two-of-three: in any 3 consecutive points all on one side of the
    /// mean, at least 2 beyond the 2-sigma line; the close points are flagged. Points beyond the
    /// limits count only when `includeOutsideLimits` (the 2023 change).
    static func makingDataCountTwoOfThree(_ points: [PatternPoint], includeOutsideLimits: Bool) -> [Int] {
        guard points.count >= 3 else { return [] }
        func isClose(_ point: PatternPoint) -> Bool {
            point.isBeyond(sigmas: 2) && (includeOutsideLimits || !point.isOutsideLimits)
        }
        var isFlagged = [Bool](repeating: false, count: points.count)
        for start in 0...(points.count - 3) {
            let window = start..<(start + 3)
            let side = points[start].side
            guard side != 0, window.allSatisfy({ points[$0].side == side }),
                  window.count(where: { isClose(points[$0]) }) >= 2 else { continue }
            for index in window where isClose(points[index]) { isFlagged[index] = true }
        }
        return isFlagged.indices.filter { isFlagged[$0] }
    }

    /// `length` consecutive points within 1 sigma of the centre line (Nelson test 7).
    static func withinOneSigma(_ points: [PatternPoint], length: Int) -> [Int] {
        completingPoints(points, length: length) { !$0.isBeyond(sigmas: 1) }
    }

    /// `length` consecutive points beyond 1 sigma, on either side with both sides present
    /// (Nelson test 8).
    static func outsideOneSigma(_ points: [PatternPoint], length: Int) -> [Int] {
        guard points.count >= length else { return [] }
        return ((length - 1)..<points.count).filter { end in
            let window = points[(end - length + 1)...end]
            return window.allSatisfy { $0.isBeyond(sigmas: 1) } && Set(window.map(\.side)).count == 2
        }
    }

    /// `length` consecutive points alternating up and down (Nelson test 4).
    static func alternating(_ points: [PatternPoint], length: Int) -> [Int] {
        guard points.count >= length else { return [] }
        return ((length - 1)..<points.count).filter { end in
            let window = Array(points[(end - length + 1)...end])
            var previousStep = 0.0
            for index in 1..<window.count {
                let step = window[index].value - window[index - 1].value
                if step == 0 || (index > 1 && (step > 0) == (previousStep > 0)) { return false }
                previousStep = step
            }
            return true
        }
    }

    private static func completingPoints(_ points: [PatternPoint], length: Int,
                                         _ condition: (PatternPoint) -> Bool) -> [Int] {
        var flagged: [Int] = []
        var runLength = 0
        for (index, point) in points.enumerated() {
            runLength = condition(point) ? runLength + 1 : 0
            if runLength >= length { flagged.append(index) }
        }
        return flagged
    }
}

import QISPC

/// SVG path data for lines through one part of a chart.
enum SteppedPath {
    /// A horizontal step per point, from halfway to its left neighbour to halfway to its right
    /// one (the part's first and last points end at themselves), joined by vertical risers where
    /// the value changes: constant limits become one straight line, limits that vary with the
    /// denominator become steps. Broken where the value is missing and across gaps in time.
    static func data(points: [ChartPoint], range: Range<Int>, value: KeyPath<ChartPoint, Double?>,
                     layout: ChartLayout) -> String {
        var commands: [String] = []
        var previous: Double?
        var previousRight = -Double.infinity
        let reach = layout.halfSpacing
        for offset in range {
            guard let current = points[offset][keyPath: value], current.isFinite else {
                previous = nil
                continue
            }
            let x = layout.xScale.position(layout.xCoordinates[offset])
            // Halfway to each neighbour, but never further than half the usual spacing, so a
            // gap in time shows as a gap in the line rather than a long step.
            var left = offset == range.lowerBound ? x : max(x - reach, (x + layout.xScale.position(layout.xCoordinates[offset - 1])) / 2)
            var right = offset == range.upperBound - 1 ? x : min(x + reach, (x + layout.xScale.position(layout.xCoordinates[offset + 1])) / 2)
            if range.count == 1 {
                left -= reach / 2
                right += reach / 2
            }
            let y = DecimalText.trimmed(layout.yScale.position(current))
            if previous == nil || left > previousRight + 0.5 {
                commands.append("M" + DecimalText.trimmed(left) + " " + y)
            } else if previous != current {
                commands.append("V" + y)
            }
            commands.append("H" + DecimalText.trimmed(right))
            previous = current
            previousRight = right
        }
        return compress(commands)
    }

    /// A polyline through the present values of the part, broken at gaps.
    static func polyline(points: [ChartPoint], range: Range<Int>, value: KeyPath<ChartPoint, Double?>,
                         layout: ChartLayout) -> String {
        var commands: [String] = []
        var isDrawing = false
        for offset in range {
            guard let current = points[offset][keyPath: value], current.isFinite else {
                isDrawing = false
                continue
            }
            let x = DecimalText.trimmed(layout.xScale.position(layout.xCoordinates[offset]))
            let y = DecimalText.trimmed(layout.yScale.position(current))
            commands.append((isDrawing ? "L" : "M") + x + " " + y)
            isDrawing = true
        }
        return commands.joined(separator: " ")
    }

    /// Merges runs of horizontal moves into the last one (a constant limit is one segment).
    private static func compress(_ commands: [String]) -> String {
        var result: [String] = []
        for command in commands {
            if command.hasPrefix("H"), let last = result.last, last.hasPrefix("H") {
                result[result.count - 1] = command
            } else {
                result.append(command)
            }
        }
        return result.joined(separator: " ")
    }
}

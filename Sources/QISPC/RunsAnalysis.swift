import QIStatistics
import RealModule

/// Anhøj's runs analysis of one part (Anhøj & Olesen 2014, PLoS One 9:e113825).
///
/// Over the useful observations (included, non-missing points not on the centre line):
/// longest run = longest sequence on one side of the centre line; crossings = number of side
/// changes. Non-random variation if longest run > round(log2(n) + 3) or crossings <
/// qbinom(0.05, n - 1, 0.5), the 5 % quantile of Binomial(n - 1, 1/2).
enum RunsAnalysis {
    /// - Parameters:
    ///   - sides: +1 above, -1 below, 0 on the centre line, for each included, present point.
    static func summarise(part: Int, observations: Int, sides: [Int], centreLine: Double?) -> PartSummary {
        // One pass over the useful sides (points on the centre line skipped).
        var count = 0
        var longest = 0
        var current = 0
        var crossings = 0
        var previous = 0
        for side in sides where side != 0 {
            count += 1
            if side == previous {
                current += 1
            } else {
                if previous != 0 { crossings += 1 }
                current = 1
                previous = side
            }
            longest = max(longest, current)
        }
        guard centreLine != nil, count > 0 else {
            return PartSummary(part: part, observations: observations, usefulObservations: count,
                               longestRun: nil, longestRunMaximum: nil, crossings: nil, crossingsMinimum: nil,
                               runsSignal: false, centreLine: centreLine)
        }
        let longestMaximum = longestRunMaximum(usefulObservations: count)
        let crossingsMinimum = crossingsMinimum(usefulObservations: count)
        return PartSummary(part: part, observations: observations, usefulObservations: count,
                           longestRun: longest, longestRunMaximum: longestMaximum,
                           crossings: crossings, crossingsMinimum: crossingsMinimum,
                           runsSignal: longest > longestMaximum || crossings < crossingsMinimum,
                           centreLine: centreLine)
    }

    /// round(log2(n) + 3); log2(n) + 3 is never a half-integer for whole n, so R's
    /// round-half-even and ordinary rounding agree.
    static func longestRunMaximum(usefulObservations count: Int) -> Int {
        Int((Double.log2(Double(count)) + 3).rounded())
    }

    /// qbinom(0.05, n - 1, 0.5).
    static func crossingsMinimum(usefulObservations count: Int) -> Int {
        guard count > 1, let distribution = try? BinomialDistribution(trials: count - 1, probability: 0.5),
              let quantile = try? distribution.quantile(0.05) else { return 0 }
        return quantile
    }
}

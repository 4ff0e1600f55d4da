import Foundation

/// A synthetic long file of proportion series, the input of the SPC batch benchmark.
///
/// `series` series of `points` monthly points each: columns `practice` (P0000...), `metric`
/// (M0...M9), `period` (1...points), `numerator` and `denominator` (200 to 2,000), with each
/// series' rate fixed between 0.05 and 0.30 and the numerator within +/- 20 % of n * rate.
/// The figure is 10,000 x 100 = 1,000,000 rows (about 20 MB). Deterministic in
/// `seed` (SplitMix64).
public struct ProportionSeriesFile: Sendable, GeneratedFile {
    public static let standard = ProportionSeriesFile(series: 10_000, points: 100, seed: 0x5350_4320)

    public let series: Int
    public let points: Int
    public let seed: UInt64

    public init(series: Int, points: Int, seed: UInt64) {
        self.series = series
        self.points = points
        self.seed = seed
    }

    public var defaultPath: String {
        FileManager.default.temporaryDirectory.appendingPathComponent("qikit-benchmarks")
            .appendingPathComponent("proportions-\(series)x\(points)-seed-\(seed).csv").path
    }

    public func bytes() -> [UInt8] {
        var generator = SplitMix64(seed: seed)
        var text = "practice,metric,period,numerator,denominator\n"
        text.reserveCapacity(series * points * 22)
        for index in 0..<series {
            let rate = 0.05 + 0.25 * generator.nextUnitInterval()
            let practice = String(index / 10)
            let key = "P" + String(repeating: "0", count: max(0, 4 - practice.count)) + practice + ",M\(index % 10),"
            for point in 1...points {
                let denominator = 200 + Int(generator.next() % 1801)
                let numerator = Int(Double(denominator) * rate * (0.8 + 0.4 * generator.nextUnitInterval()))
                text += key + "\(point),\(numerator),\(denominator)\n"
            }
        }
        return Array(text.utf8)
    }

}

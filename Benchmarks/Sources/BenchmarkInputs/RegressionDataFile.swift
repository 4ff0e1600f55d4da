import Foundation
#if canImport(Glibc)
import Glibc
#endif
import QIData
import QIRegression

/// A synthetic regression data set written as CSV, read by QIKit's benchmarks and by the peer
/// scripts (`peers/regression_peers.R`, `peers/regression_peers.py`), so every tool fits the
/// same numbers.
///
/// Columns: `y` (0 or 1), `x1` … `xk` (uniform on [−√3, √3), unit variance, written with six
/// decimals so that every reader parses the same doubles), and for a mixed model `g`, the
/// group (`G0001` …, rows `i` in group `i mod groups`). True model: logit P(y = 1) =
/// −0.5 + Σⱼ βⱼxⱼ (+ b_g, b_g ~ N(0, 1) for the mixed model) with βⱼ cycling through
/// 0.3, −0.1, 0.1, −0.3. Drawn from SplitMix64 with a fixed seed (normals by Box–Muller), so
/// the bytes depend only on the shape and the seed.
public struct RegressionDataFile: Sendable, GeneratedFile {
    /// The logistic GLM of the speed target: 1,000,000 rows, 19 covariates plus the
    /// intercept, so p = 20 coefficients (about 170 MB of CSV).
    public static let logistic = RegressionDataFile(name: "logistic", rowCount: 1_000_000,
                                                    predictorCount: 19, groupCount: 0,
                                                    seed: 0x51_4B_69_74)
    /// The binomial GLMM of the speed target: 100,000 rows in 1,000 groups of 100,
    /// 4 covariates plus the intercept, one random intercept.
    public static let mixed = RegressionDataFile(name: "mixed", rowCount: 100_000,
                                                 predictorCount: 4, groupCount: 1_000,
                                                 seed: 0x51_4B_69_75)

    public let name: String
    public let rowCount: Int
    public let predictorCount: Int
    /// 0 for a GLM without groups.
    public let groupCount: Int
    public let seed: UInt64

    public init(name: String, rowCount: Int, predictorCount: Int, groupCount: Int, seed: UInt64) {
        self.name = name
        self.rowCount = rowCount
        self.predictorCount = predictorCount
        self.groupCount = groupCount
        self.seed = seed
    }

    public var predictorNames: [String] { (1...predictorCount).map { "x\($0)" } }

    /// The model as `qi fit` and R write it.
    public var formula: String {
        "y ~ " + predictorNames.joined(separator: " + ") + (groupCount > 0 ? " + (1 | g)" : "")
    }

    /// The true coefficients, intercept first.
    public var trueCoefficients: [Double] {
        [-0.5] + (0..<predictorCount).map { [0.3, -0.1, 0.1, -0.3][$0 % 4] }
    }

    /// Where the file is kept between runs.
    public var defaultPath: String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("qikit-benchmarks")
        return directory.appendingPathComponent("regression-\(name)-\(rowCount)-rows-seed-\(seed).csv").path
    }

    /// The file's bytes.
    public func bytes() -> [UInt8] {
        var generator = SplitMix64(seed: seed)
        func normal() -> Double {
            let u = 1 - generator.nextUnitInterval()
            let v = generator.nextUnitInterval()
            return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
        }
        let groupEffects = (0..<groupCount).map { _ in normal() }
        let beta = trueCoefficients
        var output: [UInt8] = []
        output.reserveCapacity(rowCount * (predictorCount * 10 + 8) + 64)
        let header = ["y"] + predictorNames + (groupCount > 0 ? ["g"] : [])
        output.append(contentsOf: Array(header.joined(separator: ",").utf8))
        output.append(UInt8(ascii: "\n"))
        var micros = [Int](repeating: 0, count: predictorCount)
        let scale = 3.0.squareRoot()
        for row in 0..<rowCount {
            var eta = beta[0]
            for j in 0..<predictorCount {
                micros[j] = Int((scale * (2 * generator.nextUnitInterval() - 1) * 1e6).rounded())
                eta += beta[j + 1] * Double(micros[j]) / 1e6
            }
            if groupCount > 0 { eta += groupEffects[row % groupCount] }
            let success = generator.nextUnitInterval() < 1 / (1 + exp(-eta))
            output.append(UInt8(ascii: success ? "1" : "0"))
            for value in micros {
                output.append(UInt8(ascii: ","))
                appendMicros(value, to: &output)
            }
            if groupCount > 0 {
                output.append(contentsOf: [UInt8(ascii: ","), UInt8(ascii: "G")])
                output.appendDigits(row % groupCount + 1, width: 4)
            }
            output.append(UInt8(ascii: "\n"))
        }
        return output
    }

    /// The design of ``formula`` on the file, read with QIKit's CSV reader as `qi fit` reads it.
    public func design(path: String? = nil) throws -> DesignMatrix {
        let existing = FileManager.default.fileExists(atPath: defaultPath) ? defaultPath : nil
        let table = try CSVReader.read(path: path ?? existing ?? write())
        var columns: [(name: String, column: ModelData.Column)] = []
        for name in ["y"] + predictorNames {
            columns.append((name, .numeric(try table.numbers(name))))
        }
        if groupCount > 0 { columns.append(("g", .text(try table.texts("g")))) }
        return try DesignMatrix(formula: try Formula(formula), data: ModelData(columns: columns))
    }

    /// A value in millionths as text: sign, integer part, six decimals.
    private func appendMicros(_ value: Int, to output: inout [UInt8]) {
        if value < 0 { output.append(UInt8(ascii: "-")) }
        let magnitude = abs(value)
        output.appendDigits(magnitude / 1_000_000, width: 1)
        output.append(UInt8(ascii: "."))
        output.appendDigits(magnitude % 1_000_000, width: 6)
    }

}

import Foundation

/// Reads the CSV reference files that the R scripts under `notebooks/reference/statistics/`
/// write, so that every expected value in these tests comes from outside the project.
enum ReferenceTables {
    /// The package root, three levels above this file
    /// (`<root>/Tests/QIStatisticsTests/ReferenceTables.swift`).
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()

    static func url(_ name: String) -> URL {
        packageRoot.appendingPathComponent("notebooks/reference/statistics/\(name)")
    }

    /// The data rows of a reference CSV, split on commas; comment lines (`#`) and the header
    /// are dropped. Fields are plain numbers and names, with no quoting.
    static func rows(_ name: String) -> [[String]] {
        guard let text = try? String(contentsOf: url(name), encoding: .utf8) else {
            return []
        }
        let lines = text.split(separator: "\n").filter { !$0.hasPrefix("#") }
        return lines.dropFirst().map { line in
            line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
    }

    /// One row of `distributions.csv` (written by `distributions.R`).
    struct DistributionValue: Sendable, CustomStringConvertible {
        var function: String
        var parameter1: Double
        var parameter2: Double?
        var argument: Double
        var value: Double

        var description: String {
            let second = parameter2.map { ", \($0)" } ?? ""
            return "R \(function)(\(argument), \(parameter1)\(second)) = \(value)"
        }
    }

    static let distributionValues: [DistributionValue] = rows("distributions.csv").map { fields in
        DistributionValue(
            function: fields[0], parameter1: Double(fields[1])!,
            parameter2: Double(fields[2]), argument: Double(fields[3])!,
            value: Double(fields[4])!)
    }

    /// The rows of `distributions.csv` for one R function, e.g. "pnorm" or "qbinom".
    static func distribution(_ function: String) -> [DistributionValue] {
        distributionValues.filter { $0.function == function }
    }
}

/// |actual - expected| <= tolerance * |expected| (with an absolute floor at 1e-300 for zero).
func relativeError(_ actual: Double, _ expected: Double) -> Double {
    if actual == expected { return 0 }
    return abs(actual - expected) / max(abs(expected), 1e-300)
}

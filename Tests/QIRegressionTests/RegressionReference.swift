import Foundation
import QIData
import QIRegression

/// Reference values computed by R and saved as JSON by the scripts in
/// notebooks/reference/regression/ (see its README for versions and calls), and the data
/// files those scripts wrote.
enum RegressionReference {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("notebooks/reference/regression")

    static func json(_ name: String) throws -> [String: Any] {
        let data = try Data(contentsOf: folder.appendingPathComponent("output/\(name).json"))
        return try JSONSerialization.jsonObject(with: data) as! [String: Any]
    }

    /// A CSV file read as `qi` reads it: a column whose values all parse as numbers is numeric.
    static func data(_ name: String) throws -> ModelData {
        try data(atPath: folder.appendingPathComponent("data/\(name).csv").path)
    }

    /// A CSV file anywhere, read as ``data(_:)`` reads one.
    static func data(atPath path: String) throws -> ModelData {
        let table = try CSVReader.read(path: path)
        var columns: [(name: String, column: ModelData.Column)] = []
        for name in table.header {
            if try table.kind(of: name) == .number {
                columns.append((name, .numeric(try table.numbers(name))))
            } else {
                columns.append((name, .text(try table.texts(name))))
            }
        }
        return ModelData(columns: columns)
    }

    /// A bundled data set in datasets/.
    static func dataset(_ name: String) throws -> ModelData {
        try data(atPath: folder.deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("datasets/\(name)").path)
    }

    static func number(_ value: Any?) -> Double? {
        guard let value, !(value is NSNull) else { return nil }
        return (value as? NSNumber)?.doubleValue
    }

    static func numbers(_ value: Any?) -> [Double?] {
        if let list = value as? [Any] { return list.map(number) }
        if let single = number(value) { return [single] }
        return []
    }

    static func strings(_ value: Any?) -> [String] {
        if let list = value as? [String] { return list }
        if let single = value as? String { return [single] }
        return []
    }
}

/// |actual - expected| <= tolerance * max(|expected|, floor): relative, with an absolute floor
/// for values near zero.
func isClose(_ actual: Double?, _ expected: Double?, relative tolerance: Double,
             floor: Double = 1e-12) -> Bool {
    switch (actual, expected) {
    case (nil, nil): return true
    case let (actual?, expected?):
        return abs(actual - expected) <= tolerance * max(abs(expected), floor)
    default: return false
    }
}

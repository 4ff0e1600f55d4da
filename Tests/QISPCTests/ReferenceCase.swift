import Foundation
import QISPC

/// A chart computed by an anchor (qicharts2, NHSRplotthedots or qcc) and saved as JSON by the
/// scripts in notebooks/reference/spc/ (see its README for versions and calls).
struct ReferenceCase {
    let name: String
    let json: [String: Any]

    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("notebooks/reference/spc/output")

    static func load(_ name: String) throws -> ReferenceCase {
        let data = try Data(contentsOf: folder.appendingPathComponent(name + ".json"))
        let object = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        return ReferenceCase(name: name, json: object)
    }

    static func all(prefix: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasPrefix(prefix) && $0.hasSuffix(".json") }
            .map { String($0.dropLast(5)) }.sorted()
    }

    var points: [[String: Any]] { json["points"] as! [[String: Any]] }
    var parts: [[String: Any]] { json["parts"] as? [[String: Any]] ?? [] }
    var options: [String: Any] { json["options"] as? [String: Any] ?? [:] }
    var chartName: String { json["chart"] as! String }

    static func number(_ value: Any?) -> Double? {
        guard let value, !(value is NSNull) else { return nil }
        return (value as? NSNumber)?.doubleValue
    }

    static func integers(_ value: Any?) -> [Int] {
        if let list = value as? [NSNumber] { return list.map(\.intValue) }
        if let single = value as? NSNumber { return [single.intValue] }
        return []
    }
}

/// Relative closeness for reference comparisons: |a - b| <= tolerance * max(1, |b|).
/// The anchors' JSON carries 15 significant digits (jsonlite), so 1e-10 is well inside it.
func isClose(_ actual: Double?, _ expected: Double?, tolerance: Double = 1e-10) -> Bool {
    switch (actual, expected) {
    case (nil, nil): return true
    case let (actual?, expected?): return abs(actual - expected) <= tolerance * max(1, abs(expected))
    default: return false
    }
}

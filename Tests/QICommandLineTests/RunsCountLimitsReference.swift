import Foundation

/// The IHI runs-count limits computed in R by notebooks/reference/spc/ihi_runs_limits.R.
enum RunsCountLimitsReference {
    static let limits: [Int: (lower: Int, upper: Int)] = {
        let file = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("notebooks/reference/spc/output/ihi_runs_limits.json")
        guard let data = try? Data(contentsOf: file),
              let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let rows = json["rows"] as? [[String: Any]] else { return [:] }
        var limits: [Int: (lower: Int, upper: Int)] = [:]
        for row in rows {
            if let count = row["useful_observations"] as? Int, let lower = row["lower"] as? Int, let upper = row["upper"] as? Int {
                limits[count] = (lower, upper)
            }
        }
        return limits
    }()
}

import Foundation
import SwiftCSV

/// SwiftCSV 0.10: the file as a `String`, rows as `[String]` (the enumerated view, without
/// the column dictionary, which is SwiftCSV's fastest path), then `Double(_:)` per cell.
public func readWithSwiftCSV(path: String) throws -> ColumnPair {
    let csv = try EnumeratedCSV(url: URL(fileURLWithPath: path), delimiter: .comma, loadColumns: false)
    guard let attendances = csv.header.firstIndex(of: "attendances") else { throw MissingColumnError(name: "attendances") }
    guard let breaches = csv.header.firstIndex(of: "breaches") else { throw MissingColumnError(name: "breaches") }
    return ColumnPair(attendances: csv.rows.map { Double($0[attendances]) },
                      breaches: csv.rows.map { Double($0[breaches]) })
}

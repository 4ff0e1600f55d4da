/// The readers compared, by the names the benchmarks and `csv-read-once` use.
public enum CSVLibrary: String, CaseIterable, Sendable {
    case qikit = "QIKit"
    case swiftCSV = "SwiftCSV"
    case csvSwift = "CSV.swift"

    /// Reads the `attendances` and `breaches` columns of the file at `path` as numbers.
    public func readColumns(path: String) throws -> ColumnPair {
        switch self {
        case .qikit: return try readWithQIKit(path: path)
        case .swiftCSV: return try readWithSwiftCSV(path: path)
        case .csvSwift: return try readWithCSVSwift(path: path)
        }
    }
}

/// The columns a model reads, validated at the input boundary: numbers or text, with `nil`
/// for a missing value. The command-line tool builds it from a CSV file (a column whose
/// non-missing values all parse as numbers is numeric, any other is text).
public struct ModelData: Sendable {
    /// One column's values, one per row.
    public enum Column: Sendable, Equatable {
        case numeric([Double?])
        case text([String?])

        var count: Int {
            switch self {
            case let .numeric(values): values.count
            case let .text(values): values.count
            }
        }
    }

    public let columns: [String: Column]
    /// The column names in their original order, for messages.
    public let columnOrder: [String]
    public let rowCount: Int

    /// Creates the data from named columns of equal length.
    ///
    /// - Precondition: every column has the same number of rows and names are unique.
    public init(columns: [(name: String, column: Column)]) {
        let rowCount = columns.first?.column.count ?? 0
        precondition(columns.allSatisfy { $0.column.count == rowCount },
                     "columns must have equal length")
        self.columns = Dictionary(uniqueKeysWithValues: columns.map { ($0.name, $0.column) })
        self.columnOrder = columns.map(\.name)
        self.rowCount = rowCount
    }

    func column(_ name: String) throws(ModelDataError) -> Column {
        guard let column = columns[name] else {
            throw .unknownColumn(name: name, available: columnOrder)
        }
        return column
    }
}

/// Typed access to a table's columns, validating every value once.
extension CSVTable {
    /// The values of a numeric column; nil where the cell is missing (empty or `NA`).
    ///
    /// - Throws: ``DataInputError/nonNumeric(file:row:column:value:)`` for text that is not a
    ///   decimal number, ``DataInputError/nonFiniteNumber(file:row:column:value:)`` for `NaN`,
    ///   `Inf` and values that overflow, naming the 1-based data row.
    public func numbers(_ column: String) throws(DataInputError) -> [Double?] {
        let decoded = try numberColumn(column)
        return (0..<rowCount).map { decoded[$0] }
    }

    /// A numeric column in compact form (9 bytes a row rather than 16), for large files.
    public func numberColumn(_ column: String) throws(DataInputError) -> NumberColumn {
        let index = try columnIndex(column)
        var values = [Double](repeating: 0, count: rowCount)
        var isPresent = [Bool](repeating: false, count: rowCount)
        for row in 0..<rowCount {
            let parsed: DecimalNumber.Parsed? = withField(row: row, column: index) { field, _ in
                CSVTable.isMissing(field) ? nil : DecimalNumber.parse(field)
            }
            switch parsed {
            case nil: continue
            case .number(let value):
                values[row] = value
                isPresent[row] = true
            case .notANumber:
                throw .nonNumeric(file: source, row: row + 1, column: column, value: text(row: row, column: index) ?? "")
            case .nonFinite:
                throw .nonFiniteNumber(file: source, row: row + 1, column: column, value: text(row: row, column: index) ?? "")
            }
        }
        return NumberColumn(values: values, isPresent: isPresent)
    }

    /// The values of a date column written `YYYY-MM-DD`; nil where the cell is missing.
    public func dates(_ column: String) throws(DataInputError) -> [ISODate?] {
        let index = try columnIndex(column)
        var values = [ISODate?](repeating: nil, count: rowCount)
        for row in 0..<rowCount {
            let isMissing = withField(row: row, column: index) { field, _ in CSVTable.isMissing(field) }
            if isMissing { continue }
            guard let date = withField(row: row, column: index, { field, _ in ISODate(asciiBytes: field) }) else {
                throw .invalidDate(file: source, row: row + 1, column: column, value: text(row: row, column: index) ?? "")
            }
            values[row] = date
        }
        return values
    }

    /// The text of every cell in a column; nil where the cell is missing.
    public func texts(_ column: String) throws(DataInputError) -> [String?] {
        let index = try columnIndex(column)
        return (0..<rowCount).map { text(row: $0, column: index) }
    }

    /// The text of one cell; nil when it is missing (empty or `NA`).
    public func text(row: Int, column: Int) -> String? {
        withField(row: row, column: column) { field, _ in
            CSVTable.isMissing(field) ? nil : String(decoding: field, as: UTF8.self)
        }
    }

    /// How a column's non-missing values read: all dates, else all numbers, else text.
    /// A column with no values at all reads as text.
    public func kind(of column: String) throws(DataInputError) -> ColumnKind {
        let index = try columnIndex(column)
        var couldBeDate = true
        var couldBeNumber = true
        var sawValue = false
        for row in 0..<rowCount where couldBeDate || couldBeNumber {
            withField(row: row, column: index) { field, _ in
                guard !CSVTable.isMissing(field) else { return }
                sawValue = true
                if couldBeDate, ISODate(asciiBytes: field) == nil { couldBeDate = false }
                if couldBeNumber, case .number = DecimalNumber.parse(field) {} else { couldBeNumber = false }
            }
        }
        guard sawValue else { return .text }
        return couldBeDate ? .date : (couldBeNumber ? .number : .text)
    }
}

/// What the values of a column are.
public enum ColumnKind: String, Sendable {
    case date, number, text
}

/// A numeric column in compact form: `values[row]` is meaningful only where `isPresent[row]`.
public struct NumberColumn: Sendable {
    public let values: [Double]
    public let isPresent: [Bool]

    public var count: Int { values.count }

    /// The value of a row, nil where the cell is missing.
    @inline(__always)
    public subscript(row: Int) -> Double? { isPresent[row] ? values[row] : nil }
}

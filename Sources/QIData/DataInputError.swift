/// What is wrong with an input file, with the evidence a user needs to fix it.
///
/// Rows are 1-based data rows (the first row after the header is row 1); columns are named
/// as they appear in the header. Every case's ``description`` says what to do next.
public enum DataInputError: Error, Sendable, Equatable, CustomStringConvertible {
    case fileNotFound(file: String)
    case unreadable(file: String, reason: String)
    case tooLarge(file: String, bytes: Int)
    case emptyFile(file: String)
    case noDataRows(file: String)
    case emptyHeaderName(file: String, columnNumber: Int)
    case duplicateHeader(file: String, name: String, columnNumbers: [Int])
    case raggedRow(file: String, row: Int, expected: Int, found: Int)
    case unterminatedQuote(file: String, row: Int)
    case textAfterClosingQuote(file: String, row: Int, column: String)
    case invalidUTF8(file: String, row: Int, column: String)
    case missingColumn(file: String, name: String, available: [String], suggestion: String?)
    case nonNumeric(file: String, row: Int, column: String, value: String)
    case nonFiniteNumber(file: String, row: Int, column: String, value: String)
    case invalidDate(file: String, row: Int, column: String, value: String)
    /// A value that parses but is not allowed where it is used (a negative count, y > n ...).
    case invalidValue(file: String, row: Int, column: String, value: String, reason: String)

    public var description: String {
        switch self {
        case .fileNotFound(let file):
            return "\(file): no such file. Check the path, or pass - to read standard input."
        case .unreadable(let file, let reason):
            return "\(file): cannot be read (\(reason)). Check the file's permissions."
        case .tooLarge(let file, let bytes):
            return "\(file): \(bytes) bytes is more than the 2 GiB a single input may hold; split the file by series."
        case .emptyFile(let file):
            return "\(file): the file is empty. Expected a header row followed by data rows."
        case .noDataRows(let file):
            return "\(file): the file has a header but no data rows. Add at least one data row."
        case .emptyHeaderName(let file, let columnNumber):
            return "\(file): header column \(columnNumber) has no name. Give every column a name."
        case .duplicateHeader(let file, let name, let columnNumbers):
            let numbers = columnNumbers.map(String.init).joined(separator: " and ")
            return "\(file): the header names column '\(name)' more than once (columns \(numbers)). Rename one of them."
        case .raggedRow(let file, let row, let expected, let found):
            return "\(file), row \(row): \(found) field\(found == 1 ? "" : "s") where the header has \(expected). Check for a missing or extra comma, or quote fields that contain commas."
        case .unterminatedQuote(let file, let row):
            return "\(file), row \(row): a quoted field is never closed. Add the closing double quote, and write a quote inside a field as two quotes (\"\")."
        case .textAfterClosingQuote(let file, let row, let column):
            return "\(file), row \(row), column '\(column)': text follows a closing quote. Quote the whole field and double any quote inside it (\"\")."
        case .invalidUTF8(let file, let row, let column):
            return "\(file), row \(row), column '\(column)': the text is not valid UTF-8. Save the file as UTF-8."
        case .missingColumn(let file, let name, let available, let suggestion):
            let hint = suggestion.map { " Did you mean '\($0)'?" } ?? ""
            let list = available.map { "'\($0)'" }.joined(separator: ", ")
            return "\(file): no column named '\(name)'.\(hint) The file has: \(list)."
        case .nonNumeric(let file, let row, let column, let value):
            return "\(file), row \(row), column '\(column)': '\(value)' is not a number. Use digits with an optional decimal point and exponent; leave the cell empty or write NA for a missing value."
        case .nonFiniteNumber(let file, let row, let column, let value):
            return "\(file), row \(row), column '\(column)': '\(value)' is not a finite number. Leave the cell empty or write NA for a missing value."
        case .invalidDate(let file, let row, let column, let value):
            return "\(file), row \(row), column '\(column)': '\(value)' is not a date. Write dates as YYYY-MM-DD."
        case .invalidValue(let file, let row, let column, let value, let reason):
            return "\(file), row \(row), column '\(column)': \(value) \(reason)"
        }
    }
}

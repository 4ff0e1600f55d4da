/// A parsed CSV file: its header and the position of every field, read on demand.
///
/// The table keeps the file's bytes and one 32-bit offset per row, so a file costs about its
/// own size plus four bytes a row (a field is found by stepping over the fields before it in
/// its row, which are short); typed columns (``numbers(_:)``, ``dates(_:)``,
/// ``texts(_:)``) are decoded and validated only when asked for. Build one with ``CSVReader``.
public struct CSVTable: Sendable {
    /// The name used in messages: the path as given, or `<stdin>`.
    public let source: String
    /// Column names in file order.
    public let header: [String]
    /// Number of data rows (the header excluded).
    public let rowCount: Int

    let bytes: [UInt8]
    /// Byte offset where each data row starts. A field that starts with `"` is quoted.
    let rowStarts: [UInt32]

    init(source: String, header: [String], bytes: [UInt8], rowStarts: [UInt32]) {
        self.source = source
        self.header = header
        self.bytes = bytes
        self.rowStarts = rowStarts
        self.rowCount = rowStarts.count
    }

    /// The position of the column called `name`.
    ///
    /// - Throws: ``DataInputError/missingColumn(file:name:available:suggestion:)`` listing the
    ///   columns the file has and the nearest name.
    public func columnIndex(_ name: String) throws(DataInputError) -> Int {
        if let index = header.firstIndex(of: name) { return index }
        throw .missingColumn(file: source, name: name, available: header,
                             suggestion: NearestName.closest(to: name, among: header))
    }

    /// Calls `body` with the raw bytes of a field, unescaped when it was quoted.
    func withField<Result>(row: Int, column: Int,
                           _ body: (UnsafeBufferPointer<UInt8>, _ wasQuoted: Bool) -> Result) -> Result {
        return bytes.withUnsafeBufferPointer { all in
            let start = CSVReader.fieldStart(all, rowStart: Int(rowStarts[row]), column: column)
            if start < all.count, all[start] == CSVReader.quote {
                let unescaped = CSVReader.fieldContent(all, from: start)
                return unescaped.withUnsafeBufferPointer { body($0, true) }
            }
            let end = CSVReader.unquotedFieldEnd(all, from: start)
            return body(UnsafeBufferPointer(rebasing: all[start..<end]), false)
        }
    }

    /// True when a field is missing: empty, or the text `NA` (quoted or not).
    static func isMissing(_ field: UnsafeBufferPointer<UInt8>) -> Bool {
        field.isEmpty || (field.count == 2 && field[0] == UInt8(ascii: "N") && field[1] == UInt8(ascii: "A"))
    }
}

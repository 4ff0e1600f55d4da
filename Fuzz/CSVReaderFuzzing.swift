// libFuzzer entry point for QIData's CSV reader, built by run.sh together with the QIData
// sources as one module (so no import). Any bytes may come in: parsing errors and typed-column
// errors are expected answers; a crash, a sanitizer report or a broken invariant is a bug.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSVReader(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    guard let table = try? CSVReader.parse(bytes, source: "fuzz.csv") else { return 0 }
    precondition(!table.header.isEmpty && table.rowCount > 0, "a parsed table has a header and rows")
    for column in table.header {
        if let texts = try? table.texts(column) { precondition(texts.count == table.rowCount) }
        if let numbers = try? table.numbers(column) {
            precondition(numbers.count == table.rowCount)
            precondition(numbers.allSatisfy { $0?.isFinite ?? true }, "numbers are finite")
        }
        if let dates = try? table.dates(column) {
            precondition(dates.count == table.rowCount)
            for date in dates.compactMap({ $0 }) {
                precondition(ISODate(date.description) == date, "a date survives its own text")
            }
        }
        _ = try? table.kind(of: column)
    }
    return 0
}

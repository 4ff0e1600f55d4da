import QIData

/// QIData's reader: the whole file, then the two columns decoded and validated as numbers.
public func readWithQIKit(path: String) throws -> ColumnPair {
    let table = try CSVReader.read(path: path)
    return ColumnPair(attendances: try table.numbers("attendances"), breaches: try table.numbers("breaches"))
}

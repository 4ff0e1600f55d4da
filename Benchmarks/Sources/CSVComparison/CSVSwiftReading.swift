import CSV
import Foundation

/// CSV.swift 2.5 (yaslab): rows streamed from an `InputStream` as `[String]`, then
/// `Double(_:)` per cell.
///
/// On Linux, Foundation's `InputStream.hasBytesAvailable` stays true at the end of a file until
/// a read returns 0, so CSV.swift records `CSVError.cannotReadFile` after the last row even
/// though every row was read; that one error, with the stream at its end, is not a failure.
public func readWithCSVSwift(path: String) throws -> ColumnPair {
    guard let stream = InputStream(fileAtPath: path) else { throw CocoaError(.fileNoSuchFile) }
    let reader = try CSVReader(stream: stream, hasHeaderRow: true)
    let header = reader.headerRow ?? []
    guard let attendances = header.firstIndex(of: "attendances") else { throw MissingColumnError(name: "attendances") }
    guard let breaches = header.firstIndex(of: "breaches") else { throw MissingColumnError(name: "breaches") }
    var attendanceValues: [Double?] = []
    var breachValues: [Double?] = []
    while let row = reader.next() {
        attendanceValues.append(Double(row[attendances]))
        breachValues.append(Double(row[breaches]))
    }
    if let error = reader.error {
        let isEndOfFile = stream.streamStatus == .atEnd
            && (error as? CSVError).map { if case .cannotReadFile = $0 { true } else { false } } == true
        if !isEndOfFile { throw error }
    }
    return ColumnPair(attendances: attendanceValues, breaches: breachValues)
}

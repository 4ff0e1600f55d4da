// One whole process per read, for `hyperfine`: startup, reading and decoding together.
//   csv-read-once generate [PATH]      writes the benchmark file, prints its path
//   csv-read-once LIBRARY [PATH]       reads it with QIKit, SwiftCSV or CSV.swift and prints
//                                      the two column totals, so runs can be compared
import BenchmarkInputs
import CSVComparison
import Foundation

func exitWithMessage(_ message: String, status: Int32) -> Never {
    FileHandle.standardError.write(Data("csv-read-once: \(message)\n".utf8))
    exit(status)
}

let arguments = CommandLine.arguments.dropFirst()
guard let command = arguments.first else {
    let names = CSVLibrary.allCases.map(\.rawValue).joined(separator: "|")
    exitWithMessage("usage: csv-read-once generate|\(names) [PATH]", status: 2)
}
let file = AttendanceFile.standard
let path = arguments.dropFirst().first ?? file.defaultPath
do {
    if command == "generate" {
        print(try file.write(to: path))
    } else if let library = CSVLibrary(rawValue: command) {
        let totals = try library.readColumns(path: path).totals
        print("\(library.rawValue): attendances \(Int(totals.attendances)), breaches \(Int(totals.breaches))")
    } else {
        exitWithMessage("unknown command '\(command)'", status: 2)
    }
} catch {
    exitWithMessage("\(error)", status: 1)
}

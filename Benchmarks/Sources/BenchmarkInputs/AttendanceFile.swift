import Foundation

/// A synthetic file of monthly emergency-department attendances, the benchmark input.
///
/// Columns: `period` (ISO date, the first of a month), `org_code` (a letter and four digits),
/// `type` (`T1`, `T2` or `T3`), and the counts `attendances` (0 to 9,999), `breaches` and
/// `admissions` (each at most a fifth and a quarter of attendances). At 1,000,000 rows the
/// file is about 33 MB. The bytes depend only on `rowCount` and `seed`, so every run and
/// every reader sees the same file.
public struct AttendanceFile: Sendable, GeneratedFile {
    public static let header = ["period", "org_code", "type", "attendances", "breaches", "admissions"]
    /// The file the issue's speed target names: 1,000,000 rows of 6 columns, about 30 MB.
    public static let standard = AttendanceFile(rowCount: 1_000_000, seed: 0x51_4B_69_74)

    public let rowCount: Int
    public let seed: UInt64

    public init(rowCount: Int, seed: UInt64) {
        self.rowCount = rowCount
        self.seed = seed
    }

    /// Where the file is kept between runs: the temporary directory, named by rows and seed.
    public var defaultPath: String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("qikit-benchmarks")
        return directory.appendingPathComponent("attendances-\(rowCount)-rows-seed-\(seed).csv").path
    }

    /// The file's bytes.
    public func bytes() -> [UInt8] {
        var generator = SplitMix64(seed: seed)
        var output: [UInt8] = []
        output.reserveCapacity(rowCount * 34 + 64)
        output.append(contentsOf: Array(Self.header.joined(separator: ",").utf8))
        output.append(UInt8(ascii: "\n"))
        let months = 120
        let periods: [[UInt8]] = (0..<months).map { month in
            let year = 2010 + month / 12
            let monthOfYear = month % 12 + 1
            return Array("\(year)-\(monthOfYear < 10 ? "0" : "")\(monthOfYear)-01".utf8)
        }
        for row in 0..<rowCount {
            output.append(contentsOf: periods[row * months / max(rowCount, 1)])
            output.append(UInt8(ascii: ","))
            output.append(UInt8(ascii: "A") + UInt8(generator.next() % 26))
            output.appendDigits(Int(generator.next() % 10_000), width: 4)
            output.append(contentsOf: [UInt8(ascii: ","), UInt8(ascii: "T"), UInt8(ascii: "1") + UInt8(generator.next() % 3)])
            let attendances = Int(generator.next() % 10_000)
            for count in [attendances, Int(generator.next() % UInt64(attendances / 5 + 1)),
                          Int(generator.next() % UInt64(attendances / 4 + 1))] {
                output.append(UInt8(ascii: ","))
                output.appendDigits(count, width: 1)
            }
            output.append(UInt8(ascii: "\n"))
        }
        return output
    }

}

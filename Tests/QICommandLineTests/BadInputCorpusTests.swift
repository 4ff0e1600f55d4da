import Foundation
import Testing

/// Every documented bad input, end to end through `qi`: the exit code, a message on standard
/// error that names the file, row and column and says what to do, and nothing on standard
/// output (INTERFACE.md, "Conventions for every command").
struct BadInputCorpusTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let file: String
        let arguments: [String]
        let exitCode: Int32
        let messageParts: [String]
        var testDescription: String { file }
    }

    static let pChart = ["--chart", "p", "--y", "deaths", "--n", "births", "--x", "date"]

    static let cases: [Case] = [
        Case(file: "missing.csv", arguments: pChart, exitCode: 1, messageParts: ["missing.csv", "no such file"]),
        Case(file: "empty.csv", arguments: pChart, exitCode: 1, messageParts: ["empty.csv", "empty", "header row"]),
        Case(file: "header-only.csv", arguments: pChart, exitCode: 1, messageParts: ["header-only.csv", "no data rows"]),
        Case(file: "ragged.csv", arguments: pChart, exitCode: 1, messageParts: ["ragged.csv", "row 2", "2 fields", "header has 3"]),
        Case(file: "unterminated-quote.csv", arguments: pChart, exitCode: 1, messageParts: ["unterminated-quote.csv", "row 1", "never closed"]),
        Case(file: "invalid-utf8.csv", arguments: pChart, exitCode: 1, messageParts: ["invalid-utf8.csv", "row 2", "'note'", "UTF-8"]),
        Case(file: "duplicate-header.csv", arguments: pChart, exitCode: 1, messageParts: ["duplicate-header.csv", "'births'", "columns 2 and 3"]),
        Case(file: "non-numeric.csv", arguments: pChart, exitCode: 1, messageParts: ["non-numeric.csv", "row 2", "'births'", "'ten'", "not a number"]),
        Case(file: "nan.csv", arguments: pChart, exitCode: 1, messageParts: ["nan.csv", "row 2", "'deaths'", "'NaN'", "not a finite number"]),
        Case(file: "inf.csv", arguments: pChart, exitCode: 1, messageParts: ["inf.csv", "row 3", "'births'", "'-Inf'"]),
        Case(file: "bad-date.csv", arguments: pChart, exitCode: 1, messageParts: ["bad-date.csv", "row 2", "'date'", "2020-02-30", "YYYY-MM-DD"]),
        Case(file: "y-exceeds-n.csv", arguments: pChart, exitCode: 1, messageParts: ["y-exceeds-n.csv", "row 2", "column 'deaths'", "exceeds the denominator"]),
        Case(file: "negative-count.csv", arguments: pChart, exitCode: 1, messageParts: ["negative-count.csv", "row 2", "column 'deaths'", "negative"]),
        Case(file: "negative-denominator.csv", arguments: pChart, exitCode: 1,
             messageParts: ["negative-denominator.csv", "row 2", "column 'births'", "negative"]),
        Case(file: "too-few-points.csv", arguments: pChart, exitCode: 1, messageParts: ["too-few-points.csv", "at least 2", "found 1"]),
        Case(file: "duplicate-x.csv", arguments: pChart, exitCode: 1, messageParts: ["duplicate-x.csv", "row 3", "'date'", "2020-02-01", "appears twice"]),
        Case(file: "missing-x.csv", arguments: pChart, exitCode: 1, messageParts: ["missing-x.csv", "row 2", "'date'", "x value"]),
        Case(file: "bom-crlf.csv", arguments: ["--chart", "p", "--y", "deaths", "--n", "birth"], exitCode: 1,
             messageParts: ["no column named 'birth'", "Did you mean 'births'?", "'date', 'births', 'deaths'"]),
        Case(file: "bom-crlf.csv", arguments: ["--chart", "i", "--y", "deaths", "--target", "3"], exitCode: 2,
             messageParts: ["--target", "--rules mdc"]),
        Case(file: "bom-crlf.csv", arguments: ["--chart", "p", "--y", "deaths"], exitCode: 2, messageParts: ["needs a denominator", "--n"]),
        Case(file: "bom-crlf.csv", arguments: ["--chart", "zz", "--y", "deaths"], exitCode: 2, messageParts: ["zz"]),
        Case(file: "bom-crlf.csv", arguments: ["--chart", "i", "--y", "deaths", "--bogus"], exitCode: 2, messageParts: ["--bogus"]),
        Case(file: "bom-crlf.csv", arguments: ["--chart", "i", "--y", "deaths", "--exclude", "9"], exitCode: 1,
             messageParts: ["--exclude", "subgroup 9", "3 subgroups"]),
        Case(file: "bom-crlf.csv", arguments: ["--chart", "i", "--y", "deaths", "--exclude", "x"], exitCode: 2, messageParts: ["--exclude", "'x'"]),
    ]

    @Test(arguments: cases)
    func badInputExitsWithAClearMessageAndNoOutput(_ testCase: Case) throws {
        let outcome = try QIProcess.run(["spc", QIProcess.corpusFile(testCase.file)] + testCase.arguments)
        #expect(outcome.exitCode == testCase.exitCode, "\(outcome.standardError)")
        #expect(outcome.standardOutput.isEmpty)
        for part in testCase.messageParts {
            #expect(outcome.standardError.contains(part), "stderr lacks '\(part)': \(outcome.standardError)")
        }
    }

    @Test func aFailedRunLeavesNoOutputFileBehind() throws {
        let folder = try QIProcess.temporaryFolder()
        let target = folder.appendingPathComponent("result.json")
        let outcome = try QIProcess.run(["spc", QIProcess.corpusFile("y-exceeds-n.csv")] + Self.pChart + ["--output", target.path])
        #expect(outcome.exitCode == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    @Test func aFailedRunKeepsAnEarlierOutputFileUntouched() throws {
        let folder = try QIProcess.temporaryFolder()
        let target = folder.appendingPathComponent("result.json")
        try Data("earlier".utf8).write(to: target)
        _ = try QIProcess.run(["spc", QIProcess.corpusFile("nan.csv")] + Self.pChart + ["--output", target.path])
        #expect(try String(contentsOf: target, encoding: .utf8) == "earlier")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["result.json"])
    }

    @Test func aZeroDenominatorLeavesAGapWithAWarning() throws {
        let outcome = try QIProcess.run(["spc", QIProcess.corpusFile("zero-denominator.csv")] + Self.pChart + ["--format", "json"])
        #expect(outcome.exitCode == 0, "\(outcome.standardError)")
        let json = try JSONSerialization.jsonObject(with: Data(outcome.standardOutput.utf8)) as! [String: Any]
        let series = (json["series"] as! [[String: Any]])[0]
        let points = series["points"] as! [[String: Any]]
        #expect(points[1]["y"] is NSNull)
        #expect(points[1]["cl"] is NSNull == false)
        #expect((series["warnings"] as! [String]).contains { $0.contains("denominator of 0") })
    }
}

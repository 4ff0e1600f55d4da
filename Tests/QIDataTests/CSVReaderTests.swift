import Testing
@testable import QIData

private func table(_ text: String) throws -> CSVTable {
    try CSVReader.parse(Array(text.utf8), source: "test.csv")
}

private func error(_ text: String) -> DataInputError? {
    do { _ = try table(text); return nil } catch let failure as DataInputError { return failure } catch { return nil }
}

@Test func quotedFieldsKeepCommasNewlinesAndDoubledQuotes() throws {
    let parsed = try table("name,note\n\"Smith, J\",\"said \"\"hi\"\"\nthen left\"\nLee,plain\n")
    #expect(parsed.header == ["name", "note"])
    #expect(parsed.rowCount == 2)
    #expect(try parsed.texts("name") == ["Smith, J", "Lee"])
    #expect(try parsed.texts("note") == ["said \"hi\"\nthen left", "plain"])
}

@Test func byteOrderMarkAndCRLFAreAccepted() throws {
    let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("a,b\r\n1,2\r\n3,4".utf8)
    let parsed = try CSVReader.parse(bytes, source: "bom.csv")
    #expect(parsed.header == ["a", "b"])
    #expect(try parsed.numbers("b") == [2, 4])
}

@Test func emptyCellsAndNAAreMissing() throws {
    let parsed = try table("x,y\n1,\n2,NA\n3,\"NA\"\n4,5\n")
    #expect(try parsed.numbers("y") == [nil, nil, nil, 5])
}

@Test func blankLinesAreSkipped() throws {
    let parsed = try table("x\n\n1\n\n2\n\n")
    #expect(try parsed.numbers("x") == [1, 2])
}

@Test func raggedRowNamesTheRowAndCounts() {
    #expect(error("a,b\n1,2\n3\n") == .raggedRow(file: "test.csv", row: 2, expected: 2, found: 1))
    #expect(error("a,b\n1,2,3\n") == .raggedRow(file: "test.csv", row: 1, expected: 2, found: 3))
}

@Test func unterminatedQuoteIsReported() {
    #expect(error("a,b\n1,\"open\n2,3\n") == .unterminatedQuote(file: "test.csv", row: 1))
}

@Test func textAfterClosingQuoteIsReported() {
    #expect(error("a,b\n1,\"x\"y\n") == .textAfterClosingQuote(file: "test.csv", row: 1, column: "b"))
}

@Test func invalidUTF8NamesRowAndColumn() {
    let bytes = Array("a,b\n1,ok\n2,".utf8) + [0xC3, 0x28] + Array("\n".utf8)
    #expect(throws: DataInputError.invalidUTF8(file: "bad.csv", row: 2, column: "b")) {
        try CSVReader.parse(bytes, source: "bad.csv")
    }
}

@Test func validMultibyteUTF8IsKept() throws {
    #expect(try table("name\nAnhøj\n").texts("name") == ["Anhøj"])
}

@Test func emptyFileHeaderOnlyAndDuplicateHeaderAreErrors() {
    #expect(error("") == .emptyFile(file: "test.csv"))
    #expect(error("\n\n") == .emptyFile(file: "test.csv"))
    #expect(error("a,b\n") == .noDataRows(file: "test.csv"))
    #expect(error("a,b,a\n1,2,3\n") == .duplicateHeader(file: "test.csv", name: "a", columnNumbers: [1, 3]))
    #expect(error("a,,c\n1,2,3\n") == .emptyHeaderName(file: "test.csv", columnNumber: 2))
}

@Test func missingColumnListsColumnsAndSuggestsTheNearest() throws {
    let parsed = try table("births,deaths\n1,2\n")
    #expect(throws: DataInputError.missingColumn(file: "test.csv", name: "birth",
                                                 available: ["births", "deaths"], suggestion: "births")) {
        try parsed.numbers("birth")
    }
    #expect(throws: DataInputError.missingColumn(file: "test.csv", name: "zzz",
                                                 available: ["births", "deaths"], suggestion: nil)) {
        try parsed.numbers("zzz")
    }
}

@Test func nonNumericAndNonFiniteValuesNameRowColumnAndValue() throws {
    let parsed = try table("y\n1\nabc\n")
    #expect(throws: DataInputError.nonNumeric(file: "test.csv", row: 2, column: "y", value: "abc")) {
        try parsed.numbers("y")
    }
    for word in ["NaN", "inf", "-Inf", "INFINITY", "1e400"] {
        let withWord = try table("y\n1\n\(word)\n")
        #expect(throws: DataInputError.nonFiniteNumber(file: "test.csv", row: 2, column: "y", value: word)) {
            try withWord.numbers("y")
        }
    }
}

@Test func datesAreValidatedAndOrdered() throws {
    let parsed = try table("d\n2019-03-01\n\n2019-02-28\n")
    let dates = try parsed.dates("d")
    #expect(dates.map { $0?.description } == ["2019-03-01", "2019-02-28"])
    #expect(dates[1]! < dates[0]!)
    let bad = try table("d\n2019-02-29\n")
    #expect(throws: DataInputError.invalidDate(file: "test.csv", row: 1, column: "d", value: "2019-02-29")) {
        try bad.dates("d")
    }
}

@Test func columnKindPrefersDatesThenNumbersThenText() throws {
    let parsed = try table("d,n,t,e\n2019-01-01,1,a,\nNA,2.5,3,\n")
    #expect(try parsed.kind(of: "d") == .date)
    #expect(try parsed.kind(of: "n") == .number)
    #expect(try parsed.kind(of: "t") == .text)
    #expect(try parsed.kind(of: "e") == .text)
}

@Test func missingFileIsReported() {
    #expect(throws: DataInputError.fileNotFound(file: "/nonexistent/x.csv")) {
        try CSVReader.read(path: "/nonexistent/x.csv")
    }
}

/// Files of more than a megabyte without quotes are scanned in pieces on several threads:
/// the rows must be those of the serial scan (forced here by one quoted field at the very
/// end), blank lines and CRLF at the cuts included, and errors must carry the serial scan's
/// row numbers.
@Suite struct CSVReaderPieceTests {
    static func rows(_ count: Int, lineEnd: String) -> String {
        var text = "practice,period,value" + lineEnd
        for row in 0..<count {
            text += "P\(row % 97),\(row),\(Double(row) / 7)" + lineEnd
            if row % 5_000 == 0 { text += lineEnd }
        }
        return text
    }

    @Test(arguments: ["\n", "\r\n"])
    func piecesGiveTheRowsOfTheSerialScan(lineEnd: String) throws {
        let text = Self.rows(120_000, lineEnd: lineEnd)
        #expect(text.utf8.count > 2 * (1 << 20))
        let pieces = try CSVReader.parse(Array(text.utf8), source: "pieces.csv")
        let serial = try CSVReader.parse(Array((text + "\"P0\",-1,0" + lineEnd).utf8), source: "serial.csv")
        #expect(pieces.rowCount == 120_000)
        #expect(serial.rowCount == 120_001)
        #expect(pieces.rowStarts == Array(serial.rowStarts.dropLast()))
        for row in [0, 1, 59_999, 60_000, 60_001, 119_999] {
            for column in 0..<3 {
                #expect(pieces.text(row: row, column: column) == serial.text(row: row, column: column))
            }
        }
    }

    @Test func aRaggedRowLateInTheFileIsReportedWithItsRowNumber() {
        let text = Self.rows(120_000, lineEnd: "\n") + "P1,2\n"
        #expect(throws: DataInputError.raggedRow(file: "late.csv", row: 120_001, expected: 3, found: 2)) {
            try CSVReader.parse(Array(text.utf8), source: "late.csv")
        }
    }
}

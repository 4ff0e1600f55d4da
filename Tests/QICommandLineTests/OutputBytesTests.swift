@testable import QICommandLine
import Testing

/// The number text of JSON and CSV output: integers as Swift's `description` writes them,
/// doubles in the shortest form that reads back to the same value, never `NaN`.
@Suite struct OutputBytesTests {
    @Test(arguments: [Int64.min, -1_234_567, -10, -1, 0, 1, 9, 10, 99, 100, 4_503_599_627_370_496, Int64.max])
    func integersMatchTheirDescription(value: Int64) {
        var output = OutputBytes(capacity: 1)
        output.appendInteger(value)
        #expect(String(decoding: output.bytes, as: UTF8.self) == value.description)
    }

    @Test func numbersRoundTripAndWholeNumbersHaveNoDecimalPoint() {
        for value in [0.1, -2.5e-300, 1.0 / 3, 123_456_789.125, 1e22] {
            #expect(Double(OutputBytes.text(value)) == value)
        }
        #expect(OutputBytes.text(42) == "42")
        #expect(OutputBytes.text(-0.0) == "0")
        // Whole numbers below 2^53 as integers; from 2^53 on, and for fractions, the standard
        // library's shortest round-trip text.
        #expect(OutputBytes.text(-3) == "-3")
        #expect(OutputBytes.text(1e15) == "1000000000000000")
        #expect(OutputBytes.text(9_007_199_254_740_991) == "9007199254740991")
        #expect(OutputBytes.text(-9_007_199_254_740_991) == "-9007199254740991")
        for value in [9_007_199_254_740_992.0, -9_007_199_254_740_992, 0.5, -2.25, 1e300] {
            #expect(OutputBytes.text(value) == value.description)
        }
        var output = OutputBytes()
        output.appendNumber(.nan)
        output.appendNumber(nil)
        #expect(String(decoding: output.bytes, as: UTF8.self) == "nullnull")
    }
}

extension OutputBytesTests {
    @Test func repeatedNumbersAreCopiedAsTheSameText() {
        var (plain, copied) = (OutputBytes(), OutputBytes(capacity: 1))
        var last = OutputBytes.RepeatedNumber()
        for value in [0.1, 0.1, 0.1, nil, 0.1, 2.0 / 3, 2.0 / 3, 0.0, -0.0, 0.0, .nan] as [Double?] {
            plain.appendNumber(value)
            plain.append(",")
            copied.appendNumber(value, repeating: &last)
            copied.append(",")
        }
        #expect(String(decoding: copied.bytes, as: UTF8.self) == String(decoding: plain.bytes, as: UTF8.self))
    }
}

extension OutputBytesTests {
    @Test func jsonStringsEscapeQuotesBackslashesAndControlCharacters() {
        var output = OutputBytes(capacity: 1)
        output.appendJSONStrings(["plain", "a \"b\" \\ c", "line\nfeed\ttab\r\u{01}", "Ærø – ok", ""])
        output.appendJSONString(nil)
        #expect(String(decoding: output.bytes, as: UTF8.self)
            == #""plain","a \"b\" \\ c","line\nfeed\ttab\r\u0001","Ærø – ok",""null"#)
    }
}

import Testing
@testable import QIData
#if canImport(Glibc)
import Glibc
#endif

@Test func decimalNumbersParseExactly() {
    let cases: [(String, Double)] = [
        ("0", 0), ("-0", -0.0), ("12", 12), ("+3.5", 3.5), ("0.1", 0.1), ("1e-3", 0.001),
        ("  7 ", 7), ("1.5E+2", 150), ("000123.4500", 123.45), (".5", 0.5), ("5.", 5),
        ("123456789012345678901234567890", 123456789012345678901234567890.0),
        ("2.2250738585072014e-308", 2.2250738585072014e-308),
        ("0.30000000000000004", 0.30000000000000004),
    ]
    for (text, expected) in cases {
        #expect(DecimalNumber.parse(text) == .number(expected), "\(text)")
    }
}

@Test func decimalParsingAgreesWithStrtodOnRandomValues() {
    // strtod (glibc) rounds correctly: it is the reference for the fast path.
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<20_000 {
        let significand = UInt64.random(in: 0...999_999_999_999_999, using: &generator)
        let exponent = Int.random(in: -30...30, using: &generator)
        let text = "\(significand)e\(exponent)"
        let expected = text.withCString { strtod($0, nil) }
        #expect(DecimalNumber.parse(text) == .number(expected), "\(text)")
    }
}

@Test func nonNumbersAndNonFiniteWordsAreRejected() {
    for text in ["", "abc", "1,000", "0x10", "1e", "--1", "1.2.3", "e5", "."] {
        #expect(DecimalNumber.parse(text) == .notANumber, "\(text)")
    }
    for text in ["NaN", "nan", "Inf", "-inf", "Infinity", "1e999"] {
        #expect(DecimalNumber.parse(text) == .nonFinite, "\(text)")
    }
}

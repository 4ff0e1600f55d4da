@testable import QIRendering
import Testing

struct DecimalTextTests {
    @Test func fixedDecimalsRoundHalfAwayFromZero() {
        #expect(DecimalText.fixed(2.345, decimals: 1) == "2.3")
        #expect(DecimalText.fixed(2.25, decimals: 1) == "2.3")
        #expect(DecimalText.fixed(-2.25, decimals: 1) == "-2.3")
        #expect(DecimalText.fixed(0.05, decimals: 2) == "0.05")
        #expect(DecimalText.fixed(12, decimals: 0) == "12")
        #expect(DecimalText.fixed(7, decimals: 3) == "7.000")
    }

    @Test func negativeZeroIsWrittenAsZero() {
        #expect(DecimalText.fixed(-0.0001, decimals: 2) == "0.00")
        #expect(DecimalText.trimmed(-0.0001) == "0")
    }

    @Test func trimmedDropsTrailingZerosAndThePoint() {
        #expect(DecimalText.trimmed(12.5) == "12.5")
        #expect(DecimalText.trimmed(12.0) == "12")
        #expect(DecimalText.trimmed(0.256) == "0.26")
        #expect(DecimalText.trimmed(100) == "100")
    }

    @Test func decimalExponentIsFloorOfLog10() {
        #expect(DecimalText.decimalExponent(1) == 0)
        #expect(DecimalText.decimalExponent(9.99) == 0)
        #expect(DecimalText.decimalExponent(10) == 1)
        #expect(DecimalText.decimalExponent(0.05) == -2)
        #expect(DecimalText.decimalExponent(-250) == 2)
    }

    @Test func significantKeepsAboutThreeFigures() {
        #expect(DecimalText.significant(0.1234) == "0.123")
        #expect(DecimalText.significant(12.345) == "12.3")
        #expect(DecimalText.significant(1234.5) == "1235")
        #expect(DecimalText.significant(0) == "0")
    }
}

import QIRendering
import Testing

struct ChartDateTests {
    @Test func dayNumbersCountFromTheUnixEpoch() {
        #expect(ChartDate(year: 1970, month: 1, day: 1).daysSinceEpoch == 0)
        #expect(ChartDate(year: 2000, month: 3, day: 1).daysSinceEpoch == 11_017)
        #expect(ChartDate(year: 1969, month: 12, day: 31).daysSinceEpoch == -1)
        // 129 years of 365 days and 31 leap days (1844...1968 less 1900) before 1970.
        #expect(ChartDate(year: 1841, month: 1, day: 1).daysSinceEpoch == -47_116)
    }

    @Test func consecutiveDaysDifferByOneAcrossMonthAndLeapDayBoundaries() {
        #expect(ChartDate(year: 2020, month: 3, day: 1).daysSinceEpoch - ChartDate(year: 2020, month: 2, day: 29).daysSinceEpoch == 1)
        #expect(ChartDate(year: 2019, month: 1, day: 1).daysSinceEpoch - ChartDate(year: 2018, month: 12, day: 31).daysSinceEpoch == 1)
    }

    @Test func isoTextPadsItsFields() {
        #expect(ChartDate(year: 847, month: 6, day: 1).isoText == "0847-06-01")
    }
}

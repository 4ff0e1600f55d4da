import QIRendering
import Testing

struct DateTicksTests {
    @Test func threeYearsOfMonthsOnAWideAxisTickQuarterly() {
        let first = ChartDate(year: 2016, month: 4, day: 1)
        let last = ChartDate(year: 2019, month: 3, day: 1)
        let days = Double(last.daysSinceEpoch - first.daysSinceEpoch)
        let ticks = DateTicks(from: first, to: last, pixelsPerDay: 640 / days, characterWidth: 6.8).ticks
        // 8-character labels need about 68 px; a quarter is about 53 px here, half a year 106 px.
        #expect(ticks.map(\.label) == ["Jul 2016", "Jan 2017", "Jul 2017", "Jan 2018", "Jul 2018", "Jan 2019"])
    }

    @Test func eightYearsTickYearly() {
        let first = ChartDate(year: 1841, month: 1, day: 1)
        let last = ChartDate(year: 1849, month: 3, day: 1)
        let days = Double(last.daysSinceEpoch - first.daysSinceEpoch)
        let ticks = DateTicks(from: first, to: last, pixelsPerDay: 640 / days, characterWidth: 6.8).ticks
        #expect(ticks.map(\.label) == (1841...1849).map(String.init))
        #expect(ticks.first?.day == first.daysSinceEpoch)
    }

    @Test func ticksLieInsideTheDataRangeAndInOrder() {
        let first = ChartDate(year: 2021, month: 1, day: 15)
        let last = ChartDate(year: 2021, month: 3, day: 20)
        let ticks = DateTicks(from: first, to: last, pixelsPerDay: 10, characterWidth: 6.8).ticks
        #expect(!ticks.isEmpty)
        #expect(ticks.allSatisfy { $0.day >= first.daysSinceEpoch && $0.day <= last.daysSinceEpoch })
        #expect(ticks.map(\.day) == ticks.map(\.day).sorted())
    }

    @Test func weeklyTicksFallOnMondays() {
        let first = ChartDate(year: 2024, month: 1, day: 3)
        let last = ChartDate(year: 2024, month: 2, day: 20)
        let ticks = DateTicks(from: first, to: last, pixelsPerDay: 12, characterWidth: 6.8).ticks
        // 1970-01-05 was a Monday; 2024-01-08 was a Monday.
        #expect(ticks.first?.label == "8 Jan 2024")
        #expect(ticks.allSatisfy { ($0.day - 4) % 7 == 0 })
    }
}

import Testing
@testable import QIData

@Test func epochAndKnownDatesRoundTrip() {
    #expect(ISODate(year: 1970, month: 1, day: 1)?.daysSinceEpoch == 0)
    // Reference: Python 3.11 datetime, (date(Y,M,D) - date(1970,1,1)).days.
    #expect(ISODate("2000-03-01")?.daysSinceEpoch == 11017)
    #expect(ISODate("1841-01-01")?.daysSinceEpoch == -47116)
    for days in stride(from: -200_000, through: 200_000, by: 997) {
        let date = ISODate(daysSinceEpoch: days)
        #expect(ISODate(date.description) == date)
    }
}

@Test func impossibleDatesAreRejected() {
    for text in ["2019-02-29", "2019-13-01", "2019-00-10", "2019-04-31", "19-01-01", "2019/01/01", "2019-1-01"] {
        #expect(ISODate(text) == nil, "\(text)")
    }
    #expect(ISODate("2020-02-29") != nil)
    #expect(ISODate("2000-02-29") != nil)
    #expect(ISODate("1900-02-29") == nil)
}

import QIData

/// Date axis ticks at calendar boundaries, as far apart as needed for their labels to fit.
///
/// Candidate intervals are 1, 7 and 14 days, then 1, 2, 3, 6 months and 1, 2, 5, 10, 20, 50
/// years; the first (shortest) interval whose ticks leave room for their labels wins. Month
/// ticks fall on the first of months divisible by the interval (quarters start in January,
/// April, July, October), year ticks on years divisible by theirs, so axes look alike across
/// charts. Labels: `3 Mar 2017` for day intervals, `Mar 2017` for months, `2017` for years.
public struct DateTicks: Sendable, Equatable {
    public struct Tick: Sendable, Equatable {
        public let day: Int
        public let label: String
    }

    public let ticks: [Tick]

    enum Interval: Equatable {
        case days(Int)
        case months(Int)

        static let candidates: [Interval] = [.days(1), .days(7), .days(14), .months(1), .months(2), .months(3),
                                              .months(6), .months(12), .months(24), .months(60), .months(120),
                                              .months(240), .months(600)]

        /// Rough length in days, to estimate how many ticks fit.
        var approximateDays: Double {
            switch self {
            case .days(let days): return Double(days)
            case .months(let months): return Double(months) * 30.44
            }
        }
    }

    /// - Parameters:
    ///   - first, last: the data range.
    ///   - pixelsPerDay: the axis scale.
    ///   - characterWidth: the width of one label character in pixels.
    public init(from first: ChartDate, to last: ChartDate, pixelsPerDay: Double, characterWidth: Double) {
        let firstDay = first.daysSinceEpoch
        let lastDay = last.daysSinceEpoch
        for interval in Interval.candidates {
            let labelCharacters: Double
            switch interval {
            case .days: labelCharacters = 11
            case .months(let months): labelCharacters = months < 12 ? 8 : 4
            }
            let spacing = interval.approximateDays * pixelsPerDay
            guard spacing >= (labelCharacters + 2) * characterWidth || interval == Interval.candidates.last else { continue }
            ticks = Self.ticks(interval, firstDay: firstDay, lastDay: lastDay, first: first)
            return
        }
        ticks = []
    }

    private static func ticks(_ interval: Interval, firstDay: Int, lastDay: Int, first: ChartDate) -> [Tick] {
        var result: [Tick] = []
        switch interval {
        case .days(let days):
            // Weekly ticks on Mondays (1970-01-05 was a Monday), daily ticks on every day.
            let anchor = days == 1 ? 0 : 4
            var day = firstDay + ((anchor - firstDay) % days + days) % days
            while day <= lastDay {
                result.append(Tick(day: day, label: dateText(dayNumber: day)))
                day += days
            }
        case .months(let months):
            var monthNumber = first.monthNumber
            if first.day > 1 { monthNumber += 1 }
            monthNumber += (months - monthNumber % months) % months
            while true {
                let date = ChartDate(monthNumber: monthNumber)
                let day = date.daysSinceEpoch
                guard day <= lastDay else { break }
                result.append(Tick(day: day, label: months < 12 ? date.monthYearText : String(date.year)))
                monthNumber += months
            }
        }
        return result
    }

    /// `3 Mar 2017` for a day number.
    private static func dateText(dayNumber: Int) -> String {
        ChartDate(ISODate(daysSinceEpoch: dayNumber)).dayMonthYearText
    }
}

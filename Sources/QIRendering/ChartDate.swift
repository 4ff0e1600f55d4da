import QIData

/// A calendar date on a chart's x axis (proleptic Gregorian), placed by its day number.
///
/// The renderer reads no files, so the command line hands dates over in this form. Day numbers
/// are ``QIData/ISODate``'s (days from 1970-01-01 by Hinnant's `days_from_civil`), so dates
/// subtract as integers and gaps in a series show as gaps on the axis.
public struct ChartDate: Sendable, Hashable, Comparable {
    public let year: Int
    public let month: Int
    public let day: Int
    public let daysSinceEpoch: Int

    /// - Precondition: a real calendar date (the caller's dates were validated when they were
    ///   read).
    public init(year: Int, month: Int, day: Int) {
        guard let date = ISODate(year: year, month: month, day: day) else { preconditionFailure("not a calendar date") }
        self.year = year
        self.month = month
        self.day = day
        daysSinceEpoch = date.daysSinceEpoch
    }

    public init(_ date: ISODate) {
        (year, month, day) = date.components
        daysSinceEpoch = date.daysSinceEpoch
    }

    /// Months since year 0, so month arithmetic is integer arithmetic.
    var monthNumber: Int { year * 12 + month - 1 }

    init(monthNumber: Int) {
        let year = monthNumber >= 0 ? monthNumber / 12 : (monthNumber - 11) / 12
        self.init(year: year, month: monthNumber - year * 12 + 1, day: 1)
    }

    static let monthAbbreviations = ["Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `2017-03-01` (the form the data were written in).
    public var isoText: String { ISODate(daysSinceEpoch: daysSinceEpoch).description }

    /// `Mar 2017`.
    var monthYearText: String { "\(Self.monthAbbreviations[month - 1]) \(year)" }

    /// `3 Mar 2017`.
    var dayMonthYearText: String { "\(day) \(monthYearText)" }

    public static func < (lhs: ChartDate, rhs: ChartDate) -> Bool { lhs.daysSinceEpoch < rhs.daysSinceEpoch }
}

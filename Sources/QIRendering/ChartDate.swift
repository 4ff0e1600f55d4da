/// A calendar date on a chart's x axis (proleptic Gregorian), placed by its day number.
///
/// The renderer reads no files, so the command line hands dates over in this form. Day numbers
/// count from 1970-01-01 with Hinnant's `days_from_civil` (H. Hinnant, "chrono-Compatible
/// Low-Level Date Algorithms", 2013), so dates subtract as integers and gaps in a series show
/// as gaps on the axis.
public struct ChartDate: Sendable, Hashable, Comparable {
    public let year: Int
    public let month: Int
    public let day: Int

    /// - Precondition: `month` in 1...12 and `day` in 1...31 (the caller's dates were validated
    ///   when they were read).
    public init(year: Int, month: Int, day: Int) {
        precondition((1...12).contains(month) && (1...31).contains(day), "not a calendar date")
        self.year = year
        self.month = month
        self.day = day
    }

    public var daysSinceEpoch: Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
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
    public var isoText: String {
        func padded(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(padded(year, 4))-\(padded(month, 2))-\(padded(day, 2))"
    }

    /// `Mar 2017`.
    var monthYearText: String { "\(Self.monthAbbreviations[month - 1]) \(year)" }

    /// `3 Mar 2017`.
    var dayMonthYearText: String { "\(day) \(monthYearText)" }

    public static func < (lhs: ChartDate, rhs: ChartDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}

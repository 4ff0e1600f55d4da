/// Two numeric columns of the benchmark file as each reader returns them; nil where a cell is
/// missing or not a number.
public struct ColumnPair: Sendable, Equatable {
    public let attendances: [Double?]
    public let breaches: [Double?]

    public init(attendances: [Double?], breaches: [Double?]) {
        self.attendances = attendances
        self.breaches = breaches
    }

    /// Column totals, to check that the readers agree.
    public var totals: (attendances: Double, breaches: Double) {
        (attendances.reduce(0) { $0 + ($1 ?? 0) }, breaches.reduce(0) { $0 + ($1 ?? 0) })
    }
}

/// A column the benchmark needs is not in the file.
public struct MissingColumnError: Error, CustomStringConvertible {
    public let name: String
    public var description: String { "the file has no column named '\(name)'" }
}

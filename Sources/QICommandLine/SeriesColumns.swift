import QIData
import QISPC

/// The columns a batch of charts needs, decoded once and kept compact, from which each
/// series is built when its chunk is charted.
struct SeriesColumns {
    /// The x column's values in a form that sorts.
    enum XValues {
        case dates([ISODate?])
        case numbers(NumberColumn)
        /// Text coded by order of first appearance, nil where missing.
        case texts(codes: [Int32?], names: [String])

        func label(_ row: Int) -> SeriesAssembly.XLabel? {
            switch self {
            case .dates(let dates): return dates[row].map(SeriesAssembly.XLabel.date)
            case .numbers(let numbers): return numbers[row].map(SeriesAssembly.XLabel.number)
            case .texts(let codes, let names):
                return codes[row].map { .text(names[Int($0)], firstAppearance: Int($0)) }
            }
        }

        /// Sorts before `other` (rows with equal x keep file order through the row number).
        func precedes(_ row: Int, _ other: Int) -> Bool {
            switch self {
            case .dates(let dates): return (dates[row]!, row) < (dates[other]!, other)
            case .numbers(let numbers): return (numbers[row]!, row) < (numbers[other]!, other)
            case .texts(let codes, _): return (codes[row]!, row) < (codes[other]!, other)
            }
        }

        func isEqual(_ row: Int, _ other: Int) -> Bool {
            switch self {
            case .dates(let dates): return dates[row] == dates[other]
            case .numbers(let numbers): return numbers[row] == numbers[other]
            case .texts(let codes, _): return codes[row] == codes[other]
            }
        }
    }

    let chart: ChartType
    let xColumn: String?
    let values: NumberColumn
    let sizes: NumberColumn?
    let x: XValues?

    /// A series' rows ordered by x, checked: every row has an x, and charts without
    /// subgroups have one row per x.
    func index(key: [(column: String, value: String)], rows: [Int32], source: String) throws -> SeriesIndex {
        var ordered = rows
        guard let x, let xColumn else { return SeriesIndex(key: key, rows: ordered) }
        if let missing = rows.first(where: { x.label(Int($0)) == nil }) {
            throw DataInputError.invalidValue(file: source, row: Int(missing) + 1, column: xColumn, value: "a missing value",
                                              reason: "cannot be placed in time: every row needs an x value. Fill it in or remove the row.")
        }
        // Files are usually already in time order within a series: check before sorting.
        if zip(ordered, ordered.dropFirst()).contains(where: { !x.precedes(Int($0), Int($1)) }) {
            ordered.sort { x.precedes(Int($0), Int($1)) }
        }
        if !chart.groupsRowsIntoSubgroups {
            for position in ordered.indices.dropFirst() where x.isEqual(Int(ordered[position]), Int(ordered[position - 1])) {
                let row = Int(ordered[position])
                let seriesName = key.isEmpty ? "" : " in series " + key.map { "\($0.column)=\($0.value)" }.joined(separator: ", ")
                throw DataInputError.invalidValue(
                    file: source, row: row + 1, column: xColumn, value: x.label(row)!.text,
                    reason: "appears twice\(seriesName) (rows \(Int(ordered[position - 1]) + 1) and \(row + 1)); a \(chart.rawValue) chart has one value per x. Aggregate the rows, add a --by column, or use an xbar chart for subgroups.")
            }
        }
        return SeriesIndex(key: key, rows: ordered)
    }

    /// The series with its subgroups and labels. For xbar and s charts, rows with equal x
    /// form one subgroup; otherwise each row is one.
    func series(_ index: SeriesIndex) -> SeriesAssembly.Series {
        var result = SeriesAssembly.Series(key: index.key, subgroups: [], labels: [], rows: [])
        result.subgroups.reserveCapacity(index.rows.count)
        result.labels.reserveCapacity(index.rows.count)
        result.rows.reserveCapacity(index.rows.count)
        var start = 0
        let rows = index.rows
        while start < rows.count {
            let first = Int(rows[start])
            var end = start + 1
            if chart.groupsRowsIntoSubgroups, let x {
                while end < rows.count, x.isEqual(Int(rows[end]), first) { end += 1 }
                result.subgroups.append(Subgroup(observations: rows[start..<end].compactMap { values[Int($0)] }))
            } else if chart.groupsRowsIntoSubgroups {
                result.subgroups.append(Subgroup(observations: values[first].map { [$0] } ?? []))
            } else {
                result.subgroups.append(Subgroup(value: values[first], size: sizes?[first]))
            }
            result.labels.append(x?.label(first))
            result.rows.append(first + 1)
            start = end
        }
        return result
    }
}

/// One series of a batch: its key and its rows in x order.
struct SeriesIndex {
    let key: [(column: String, value: String)]
    let rows: [Int32]
}

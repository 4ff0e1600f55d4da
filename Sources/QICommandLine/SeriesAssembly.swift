import QIData
import QISPC

/// Turns a long CSV file into chart series: rows grouped by the `--by` columns (in order of
/// first appearance), ordered by `--x`, and gathered into subgroups.
struct SeriesAssembly {
    /// One series ready to chart, with what is needed to point back at the file.
    struct Series {
        var key: [(column: String, value: String)]
        var subgroups: [Subgroup]
        /// The x label of each subgroup (date, number or text), or nil without `--x`.
        var labels: [XLabel?]
        /// The first 1-based data row of each subgroup, for messages.
        var rows: [Int]
    }

    /// An x value as written in the file, with how it sorts.
    enum XLabel: Comparable {
        case date(ISODate)
        case number(Double)
        case text(String, firstAppearance: Int)

        var text: String {
            switch self {
            case .date(let date): return date.description
            case .number(let number): return OutputBytes.text(number)
            case .text(let text, _): return text
            }
        }
    }

    let table: CSVTable
    let chart: ChartType
    let yColumn: String
    let nColumn: String?
    let xColumn: String?
    let byColumns: [String]

    func assemble() throws -> [Series] {
        let values = try table.numbers(yColumn)
        let sizes = try nColumn.map { column throws(DataInputError) in try table.numbers(column) }
        let labels = try xColumn.map { column in try xLabels(column) }
        let keyColumns = try byColumns.map { column throws(DataInputError) in (column, try table.texts(column)) }

        var seriesIndex: [[String]: Int] = [:]
        var rowsBySeries: [[Int]] = []
        var keys: [[String]] = []
        for row in 0..<table.rowCount {
            let key = keyColumns.map { $0.1[row] ?? "NA" }
            if let index = seriesIndex[key] {
                rowsBySeries[index].append(row)
            } else {
                seriesIndex[key] = rowsBySeries.count
                rowsBySeries.append([row])
                keys.append(key)
            }
        }
        return try zip(keys, rowsBySeries).map { key, rows in
            let namedKey = zip(byColumns, key).map { (column: $0, value: $1) }
            return try series(key: namedKey, rows: rows, values: values, sizes: sizes, labels: labels)
        }
    }

    /// x labels: a column whose first value is shaped like a date (NNNN-NN-NN) is a date
    /// column, and every value in it must then be a real date; otherwise all numbers make it
    /// numeric, and anything else is text ordered by first appearance.
    private func xLabels(_ column: String) throws -> [XLabel?] {
        let index = try table.columnIndex(column)
        let firstValue = (0..<table.rowCount).lazy.compactMap { table.text(row: $0, column: index) }.first ?? ""
        if firstValue.utf8.count == 10, firstValue.utf8.enumerated().allSatisfy({ position, byte in
            position == 4 || position == 7 ? byte == UInt8(ascii: "-") : (byte >= 48 && byte <= 57)
        }) {
            return try table.dates(column).map { $0.map(XLabel.date) }
        }
        switch try table.kind(of: column) {
        case .date: return try table.dates(column).map { $0.map(XLabel.date) }
        case .number: return try table.numbers(column).map { $0.map(XLabel.number) }
        case .text:
            var order: [String: Int] = [:]
            return try table.texts(column).map { text in
                guard let text else { return nil }
                let rank = order[text] ?? order.count
                order[text] = rank
                return .text(text, firstAppearance: rank)
            }
        }
    }

    private func series(key: [(column: String, value: String)], rows: [Int], values: [Double?],
                        sizes: [Double?]?, labels: [XLabel?]?) throws -> Series {
        var ordered = rows
        if let labels {
            if let missing = rows.first(where: { labels[$0] == nil }) {
                throw DataInputError.invalidValue(file: table.source, row: missing + 1, column: xColumn!,
                                                  value: "a missing value", reason: "cannot be placed in time: every row needs an x value. Fill it in or remove the row.")
            }
            ordered.sort { (labels[$0]!, $0) < (labels[$1]!, $1) }
        }
        var result = Series(key: key, subgroups: [], labels: [], rows: [])
        if chart.groupsRowsIntoSubgroups {
            var start = 0
            while start < ordered.count {
                var end = start + 1
                while let labels, end < ordered.count, labels[ordered[end]] == labels[ordered[start]] { end += 1 }
                if labels == nil { end = start + 1 }
                let members = ordered[start..<end]
                result.subgroups.append(Subgroup(observations: members.compactMap { values[$0] }))
                result.labels.append(labels?[ordered[start]])
                result.rows.append(ordered[start] + 1)
                start = end
            }
            return result
        }
        for (position, row) in ordered.enumerated() {
            if let labels, position > 0, labels[row] == labels[ordered[position - 1]] {
                let seriesName = key.isEmpty ? "" : " in series " + key.map { "\($0.column)=\($0.value)" }.joined(separator: ", ")
                throw DataInputError.invalidValue(
                    file: table.source, row: row + 1, column: xColumn!, value: labels[row]!.text,
                    reason: "appears twice\(seriesName) (rows \(ordered[position - 1] + 1) and \(row + 1)); a \(chart.rawValue) chart has one value per x. Aggregate the rows, add a --by column, or use an xbar chart for subgroups.")
            }
            result.subgroups.append(Subgroup(value: values[row], size: sizes?[row]))
            result.labels.append(labels?[row])
            result.rows.append(row + 1)
        }
        return result
    }
}

import QIData
import QIParallel
import QISPC

/// Turns a long CSV file into chart series: rows grouped by the `--by` columns (in order of
/// first appearance), ordered by `--x`, and gathered into subgroups.
///
/// The needed columns are decoded once into compact arrays (``SeriesColumns``) and each series
/// is kept as an ordered list of row numbers (``SeriesIndex``), so a million-row file costs
/// about 30 bytes a row once the table itself is released; a ``Series`` with its subgroups and
/// labels is built only when its chunk is charted.
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

    /// One decoded column of the batch.
    private enum DecodedColumn {
        case numbers(NumberColumn)
        case x(SeriesColumns.XValues)
    }

    let table: CSVTable
    let chart: ChartType
    let yColumn: String
    let nColumn: String?
    let xColumn: String?
    let byColumns: [String]

    func assemble() throws -> (columns: SeriesColumns, series: [SeriesIndex]) {
        // Rows are grouped before the number columns are decoded, so the grouping's
        // temporary codes are gone when those columns arrive: the peak memory of a large
        // batch is the table plus the columns, not the table plus both.
        let (keys, rowsBySeries) = try rowsOfEachSeries()
        // The y, n and x columns are decoded at the same time (all three are kept, so this
        // adds no memory); a problem is reported for the first of them in that order.
        let decoders: [() throws -> DecodedColumn?] = [
            { .numbers(try table.numberColumn(yColumn)) },
            { try nColumn.map { .numbers(try table.numberColumn($0)) } },
            { try xColumn.map { .x(try xValues($0)) } },
        ]
        let decoded = try ParallelMap.map(Array(decoders.indices), threads: decoders.count) { index in
            Result { try decoders[index]() }
        }.map { try $0.get() }
        guard case .numbers(let values)? = decoded[0] else { preconditionFailure("y decodes to numbers") }
        let columns = SeriesColumns(
            chart: chart, xColumn: xColumn, values: values,
            sizes: decoded[1].flatMap { if case .numbers(let sizes) = $0 { sizes } else { nil } },
            x: decoded[2].flatMap { if case .x(let x) = $0 { x } else { nil } })
        let series = try zip(keys, rowsBySeries).map { key, rows in
            try columns.index(key: zip(byColumns, key).map { (column: $0, value: $1) }, rows: rows, source: table.source)
        }
        return (columns, series)
    }

    /// Each series' key values and its rows in file order.
    private func rowsOfEachSeries() throws -> (keys: [[String]], rows: [[Int32]]) {
        let (seriesOfRow, keys) = try groupRows()
        var rowsBySeries = [[Int32]](repeating: [], count: keys.count)
        for row in 0..<table.rowCount { rowsBySeries[Int(seriesOfRow[row])].append(Int32(row)) }
        return (keys, rowsBySeries)
    }

    /// The series number of every row, numbering series by first appearance, and each
    /// series' key values. Each key column's text is coded once (a dictionary lookup a row,
    /// no allocation for short text), the columns in parallel; columns are then combined
    /// pairwise, numbering each new combination as it first appears, which keeps the order of
    /// first appearance.
    private func groupRows() throws -> (seriesOfRow: [Int32], keys: [[String]]) {
        guard !byColumns.isEmpty else { return ([Int32](repeating: 0, count: table.rowCount), [[]]) }
        let indices = try byColumns.map { try table.columnIndex($0) }
        let coded = ParallelMap.map(indices) { codes(ofColumn: $0) }
        let levelsOfColumns = coded.map(\.levels)
        let codesOfColumns = coded.map(\.codes)
        var combined = codesOfColumns[0]
        var seriesCount = levelsOfColumns[0].count
        for column in 1..<codesOfColumns.count {
            var codeOfPair: [Int64: Int32] = [:]
            var previous: (pair: Int64, code: Int32)?
            for row in 0..<table.rowCount {
                let pair = Int64(combined[row]) << 32 | Int64(codesOfColumns[column][row])
                if let previous, previous.pair == pair {
                    combined[row] = previous.code
                    continue
                }
                let code = codeOfPair[pair] ?? Int32(codeOfPair.count)
                if code == codeOfPair.count { codeOfPair[pair] = code }
                combined[row] = code
                previous = (pair, code)
            }
            seriesCount = codeOfPair.count
        }
        var firstRow = [Int](repeating: -1, count: seriesCount)
        for row in 0..<table.rowCount where firstRow[Int(combined[row])] < 0 { firstRow[Int(combined[row])] = row }
        let keys = firstRow.map { row in
            codesOfColumns.indices.map { column in levelsOfColumns[column][Int(codesOfColumns[column][row])] }
        }
        return (combined, keys)
    }

    /// One key column coded by first appearance: each row's code and the texts in code order.
    /// Long files usually keep a series' rows together: a row with the previous row's text
    /// skips the hash lookup.
    private func codes(ofColumn index: Int) -> (levels: [String], codes: [Int32]) {
        var codeOfText: [String: Int32] = [:]
        var levels: [String] = []
        var codes = [Int32](repeating: 0, count: table.rowCount)
        var previous: (text: String, code: Int32)?
        for row in 0..<table.rowCount {
            let text = table.text(row: row, column: index) ?? "NA"
            if let previous, previous.text == text {
                codes[row] = previous.code
                continue
            }
            let code = codeOfText[text] ?? Int32(levels.count)
            if code == levels.count {
                codeOfText[text] = code
                levels.append(text)
            }
            codes[row] = code
            previous = (text, code)
        }
        return (levels, codes)
    }

    /// x values: a column whose first value is shaped like a date (NNNN-NN-NN) is a date
    /// column, and every value in it must then be a real date; otherwise all numbers make it
    /// numeric, and anything else is text ordered by first appearance.
    private func xValues(_ column: String) throws -> SeriesColumns.XValues {
        let index = try table.columnIndex(column)
        let firstValue = (0..<table.rowCount).lazy.compactMap { table.text(row: $0, column: index) }.first ?? ""
        if firstValue.utf8.count == 10, firstValue.utf8.enumerated().allSatisfy({ position, byte in
            position == 4 || position == 7 ? byte == UInt8(ascii: "-") : (byte >= 48 && byte <= 57)
        }) {
            return .dates(try table.dates(column))
        }
        switch try table.kind(of: column) {
        case .date: return .dates(try table.dates(column))
        case .number: return .numbers(try table.numberColumn(column))
        case .text:
            var order: [String: Int] = [:]
            var names: [String] = []
            let codes: [Int32?] = (0..<table.rowCount).map { row in
                guard let text = table.text(row: row, column: index) else { return nil }
                if let rank = order[text] { return Int32(rank) }
                order[text] = names.count
                names.append(text)
                return Int32(names.count - 1)
            }
            return .texts(codes: codes, names: names)
        }
    }
}

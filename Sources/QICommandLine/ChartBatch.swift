import QIData
import QIParallel
import QISPC

/// Every series of a `qi spc` run, validated up front and then charted chunk by chunk, so
/// nothing is written unless the whole input is good and a large batch never holds every
/// chart in memory at once.
struct ChartBatch {
    let source: String
    let options: ChartOptions
    let columns: SeriesColumns
    let series: [SeriesIndex]
    let partStarts: [[Int]]
    let threads: Int
    let byColumns: [String]
    let valueColumn: String
    let sizeColumn: String?
    static let chunkSize = 256

    init(arguments: ChartArguments) throws {
        // The table is released when this scope ends; only the compact columns stay.
        let (columns, series, source) = try { () throws -> (SeriesColumns, [SeriesIndex], String) in
            let table = try CSVReader.read(path: arguments.data)
            let (columns, series) = try SeriesAssembly(
                table: table, chart: arguments.chart, yColumn: arguments.y,
                nColumn: arguments.chart.groupsRowsIntoSubgroups ? nil : arguments.n,
                xColumn: arguments.x, byColumns: arguments.byColumns).assemble()
            return (columns, series, table.source)
        }()
        self.columns = columns
        self.series = series
        self.source = source
        options = try arguments.options()
        threads = arguments.threads ?? ProcessorCount.online
        byColumns = arguments.byColumns
        valueColumn = arguments.y
        sizeColumn = arguments.n
        // Every series is checked before anything is written; in parallel, and the first
        // problem in input order is the one reported, whatever the thread count.
        let options = self.options
        let checked = ParallelMap.map(series, threads: threads) { index in
            Result { () throws -> [Int] in
                let one = columns.series(index)
                var seriesOptions = options
                seriesOptions.partStarts = try Self.partStarts(arguments.partAt, in: one, xColumn: arguments.x)
                do {
                    try ControlChart.validate(one.subgroups, options: seriesOptions)
                } catch let error as SPCError {
                    throw Self.failure(error, series: one, source: source, valueColumn: arguments.y, sizeColumn: arguments.n)
                }
                return seriesOptions.partStarts
            }
        }
        partStarts = try checked.map { try $0.get() }
    }

    /// Computes the charts a chunk at a time, in parallel, hands each chart with its series to
    /// `transform` (also in parallel), and passes the results of each chunk, in input order, to
    /// `body`. The next chunk is computed while `body` handles the current one, and at most two
    /// chunks of results are alive at a time.
    func forEachChunk<Transformed>(_ transform: @escaping @Sendable (Int, SeriesAssembly.Series, ControlChart) -> Transformed,
                                   _ body: ([Transformed]) throws -> Void) throws {
        let chunkCount = (series.count + Self.chunkSize - 1) / Self.chunkSize
        try ChunkPipeline.run(count: chunkCount, produce: { chunk in
            let positions = Array(chunk * Self.chunkSize..<min((chunk + 1) * Self.chunkSize, series.count))
            return ParallelMap.map(positions, threads: threads) { position in
                var seriesOptions = options
                seriesOptions.partStarts = partStarts[position]
                let one = columns.series(series[position])
                return Result { () throws(SPCError) in
                    transform(position, one, try ControlChart.compute(one.subgroups, options: seriesOptions))
                }.mapError { Self.failure($0, series: one, source: source, valueColumn: valueColumn, sizeColumn: sizeColumn) }
            }
        }, consume: { results in
            try body(try results.map { try $0.get() })
        })
    }

    /// Writes every chart in `format` to `sink`.
    func write(_ format: some SeriesFormat, to sink: TextSink) throws {
        try sink.write(format.header(self))
        try forEachChunk({ position, series, chart in format.series(position, series, chart) }) { outputs in
            for output in outputs { try sink.write(output) }
        }
        try sink.write(format.footer(self))
    }

    /// Subgroup numbers at which parts start: each `--part-at` value is an x value (the first
    /// subgroup at or after it) or, without `--x`, a subgroup number.
    static func partStarts(_ partAt: String?, in series: SeriesAssembly.Series, xColumn: String?) throws -> [Int] {
        guard let partAt else { return [] }
        return try ChartArguments.list(partAt).map { item in
            guard xColumn != nil else {
                guard let index = Int(item), index >= 1 else {
                    throw CommandFailure.badUsage("--part-at takes subgroup numbers when there is no --x column; '\(item)' is not one.")
                }
                return index
            }
            let wanted: SeriesAssembly.XLabel?
            switch series.labels.first(where: { $0 != nil }) ?? nil {
            case .date?: wanted = ISODate(item).map { .date($0) }
            case .number?: wanted = Double(item).map { .number($0) }
            case .text?: wanted = series.labels.compactMap { $0 }.first { $0.text == item }
            case nil: wanted = nil
            }
            guard let wanted, let position = series.labels.firstIndex(where: { ($0.map { $0 >= wanted }) ?? false }) else {
                throw CommandFailure.badUsage("--part-at \(item) is not an x value of the series, nor before its last one.")
            }
            return position + 1
        }
    }

    /// A chart's data error as bad input naming the file, the series, the data row and the column.
    static func failure(_ error: SPCError, series: SeriesAssembly.Series, source: String,
                        valueColumn: String, sizeColumn: String?) -> CommandFailure {
        let name = series.key.isEmpty ? "" : ", series " + series.key.map { "\($0.column)=\($0.value)" }.joined(separator: " ")
        func located(_ subgroup: Int, _ column: String) -> CommandFailure {
            .badInput("\(source)\(name), row \(series.rows[subgroup - 1]), column '\(column)': \(error.description)")
        }
        switch error {
        case .valueExceedsDenominator(let subgroup, _, _), .negativeValue(let subgroup, _),
             .nonPositiveValue(let subgroup, _, _):
            return located(subgroup, valueColumn)
        case .negativeDenominator(let subgroup, _):
            return located(subgroup, sizeColumn ?? valueColumn)
        case .tooFewPoints, .indexOutOfRange, .invalidOption:
            return .badInput("\(source)\(name): \(error.description)")
        }
    }
}

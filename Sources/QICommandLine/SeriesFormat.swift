import QISPC

/// An output format for `qi spc`: what comes before the first series, each series on its
/// own (pure, so series are formatted in parallel), and what comes after the last.
protocol SeriesFormat: Sendable {
    func header(_ batch: ChartBatch) -> OutputBytes
    func series(_ position: Int, _ series: SeriesAssembly.Series, _ chart: ControlChart) -> OutputBytes
    func footer(_ batch: ChartBatch) -> OutputBytes
}

extension OutputBytes {
    /// An x value: a date or text as a JSON string, a number as a number, the subgroup
    /// number when there is no x column.
    mutating func appendLabel(_ label: SeriesAssembly.XLabel?, index: Int, quoted: Bool) {
        switch label {
        case .date(let date)?: appendDate(date, quoted: quoted)
        case .number(let number)?: appendNumber(number)
        case .text(let text, _)?: if quoted { appendJSONString(text) } else { appendCSVField(text) }
        case nil: appendInteger(index)
        }
    }
}

import ArgumentParser
import QIData
import QIRendering
import QISPC

extension FunnelChartType: ExpressibleByArgument {}
extension OverdispersionMethod: ExpressibleByArgument {}

/// `qi funnel`: compares units (practices, trusts) at one time on a funnel plot.
///
/// One row per unit. A unit with n = 0 or a missing y or n is listed with null values and a
/// warning (on standard error and in the output) rather than stopping the run, so one empty
/// practice in a monthly extract does not block the rest.
struct FunnelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "funnel",
        abstract: "Funnel plot comparing practices at one time (Spiegelhalter 2005).",
        discussion: """
            Exact binomial (p) or Poisson (u) limits at 95% and 99.8%, interpolated as in \
            Spiegelhalter (2005). --overdispersion multiplicative widens them by sqrt(phi), \
            additive adds a between-unit variance tau^2 (as FunnelPlotR), both on the \
            arcsine-square-root (p) or square-root (u) scale and only when phi > 1; phi comes \
            from z-scores winsorised at 10% each end.
            """)

    @Argument(help: "CSV file with one row per unit (- for standard input).")
    var data: String

    @Option(help: "The column naming each unit (practice, trust).")
    var unit: String

    @Option(help: "The numerator column (events).")
    var y: String

    @Option(help: "The denominator column (trials for p, exposure for u).")
    var n: String

    @Option(help: "p (proportions, binomial) or u (rates per unit of exposure, Poisson).")
    var chart: FunnelChartType = .proportion

    @Option(help: "none (exact limits, default), multiplicative (phi) or additive (tau^2).")
    var overdispersion: OverdispersionMethod = .none

    @Option(help: "Multiply rates, target and limits (100 for percentages).")
    var multiply: Double = 1

    @Option(help: "Also draw the funnel plot, with its 95% and 99.8% limit curves, as an SVG file.")
    var svg: String?

    @OptionGroup var outputOptions: OutputOptions

    func validate() throws {
        guard multiply.isFinite, multiply > 0 else { throw ValidationError("--multiply must be a positive number.") }
    }

    func run() throws {
        let table = try CSVReader.read(path: data)
        let names = try table.texts(unit)
        let numerators = try table.numbers(y)
        let denominators = try table.numbers(n)
        var units: [FunnelUnitData] = []
        units.reserveCapacity(names.count)
        for (row, name) in names.enumerated() {
            guard let name else {
                throw DataInputError.invalidValue(file: table.source, row: row + 1, column: unit, value: "an empty cell",
                                                  reason: "does not name a unit; give every row a unit name.")
            }
            units.append(FunnelUnitData(name: name, numerator: numerators[row], denominator: denominators[row]))
        }
        let options = FunnelOptions(chart: chart, overdispersion: overdispersion, multiply: multiply)
        let plot: FunnelPlot
        do {
            plot = try FunnelPlot.compute(units, options: options)
        } catch {
            throw failure(error, source: table.source, units: units)
        }
        for warning in plot.warnings { StandardStreams.writeError("qi: warning: \(warning)\n") }
        var drawing = StagedFiles()
        if let svg {
            let rateTitle = multiply == 1 ? y + " / " + n : y + " / " + n + " x " + OutputBytes.text(multiply)
            drawing.add(svg, FunnelPlotSVG().render(plot, title: "Funnel plot of \(y) / \(n) by \(unit)",
                                                    denominatorTitle: n, rateTitle: rateTitle))
        }
        try drawing.commit()
        do {
            try emit(plot, source: table.source)
        } catch {
            drawing.remove()
            throw error
        }
    }

    private func emit(_ plot: FunnelPlot, source: String) throws {
        try outputOptions.emit { sink in
            switch outputOptions.resolvedFormat {
            case .json: try FunnelJSONWriter.write(plot, source: source, to: sink)
            case .csv: try FunnelCSVWriter.write(plot, to: sink)
            case .table: try FunnelTableWriter.write(plot, source: source, to: sink)
            }
        }
    }

    /// Names the file, row and column of a data error (one row per unit: unit k is row k).
    private func failure(_ error: FunnelError, source: String, units: [FunnelUnitData]) -> Error {
        func column(_ quantity: FunnelError.Quantity) -> String { quantity == .numerator ? y : n }
        func text(_ value: Double) -> String { OutputBytes.text(value) }
        switch error {
        case .negativeValue(let row, let quantity, let value):
            return DataInputError.invalidValue(file: source, row: row, column: column(quantity), value: text(value),
                                               reason: "is negative; counts and denominators must be 0 or more.")
        case .notWholeNumber(let row, let quantity, let value):
            return DataInputError.invalidValue(file: source, row: row, column: column(quantity), value: text(value),
                                               reason: "is not a whole number; a p funnel counts events out of trials. Use --chart u for rates per unit of exposure.")
        case .valueExceedsDenominator(let row, let value, let denominator):
            return DataInputError.invalidValue(file: source, row: row, column: y, value: text(value),
                                               reason: "exceeds the denominator \(text(denominator)) in column '\(n)'; a proportion cannot exceed 1. Check that --y and --n are the right columns, or use --chart u for rates.")
        case .duplicateUnit(let name, let rows):
            return CommandFailure.badInput("\(source), column '\(unit)': unit '\(name)' appears in rows \(rows.map(String.init).joined(separator: ", ")); a funnel plot compares each unit once. Sum its rows first, or rename them.")
        case .tooFewUnits, .invalidDenominator, .invalidOption:
            return CommandFailure.badInput("\(source): \(error.description)")
        }
    }
}

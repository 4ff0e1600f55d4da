import ArgumentParser
import QIData
import QISPC

extension ChartType: ExpressibleByArgument {}
extension RuleSet: ExpressibleByArgument {}
extension ImprovementDirection: ExpressibleByArgument {}

/// The chart options shared by `qi spc` and `qi report`.
struct ChartArguments: ParsableArguments {
    @Argument(help: "CSV file (- for standard input).")
    var data: String

    @Option(help: "run, i, mr, xbar, s, p, pp, np, c, u, up, g, t, cusum or ewma.")
    var chart: ChartType

    @Option(help: "The value column (the numerator for p, pp, np, u and up charts).")
    var y: String

    @Option(help: "The denominator column (subgroup size for p, pp, np; exposure for u, up).")
    var n: String?

    @Option(help: "The time column: ISO dates, numbers or text (in order of first appearance).")
    var x: String?

    @Option(help: "One chart per combination of these columns, comma-separated.")
    var by: String?

    @Option(name: .customLong("part-at"), help: "x values (or subgroup numbers without --x) at which a new part starts, comma-separated.")
    var partAt: String?

    @Option(help: "Centre line and limits from the first K subgroups of each part.")
    var freeze: Int?

    @Option(help: "1-based subgroup numbers left out of centre line, limits and runs analysis, comma-separated.")
    var exclude: String?

    @Option(help: "anhoej (default), ihi, mdc, western-electric or nelson.")
    var rules: RuleSet = .anhoej

    @Flag(inversion: .prefixedNo, help: "Leave moving ranges above 3.267 x their mean out of sigma (i, t, pp, up; default: on, off for western-electric and nelson as in qcc).")
    var screenMr: Bool?

    @Option(help: "A known process centre (standard given) for i, xbar, cusum and ewma charts.")
    var centre: Double?

    @Option(help: "A known process standard deviation of single values (standard given) for i, xbar, cusum and ewma charts.")
    var sigma: Double?

    @Option(help: "increase, decrease or neutral: which way is better (Making Data Count).")
    var improvement: ImprovementDirection = .neutral

    @Option(help: "Target value for the Making Data Count assurance icon (needs --rules mdc).")
    var target: Double?

    @Option(help: "Multiply values, centre lines and limits (100 for percentages).")
    var multiply: Double = 1

    @Flag(name: .customLong("mdc-2023"), help: "Making Data Count 2023: points beyond the limits count towards two-of-three.")
    var makingDataCount2023 = false

    @Option(name: .customLong("cusum-k"), help: "CUSUM allowance k in sigma units (default 0.5).")
    var cusumK: Double = 0.5

    @Option(name: .customLong("cusum-h"), help: "CUSUM decision interval h in sigma units (default 5).")
    var cusumH: Double = 5

    @Option(name: .customLong("head-start"), help: "CUSUM head start in sigma units (default 0).")
    var headStart: Double = 0

    @Option(name: .customLong("ewma-lambda"), help: "EWMA smoothing weight lambda in (0, 1] (default 0.2).")
    var ewmaLambda: Double = 0.2

    @Option(name: .customLong("ewma-width"), help: "EWMA limit width in sigma units (default 3).")
    var ewmaWidth: Double = 3

    @Option(help: "Worker threads for batches (default: all cores). Results do not depend on it.")
    var threads: Int?

    func validate() throws {
        if chart.needsDenominator, n == nil {
            throw ValidationError("the \(chart.rawValue) chart needs a denominator: add --n COLUMN.")
        }
        if target != nil, rules != .mdc {
            throw ValidationError("--target sets the Making Data Count assurance icon: use it with --rules mdc.")
        }
        if makingDataCount2023, rules != .mdc {
            throw ValidationError("--mdc-2023 changes a Making Data Count rule: use it with --rules mdc.")
        }
        if [.cusum, .ewma].contains(chart), rules != .anhoej {
            throw ValidationError("--rules does not apply to \(chart.rawValue) charts: they signal when the statistic crosses its limits.")
        }
        if centre != nil || sigma != nil, ![.i, .xbar, .cusum, .ewma].contains(chart) {
            throw ValidationError("--centre and --sigma (standard given) apply to i, xbar, cusum and ewma charts only.")
        }
        if let sigma, !(sigma > 0) { throw ValidationError("--sigma must be positive.") }
        guard multiply.isFinite, multiply > 0 else { throw ValidationError("--multiply must be a positive number.") }
        guard ewmaLambda > 0, ewmaLambda <= 1 else { throw ValidationError("--ewma-lambda must be in (0, 1].") }
        guard ewmaWidth > 0, cusumH > 0, cusumK >= 0, headStart >= 0 else {
            throw ValidationError("--ewma-width and --cusum-h must be positive; --cusum-k and --head-start 0 or more.")
        }
        if let threads, threads < 1 { throw ValidationError("--threads must be 1 or more.") }
        if let freeze, freeze < 2 { throw ValidationError("--freeze must be 2 or more.") }
        _ = try excludedIndices()
    }

    var byColumns: [String] { by.map(Self.list) ?? [] }

    func excludedIndices() throws -> Set<Int> {
        guard let exclude else { return [] }
        var indices = Set<Int>()
        for item in Self.list(exclude) {
            guard let index = Int(item), index >= 1 else {
                throw ValidationError("--exclude takes 1-based subgroup numbers; '\(item)' is not one.")
            }
            indices.insert(index)
        }
        return indices
    }

    func options() throws -> ChartOptions {
        var options = ChartOptions(chart: chart, rules: rules, freeze: freeze, excluded: try excludedIndices(),
                     screenMovingRanges: screenMr, improvement: improvement, target: target,
                     multiply: multiply, twoOfThreeIncludesOutsideLimits: makingDataCount2023,
                     cusumAllowance: cusumK, cusumDecisionInterval: cusumH, cusumHeadStart: headStart,
                     ewmaLambda: ewmaLambda, ewmaWidth: ewmaWidth)
        options.knownCentre = centre
        options.knownSigma = sigma
        // One short series must not stop a batch: it is charted without limits, with a warning.
        options.requiresEnoughPoints = byColumns.isEmpty
        return options
    }

    static func list(_ text: String) -> [String] {
        text.split(separator: ",").map { String($0).trimmingCharacters(in: " ") }.filter { !$0.isEmpty }
    }
}

private extension String {
    func trimmingCharacters(in set: Character) -> String {
        var slice = Substring(self)
        while slice.first == set { slice.removeFirst() }
        while slice.last == set { slice.removeLast() }
        return String(slice)
    }
}

/// `qi spc`: run charts and control charts, one per series.
struct SPCCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spc",
        abstract: "Run charts and control charts, for one series or every series in a long file.")

    @OptionGroup var chartArguments: ChartArguments
    @OptionGroup var outputOptions: OutputOptions

    func run() throws {
        let batch = try ChartBatch(arguments: chartArguments)
        try outputOptions.emit { sink in
            switch outputOptions.resolvedFormat {
            case .json: try batch.write(SPCJSONFormat(), to: sink)
            case .csv: try batch.write(SPCCSVFormat(), to: sink)
            case .table: try batch.write(SPCTableFormat(source: batch.source), to: sink)
            }
        }
    }
}

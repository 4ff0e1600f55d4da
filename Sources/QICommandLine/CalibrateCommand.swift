import ArgumentParser
import QIData
import QISimulation

/// `qi calibrate`: calibration of the simulation model's components.
struct CalibrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calibrate",
        abstract: "Calibrate parts of the simulation model to data.",
        subcommands: [CalibrateBassCommand.self])
}

/// `qi calibrate bass DATA.csv --time COL --adopted COL [--population N]`.
struct CalibrateBassCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bass",
        abstract: "Fit the Bass diffusion model to a cumulative adoption series (nonlinear least squares).",
        discussion: """
            --adopted is the cumulative number adopted at each --time (adoption starts at time \
            0; p and q are per unit of --time). With --population N the series is fitted as a \
            share of N with market size 1, unless --fit-market-size; without it the market size \
            m is estimated. Starting values from Bass's (1969) discrete regression; estimates by \
            Levenberg-Marquardt with standard errors as Srinivasan & Mason (1986). Divide p and \
            q per month by 1/12 (multiply by 12) for a scenario file's p_per_year and q_per_year.
            """)

    @Argument(help: "CSV file with one row per time point (- for standard input).")
    var data: String

    @Option(help: "The time column (numbers, increasing, > 0).")
    var time: String

    @Option(help: "The cumulative adopted column.")
    var adopted: String

    @Option(help: "The population size: fit the cumulative share of it.")
    var population: Double?

    @Flag(name: .customLong("fit-market-size"), help: "With --population, also estimate the share m who eventually adopt.")
    var fitMarketSize = false

    @OptionGroup var outputOptions: OutputOptions

    func validate() throws {
        if let population, !(population.isFinite && population > 0) {
            throw ValidationError("--population must be a positive number.")
        }
        if fitMarketSize && population == nil {
            throw ValidationError("--fit-market-size needs --population (without it the market size is always estimated).")
        }
    }

    func run() throws {
        let table = try CSVReader.read(path: data)
        let timeValues = try table.numbers(time)
        let adoptedValues = try table.numbers(adopted)
        var times: [Double] = [], observed: [Double] = []
        for row in 0..<table.rowCount {
            guard let t = timeValues[row] else {
                throw DataInputError.invalidValue(file: table.source, row: row + 1, column: time, value: "an empty cell",
                                                  reason: "is missing; every row needs a time.")
            }
            guard let y = adoptedValues[row] else {
                throw DataInputError.invalidValue(file: table.source, row: row + 1, column: adopted, value: "an empty cell",
                                                  reason: "is missing; give the cumulative number adopted.")
            }
            if y < 0 {
                throw DataInputError.invalidValue(file: table.source, row: row + 1, column: adopted, value: OutputBytes.text(y),
                                                  reason: "is negative; adopted counts must be 0 or more.")
            }
            if let population, y > population {
                throw DataInputError.invalidValue(file: table.source, row: row + 1, column: adopted, value: OutputBytes.text(y),
                                                  reason: "exceeds --population \(OutputBytes.text(population)).")
            }
            times.append(t)
            observed.append(population.map { y / $0 } ?? y)
        }
        let calibration: BassCalibration
        do {
            calibration = try BassCalibration.fit(times: times, observed: observed,
                                                  fitMarketSize: population == nil || fitMarketSize)
        } catch {
            switch error {
            case .didNotConverge, .singularInformation: throw CommandFailure.computationFailed("\(table.source): \(error.description)")
            default: throw CommandFailure.badInput("\(table.source): \(error.description)")
            }
        }
        try outputOptions.emit { sink in
            switch outputOptions.resolvedFormat {
            case .json: try Self.writeJSON(calibration, population: population, to: sink)
            case .csv: try Self.writeCSV(calibration, to: sink)
            case .table: try Self.writeTable(calibration, population: population, to: sink)
            }
        }
    }

    static func writeJSON(_ fit: BassCalibration, population: Double?, to sink: TextSink) throws(CommandFailure) {
        var out = OutputBytes()
        func estimate(_ estimate: BassCalibration.Estimate?) {
            guard let estimate else { return out.append("null") }
            out.append("{\"estimate\": "); out.appendNumber(estimate.value)
            out.append(", \"std_error\": "); out.appendNumber(estimate.standardError)
            out.append(", \"ci_lower\": "); out.appendNumber(estimate.lower95)
            out.append(", \"ci_upper\": "); out.appendNumber(estimate.upper95); out.append("}")
        }
        out.append("{\"model\": \"bass\", \"method\": \"nonlinear_least_squares_cumulative\"")
        out.append(", \"scale\": "); out.appendJSONString(population == nil ? "count" : "share")
        out.append(", \"population\": "); out.appendNumber(population)
        out.append(",\n \"p\": "); estimate(fit.p)
        out.append(",\n \"q\": "); estimate(fit.q)
        out.append(",\n \"m\": "); estimate(fit.marketSize)
        out.append(",\n \"start\": {\"p\": "); out.appendNumber(fit.start.p)
        out.append(", \"q\": "); out.appendNumber(fit.start.q)
        out.append(", \"m\": "); out.appendNumber(fit.start.marketSize); out.append("}")
        out.append(",\n \"residual_sum_of_squares\": "); out.appendNumber(fit.residualSumOfSquares)
        out.append(", \"iterations\": "); out.appendInteger(fit.iterations)
        out.append(",\n \"fitted\": [")
        for index in fit.times.indices {
            out.append(index == 0 ? "\n  " : ",\n  ")
            out.append("{\"time\": "); out.appendNumber(fit.times[index])
            out.append(", \"observed\": "); out.appendNumber(fit.observed[index])
            out.append(", \"fitted\": "); out.appendNumber(fit.fitted[index]); out.append("}")
        }
        out.append("]}\n")
        try sink.write(out)
    }

    static func writeCSV(_ fit: BassCalibration, to sink: TextSink) throws(CommandFailure) {
        var out = OutputBytes()
        out.append("time,observed,fitted\n")
        for index in fit.times.indices {
            out.appendNumber(fit.times[index]); out.append(",")
            out.appendNumber(fit.observed[index]); out.append(",")
            out.appendNumber(fit.fitted[index]); out.append("\n")
        }
        try sink.write(out)
    }

    static func writeTable(_ fit: BassCalibration, population: Double?, to sink: TextSink) throws(CommandFailure) {
        func line(_ name: String, _ estimate: BassCalibration.Estimate?) -> String {
            guard let estimate else { return "  \(name)  fixed at 1 (share of --population)\n" }
            return "  \(name)  \(OutputBytes.text(estimate.value))  SE \(OutputBytes.text(estimate.standardError))  95% CI \(OutputBytes.text(estimate.lower95)) to \(OutputBytes.text(estimate.upper95))\n"
        }
        try sink.write("Bass model, nonlinear least squares on the cumulative \(population == nil ? "count" : "share") (\(fit.iterations) iterations)\n")
        try sink.write(line("p", fit.p) + line("q", fit.q) + line("m", fit.marketSize))
        try sink.write("  start (Bass 1969 regression): p \(OutputBytes.text(fit.start.p)), q \(OutputBytes.text(fit.start.q)), m \(OutputBytes.text(fit.start.marketSize))\n")
    }
}

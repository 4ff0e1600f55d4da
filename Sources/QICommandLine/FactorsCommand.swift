import ArgumentParser
import QIData
import QIRegression

/// `qi factors`: the study's facilitator analysis in one command.
///
/// Parses the options, reads the CSV through QIData and formats the result; which models are
/// fitted, and in what order, is ``FacilitatorAnalysis``'s business.
struct FactorsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "factors",
        abstract: "Which facilitators go with project outcomes: an odds-ratio table per outcome.",
        discussion: """
            Fits each outcome (default success) on the facilitators control, payment, \
            champion, coach_relationship, small and cross_org, projects clustered in practices. \
            A 0/1 outcome gets a logistic model, a count outcome a Poisson model (with \
            offset(log(EXPOSURE)) when --exposure is given). Per outcome: the separation check \
            (Konis linear program); the primary model, a mixed model with a random intercept \
            per practice (adaptive Gauss-Hermite quadrature with 9 nodes when the median \
            practice has fewer than 10 rows, else Laplace; --nagq overrides), or, when the data \
            are separated, Firth's penalised logistic regression without the random intercept \
            (said so); and sensitivity models: maximum likelihood with CR2 cluster-robust \
            errors by practice, with model-based errors, and Firth's method. Every row of the \
            table names the method that produced it.
            """)

    @Argument(help: "CSV file, one row per project (- for standard input).")
    var data: String

    @Option(help: "Outcome column(s), comma-separated: 0/1 or counts (default: success).")
    var outcome: String = "success"

    @Option(help: "The column naming each project's practice (default: practice).")
    var practice: String = "practice"

    @Option(help: "The explanatory columns, comma-separated (default: control,payment,champion,coach_relationship,small,cross_org).")
    var factors: String = FacilitatorAnalysis.defaultFactors.joined(separator: ",")

    @Option(help: "The exposure of count outcomes (e.g. months_followed): offset(log(EXPOSURE)).")
    var exposure: String?

    @Option(help: "Confidence level of the intervals, between 0 and 1.")
    var level: Double = 0.95

    @Option(help: "Quadrature nodes of the mixed models, 1 (Laplace) to 50 (default: 9 when the median practice has fewer than 10 rows, else 1).")
    var nagq: Int?

    @Option(help: "Missing values in a model column: drop (default: per outcome, with the count reported) or fail (exit 1 naming the first missing cell).")
    var na: MissingValueAction = .drop

    @OptionGroup var outputOptions: OutputOptions

    var outcomeColumns: [String] { Self.list(outcome) }
    var factorColumns: [String] { Self.list(factors) }

    static func list(_ text: String) -> [String] {
        text.split(separator: ",", omittingEmptySubsequences: false)
            .map { String($0).trimmingSpaces }
    }

    func validate() throws {
        guard level > 0, level < 1 else {
            throw ValidationError("--level must lie strictly between 0 and 1, e.g. 0.95.")
        }
        if let nagq, !(1...50).contains(nagq) {
            throw ValidationError("--nagq must be between 1 (Laplace) and 50 (got \(nagq)).")
        }
        for (option, columns) in [("--outcome", outcomeColumns), ("--factors", factorColumns)] {
            if columns.contains(where: \.isEmpty) {
                throw ValidationError("\(option) has an empty column name; separate names with commas, e.g. success,sustained_12m.")
            }
            if let repeated = columns.first(where: { name in columns.filter { $0 == name }.count > 1 }) {
                throw ValidationError("\(option) names \(repeated) twice.")
            }
        }
        if let clash = outcomeColumns.first(where: { factorColumns.contains($0) || $0 == practice }) {
            throw ValidationError("\(clash) is both an outcome and a factor or the practice column.")
        }
        if factorColumns.contains(practice) {
            throw ValidationError("\(practice) is the practice column and cannot be a factor as well.")
        }
    }

    func run() throws {
        let result = try analyse()
        for warning in result.allWarnings { StandardStreams.writeError("qi: warning: \(warning)\n") }
        try outputOptions.emit { sink in
            switch outputOptions.resolvedFormat {
            case .json: try FactorsJSONWriter.write(result, to: sink)
            case .csv: try FactorsCSVWriter.write(result, to: sink)
            case .table: try FactorsTableWriter.write(result, to: sink)
            }
        }
    }

    /// Reads the file and fits every outcome (also used by `qi demo`).
    func analyse() throws -> FacilitatorAnalysisResult {
        let table = try CSVReader.read(path: data)
        let columns = outcomeColumns + factorColumns + (exposure.map { [$0] } ?? [])
        try na.check(table, columns: columns + [practice])
        let modelData = try FitCommand.modelData(table, columns: columns)
        var typed = modelData.columnOrder.map { (name: $0, column: modelData.columns[$0]!) }
        typed.append((practice, .text(try table.texts(practice))))
        let analysis = FacilitatorAnalysis(outcomes: outcomeColumns, factors: factorColumns,
                                           practiceColumn: practice, exposureColumn: exposure,
                                           level: level, quadraturePoints: nagq)
        let result: FacilitatorAnalysisResult
        do {
            result = try analysis.fit(ModelData(columns: typed))
        } catch {
            let message = "\(table.source): \(error.description)"
            throw error.isComputational ? CommandFailure.computationFailed(message)
                                        : CommandFailure.badInput(message)
        }
        return result
    }
}

private extension String {
    var trimmingSpaces: String {
        var text = Substring(self)
        while text.first == " " { text.removeFirst() }
        while text.last == " " { text.removeLast() }
        return String(text)
    }
}

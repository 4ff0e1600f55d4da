import QILinearAlgebra

/// A model's response, design matrix, offset and weights on the complete rows of the data,
/// built as R's `model.frame` (with `na.omit`) and `model.matrix` build them.
///
/// Columns: `(Intercept)` first when the model has one, then each term's columns in term order.
/// A numeric variable gives one column named by its label. A factor gives treatment-contrast
/// columns (every level but the first, named label + level, e.g. `period2`, `factor(year)2`)
/// when the term without that factor is also in the model (the intercept stands for the empty
/// term), and one indicator column per level otherwise, so `y ~ f - 1` has a column for every
/// level and `y ~ x:f` a slope for every level, as R codes them. An interaction's columns are
/// the products of its variables' columns, the first variable varying fastest, and are named
/// by joining the parts with `:`.
///
/// - Note: Chambers & Hastie (1992), *Statistical Models in S*, §2.4.1 (the coding rule).
public struct DesignMatrix: Sendable {
    /// The design X: one row per complete row of the data, one column per coefficient.
    public let matrix: Matrix
    /// The coefficient names as R prints them.
    public let columnNames: [String]
    /// For each column, the index of its term in ``termLabels``, or `nil` for the intercept
    /// (R's `assign`, shifted to zero-based).
    public let columnTerms: [Int?]
    /// The labels of the terms, in order.
    public let termLabels: [String]
    /// The response on the complete rows.
    public let response: ModelResponse
    /// The response as R labels it.
    public let responseLabel: String
    /// The sum of the offsets on each complete row (zeros without `offset()`).
    public let offset: [Double]
    /// Whether the formula has an offset.
    public let hasOffset: Bool
    /// Prior weights on each complete row, or `nil` for unit weights.
    public let weights: [Double]?
    /// The zero-based indices, in the data, of the rows used.
    public let rowsUsed: [Int]
    /// How many rows were dropped for a missing value in a variable the model uses.
    public let rowsDropped: Int
    /// The grouping factors of the random effects, on the complete rows.
    public let groupingFactors: [GroupingFactor]
    /// The formula's random-effect terms as written (their slopes are not columns of the
    /// design; a mixed model checks it supports them).
    public let randomEffects: [RandomEffectSpecification]
    /// The random-effect terms as a linear mixed model uses them: one per grouping factor of
    /// each random-effect specification (two for `(1 | g1/g2)`), and one per part of an
    /// uncorrelated `(x || g)`, each with its model matrix Zᵢ, in formula order.
    public let randomEffectTerms: [RandomEffectTerm]
    /// Whether the design has an intercept column.
    public let hasIntercept: Bool

    /// The number of rows used.
    public var rowCount: Int { matrix.rows }

    /// Builds the design of `formula` on `data`.
    ///
    /// - Parameters:
    ///   - weightsColumn: a numeric column of prior weights (R's `weights =`), or nil.
    /// - Throws: ``ModelDataError`` for unknown or unsuitable columns, non-finite transformed
    ///   values, negative weights, or no complete row.
    /// - Complexity: O(n·p) for n rows and p columns.
    public init(formula: Formula, data: ModelData,
                weightsColumn: String? = nil) throws(ModelDataError) {
        for name in formula.columnNames + (weightsColumn.map { [$0] } ?? []) {
            _ = try data.column(name)
        }
        var everyVariable: [VariableValues] = []
        let variableValues = try formula.variables.map { expression throws(ModelDataError) in
            try ModelFrame.evaluate(expression, in: data, label: expression.deparsed)
        }
        everyVariable += variableValues
        var responseColumns: [[Double?]] = []
        for expression in formula.response.expressions {
            let values = try ModelFrame.evaluate(expression, in: data, label: expression.deparsed)
            guard case let .numeric(numbers) = values else {
                throw .notNumeric(variable: "the response \(expression.deparsed)",
                                  column: expression.columnNames.first ?? expression.deparsed)
            }
            responseColumns.append(numbers)
            everyVariable.append(values)
        }
        var offsetColumns: [[Double?]] = []
        for expression in formula.offsets {
            let values = try ModelFrame.numeric(expression, in: data,
                                                label: "offset(\(expression.deparsed))")
            offsetColumns.append(values)
            everyVariable.append(.numeric(values))
        }
        var weightValues: [Double?]?
        if let weightsColumn {
            weightValues = try ModelFrame.numeric(.name(weightsColumn, position: 0), in: data,
                                                  label: "the weight")
            everyVariable.append(.numeric(weightValues!))
        }
        var groupingValues: [(label: String, variables: [VariableValues], groupings: [[Int]],
                              labels: [String])] = []
        var slopeValues: [[VariableValues]] = []
        for effect in formula.randomEffects {
            let variables = try effect.groupingVariables.map { expression throws(ModelDataError) in
                let values = try ModelFrame.evaluate(expression, in: data, label: expression.deparsed)
                if case let .numeric(numbers) = values { return ModelFrame.factor(numbers: numbers) }
                return values
            }
            everyVariable += variables
            let slopes = try effect.variables.map { expression throws(ModelDataError) in
                try ModelFrame.evaluate(expression, in: data, label: expression.deparsed)
            }
            everyVariable += slopes
            slopeValues.append(slopes)
            groupingValues.append((effect.groupingLabels.joined(separator: ","), variables,
                                   effect.groupings, effect.groupingLabels))
        }

        let rowsUsed = (0..<data.rowCount).filter { row in
            !everyVariable.contains { $0.isMissing(row) }
        }
        guard !rowsUsed.isEmpty else { throw .noCompleteRows(rows: data.rowCount) }
        if let weightValues {
            for row in rowsUsed where weightValues[row]! < 0 {
                throw .negativeWeight(row: row + 1, value: weightValues[row]!)
            }
        }

        let coded = Self.codedColumns(terms: formula.terms,
                                      labels: formula.variables.map(\.deparsed),
                                      values: variableValues, hasIntercept: formula.hasIntercept,
                                      rows: rowsUsed)
        let columns = coded.map(\.values)
        let names = coded.map(\.name)
        let columnTerms = coded.map(\.term)

        self.matrix = columns.isEmpty ? Matrix(rows: rowsUsed.count, columns: 0, storage: [])
                                      : Matrix(columnVectors: columns)
        self.columnNames = names
        self.columnTerms = columnTerms
        self.termLabels = formula.terms.map(\.label)
        switch formula.response {
        case .single:
            self.response = .values(rowsUsed.map { responseColumns[0][$0]! })
        case .counts:
            self.response = .counts(successes: rowsUsed.map { responseColumns[0][$0]! },
                                    failures: rowsUsed.map { responseColumns[1][$0]! })
        }
        self.responseLabel = formula.response.label
        self.offset = rowsUsed.map { row in offsetColumns.reduce(0) { $0 + $1[row]! } }
        self.hasOffset = !formula.offsets.isEmpty
        self.weights = weightValues.map { values in rowsUsed.map { values[$0]! } }
        self.rowsUsed = rowsUsed
        self.rowsDropped = data.rowCount - rowsUsed.count
        self.hasIntercept = formula.hasIntercept
        var groupingFactors: [GroupingFactor] = []
        for (effect, grouping) in groupingValues.enumerated() {
            for (groups, label) in zip(grouping.groupings, grouping.labels) {
                groupingFactors.append(GroupingFactor(
                    label: label, randomEffect: effect,
                    variables: groups.map { grouping.variables[$0] }, rows: rowsUsed))
            }
        }
        self.groupingFactors = groupingFactors
        self.randomEffects = formula.randomEffects
        var randomEffectTerms: [RandomEffectTerm] = []
        for (effect, specification) in formula.randomEffects.enumerated() {
            let effectColumns = Self.codedColumns(
                terms: specification.terms, labels: specification.variables.map(\.deparsed),
                values: slopeValues[effect], hasIntercept: specification.hasIntercept,
                rows: rowsUsed)
            // lme4's expandDoubleVerts: (x || g) is (1 | g) + (0 + x | g), one term per part.
            let parts: [[Int]] = specification.isUncorrelated
                ? Dictionary(grouping: effectColumns.indices, by: { effectColumns[$0].term ?? -1 })
                    .sorted { $0.key < $1.key }.map(\.value)
                : [Array(effectColumns.indices)]
            for grouping in groupingFactors where grouping.randomEffect == effect {
                for part in parts where !part.isEmpty {
                    randomEffectTerms.append(RandomEffectTerm(
                        grouping: grouping,
                        columnNames: part.map { effectColumns[$0].name },
                        matrix: Matrix(columnVectors: part.map { effectColumns[$0].values })))
                }
            }
        }
        self.randomEffectTerms = randomEffectTerms
    }

    /// The columns of `terms` on `rows`, by the coding rule in the type's documentation:
    /// `(Intercept)` first when `hasIntercept`, then each term's columns with the index of its
    /// term. `labels` and `values` are indexed by the terms' variables.
    static func codedColumns(terms: [FormulaTerm], labels: [String], values: [VariableValues],
                             hasIntercept: Bool, rows: [Int])
        -> [(name: String, values: [Double], term: Int?)] {
        let termSets = Set(terms.map(\.variables))
        var columns: [(name: String, values: [Double], term: Int?)] = []
        if hasIntercept {
            columns.append(("(Intercept)", Array(repeating: 1, count: rows.count), nil))
        }
        for (termIndex, term) in terms.enumerated() {
            var termColumns: [(name: String, values: [Double])] =
                [("", Array(repeating: 1, count: rows.count))]
            for variable in term.variables {
                let label = labels[variable]
                let pieces: [(String, [Double])]
                switch values[variable] {
                case let .numeric(numbers):
                    pieces = [(label, rows.map { numbers[$0]! })]
                case let .factor(codes, levels):
                    let rest = term.variables.filter { $0 != variable }
                    let usesContrasts = rest.isEmpty ? hasIntercept : termSets.contains(rest)
                    let coded = usesContrasts ? Array(levels.indices.dropFirst()) : Array(levels.indices)
                    pieces = coded.map { level in
                        (label + levels[level], rows.map { codes[$0]! == level ? 1.0 : 0.0 })
                    }
                }
                var expanded: [(String, [Double])] = []
                for (pieceName, pieceValues) in pieces {
                    for (name, values) in termColumns {
                        expanded.append((name.isEmpty ? pieceName : name + ":" + pieceName,
                                         zip(values, pieceValues).map(*)))
                    }
                }
                termColumns = expanded
            }
            for (name, values) in termColumns { columns.append((name, values, termIndex)) }
        }
        return columns
    }
}

/// A response on the complete rows.
public enum ModelResponse: Sendable, Equatable {
    /// One value per row.
    case values([Double])
    /// Successes and failures per row, from `cbind(successes, failures)`.
    case counts(successes: [Double], failures: [Double])
}

/// The groups of one random-effect grouping factor on the rows used: each row's group code and
/// the groups' names (the interaction of its variables' levels, joined by `:`, for nested
/// factors), in order of first appearance.
public struct GroupingFactor: Sendable, Equatable {
    public let label: String
    /// The index of the random-effect term in the formula it belongs to.
    public let randomEffect: Int
    public let codes: [Int]
    public let levels: [String]

    init(label: String, randomEffect: Int, variables: [VariableValues], rows: [Int]) {
        var index: [String: Int] = [:]
        var levels: [String] = []
        var codes: [Int] = []
        codes.reserveCapacity(rows.count)
        for row in rows {
            let name = variables.reversed().map { variable -> String in
                guard case let .factor(variableCodes, variableLevels) = variable else { return "" }
                return variableLevels[variableCodes[row]!]
            }.joined(separator: ":")
            if let code = index[name] {
                codes.append(code)
            } else {
                index[name] = levels.count
                codes.append(levels.count)
                levels.append(name)
            }
        }
        self.label = label
        self.randomEffect = randomEffect
        self.codes = codes
        self.levels = levels
    }
}

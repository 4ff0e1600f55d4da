/// A model formula in R / lme4 syntax, read into its response, fixed-effect terms, offsets and
/// random-effect specifications.
///
/// Terms follow R's `terms.formula`: `a + b` adds terms, `a - b` removes them, `a:b` is the
/// interaction, `a*b` is `a + b + a:b`, `a/b` is `a + a:b`, `(a + b)^2` all interactions up to
/// order 2, `- 1` or `+ 0` drops the intercept. Each term is a set of variables; terms are
/// ordered by their number of variables, keeping the order of appearance among equals, and a
/// term's label lists its variables in their order of first appearance in the formula,
/// joined by `:`, so `y ~ b:a + a` has terms `a` and `b:a` as in R.
///
/// A variable is a column (`period`), `factor(column)`, or a numeric transformation
/// (`log(t)`, `sqrt(x)`, `I(x^2)`, `log(t + 1)`) labelled as R deparses it. `offset(...)`
/// adds a known term to the linear predictor. `(lhs | g)` is an lme4 random-effect term:
/// `(1 | g)` a random intercept, `(x | g)` correlated intercept and slope, `(0 + x | g)` a
/// slope alone, `(1 | g1/g2)` random intercepts for `g1` and for `g2` within `g1`
/// (grouping factors `g1` and `g2:g1`, lme4's names), `(x || g)` uncorrelated.
///
/// - Note: Chambers & Hastie (1992), *Statistical Models in S*, ch. 2; Bates, Mächler,
///   Bolker & Walker (2015), "Fitting linear mixed-effects models using lme4", J. Stat.
///   Softw. 67(1), doi:10.18637/jss.v067.i01, §2.1.
public struct Formula: Sendable, Equatable {
    /// The formula as written.
    public let text: String
    /// The response: one expression, or successes and failures from `cbind(s, f)`.
    public let response: FormulaResponse
    /// The variables of the fixed-effect terms, in order of first appearance; terms refer to
    /// them by index.
    public let variables: [FormulaExpression]
    /// The fixed-effect terms other than the intercept, in R's order.
    public let terms: [FormulaTerm]
    /// Whether the model has an intercept (unless `- 1`, `+ 0` or `-1` removed it).
    public let hasIntercept: Bool
    /// The expressions inside `offset(...)`, added together.
    public let offsets: [FormulaExpression]
    /// The random-effect terms, `(lhs | g)`, in the order written.
    public let randomEffects: [RandomEffectSpecification]

    /// The functions a formula may call, besides `offset` and `cbind`.
    public static let transformations = ["factor", "log", "exp", "sqrt", "I", "log2", "log10",
                                         "log1p", "abs"]

    /// Reads a formula.
    ///
    /// - Throws: ``FormulaError`` with the position of the problem.
    public init(_ text: String) throws(FormulaError) {
        let (responseExpression, rightHandSide, _) = try FormulaParser.parse(text)
        var reader = TermReader(formula: text)
        let response = try reader.response(responseExpression)
        let expansion = try reader.expand(rightHandSide)
        var randomEffects: [RandomEffectSpecification] = []
        for (expression, position) in reader.pendingRandomEffects {
            randomEffects.append(try reader.randomEffect(expression, position: position))
        }
        self.text = text
        self.response = response
        self.variables = reader.variables
        self.terms = Self.ordered(expansion.terms).map {
            FormulaTerm(variables: $0, label: reader.label($0))
        }
        self.hasIntercept = expansion.intercept ?? true
        self.offsets = reader.offsets
        self.randomEffects = randomEffects
    }

    /// Every column the formula reads, in order of first appearance.
    public var columnNames: [String] {
        var names: [String] = []
        func add(_ expressions: [FormulaExpression]) {
            for name in expressions.flatMap(\.columnNames) where !names.contains(name) {
                names.append(name)
            }
        }
        add(response.expressions)
        add(variables)
        add(offsets)
        for effect in randomEffects {
            add(effect.variables)
            add(effect.groupingVariables)
        }
        return names
    }

    /// R's order: by the number of variables in a term, stable among terms of equal order.
    static func ordered(_ terms: [[Int]]) -> [[Int]] {
        terms.enumerated().sorted { ($0.element.count, $0.offset) < ($1.element.count, $1.offset) }
            .map(\.element)
    }
}

/// A model's response.
public enum FormulaResponse: Sendable, Equatable {
    /// One numeric expression: a 0/1 outcome, a count, a proportion, a measurement.
    case single(FormulaExpression)
    /// `cbind(successes, failures)` for a binomial model.
    case counts(successes: FormulaExpression, failures: FormulaExpression)

    var expressions: [FormulaExpression] {
        switch self {
        case let .single(expression): [expression]
        case let .counts(successes, failures): [successes, failures]
        }
    }

    /// The response as R labels it, e.g. `cbind(incidence, size - incidence)`.
    public var label: String {
        switch self {
        case let .single(expression): expression.deparsed
        case let .counts(successes, failures):
            "cbind(\(successes.deparsed), \(failures.deparsed))"
        }
    }
}

/// One fixed-effect term: a set of variables interacted, such as `champion:payment`.
public struct FormulaTerm: Sendable, Equatable, Hashable {
    /// Indices into the formula's variables, in increasing order.
    public let variables: [Int]
    /// The term as R labels it, such as `champion:payment` or `factor(year)`.
    public let label: String
}

/// One lme4 random-effect term `(lhs | grouping)`.
public struct RandomEffectSpecification: Sendable, Equatable {
    /// Whether the term has a random intercept (unless `0 +` or `- 1` in the lhs).
    public let hasIntercept: Bool
    /// The variables of the random slopes, in order of first appearance.
    public let variables: [FormulaExpression]
    /// The random slopes, as terms over ``variables``.
    public let terms: [FormulaTerm]
    /// The grouping variables, in order of first appearance.
    public let groupingVariables: [FormulaExpression]
    /// The grouping factors: `g` for `(1 | g)`; `g1` and `g2:g1` for `(1 | g1/g2)`. Each is a
    /// list of indices into ``groupingVariables`` whose interaction defines the groups.
    public let groupings: [[Int]]
    /// The grouping factors as lme4 names them: `g1`, `g2:g1`.
    public let groupingLabels: [String]
    /// Whether `||` asked for uncorrelated effects.
    public let isUncorrelated: Bool
    /// Where the term starts in the formula text.
    public let position: Int
}

/// Gives the right-hand side of a formula its term meaning; see ``Formula``.
struct TermReader {
    let formula: String
    private(set) var variables: [FormulaExpression] = []
    private var labels: [String] = []
    private(set) var offsets: [FormulaExpression] = []
    private(set) var pendingRandomEffects: [(FormulaExpression, Int)] = []

    init(formula: String) { self.formula = formula }

    /// Terms (sets of variable indices) and the intercept setting: true after `1`, false after
    /// `0` or `- 1`, nil when the part says nothing about it.
    struct Expansion {
        var terms: [[Int]] = []
        var intercept: Bool? = nil

        mutating func add(_ term: [Int]) {
            if !terms.contains(term) { terms.append(term) }
        }
    }

    func label(_ term: [Int]) -> String {
        term.map { labels[$0] }.joined(separator: ":")
    }

    mutating func response(_ expression: FormulaExpression) throws(FormulaError) -> FormulaResponse {
        if case let .call("cbind", arguments, position) = expression {
            guard arguments.count == 2 else {
                throw .wrongArgumentCount(formula: formula, position: position, function: "cbind",
                                          expected: 2, found: arguments.count)
            }
            for argument in arguments { try checkArithmetic(argument) }
            return .counts(successes: arguments[0], failures: arguments[1])
        }
        try checkArithmetic(expression)
        if case let .call("factor", _, position) = expression {
            throw .misplaced(formula: formula, position: position, what: "factor() as the response",
                             reason: "the response must be numeric: code a binary outcome as 0 and 1")
        }
        return .single(expression)
    }

    mutating func expand(_ expression: FormulaExpression) throws(FormulaError) -> Expansion {
        switch expression {
        case let .number(value, position):
            guard value == 0 || value == 1 else {
                throw .misplaced(formula: formula, position: position,
                                 what: "the number \(RNumberText.text(value))",
                                 reason: "a number among the terms must be 1 (keep the intercept) "
                                    + "or 0 (drop it); wrap arithmetic in I(), as in I(x * 2)")
            }
            return Expansion(terms: [], intercept: value == 1)
        case .name:
            return Expansion(terms: [[register(expression)]])
        case let .call(function, arguments, position):
            if function == "offset" {
                guard arguments.count == 1 else {
                    throw .wrongArgumentCount(formula: formula, position: position,
                                              function: "offset", expected: 1,
                                              found: arguments.count)
                }
                try checkArithmetic(arguments[0])
                offsets.append(arguments[0])
                return Expansion()
            }
            try checkArithmetic(expression)
            return Expansion(terms: [[register(expression)]])
        case let .parenthesized(inner, position):
            if case let .binary(op, _, _, _) = inner, op == .bar || op == .doubleBar {
                pendingRandomEffects.append((inner, position))
                return Expansion()
            }
            return try expand(inner)
        case let .negation(operand, _):
            let removed = try expand(operand)
            return Expansion(terms: [], intercept: removed.intercept == true ? false : nil)
        case let .binary(op, left, right, position):
            switch op {
            case .plus:
                var result = try expand(left)
                let addition = try expand(right)
                addition.terms.forEach { result.add($0) }
                result.intercept = addition.intercept ?? result.intercept
                return result
            case .minus:
                var result = try expand(left)
                let removal = try expand(right)
                result.terms.removeAll { removal.terms.contains($0) }
                if let removesIntercept = removal.intercept {
                    result.intercept = !removesIntercept
                }
                return result
            case .interaction, .within:
                return interaction(try expand(left), try expand(right))
            case .times:
                let first = try expand(left)
                let second = try expand(right)
                var result = first
                second.terms.forEach { result.add($0) }
                interaction(first, second).terms.forEach { result.add($0) }
                result.intercept = second.intercept ?? first.intercept
                return result
            case .divide:
                let outer = try expand(left)
                let inner = try expand(right)
                var result = outer
                let allOuter = Array(Set(outer.terms.joined())).sorted()
                interaction(Expansion(terms: allOuter.isEmpty ? [] : [allOuter]), inner).terms
                    .forEach { result.add($0) }
                return result
            case .power:
                guard case let .number(order, orderPosition) = right, order >= 1,
                      order == order.rounded() else {
                    throw .misplaced(formula: formula, position: right.position, what: "this power",
                                     reason: "(terms)^k needs a whole number k of 1 or more; "
                                        + "for a squared column write I(x^2)")
                }
                _ = orderPosition
                let base = try expand(left)
                var result = base
                for _ in 1..<Int(order) {
                    var next = result
                    base.terms.forEach { next.add($0) }
                    interaction(result, base).terms.forEach { next.add($0) }
                    result = next
                }
                return result
            case .bar, .doubleBar:
                throw .misplaced(formula: formula, position: position,
                                 what: "'\(op.symbol)'",
                                 reason: "a random-effect term goes in parentheses, as in (1 | practice)")
            case .tilde:
                throw .misplaced(formula: formula, position: position, what: "'~'",
                                 reason: "a formula has one '~'")
            }
        }
    }

    private func interaction(_ first: Expansion, _ second: Expansion) -> Expansion {
        var result = Expansion()
        for a in first.terms {
            for b in second.terms { result.add(Array(Set(a + b)).sorted()) }
        }
        return result
    }

    /// Registers a variable by its deparsed label and returns its index.
    private mutating func register(_ expression: FormulaExpression) -> Int {
        let label = expression.deparsed
        if let existing = labels.firstIndex(of: label) { return existing }
        labels.append(label)
        variables.append(expression)
        return variables.count - 1
    }

    /// Accepts names, numbers, arithmetic and the known functions; rejects anything else.
    func checkArithmetic(_ expression: FormulaExpression) throws(FormulaError) {
        switch expression {
        case .name, .number: return
        case let .call(function, arguments, position):
            guard Formula.transformations.contains(function) else {
                if function == "offset" || function == "cbind" {
                    throw .misplaced(formula: formula, position: position, what: "\(function)()",
                                     reason: function == "offset"
                                        ? "offset() is a term of its own, as in y ~ x + offset(log(t))"
                                        : "cbind(successes, failures) is a binomial response, left of '~'")
                }
                throw .unknownFunction(formula: formula, position: position, name: function,
                                       known: Formula.transformations + ["offset", "cbind"])
            }
            guard arguments.count == 1 else {
                throw .wrongArgumentCount(formula: formula, position: position, function: function,
                                          expected: 1, found: arguments.count)
            }
            try checkArithmetic(arguments[0])
        case let .binary(op, left, right, position):
            switch op {
            case .plus, .minus, .times, .divide, .power:
                try checkArithmetic(left)
                try checkArithmetic(right)
            default:
                throw .misplaced(formula: formula, position: position, what: "'\(op.symbol)'",
                                 reason: "inside a function only arithmetic (+ - * / ^) is allowed")
            }
        case let .negation(operand, _), let .parenthesized(operand, _):
            try checkArithmetic(operand)
        }
    }

    /// Reads `(lhs | g)` into a specification with its own variables.
    func randomEffect(_ expression: FormulaExpression, position: Int)
        throws(FormulaError) -> RandomEffectSpecification {
        guard case let .binary(op, lhs, grouping, _) = expression else {
            preconditionFailure("only bar expressions are pending random effects")
        }
        var slopeReader = TermReader(formula: formula)
        let slopes = try slopeReader.expand(lhs)
        guard slopeReader.pendingRandomEffects.isEmpty, slopeReader.offsets.isEmpty else {
            throw .misplaced(formula: formula, position: lhs.position,
                             what: "a random-effect term or offset inside a random-effect term",
                             reason: "the left of '|' lists the effects that vary by group")
        }
        var groupReader = TermReader(formula: formula)
        let groups = try groupReader.groupings(grouping)
        return RandomEffectSpecification(
            hasIntercept: slopes.intercept ?? true,
            variables: slopeReader.variables,
            terms: Formula.ordered(slopes.terms).map {
                FormulaTerm(variables: $0, label: slopeReader.label($0))
            },
            groupingVariables: groupReader.variables,
            groupings: groups,
            groupingLabels: groups.map { $0.reversed().map { groupReader.labels[$0] }
                                            .joined(separator: ":") },
            isUncorrelated: op == .doubleBar,
            position: position)
    }

    /// The grouping side of a random effect: `g`, `g1:g2`, or `g1/g2` (lme4's `g1` and
    /// `g2:g1`). Indices are listed outermost first; labels reverse them as lme4 does.
    private mutating func groupings(_ expression: FormulaExpression) throws(FormulaError) -> [[Int]] {
        switch expression {
        case .name:
            return [[register(expression)]]
        case let .call("factor", arguments, _) where arguments.count == 1:
            if case .name = arguments[0] { return [[register(arguments[0])]] }
            throw .misplaced(formula: formula, position: expression.position,
                             what: "this grouping", reason: "group by columns, as in (1 | practice)")
        case let .parenthesized(inner, _):
            return try groupings(inner)
        case let .binary(.divide, outer, inner, _):
            let outerGroups = try groupings(outer)
            let innerGroups = try groupings(inner)
            let outermost = outerGroups.last ?? []
            return outerGroups + innerGroups.map { outermost + $0 }
        case let .binary(.interaction, left, right, _):
            let first = try groupings(left)
            let second = try groupings(right)
            guard first.count == 1, second.count == 1 else {
                throw .misplaced(formula: formula, position: expression.position,
                                 what: "this grouping", reason: "write nested groups as g1/g2")
            }
            return [second[0] + first[0]]
        default:
            throw .misplaced(formula: formula, position: expression.position,
                             what: "this grouping",
                             reason: "the right of '|' names grouping columns: g, g1/g2 or g1:g2")
        }
    }
}

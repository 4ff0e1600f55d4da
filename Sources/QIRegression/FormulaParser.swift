/// Reads formula text into a ``FormulaExpression`` tree with R's operator precedence.
///
/// Precedence, loosest first (R Language Definition §10.4.2): `~`; `|` and `||`; binary `+`
/// and `-`; `*` and `/`; `%in%`; `:`; unary `-` and `+`; `^` (right-associative). So
/// `(1 + x | g)` is `((1 + x) | g)` and `a*b:c` is `a*(b:c)`, as in R and lme4.
/// A top-down operator-precedence parser (Pratt 1973, doi:10.1145/512927.512931).
struct FormulaParser {
    private let formula: String
    private let tokens: [FormulaToken]
    private var index = 0

    /// Parses `response ~ terms` and returns both sides.
    static func parse(_ formula: String) throws(FormulaError)
        -> (response: FormulaExpression, terms: FormulaExpression, tildePosition: Int) {
        var parser = FormulaParser(formula: formula, tokens: try FormulaLexer.tokens(of: formula))
        guard parser.tokens.contains(where: { $0.kind == .tilde }) else {
            throw .missingTilde(formula: formula)
        }
        if parser.current.kind == .tilde {
            throw .unexpectedToken(formula: formula, position: parser.current.position,
                                   found: "'~'", expected: "a response (the outcome column) before it")
        }
        let response = try parser.expression(minimumBinding: Self.tildeBinding + 1)
        guard parser.current.kind == .tilde else {
            throw .unexpectedToken(formula: formula, position: parser.current.position,
                                   found: parser.current.quotedText, expected: "'~' or an operator")
        }
        let tildePosition = parser.current.position
        parser.index += 1
        let terms = try parser.expression(minimumBinding: Self.tildeBinding + 1)
        guard parser.current.kind == .end else {
            let found = parser.current
            let expected = found.kind == .closeParenthesis ? "no ')' without a matching '('"
                : (found.kind == .tilde ? "only one '~'" : "an operator such as '+'")
            throw .unexpectedToken(formula: formula, position: found.position,
                                   found: found.quotedText, expected: expected)
        }
        return (response, terms, tildePosition)
    }

    private init(formula: String, tokens: [FormulaToken]) {
        self.formula = formula
        self.tokens = tokens
    }

    private static let tildeBinding = 1
    private static let prefixBinding = 60

    private var current: FormulaToken { tokens[index] }

    /// The operator a token stands for when it follows an operand, with its binding power.
    private static func infix(_ kind: FormulaToken.Kind) -> (FormulaOperator, Int)? {
        switch kind {
        case .bar: (.bar, 10)
        case .doubleBar: (.doubleBar, 10)
        case .plus: (.plus, 20)
        case .minus: (.minus, 20)
        case .star: (.times, 30)
        case .slash: (.divide, 30)
        case .inOperator: (.within, 40)
        case .colon: (.interaction, 50)
        case .caret: (.power, 70)
        default: nil
        }
    }

    private mutating func expression(minimumBinding: Int) throws(FormulaError) -> FormulaExpression {
        var left = try operand()
        while let (op, binding) = Self.infix(current.kind), binding >= minimumBinding {
            let position = current.position
            index += 1
            // `^` is right-associative: its right side may hold another `^`.
            let right = try expression(minimumBinding: op == .power ? binding : binding + 1)
            left = .binary(op, left, right, position: position)
        }
        return left
    }

    private mutating func operand() throws(FormulaError) -> FormulaExpression {
        let token = current
        switch token.kind {
        case let .name(name, quoted):
            index += 1
            guard !quoted, current.kind == .openParenthesis else {
                return .name(name, position: token.position)
            }
            index += 1
            var arguments: [FormulaExpression] = []
            if current.kind != .closeParenthesis {
                arguments.append(try expression(minimumBinding: Self.tildeBinding + 1))
                while current.kind == .comma {
                    index += 1
                    arguments.append(try expression(minimumBinding: Self.tildeBinding + 1))
                }
            }
            try expect(.closeParenthesis, "',' or ')' to close \(name)(")
            return .call(function: name, arguments: arguments, position: token.position)
        case let .number(value, _):
            index += 1
            return .number(value, position: token.position)
        case .openParenthesis:
            index += 1
            let inner = try expression(minimumBinding: Self.tildeBinding + 1)
            try expect(.closeParenthesis, "')'")
            return .parenthesized(inner, position: token.position)
        case .minus, .plus:
            index += 1
            let operand = try expression(minimumBinding: Self.prefixBinding)
            return token.kind == .minus ? .negation(operand, position: token.position) : operand
        case .end:
            throw .unexpectedEnd(formula: formula, expected: "a column name, a number or '('")
        default:
            throw .unexpectedToken(formula: formula, position: token.position,
                                   found: token.quotedText,
                                   expected: "a column name, a number or '('")
        }
    }

    private mutating func expect(_ kind: FormulaToken.Kind, _ description: String) throws(FormulaError) {
        guard current.kind == kind else {
            if current.kind == .end { throw .unexpectedEnd(formula: formula, expected: description) }
            throw .unexpectedToken(formula: formula, position: current.position,
                                   found: current.quotedText, expected: description)
        }
        index += 1
    }
}

/// The syntax tree of a formula or of one side of it, before any meaning is given to it.
///
/// The same tree is read two ways: the right-hand side of `~` as a term specification
/// (`+` adds terms, `:` interacts them) by ``Formula``, and the arguments of functions such as
/// `log(t + 1)` as arithmetic by ``ModelFrame``.
public indirect enum FormulaExpression: Sendable, Equatable {
    case name(String, position: Int)
    case number(Double, position: Int)
    case call(function: String, arguments: [FormulaExpression], position: Int)
    case binary(FormulaOperator, FormulaExpression, FormulaExpression, position: Int)
    case negation(FormulaExpression, position: Int)
    case parenthesized(FormulaExpression, position: Int)

    /// Where the expression starts in the formula text (zero-based characters).
    public var position: Int {
        switch self {
        case let .name(_, position), let .number(_, position), let .call(_, _, position),
             let .binary(_, _, _, position), let .negation(_, position),
             let .parenthesized(_, position):
            return position
        }
    }

    /// The expression written back as R's `deparse` writes it, the text R uses to label terms:
    /// spaces around `+`, `-`, `*`, `|` and `~`, none around `/`, `:` and `^`, backticks
    /// around names that are not syntactic, numbers as `as.character` writes them.
    public var deparsed: String {
        switch self {
        case let .name(name, _):
            return Self.isSyntactic(name) ? name : "`\(name)`"
        case let .number(value, _):
            return RNumberText.text(value)
        case let .call(function, arguments, _):
            return function + "(" + arguments.map(\.deparsed).joined(separator: ", ") + ")"
        case let .binary(op, left, right, _):
            let spaced = op.isSpacedWhenDeparsed
            return left.deparsed + (spaced ? " \(op.symbol) " : op.symbol) + right.deparsed
        case let .negation(operand, _):
            return "-" + operand.deparsed
        case let .parenthesized(inner, _):
            return "(" + inner.deparsed + ")"
        }
    }

    /// The column names the expression reads, in order of first appearance.
    public var columnNames: [String] {
        var names: [String] = []
        func visit(_ expression: FormulaExpression) {
            switch expression {
            case let .name(name, _): if !names.contains(name) { names.append(name) }
            case .number: break
            case let .call(_, arguments, _): arguments.forEach(visit)
            case let .binary(_, left, right, _): visit(left); visit(right)
            case let .negation(operand, _), let .parenthesized(operand, _): visit(operand)
            }
        }
        visit(self)
        return names
    }

    /// R's reserved words, which are never syntactic names (R Language Definition §10.3.3).
    static let reservedWords: Set<String> = [
        "if", "else", "repeat", "while", "function", "for", "next", "break", "TRUE", "FALSE",
        "NULL", "Inf", "NaN", "NA", "NA_integer_", "NA_real_", "NA_character_", "in",
    ]

    /// Whether R writes the name without backticks.
    static func isSyntactic(_ name: String) -> Bool {
        guard let first = name.first, !reservedWords.contains(name) else { return false }
        if first == "." {
            if name.count > 1, let second = name.dropFirst().first, second.isNumber { return false }
        } else if !first.isLetter {
            return false
        }
        return name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "." || $0 == "_" }
    }
}

/// The binary operators of R's formula syntax, from loosest to tightest binding.
public enum FormulaOperator: Sendable, Equatable {
    case tilde, bar, doubleBar, plus, minus, times, divide, within, interaction, power

    var symbol: String {
        switch self {
        case .tilde: "~"
        case .bar: "|"
        case .doubleBar: "||"
        case .plus: "+"
        case .minus: "-"
        case .times: "*"
        case .divide: "/"
        case .within: "%in%"
        case .interaction: ":"
        case .power: "^"
        }
    }

    var isSpacedWhenDeparsed: Bool {
        switch self {
        case .divide, .interaction, .power: false
        default: true
        }
    }
}

/// Why a model formula could not be read, with the position of the offending character.
///
/// Positions are zero-based offsets in characters (extended grapheme clusters) of the formula
/// text; ``description`` repeats the formula with a caret under that character, so the message
/// points where to look. The command-line tool exits with 2 (bad usage) for syntax errors and
/// with 1 (bad input) for an unknown function, as INTERFACE.md asks for unknown names.
public enum FormulaError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A character that cannot start any token, such as `$` or `@`.
    case unexpectedCharacter(formula: String, position: Int, character: Character)
    /// A token where something else was expected.
    case unexpectedToken(formula: String, position: Int, found: String, expected: String)
    /// The formula ended while something was still expected.
    case unexpectedEnd(formula: String, expected: String)
    /// No `~` separating the response from the terms.
    case missingTilde(formula: String)
    /// A function the formula interface does not know, such as `poly(x, 2)`.
    case unknownFunction(formula: String, position: Int, name: String, known: [String])
    /// A function called with the wrong number of arguments.
    case wrongArgumentCount(formula: String, position: Int, function: String, expected: Int,
                            found: Int)
    /// Something that parses but has no meaning in a formula, such as `x | g` outside
    /// parentheses or a random-effect term in a random effect.
    case misplaced(formula: String, position: Int, what: String, reason: String)

    /// Whether the error is an unknown name (bad input) rather than a syntax error (bad usage).
    public var isUnknownName: Bool {
        if case .unknownFunction = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case let .unexpectedCharacter(formula, position, character):
            return "cannot read the formula at character \(position + 1): '\(character)' is not "
                + "part of R's formula syntax. Column names that are not plain words go in "
                + "backticks, like `my column`.\n" + Self.marked(formula, at: position)
        case let .unexpectedToken(formula, position, found, expected):
            return "cannot read the formula at character \(position + 1): found \(found) where "
                + "\(expected) was expected.\n" + Self.marked(formula, at: position)
        case let .unexpectedEnd(formula, expected):
            return "the formula ends where \(expected) was expected.\n"
                + Self.marked(formula, at: formula.count)
        case let .missingTilde(formula):
            return "the formula has no '~': write the response, then '~', then the terms, "
                + "as in 'success ~ champion + payment'.\n" + Self.marked(formula, at: formula.count)
        case let .unknownFunction(formula, position, name, known):
            return "the formula calls '\(name)', which qi does not know. Known functions: "
                + known.joined(separator: ", ") + ".\n" + Self.marked(formula, at: position)
        case let .wrongArgumentCount(formula, position, function, expected, found):
            return "\(function)() takes \(expected) argument\(expected == 1 ? "" : "s") but is "
                + "given \(found).\n" + Self.marked(formula, at: position)
        case let .misplaced(formula, position, what, reason):
            return "\(what) cannot be used here: \(reason).\n" + Self.marked(formula, at: position)
        }
    }

    /// The formula on one line and a caret under the character at `position` on the next.
    static func marked(_ formula: String, at position: Int) -> String {
        "  " + formula + "\n  " + String(repeating: " ", count: max(0, position)) + "^"
    }
}

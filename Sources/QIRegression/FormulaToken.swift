/// One lexical token of an R model formula, with the character offset where it starts.
struct FormulaToken: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        /// A name: a syntactic R name (`period`, `coach.relationship`) or a backtick-quoted one.
        case name(String, quoted: Bool)
        /// A numeric literal with the text it was written as.
        case number(Double, text: String)
        case tilde, plus, minus, star, slash, colon, caret, bar, doubleBar, inOperator
        case openParenthesis, closeParenthesis, comma
        case end
    }

    let kind: Kind
    let position: Int

    /// How the token is named in an error message.
    var quotedText: String {
        switch kind {
        case let .name(name, quoted): return quoted ? "`\(name)`" : "'\(name)'"
        case let .number(_, text): return "'\(text)'"
        case .tilde: return "'~'"
        case .plus: return "'+'"
        case .minus: return "'-'"
        case .star: return "'*'"
        case .slash: return "'/'"
        case .colon: return "':'"
        case .caret: return "'^'"
        case .bar: return "'|'"
        case .doubleBar: return "'||'"
        case .inOperator: return "'%in%'"
        case .openParenthesis: return "'('"
        case .closeParenthesis: return "')'"
        case .comma: return "','"
        case .end: return "the end of the formula"
        }
    }
}

/// Splits a formula into tokens following R's lexical rules for names and numbers.
///
/// A syntactic name starts with a letter, or a dot not followed by a digit, and continues with
/// letters, digits, dots and underscores (R Language Definition §10.3.2). Numbers are decimal
/// with an optional exponent. Backticks quote any other column name.
enum FormulaLexer {
    static func tokens(of formula: String) throws(FormulaError) -> [FormulaToken] {
        let characters = Array(formula)
        var tokens: [FormulaToken] = []
        var index = 0
        func isNameStart(_ c: Character) -> Bool { c.isLetter || c == "." }
        func isNameCharacter(_ c: Character) -> Bool {
            c.isLetter || c.isNumber || c == "." || c == "_"
        }
        while index < characters.count {
            let character = characters[index]
            let start = index
            if character.isWhitespace {
                index += 1
                continue
            }
            let single: FormulaToken.Kind? = switch character {
            case "~": .tilde
            case "+": .plus
            case "-": .minus
            case "*": .star
            case "/": .slash
            case ":": .colon
            case "^": .caret
            case "(": .openParenthesis
            case ")": .closeParenthesis
            case ",": .comma
            default: nil
            }
            if let single {
                tokens.append(FormulaToken(kind: single, position: start))
                index += 1
            } else if character == "|" {
                let isDouble = index + 1 < characters.count && characters[index + 1] == "|"
                tokens.append(FormulaToken(kind: isDouble ? .doubleBar : .bar, position: start))
                index += isDouble ? 2 : 1
            } else if character == "%" {
                let text = String(characters[index..<min(index + 4, characters.count)])
                guard text == "%in%" else {
                    throw .unexpectedCharacter(formula: formula, position: start, character: "%")
                }
                tokens.append(FormulaToken(kind: .inOperator, position: start))
                index += 4
            } else if character == "`" {
                guard let close = characters[(index + 1)...].firstIndex(of: "`") else {
                    throw .unexpectedEnd(formula: formula, expected: "a closing backtick")
                }
                let name = String(characters[(index + 1)..<close])
                guard !name.isEmpty else {
                    throw .unexpectedToken(formula: formula, position: start, found: "``",
                                           expected: "a column name between the backticks")
                }
                tokens.append(FormulaToken(kind: .name(name, quoted: true), position: start))
                index = close + 1
            } else if character.isASCII && character.isNumber
                        || (character == "." && index + 1 < characters.count
                            && characters[index + 1].isASCII && characters[index + 1].isNumber) {
                var end = index
                while end < characters.count, characters[end].isASCII && characters[end].isNumber
                        || characters[end] == "." {
                    end += 1
                }
                if end < characters.count, characters[end] == "e" || characters[end] == "E" {
                    var exponentEnd = end + 1
                    if exponentEnd < characters.count,
                       characters[exponentEnd] == "+" || characters[exponentEnd] == "-" {
                        exponentEnd += 1
                    }
                    if exponentEnd < characters.count,
                       characters[exponentEnd].isASCII && characters[exponentEnd].isNumber {
                        end = exponentEnd
                        while end < characters.count,
                              characters[end].isASCII && characters[end].isNumber {
                            end += 1
                        }
                    }
                }
                let text = String(characters[index..<end])
                guard let value = Double(text) else {
                    throw .unexpectedToken(formula: formula, position: start, found: "'\(text)'",
                                           expected: "a number")
                }
                tokens.append(FormulaToken(kind: .number(value, text: text), position: start))
                index = end
            } else if isNameStart(character) {
                var end = index + 1
                while end < characters.count, isNameCharacter(characters[end]) { end += 1 }
                tokens.append(FormulaToken(kind: .name(String(characters[index..<end]), quoted: false),
                                           position: start))
                index = end
            } else {
                throw .unexpectedCharacter(formula: formula, position: start, character: character)
            }
        }
        tokens.append(FormulaToken(kind: .end, position: characters.count))
        return tokens
    }
}

import Foundation

/// The values of one formula variable on every row of the data, before incomplete rows are
/// dropped: numbers, or a factor (level codes and level names).
public enum VariableValues: Sendable, Equatable {
    case numeric([Double?])
    /// Zero-based codes into `levels`, `nil` where missing.
    case factor(codes: [Int?], levels: [String])

    func isMissing(_ row: Int) -> Bool {
        switch self {
        case let .numeric(values): values[row] == nil
        case let .factor(codes, _): codes[row] == nil
        }
    }
}

/// Evaluates formula variables on data, as R's `model.frame` does before `na.omit`.
///
/// Factor levels come from every row of the column, including rows dropped later for a missing
/// value elsewhere (R's `drop.unused.levels = FALSE` for `glm`), so a level left without rows
/// gives an all-zero column that the fit reports as aliased, as R does. Levels are ordered as
/// R orders them: numbers numerically (written as `as.character` writes them), text in
/// Unicode code-point order (R's C-locale sort).
enum ModelFrame {
    static func evaluate(_ expression: FormulaExpression, in data: ModelData,
                         label: String) throws(ModelDataError) -> VariableValues {
        switch expression {
        case let .name(name, _):
            switch try data.column(name) {
            case let .numeric(values): return .numeric(values)
            case let .text(values): return factor(texts: values)
            }
        case let .call("factor", arguments, _):
            switch try evaluate(arguments[0], in: data, label: label) {
            case let .numeric(values): return factor(numbers: values)
            case let .factor(codes, levels):
                // factor() of a factor keeps only the levels that occur, in their order.
                let used = Set(codes.compactMap { $0 })
                let kept = levels.indices.filter { used.contains($0) }
                let recode = Dictionary(uniqueKeysWithValues: kept.enumerated().map { ($1, $0) })
                return .factor(codes: codes.map { $0.flatMap { recode[$0] } },
                               levels: kept.map { levels[$0] })
            }
        default:
            return .numeric(try numeric(expression, in: data, label: label))
        }
    }

    /// Evaluates arithmetic; every value must be finite where its inputs are present.
    static func numeric(_ expression: FormulaExpression, in data: ModelData,
                        label: String) throws(ModelDataError) -> [Double?] {
        let values = try arithmetic(expression, in: data, label: label)
        for (row, value) in values.enumerated() {
            if let value, !value.isFinite {
                throw .nonFiniteValue(variable: label, row: row + 1, value: value)
            }
        }
        return values
    }

    private static func arithmetic(_ expression: FormulaExpression, in data: ModelData,
                                   label: String) throws(ModelDataError) -> [Double?] {
        switch expression {
        case let .name(name, _):
            guard case let .numeric(values) = try data.column(name) else {
                throw .notNumeric(variable: label, column: name)
            }
            return values
        case let .number(value, _):
            return Array(repeating: value, count: data.rowCount)
        case let .negation(operand, _):
            return try arithmetic(operand, in: data, label: label).map { $0.map { -$0 } }
        case let .parenthesized(inner, _):
            return try arithmetic(inner, in: data, label: label)
        case let .call(function, arguments, _):
            if function == "factor" {
                throw .notNumeric(variable: label, column: arguments[0].deparsed)
            }
            let inner = try arithmetic(arguments[0], in: data, label: label)
            let transform: (Double) -> Double = switch function {
            case "log": { Foundation.log($0) }
            case "exp": { Foundation.exp($0) }
            case "sqrt": { $0.squareRoot() }
            case "log2": { Foundation.log2($0) }
            case "log10": { Foundation.log10($0) }
            case "log1p": { Foundation.log1p($0) }
            case "abs": { Swift.abs($0) }
            default: { $0 }  // I(): arithmetic as written
            }
            return inner.map { $0.map(transform) }
        case let .binary(op, left, right, _):
            let a = try arithmetic(left, in: data, label: label)
            let b = try arithmetic(right, in: data, label: label)
            let combine: (Double, Double) -> Double = switch op {
            case .plus: (+)
            case .minus: (-)
            case .times: (*)
            case .divide: (/)
            default: { Foundation.pow($0, $1) }
            }
            return zip(a, b).map { x, y in
                guard let x, let y else { return nil }
                return combine(x, y)
            }
        }
    }

    static func factor(texts: [String?]) -> VariableValues {
        let levels = Set(texts.compactMap { $0 }).sorted {
            $0.utf8.lexicographicallyPrecedes($1.utf8)
        }
        let index = Dictionary(uniqueKeysWithValues: levels.enumerated().map { ($1, $0) })
        return .factor(codes: texts.map { $0.flatMap { index[$0] } }, levels: levels)
    }

    static func factor(numbers: [Double?]) -> VariableValues {
        let distinct = Set(numbers.compactMap { $0 }).sorted()
        let index = Dictionary(uniqueKeysWithValues: distinct.enumerated().map { ($1, $0) })
        return .factor(codes: numbers.map { $0.flatMap { index[$0] } },
                       levels: distinct.map(RNumberText.text))
    }
}

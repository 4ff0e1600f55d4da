import Foundation

/// A number written as R's `as.character` writes it: the text of factor levels made by
/// `factor(x)` from a numeric column, and of numbers in deparsed terms.
///
/// Rule (R's `formatReal` with `digits = 15`, `scipen = 0`): find the fewest significant
/// digits, at most 15, that reproduce the value rounded to 15 significant digits; write it in
/// fixed notation unless scientific notation is strictly narrower. So 2 is `"2"`, 2.5 is
/// `"2.5"`, 100000 is `"1e+05"`, 123456 is `"123456"` and 0.0001 is `"1e-04"`.
enum RNumberText {
    static let significantDigits = 15

    static func text(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value < 0 ? "-Inf" : "Inf") }
        if value == 0 { return "0" }
        let scientific = String(format: "%.\(significantDigits - 1)e", value)
        guard let exponentMark = scientific.firstIndex(of: "e") else { return scientific }
        let exponent = Int(scientific[scientific.index(after: exponentMark)...]) ?? 0
        var mantissaDigits = scientific[..<exponentMark].filter(\.isNumber)
        while mantissaDigits.count > 1, mantissaDigits.last == "0" { mantissaDigits.removeLast() }
        let significant = mantissaDigits.count
        let sign = value < 0 ? "-" : ""
        let fractionDigits = max(0, significant - 1 - exponent)
        let integerDigits = exponent >= 0 ? exponent + 1 : 1
        let fixedWidth = integerDigits + (fractionDigits > 0 ? fractionDigits + 1 : 0)
        let exponentWidth = abs(exponent) >= 100 ? 3 : 2
        let scientificWidth = (significant > 1 ? significant + 1 : 1) + 2 + exponentWidth
        if fixedWidth <= scientificWidth {
            return String(format: "%.\(fractionDigits)f", value)
        }
        var mantissa = String(mantissaDigits.first!)
        if significant > 1 { mantissa += "." + mantissaDigits.dropFirst() }
        let exponentText = String(abs(exponent))
        let paddedExponent = String(repeating: "0", count: max(0, 2 - exponentText.count))
            + exponentText
        return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + paddedExponent
    }
}

extension Formula {
    /// A number as R's `as.character` writes it; see the rule in `RNumberText`.
    public static func numberText(_ value: Double) -> String { RNumberText.text(value) }
}

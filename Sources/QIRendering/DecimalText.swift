/// Numbers written with a fixed number of decimals, the same on every platform.
///
/// SVG and HTML output is compared as text with golden files, so numbers never go through
/// locale- or libc-dependent formatting: the value is scaled by 10^decimals, rounded half away
/// from zero to an integer and printed digit by digit.
enum DecimalText {
    /// `value` with exactly `decimals` decimals (0...9); "-0" is written "0".
    static func fixed(_ value: Double, decimals: Int) -> String {
        precondition((0...9).contains(decimals), "decimals must be 0...9")
        guard value.isFinite else { return "0" }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (abs(value) * scale).rounded(.toNearestOrAwayFromZero)
        guard scaled < 9.0e15 else { return String(Int64(value.rounded())) }
        let digits = String(Int64(scaled))
        let padded = String(repeating: "0", count: max(0, decimals + 1 - digits.count)) + digits
        let integerPart = padded.dropLast(decimals)
        let fractionPart = padded.suffix(decimals)
        let isZero = scaled == 0
        let sign = value < 0 && !isZero ? "-" : ""
        return sign + integerPart + (decimals > 0 ? "." + fractionPart : "")
    }

    /// `value` rounded to at most `decimals` decimals, trailing zeros and a bare point removed
    /// (coordinates: `12.5`, `12`, `0.25`).
    static func trimmed(_ value: Double, decimals: Int = 2) -> String {
        var text = fixed(value, decimals: decimals)
        guard text.contains(".") else { return text }
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }

    /// The power of ten of the leading digit: floor(log10(|value|)), by repeated scaling so
    /// that no math library is needed. 0 for zero or non-finite values.
    static func decimalExponent(_ value: Double) -> Int {
        var magnitude = abs(value)
        guard magnitude.isFinite, magnitude > 0 else { return 0 }
        var exponent = 0
        while magnitude >= 10 { magnitude /= 10; exponent += 1 }
        while magnitude < 1 { magnitude *= 10; exponent -= 1 }
        return exponent
    }

    /// 10^exponent for small integer exponents.
    static func powerOfTen(_ exponent: Int) -> Double {
        var result = 1.0
        if exponent >= 0 { for _ in 0..<exponent { result *= 10 } } else { for _ in 0..<(-exponent) { result /= 10 } }
        return result
    }
}

extension DecimalText {
    /// A short form for x values and table cells: whole numbers without a point, others with up
    /// to six decimals, trailing zeros removed.
    static func shortest(_ value: Double) -> String {
        trimmed(value, decimals: 6)
    }

    /// `value` to about `digits` significant figures (at least the units, at most 6 decimals),
    /// trailing zeros removed: 0.1234 -> 0.123, 12.345 -> 12.3, 1234.5 -> 1235.
    static func significant(_ value: Double, digits: Int = 3) -> String {
        guard value != 0 else { return "0" }
        let decimals = min(6, max(0, digits - 1 - decimalExponent(value)))
        return trimmed(value, decimals: decimals)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Parsing of decimal numbers from CSV fields, strictly and with correct rounding.
///
/// Accepted: `[+-]? digits [. digits] [(e|E) [+-]? digits]` with at least one digit in the
/// mantissa, optionally surrounded by spaces. Rejected: hexadecimal floats, `NaN`, `Inf`,
/// thousands separators, and any value that overflows to infinity.
///
/// Most values take Clinger's exact fast path (W. D. Clinger, "How to read floating point
/// numbers accurately", PLDI 1990, doi:10.1145/93542.93557): when the decimal significand
/// fits in 53 bits and the power of ten is at most 22, `significand * 10^k` (or `/ 10^-k`) is
/// one correctly rounded IEEE operation. Every other value goes to the C library's `strtod`,
/// which rounds correctly, after the grammar check above.
public enum DecimalNumber {
    /// The outcome of reading one field as a number.
    public enum Parsed: Equatable, Sendable {
        case number(Double)
        case notANumber
        case nonFinite
    }

    private static let exactPowersOfTen: [Double] = (0...22).map { exponent in
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    /// Reads `bytes` (ASCII) as a decimal number.
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Parsed {
        var start = 0
        var end = bytes.count
        while start < end, bytes[start] == 0x20 { start += 1 }
        while end > start, bytes[end - 1] == 0x20 { end -= 1 }
        guard start < end else { return .notANumber }

        var index = start
        var isNegative = false
        if bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
            isNegative = bytes[index] == UInt8(ascii: "-")
            index += 1
        }
        var significand: UInt64 = 0
        var significantDigits = 0
        var digitCount = 0
        var decimalExponent = 0
        var sawPoint = false
        while index < end {
            let byte = bytes[index]
            if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                digitCount += 1
                if significand == 0 && byte == UInt8(ascii: "0") {
                    if sawPoint { decimalExponent -= 1 }
                } else if significantDigits < 19 {
                    significand = significand * 10 + UInt64(byte - UInt8(ascii: "0"))
                    significantDigits += 1
                    if sawPoint { decimalExponent -= 1 }
                } else {
                    significantDigits += 1
                    if !sawPoint { decimalExponent += 1 }
                }
            } else if byte == UInt8(ascii: "."), !sawPoint {
                sawPoint = true
            } else {
                break
            }
            index += 1
        }
        guard digitCount > 0 else { return isNonFiniteWord(bytes, start, end) ? .nonFinite : .notANumber }
        if index < end {
            guard bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") else {
                return .notANumber
            }
            index += 1
            var exponentIsNegative = false
            if index < end, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                exponentIsNegative = bytes[index] == UInt8(ascii: "-")
                index += 1
            }
            var exponent = 0
            var exponentDigits = 0
            while index < end, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
                exponent = min(exponent * 10 + Int(bytes[index] - UInt8(ascii: "0")), 100_000)
                exponentDigits += 1
                index += 1
            }
            guard exponentDigits > 0, index == end else { return .notANumber }
            decimalExponent += exponentIsNegative ? -exponent : exponent
        }

        if significand == 0 { return .number(isNegative ? -0.0 : 0.0) }
        if significantDigits <= 15, abs(decimalExponent) <= 22 {
            let magnitude = decimalExponent >= 0
                ? Double(significand) * exactPowersOfTen[decimalExponent]
                : Double(significand) / exactPowersOfTen[-decimalExponent]
            return .number(isNegative ? -magnitude : magnitude)
        }
        let value = correctlyRounded(bytes, start, end)
        return value.isFinite ? .number(value) : .nonFinite
    }

    /// Reads a Swift string as a decimal number.
    public static func parse(_ text: String) -> Parsed {
        var text = text
        return text.withUTF8 { parse($0) }
    }

    private static func correctlyRounded(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Double {
        var terminated = [CChar](repeating: 0, count: end - start + 1)
        for offset in 0..<(end - start) { terminated[offset] = CChar(bitPattern: bytes[start + offset]) }
        return terminated.withUnsafeBufferPointer { strtod($0.baseAddress!, nil) }
    }

    private static func isNonFiniteWord(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        var word = ""
        for offset in start..<end {
            let byte = bytes[offset]
            guard byte < 0x80 else { return false }
            word.append(Character(Unicode.Scalar(byte)).lowercased())
        }
        if word.hasPrefix("+") || word.hasPrefix("-") { word.removeFirst() }
        return ["nan", "inf", "infinity"].contains(word)
    }
}

/// JSON text for numbers and strings, deterministic and shortest round-trip.
enum JSONText {
    /// The shortest text that reads back as the same double (Swift's `description`, which
    /// implements Steele & White / Ryu-style shortest output); whole numbers below 2^53 are
    /// written without a decimal point. Non-finite values are never written: they become null.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value == value.rounded(), abs(value) < 9_007_199_254_740_992 {
            return String(Int64(value))
        }
        return value.description
    }

    static func number(_ value: Double?) -> String { value.map(number) ?? "null" }

    static func number(_ value: Int?) -> String { value.map(String.init) ?? "null" }

    static func string(_ text: String) -> String {
        var escaped = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            case "\n": escaped += "\\n"
            case "\r": escaped += "\\r"
            case "\t": escaped += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                escaped += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped + "\""
    }

    static func string(_ text: String?) -> String { text.map(string) ?? "null" }

    static func bool(_ value: Bool) -> String { value ? "true" : "false" }
}

import QIData

/// Bytes of output being built: JSON and CSV values appended without a `String` per field.
///
/// Deterministic: numbers in their shortest round-trip form (whole numbers below 2^53 without a
/// decimal point), strings escaped, dates as `YYYY-MM-DD`. A value type, so each worker
/// thread builds its own. The storage is kept larger than its content and each piece is
/// copied into it with one `memmove`, after one check of room and uniqueness: going through
/// `Array.append(contentsOf:)` (a generic call per piece) dominated the formatting of large
/// batches, and a byte at a time cost about 180 instructions per number.
struct OutputBytes {
    private var storage: [UInt8]
    private var count = 0

    init(capacity: Int = 4096) { storage = [UInt8](repeating: 0, count: max(64, capacity)) }

    /// The bytes written so far.
    var bytes: ArraySlice<UInt8> { storage[0..<count] }

    @inline(__always)
    mutating func append(_ literal: StaticString) {
        literal.withUTF8Buffer { appendPiece($0) }
    }

    /// Text held in a `String`. Disfavoured so that a literal picks the `StaticString` form,
    /// whose bytes and length are known when compiling.
    @_disfavoredOverload
    mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { appendPiece($0) }
    }

    @inline(__always)
    mutating func appendByte(_ byte: UInt8) {
        if count == storage.count { grow(by: 1) }
        storage.withUnsafeMutableBufferPointer { $0[count] = byte }
        count += 1
    }

    @inline(__always)
    fileprivate mutating func appendPiece(_ piece: UnsafeBufferPointer<UInt8>) {
        guard let source = piece.baseAddress, !piece.isEmpty else { return }
        if count + piece.count > storage.count { grow(by: piece.count) }
        let start = count
        storage.withUnsafeMutableBytes { destination in
            (destination.baseAddress! + start).copyMemory(from: source, byteCount: piece.count)
        }
        count += piece.count
    }

    private mutating func grow(by needed: Int) {
        storage.append(contentsOf: repeatElement(0, count: max(needed, storage.count)))
    }

    /// A number, or `null` for nil. Non-finite values are rejected at the input boundary and
    /// never reach output; were one to, it would be written as `null`, never as `NaN`.
    mutating func appendNumber(_ value: Double?) {
        guard let value, value.isFinite else { return append("null") }
        // Int64(exactly:) tests wholeness with one truncating conversion, where rounded()
        // is a call into libm (x86-64 before SSE4.1 has no rounding instruction).
        if abs(value) < 9_007_199_254_740_992, let whole = Int64(exactly: value) {
            appendInteger(whole)
        } else {
            // The standard library's shortest text that reads back as the same double (the
            // digits of `description`), handed over without building a `String`: see
            // `_writeASCII` below.
            value.write(to: &self)
        }
    }

    /// Where the last number of one field was written, so that a repeat (the centre line on
    /// every point of a part, the limits of a chart with constant limits) is copied instead of
    /// formatted again.
    struct RepeatedNumber {
        fileprivate var bitPattern: UInt64? = nil
        fileprivate var range: Range<Int> = 0..<0
    }

    /// ``appendNumber(_:)``, copying the text written at `last` when the value is bit for bit
    /// the one written there.
    mutating func appendNumber(_ value: Double?, repeating last: inout RepeatedNumber) {
        guard let value, value.isFinite else { return append("null") }
        if value.bitPattern == last.bitPattern {
            let length = last.range.count
            if count + length > storage.count { grow(by: length) }
            let (source, destination) = (last.range.lowerBound, count)
            storage.withUnsafeMutableBytes { buffer in
                (buffer.baseAddress! + destination).copyMemory(from: buffer.baseAddress! + source, byteCount: length)
            }
            count += length
            return
        }
        let start = count
        appendNumber(value)
        last = RepeatedNumber(bitPattern: value.bitPattern, range: start..<count)
    }

    /// A number as text, as ``appendNumber(_:)`` writes it.
    static func text(_ value: Double) -> String {
        var output = OutputBytes(capacity: 24)
        output.appendNumber(value)
        return String(decoding: output.bytes, as: UTF8.self)
    }

    /// A number for CSV: `NA` where it is missing, as R writes it.
    mutating func appendCSVNumber(_ value: Double?) {
        guard value != nil else { return append("NA") }
        appendNumber(value)
    }

    mutating func appendInteger(_ value: Int?) {
        guard let value else { return append("null") }
        appendInteger(Int64(value))
    }

    /// Digits written from the last into a stack buffer (division by the constant 10 compiles
    /// to a multiplication), then copied as one piece.
    mutating func appendInteger(_ value: Int64) {
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &digits) { buffer in
            var position = buffer.count
            var magnitude = value.magnitude
            repeat {
                position -= 1
                buffer[position] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            if value < 0 {
                position -= 1
                buffer[position] = UInt8(ascii: "-")
            }
            appendPiece(UnsafeBufferPointer(start: buffer.baseAddress!.assumingMemoryBound(to: UInt8.self) + position,
                                            count: buffer.count - position))
        }
    }

    mutating func appendBool(_ value: Bool) { append(value ? "true" : "false") }

    /// A JSON string with `"`, `\` and control characters escaped; `null` for nil.
    mutating func appendJSONString(_ text: String?) {
        guard var text else { return append("null") }
        // One look at the bytes: most text (keys, signal names, dates) needs no escape and is
        // copied as one piece.
        text.withUTF8 { bytes in
            guard !bytes.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else {
                appendByte(UInt8(ascii: "\""))
                for byte in bytes { appendEscaped(byte) }
                appendByte(UInt8(ascii: "\""))
                return
            }
            let length = bytes.count
            if count + length + 2 > storage.count { grow(by: length + 2) }
            let start = count
            storage.withUnsafeMutableBytes { destination in
                let target = destination.baseAddress! + start
                target.storeBytes(of: UInt8(ascii: "\""), as: UInt8.self)
                if let source = bytes.baseAddress { (target + 1).copyMemory(from: source, byteCount: length) }
                (target + 1 + length).storeBytes(of: UInt8(ascii: "\""), as: UInt8.self)
            }
            count += length + 2
        }
    }

    private mutating func appendEscaped(_ byte: UInt8) {
        switch byte {
        case UInt8(ascii: "\""): append("\\\"")
        case UInt8(ascii: "\\"): append("\\\\")
        case UInt8(ascii: "\n"): append("\\n")
        case UInt8(ascii: "\r"): append("\\r")
        case UInt8(ascii: "\t"): append("\\t")
        case 0..<0x20:
            append("\\u00")
            appendByte(Self.hexDigit(byte >> 4))
            appendByte(Self.hexDigit(byte & 0xF))
        default: appendByte(byte)
        }
    }

    /// JSON strings separated by commas (the inside of an array).
    mutating func appendJSONStrings(_ texts: some Sequence<String>) {
        for (offset, text) in texts.enumerated() {
            if offset > 0 { appendByte(UInt8(ascii: ",")) }
            appendJSONString(text)
        }
    }

    /// A CSV field, quoted when it holds a comma, quote or line break (RFC 4180).
    mutating func appendCSVField(_ text: String) {
        guard text.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 }) else {
            return append(text)
        }
        appendByte(UInt8(ascii: "\""))
        for byte in text.utf8 {
            if byte == UInt8(ascii: "\"") { appendByte(byte) }
            appendByte(byte)
        }
        appendByte(UInt8(ascii: "\""))
    }

    /// A date as `YYYY-MM-DD` (the year's last four digits), in double quotes when `quoted`;
    /// built in a stack buffer and copied as one piece.
    mutating func appendDate(_ date: ISODate, quoted: Bool) {
        let (year, month, day) = date.components
        var text: (UInt64, UInt64) = (0, 0)
        withUnsafeMutableBytes(of: &text) { buffer in
            var position = 0
            func put(_ byte: UInt8) {
                buffer[position] = byte
                position += 1
            }
            func digit(_ value: Int) { put(UInt8(ascii: "0") + UInt8(value % 10)) }
            if quoted { put(UInt8(ascii: "\"")) }
            digit(year / 1000)
            digit(year / 100)
            digit(year / 10)
            digit(year)
            put(UInt8(ascii: "-"))
            digit(month / 10)
            digit(month)
            put(UInt8(ascii: "-"))
            digit(day / 10)
            digit(day)
            if quoted { put(UInt8(ascii: "\"")) }
            appendPiece(UnsafeBufferPointer(start: buffer.baseAddress!.assumingMemoryBound(to: UInt8.self), count: position))
        }
    }

    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
    }
}

/// Lets `Double.write(to:)` hand its digits straight to the buffer. The standard library
/// formats a double into a stack buffer and passes it to `_writeASCII`, a customisation point
/// of `TextOutputStream`; `description` instead builds a heap `String` for anything longer than
/// 15 bytes, which was about a seventh of `qi spc`'s time on large batches.
extension OutputBytes: TextOutputStream {
    mutating func write(_ string: String) { append(string) }

    mutating func _writeASCII(_ buffer: UnsafeBufferPointer<UInt8>) { appendPiece(buffer) }
}

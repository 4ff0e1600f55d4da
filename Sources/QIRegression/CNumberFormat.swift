#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A number written with a C `printf` conversion (`%.6g`, `%.14e`, `%.3f`), as R's own
/// formatting does, without Foundation (whose `String(format:)` brings ICU and about 9 MB of
/// resident memory into every run of `qi`).
public enum CNumberFormat {
    /// `value` formatted by the one-conversion `format`, e.g. `"%.6g"`.
    public static func text(_ value: Double, _ format: String) -> String {
        var buffer = [CChar](repeating: 0, count: 64)
        let written = buffer.withUnsafeMutableBufferPointer { pointer in
            withVaList([value]) { vsnprintf(pointer.baseAddress, pointer.count, format, $0) }
        }
        guard written >= 0 else { return String(value) }
        if Int(written) >= buffer.count {
            buffer = [CChar](repeating: 0, count: Int(written) + 1)
            _ = buffer.withUnsafeMutableBufferPointer { pointer in
                withVaList([value]) { vsnprintf(pointer.baseAddress, pointer.count, format, $0) }
            }
        }
        return String(decoding: buffer.prefix(Int(written)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

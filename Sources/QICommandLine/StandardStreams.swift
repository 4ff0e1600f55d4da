#if canImport(Glibc)
import Glibc
#endif

/// Unbuffered writes to standard output and standard error, and whether output is a terminal.
enum StandardStreams {
    static func writeOutput(_ text: String) { write(text, to: STDOUT_FILENO) }
    static func writeError(_ text: String) { write(text, to: STDERR_FILENO) }

    static func writeOutput(_ bytes: [UInt8]) { write(bytes, to: STDOUT_FILENO) }

    /// Writes `pieces` to standard output; a failed write (a closed pipe) is ignored, as for
    /// the other writes here.
    static func writeOutput(_ pieces: [ArraySlice<UInt8>]) { _ = GatheredWrite.write(pieces, to: STDOUT_FILENO) }

    static var outputIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }
    static var errorIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    private static func write(_ text: String, to descriptor: Int32) {
        write(Array(text.utf8), to: descriptor)
    }

    static func write(_ bytes: [UInt8], to descriptor: Int32) {
        var offset = 0
        bytes.withUnsafeBytes { raw in
            while offset < raw.count {
                let written = Glibc.write(descriptor, raw.baseAddress! + offset, raw.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return
                }
                offset += written
            }
        }
    }
}

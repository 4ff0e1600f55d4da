#if canImport(Glibc)
import Glibc
#endif

/// Unbuffered writes to standard output and standard error, and whether output is a terminal.
enum StandardStreams {
    static func writeOutput(_ text: String) { write(text, to: STDOUT_FILENO) }
    static func writeError(_ text: String) { write(text, to: STDERR_FILENO) }

    /// Writes `pieces` to standard output; a failed write (a closed pipe) is ignored, as for
    /// the other writes here.
    static func writeOutput(_ pieces: [ArraySlice<UInt8>]) { _ = GatheredWrite.write(pieces, to: STDOUT_FILENO) }

    static var outputIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }
    static var errorIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// A failed write (a closed pipe, a full disk) is ignored: there is nowhere left to report it.
    private static func write(_ text: String, to descriptor: Int32) {
        _ = GatheredWrite.write([ArraySlice(text.utf8)], to: descriptor)
    }
}

#if canImport(Glibc)
import Glibc
#endif

/// A file written under a temporary name in its destination folder and renamed into place
/// when complete, so a failed run never leaves a half-written file (rename(2) is atomic
/// within one file system).
///
/// The file is not forced to disk (no fsync) before the rename: the guarantee is against the
/// run failing, not against the machine losing power, as for R's `write.csv` or a shell
/// redirection. Forcing 268 MB of JSON to disk took longer than charting it (0.6 s of 2.2 s
/// for the million-row batch). Write errors (a full disk) are still reported by write(2) and
/// close(2).
final class AtomicFile {
    let destination: String
    private let temporaryPath: String
    private let descriptor: Int32
    private var isFinished = false

    /// Opens a temporary file beside `destination`.
    init(destination: String) throws(CommandFailure) {
        self.destination = destination
        let slash = destination.lastIndex(of: "/")
        let folder = slash.map { String(destination[..<$0]) } ?? "."
        let name = slash.map { String(destination[destination.index(after: $0)...]) } ?? destination
        temporaryPath = (folder.isEmpty ? "" : folder + "/") + ".\(name).qi-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).tmp"
        descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard descriptor >= 0 else {
            throw .badUsage("cannot write \(destination): \(String(cString: strerror(errno))). Check that the folder exists and is writable.")
        }
    }

    deinit {
        if !isFinished { abandon() }
    }

    /// Writes `pieces` in order, straight to the temporary file (no buffer of its own:
    /// ``TextSink`` batches).
    func write(_ pieces: [ArraySlice<UInt8>]) throws(CommandFailure) {
        if let failure = GatheredWrite.write(pieces, to: descriptor) {
            abandon()
            throw .computationFailed("cannot write \(destination): \(String(cString: strerror(failure))).")
        }
    }

    func write(_ text: String) throws(CommandFailure) { try write([ArraySlice(text.utf8)]) }

    /// Closes the file and renames it into place.
    func commit() throws(CommandFailure) {
        isFinished = true
        guard close(descriptor) == 0,
              rename(temporaryPath, destination) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporaryPath)
            throw .computationFailed("cannot write \(destination): \(reason).")
        }
    }

    /// Removes the temporary file; the destination is untouched.
    func abandon() {
        guard !isFinished else { return }
        isFinished = true
        close(descriptor)
        unlink(temporaryPath)
    }
}

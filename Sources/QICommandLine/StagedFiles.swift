#if canImport(Glibc)
import Glibc
#endif

/// Several output files written as one: each goes through `AtomicFile`, and if any fails the
/// ones already renamed into place by this run are removed, so a failed `qi report` leaves
/// none of its files behind.
struct StagedFiles {
    private var files: [(path: String, text: String)] = []

    mutating func add(_ path: String, _ text: String) {
        files.append((path, text))
    }

    var paths: [String] { files.map(\.path) }

    func commit() throws {
        var committed: [String] = []
        do {
            for file in files {
                let atomic = try AtomicFile(destination: file.path)
                try atomic.write(file.text)
                try atomic.commit()
                committed.append(file.path)
            }
        } catch {
            for path in committed { unlink(path) }
            throw error
        }
    }

    /// Removes files this run committed (a later step of the run failed).
    func remove() {
        for file in files { unlink(file.path) }
    }

    /// Creates `folder` when it does not exist (its parent must).
    static func makeFolder(_ folder: String) throws {
        guard mkdir(folder, 0o755) == 0 || errno == EEXIST else {
            throw CommandFailure.badUsage("cannot create the folder \(folder): \(String(cString: strerror(errno))). Check that its parent exists and is writable.")
        }
    }
}

import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif

/// The entry point of `qi`: parses, runs, and turns every error into its documented exit code.
///
/// argument-parser's own usage errors exit with 64 (EX_USAGE); the `qi` contract says 2, so
/// they are remapped here. Help and `--version` go to standard output with exit 0.
public enum QIMain {
    public static func run(_ arguments: [String] = Array(CommandLine.arguments.dropFirst())) -> Never {
        do {
            var command = try QICommand.parseAsRoot(arguments)
            try command.run()
            exit(0)
        } catch {
            if let failure = CommandFailure.from(error) {
                StandardStreams.writeError("qi: \(failure.description)\n")
                exit(failure.exitCode)
            }
            let code = QICommand.exitCode(for: error)
            let message = QICommand.fullMessage(for: error)
            if code == .success {
                StandardStreams.writeOutput(message.isEmpty ? "" : message + "\n")
                exit(0)
            }
            StandardStreams.writeError(message + "\n")
            exit(code == .validationFailure ? 2 : (code.rawValue == 64 ? 2 : code.rawValue))
        }
    }
}

import ArgumentParser

/// How a result is written: `--format` and `--output`, shared by every command.
struct OutputOptions: ParsableArguments {
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case json, csv, table
    }

    @Option(help: "json, csv or table (default: table on a terminal, json otherwise).")
    var format: Format?

    @Option(help: "Write to this file (atomically) instead of standard output.")
    var output: String?

    /// The format in force: the one asked for, else table for a terminal and json otherwise.
    var resolvedFormat: Format {
        format ?? (output == nil && StandardStreams.outputIsTerminal ? .table : .json)
    }

    /// Writes `produce`'s output to `--output` atomically, or to standard output once complete.
    func emit(_ produce: (TextSink) throws -> Void) throws {
        if let output {
            let file = try AtomicFile(destination: output)
            let sink = TextSink { bytes throws(CommandFailure) in try file.write(bytes) }
            do {
                try produce(sink)
                try sink.flush()
                try file.commit()
            } catch {
                file.abandon()
                throw error
            }
        } else {
            let sink = TextSink { bytes in StandardStreams.writeOutput(bytes) }
            try produce(sink)
            try sink.flush()
        }
    }
}

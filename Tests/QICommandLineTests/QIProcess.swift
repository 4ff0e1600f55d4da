import Foundation
import Testing

/// Runs the built `qi` executable and captures what a user would see.
struct QIProcess {
    struct Outcome {
        let exitCode: Int32
        let standardOutput: String
        let standardError: String

        /// Standard output read as a JSON object.
        var json: [String: Any] {
            get throws {
                try #require(JSONSerialization.jsonObject(with: Data(standardOutput.utf8)) as? [String: Any])
            }
        }
    }

    /// The package root, from this file's path (Tests/QICommandLineTests/QIProcess.swift).
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let corpus = packageRoot.appendingPathComponent("Tests/QICommandLineTests/Corpus")

    /// `qi` is built beside the test bundle (the test target depends on it).
    static let executable: URL = {
        let bundleFolder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [bundleFolder, Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent()] {
            let path = candidate.appendingPathComponent("qi")
            if FileManager.default.isExecutableFile(atPath: path.path) { return path }
        }
        return packageRoot.appendingPathComponent(".build/debug/qi")
    }()

    static func corpusFile(_ name: String) -> String { corpus.appendingPathComponent(name).path }

    static func dataset(_ name: String) -> String { packageRoot.appendingPathComponent("datasets/\(name)").path }

    /// Runs `qi` with `arguments`, optionally feeding `input` to standard input.
    static func run(_ arguments: [String], input: String? = nil, in folder: URL? = nil) throws -> Outcome {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let folder { process.currentDirectoryURL = folder }
        let output = Pipe()
        // Standard error goes to a file, so a large output cannot fill a pipe and block.
        let errorFile = FileManager.default.temporaryDirectory.appendingPathComponent("qi-stderr-\(UUID().uuidString)")
        guard FileManager.default.createFile(atPath: errorFile.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: errorFile.path])
        }
        defer { try? FileManager.default.removeItem(at: errorFile) }
        let errorHandle = try FileHandle(forWritingTo: errorFile)
        process.standardOutput = output
        process.standardError = errorHandle
        let inputPipe = Pipe()
        process.standardInput = inputPipe
        try process.run()
        if let input { inputPipe.fileHandleForWriting.write(Data(input.utf8)) }
        try inputPipe.fileHandleForWriting.close()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try errorHandle.close()
        let errorData = try Data(contentsOf: errorFile)
        return Outcome(exitCode: process.terminationStatus,
                       standardOutput: String(decoding: outputData, as: UTF8.self),
                       standardError: String(decoding: errorData, as: UTF8.self))
    }

    /// A fresh empty folder for files a test writes.
    static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("qi-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }
}

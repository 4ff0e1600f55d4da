import Foundation
import Testing
@testable import QICommandLine

/// The progress line's text, and `qi simulate` drawing it only on a terminal: driven through
/// a pseudo-terminal with util-linux `script`, which merges the program's standard output and
/// error into what it prints.
@Suite("Progress bar")
struct ProgressBarTests {
    @Test func theLineShowsDoneRateAndTimeLeftAndErasesTheRest() {
        let line = ProgressBar.line(done: 80, total: 300, elapsed: 5)
        #expect(line == "\r[########----------------------] 80/300 replicates  16/s  0:14 left\u{1B}[K")
    }

    @Test func beforeTheFirstReplicateRateAndTimeLeftAreUnknown() {
        #expect(ProgressBar.line(done: 0, total: 10, elapsed: 0)
            == "\r[------------------------------] 0/10 replicates  --/s  --:-- left\u{1B}[K")
    }

    @Test func slowRatesKeepADecimalAndLongWaitsShowHours() {
        #expect(ProgressBar.rateText(0.25) == "0.3")
        #expect(ProgressBar.rateText(9.94) == "9.9")
        #expect(ProgressBar.rateText(9.96) == "10")
        #expect(ProgressBar.clock(59.2) == "1:00")
        #expect(ProgressBar.clock(3_725) == "1:02:05")
        #expect(ProgressBar.clock(.infinity) == "--:--")
    }

    @Test func theSummaryReplacesTheBarAndEndsTheLine() {
        #expect(ProgressBar.summary(total: 300, elapsed: 16.5) == "\r300 replicates in 0:17  (18/s)\u{1B}[K\n")
    }

    static let script = "/usr/bin/script"
    static let arguments = ["simulate", QIProcess.dataset("scenarios.yaml"), "--replicates", "24", "--practices", "20",
                            "--months", "24", "--only", "coach6", "--threads", "1", "--output", "r.json"]

    /// What a terminal shows while `qi arguments` runs in a pseudo-terminal.
    func inTerminal(_ extra: [String], in folder: URL) throws -> String {
        let command = ([QIProcess.executable.path] + Self.arguments + extra).map { "'\($0)'" }.joined(separator: " ")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.script)
        process.arguments = ["-q", "-e", "-c", command, "/dev/null"]
        process.currentDirectoryURL = folder
        process.standardInput = FileHandle.nullDevice
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return String(decoding: data, as: UTF8.self)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: script)))
    func aTerminalSeesTheBarThenTheTotals() throws {
        let folder = try QIProcess.temporaryFolder()
        let shown = try inTerminal([], in: folder)
        #expect(shown.hasPrefix("\r["), "\(shown.debugDescription)")
        #expect(shown.contains("/24 replicates  "))
        #expect(shown.contains(" left\u{1B}[K"))
        #expect(shown.contains("\r24 replicates in "))
        #expect(shown.hasSuffix("/s)\u{1B}[K\r\n"), "\(shown.debugDescription)")
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("r.json").path))
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: script)))
    func noProgressSilencesItOnATerminal() throws {
        let folder = try QIProcess.temporaryFolder()
        #expect(try inTerminal(["--no-progress"], in: folder) == "")
    }

    @Test func standardErrorThatIsNotATerminalGetsNothing() throws {
        let folder = try QIProcess.temporaryFolder()
        let outcome = try QIProcess.run(Self.arguments, in: folder)
        #expect(outcome.exitCode == 0)
        #expect(outcome.standardError == "")
    }
}

import Foundation

/// A one-line progress report on standard error: replicates done, rate and time left.
///
/// Updated from worker threads; redrawn at most ten times a second, each time from the start
/// of the line (`\r`) and erasing what a longer previous line left (`ESC [K`). `finish()`
/// replaces it with the totals and ends the line. Only used when standard error is a
/// terminal (or `--progress` asks for it).
final class ProgressBar: @unchecked Sendable {
    // @unchecked: the mutable state is guarded by `lock`.
    private let total: Int
    private let started = Date()
    private var lastDrawn = Date.distantPast
    private var done = 0
    private var drawn = false
    private var finished = false
    private let lock = NSLock()

    init(total: Int) { self.total = total }

    func update(_ done: Int) {
        lock.lock()
        defer { lock.unlock() }
        guard !finished else { return }
        self.done = done
        let now = Date()
        guard now.timeIntervalSince(lastDrawn) >= 0.1 || done == total else { return }
        lastDrawn = now
        drawn = true
        StandardStreams.writeError(Self.line(done: done, total: total, elapsed: now.timeIntervalSince(started)))
    }

    /// Ends the line: with the totals after a complete run, as it stands after an interrupted one.
    func finish() {
        lock.lock()
        defer { lock.unlock() }
        guard !finished else { return }
        finished = true
        let elapsed = Date().timeIntervalSince(started)
        if done == total {
            StandardStreams.writeError(Self.summary(total: total, elapsed: elapsed))
        } else if drawn {
            StandardStreams.writeError("\n")
        }
    }

    static let width = 30
    static let eraseToEndOfLine = "\u{1B}[K"

    /// The progress line: `\r[####------] 80/300 replicates  16/s  0:15 left ESC[K`.
    /// The rate and time left are shown once a replicate is done (`--/s  --:-- left` before).
    static func line(done: Int, total: Int, elapsed: TimeInterval) -> String {
        let filled = total > 0 ? width * min(done, total) / total : width
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        var text = "\r[\(bar)] \(done)/\(total) replicates"
        if done > 0, elapsed > 0 {
            let rate = Double(done) / elapsed
            text += "  \(rateText(rate))/s  \(clock(Double(max(total - done, 0)) / rate)) left"
        } else {
            text += "  --/s  --:-- left"
        }
        return text + eraseToEndOfLine
    }

    /// The line that replaces the bar at the end: `\r300 replicates in 0:17 (18/s)ESC[K\n`.
    static func summary(total: Int, elapsed: TimeInterval) -> String {
        let rate = elapsed > 0 ? "  (\(rateText(Double(total) / elapsed))/s)" : ""
        return "\r\(total) replicates in \(clock(elapsed))\(rate)\(eraseToEndOfLine)\n"
    }

    /// Whole replicates per second, or one decimal below 10 (a slow run's rate is not 0).
    static func rateText(_ rate: Double) -> String {
        guard rate.isFinite else { return "--" }
        if rate >= 9.95 { return String(Int(rate.rounded())) }
        let tenths = Int((rate * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }

    /// m:ss, or h:mm:ss from an hour; whole seconds rounded up.
    static func clock(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds < 360_000 else { return "--:--" }
        let whole = Int(seconds.rounded(.up))
        let hours = whole / 3600, minutes = whole / 60 % 60, rest = whole % 60
        func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return hours > 0 ? "\(hours):\(twoDigits(minutes)):\(twoDigits(rest))" : "\(minutes):\(twoDigits(rest))"
    }
}

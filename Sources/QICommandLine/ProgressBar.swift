import Foundation

/// A one-line progress report on standard error: replicates done, rate and time left.
///
/// Updated from worker threads; redrawn at most ten times a second.
final class ProgressBar: @unchecked Sendable {
    private let total: Int
    private let started = Date()
    private var lastDrawn = Date.distantPast
    private let lock = NSLock()

    init(total: Int) { self.total = total }

    func update(_ done: Int) {
        lock.lock()
        defer { lock.unlock() }
        let now = Date()
        guard now.timeIntervalSince(lastDrawn) >= 0.1 || done == total else { return }
        lastDrawn = now
        let elapsed = now.timeIntervalSince(started)
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        let left = rate > 0 ? Double(total - done) / rate : 0
        let width = 30
        let filled = total > 0 ? width * done / total : width
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        StandardStreams.writeError("\r[\(bar)] \(done)/\(total) replicates  \(Int(rate.rounded()))/s  \(Self.clock(left)) left ")
    }

    func finish() {
        lock.lock()
        defer { lock.unlock() }
        StandardStreams.writeError("\n")
    }

    private static func clock(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded(.up))
        let minutes = whole / 60, rest = whole % 60
        return "\(minutes):" + (rest < 10 ? "0" : "") + "\(rest)"
    }
}

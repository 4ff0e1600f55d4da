/// A buffered byte destination that hands its bytes to a writer in large chunks.
///
/// Output formats build ``OutputBytes`` (per series, in parallel) and hand them over here.
final class TextSink {
    private var buffer: [UInt8] = []
    private let writer: ([UInt8]) throws(CommandFailure) -> Void
    private static let flushThreshold = 1 << 16

    init(_ writer: @escaping ([UInt8]) throws(CommandFailure) -> Void) {
        self.writer = writer
        buffer.reserveCapacity(Self.flushThreshold * 2)
    }

    func write(_ text: String) throws(CommandFailure) {
        buffer.append(contentsOf: text.utf8)
        try flushIfFull()
    }

    func write(_ output: OutputBytes) throws(CommandFailure) {
        buffer.append(contentsOf: output.bytes)
        try flushIfFull()
    }

    private func flushIfFull() throws(CommandFailure) {
        if buffer.count >= Self.flushThreshold { try flush() }
    }

    func flush() throws(CommandFailure) {
        guard !buffer.isEmpty else { return }
        try writer(buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}

/// A byte destination that hands its bytes to a writer in large batches.
///
/// Output formats build ``OutputBytes`` (per series, in parallel) and hand them over here.
/// Large pieces are passed on as they are, without being copied (the writer gathers them
/// with writev); small ones are first collected into one piece, so many short writes still
/// make few system calls.
final class TextSink {
    private var pieces: [ArraySlice<UInt8>] = []
    private var small: [UInt8] = []
    private var pendingBytes = 0
    private let writer: ([ArraySlice<UInt8>]) throws(CommandFailure) -> Void
    /// Pieces shorter than this are copied into a shared piece.
    private static let smallPiece = 4096
    private static let flushBytes = 1 << 20

    init(_ writer: @escaping ([ArraySlice<UInt8>]) throws(CommandFailure) -> Void) {
        self.writer = writer
    }

    func write(_ text: String) throws(CommandFailure) {
        try append(ArraySlice(text.utf8))
    }

    func write(_ output: OutputBytes) throws(CommandFailure) {
        try append(output.bytes)
    }

    private func append(_ bytes: ArraySlice<UInt8>) throws(CommandFailure) {
        if bytes.count < Self.smallPiece {
            small.append(contentsOf: bytes)
            if small.count >= Self.smallPiece { moveSmallPiece() }
        } else {
            moveSmallPiece()
            pieces.append(bytes)
        }
        pendingBytes += bytes.count
        if pendingBytes >= Self.flushBytes || pieces.count >= GatheredWrite.maximumPieces { try flush() }
    }

    private func moveSmallPiece() {
        guard !small.isEmpty else { return }
        pieces.append(small[...])
        small = []
    }

    func flush() throws(CommandFailure) {
        moveSmallPiece()
        guard !pieces.isEmpty else { return }
        try writer(pieces)
        pieces.removeAll(keepingCapacity: true)
        pendingBytes = 0
    }
}

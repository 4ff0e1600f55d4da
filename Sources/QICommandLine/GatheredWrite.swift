#if canImport(Glibc)
import Glibc
#endif

/// Writes separately built runs of bytes to a file descriptor with writev(2), so a batch's
/// pieces (one chart per series) reach the file without first being copied into one buffer.
enum GatheredWrite {
    /// Pieces per writev call; IOV_MAX is 1024 on Linux.
    static let maximumPieces = 256

    /// Writes every byte of `pieces` in order, retrying after short writes and EINTR.
    /// Returns the errno of a failed write, or nil.
    static func write(_ pieces: [ArraySlice<UInt8>], to descriptor: Int32) -> Int32? {
        var start = 0
        while start < pieces.count {
            let end = min(start + maximumPieces, pieces.count)
            var vectors: [iovec] = []
            vectors.reserveCapacity(end - start)
            if let failure = pinned(pieces[start..<end], into: &vectors, { writeAll(&$0, to: descriptor) }) {
                return failure
            }
            start = end
        }
        return nil
    }

    /// Calls `body` with an iovec for each piece, every piece's storage held in place for the
    /// call (one nested withUnsafeBytes per piece, so at most ``maximumPieces`` deep).
    private static func pinned(_ pieces: ArraySlice<ArraySlice<UInt8>>, into vectors: inout [iovec],
                               _ body: (inout [iovec]) -> Int32?) -> Int32? {
        guard let first = pieces.first else { return body(&vectors) }
        return first.withUnsafeBytes { raw in
            vectors.append(iovec(iov_base: UnsafeMutableRawPointer(mutating: raw.baseAddress), iov_len: raw.count))
            return pinned(pieces.dropFirst(), into: &vectors, body)
        }
    }

    private static func writeAll(_ vectors: inout [iovec], to descriptor: Int32) -> Int32? {
        var first = 0
        while first < vectors.count {
            let written = vectors.withUnsafeBufferPointer { buffer in
                writev(descriptor, buffer.baseAddress! + first, Int32(buffer.count - first))
            }
            if written < 0 {
                if errno == EINTR { continue }
                return errno
            }
            var remaining = written
            while first < vectors.count, remaining >= vectors[first].iov_len {
                remaining -= vectors[first].iov_len
                first += 1
            }
            if remaining > 0 {
                vectors[first].iov_base += remaining
                vectors[first].iov_len -= remaining
            }
        }
        return nil
    }
}

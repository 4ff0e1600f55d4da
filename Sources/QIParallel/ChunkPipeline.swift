import Dispatch

/// Consecutive chunks of work where producing the next chunk overlaps consuming the current
/// one: a two-stage pipeline for "compute a chunk in parallel, then write it out in order".
///
/// `produce(k + 1)` runs on another thread while `consume(produce(k))` runs on the caller's, so
/// a serial consumer (writing to a file or a pipe) no longer leaves the cores idle between
/// chunks. Chunks are consumed in order 0, 1, …, count − 1 and at most two exist at once,
/// which keeps memory bounded by two chunks whatever `count` is.
public enum ChunkPipeline {
    /// Produces and consumes `count` chunks in order.
    ///
    /// If `consume` throws, the chunk being produced is finished and dropped, nothing further
    /// is produced, and the error is rethrown.
    ///
    /// - Complexity: wall time about the first production plus the sum over chunks of the
    ///   larger of producing the next and consuming the current.
    public static func run<Chunk>(count: Int, produce: (Int) -> Chunk,
                                  consume: (Chunk) throws -> Void) throws {
        guard count > 0 else { return }
        try withoutActuallyEscaping(produce) { produce in
            let shared = UncheckedSendable(produce)
            var current = produce(0)
            for next in 1..<count {
                let slot = ResultSlots<Chunk>(count: 1)
                let group = DispatchGroup()
                DispatchQueue.global().async(group: group) { slot.store(shared.value(next), at: 0) }
                do {
                    try consume(current)
                } catch {
                    group.wait()
                    throw error
                }
                group.wait()
                current = slot.values()[0]
            }
            try consume(current)
        }
    }
}

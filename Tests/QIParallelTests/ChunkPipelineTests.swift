import Synchronization
import Testing
import QIParallel

struct ChunkPipelineTests {
    private struct Stop: Error {}

    @Test func consumesEveryChunkOnceInOrder() throws {
        var consumed: [[Int]] = []
        try ChunkPipeline.run(count: 7, produce: { chunk in Array(chunk * 3..<chunk * 3 + 3) },
                              consume: { consumed.append($0) })
        #expect(consumed == (0..<7).map { Array($0 * 3..<$0 * 3 + 3) })
    }

    @Test func zeroChunksProducesAndConsumesNothing() throws {
        var calls = 0
        try ChunkPipeline.run(count: 0, produce: { _ in calls += 1 }, consume: { calls += 1 })
        #expect(calls == 0)
    }

    @Test func aConsumerErrorStopsProductionAfterTheChunkUnderWay() {
        let produced = Mutex<[Int]>([])
        #expect(throws: Stop.self) {
            try ChunkPipeline.run(count: 10, produce: { chunk in
                produced.withLock { $0.append(chunk) }
                return chunk
            }, consume: { chunk in
                if chunk == 2 { throw Stop() }
            })
        }
        // Chunk 3 was under way while chunk 2 was consumed; nothing after it was started.
        #expect(produced.withLock { $0 } == [0, 1, 2, 3])
    }

    @Test func productionOverlapsConsumption() throws {
        // Chunk k + 1 starts before chunk k has been consumed.
        let events = Mutex<[String]>([])
        try ChunkPipeline.run(count: 3, produce: { chunk in
            events.withLock { $0.append("produce \(chunk)") }
            return chunk
        }, consume: { chunk in
            // Give the producer of the next chunk time to start.
            var spins = 0
            while chunk < 2, !events.withLock({ $0.contains("produce \(chunk + 1)") }), spins < 50_000_000 { spins += 1 }
            events.withLock { $0.append("consume \(chunk)") }
        })
        let log = events.withLock { $0 }
        #expect(log.firstIndex(of: "produce 1")! < log.firstIndex(of: "consume 0")!)
        #expect(log.last == "consume 2")
    }
}

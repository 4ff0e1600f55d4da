@testable import QICommandLine
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The output path: pieces gathered by TextSink and written with writev reach the file whole
/// and in order, whatever their sizes and however many there are.
struct TextSinkTests {
    /// Pieces of every size class: empty, small (coalesced), large (passed through), more of
    /// them than one writev takes.
    private static func pieces() -> [[UInt8]] {
        (0..<700).map { index in
            let length = [0, 1, 17, 4095, 4096, 9000, 70_000][index % 7]
            return (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ index) }
        }
    }

    @Test func gatheredWriteToAFileKeepsEveryByteInOrder() throws {
        let path = "/tmp/qikit-gathered-\(getpid()).bin"
        defer { unlink(path) }
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        try #require(descriptor >= 0)
        let pieces = Self.pieces()
        #expect(GatheredWrite.write(pieces.map { $0[...] }, to: descriptor) == nil)
        close(descriptor)
        #expect(try Self.contents(of: path) == pieces.flatMap { $0 })
    }

    @Test func gatheredWriteReportsTheErrorOfAClosedDescriptor() {
        let descriptor = open("/dev/null", O_WRONLY)
        close(descriptor)
        #expect(GatheredWrite.write([[1, 2, 3][...]], to: descriptor) == EBADF)
    }

    @Test func sinkMixesStringsAndOutputBytesInOrder() throws {
        var received: [UInt8] = []
        var calls = 0
        let sink = TextSink { pieces throws(CommandFailure) in
            calls += 1
            for piece in pieces { received += piece }
        }
        var expected: [UInt8] = []
        for (index, piece) in Self.pieces().enumerated() {
            if index % 3 == 0 {
                let text = String(repeating: "é", count: piece.count / 2)
                try sink.write(text)
                expected += Array(text.utf8)
            } else {
                var output = OutputBytes(capacity: 16)
                output.append(String(decoding: piece.map { 0x41 + $0 % 26 }, as: UTF8.self))
                try sink.write(output)
                expected += piece.map { 0x41 + $0 % 26 }
            }
        }
        try sink.flush()
        #expect(received == expected)
        #expect(calls < 100)
    }

    @Test func atomicFileWritesThePiecesThenRenames() throws {
        let path = "/tmp/qikit-atomic-\(getpid()).json"
        defer { unlink(path) }
        let file = try AtomicFile(destination: path)
        let sink = TextSink { pieces throws(CommandFailure) in try file.write(pieces) }
        let pieces = Self.pieces()
        for piece in pieces { try sink.write(String(decoding: piece.map { 0x30 + $0 % 10 }, as: UTF8.self)) }
        try sink.flush()
        #expect(access(path, F_OK) != 0)
        try file.commit()
        #expect(try Self.contents(of: path) == pieces.flatMap { $0.map { 0x30 + $0 % 10 } })
    }

    private static func contents(of path: String) throws -> [UInt8] {
        let descriptor = open(path, O_RDONLY)
        try #require(descriptor >= 0)
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count <= 0 { break }
            bytes += chunk[0..<count]
        }
        return bytes
    }
}

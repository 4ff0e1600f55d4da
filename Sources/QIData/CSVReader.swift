#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import QIParallel

/// Reads RFC 4180 CSV into a ``CSVTable``.
///
/// Accepts a header row then data rows; quoted fields with embedded commas, line breaks and
/// doubled quotes; UTF-8 with or without a byte-order mark; LF, CRLF or CR line ends. Blank
/// lines are skipped, as R's `read.csv` does. Every field is checked for valid UTF-8 and every
/// row for the header's field count, so a ``CSVTable`` is well formed once built.
///
/// Complexity: one pass over the bytes, O(bytes); memory is the file plus 4 bytes a row.
/// Hand-written rather than built on SwiftCSV or CSV.swift because those materialise a
/// `String` per field and were more than 20 times slower on the benchmark file (see
/// `Benchmarks/README.md`).
public enum CSVReader {
    static let quote = UInt8(ascii: "\"")
    static let comma = UInt8(ascii: ",")
    static let lineFeed = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")
    static let maximumBytes = Int(Int32.max)

    /// Reads the file at `path`; a path of `-` reads standard input.
    public static func read(path: String) throws(DataInputError) -> CSVTable {
        let source = path == "-" ? "<stdin>" : path
        let bytes = path == "-" ? try readStandardInput() : try readFile(path)
        return try parse(bytes, source: source)
    }

    /// Parses CSV bytes; `source` names them in error messages.
    public static func parse(_ bytes: [UInt8], source: String) throws(DataInputError) -> CSVTable {
        guard bytes.count <= maximumBytes else { throw .tooLarge(file: source, bytes: bytes.count) }
        let result: Result<CSVTable, DataInputError> = bytes.withUnsafeBufferPointer { buffer in
            var scanner = Scanner(buffer: buffer, source: source)
            return Result { () throws(DataInputError) -> CSVTable in
                let (header, starts) = try scanner.scan()
                return CSVTable(source: source, header: header, bytes: bytes, rowStarts: starts)
            }
        }
        return try result.get()
    }

    /// The content of the field starting at `start`: up to the next delimiter, or for a quoted
    /// field the text between its quotes with doubled quotes made single. The field is known to
    /// be well formed: ``Scanner`` checked it.
    static func fieldContent(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> [UInt8] {
        if start < bytes.count, bytes[start] == quote { return unescapedQuotedField(bytes, from: start) }
        return Array(bytes[start..<unquotedFieldEnd(bytes, from: start)])
    }

    /// Where field `column` of the row starting at `rowStart` begins: each field before it is
    /// stepped over (a quoted one to its closing quote). The row is known to be well formed.
    static func fieldStart(_ bytes: UnsafeBufferPointer<UInt8>, rowStart: Int, column: Int) -> Int {
        var position = rowStart
        for _ in 0..<column {
            if bytes[position] == quote {
                position += 1
                while true {
                    if bytes[position] == quote {
                        if position + 1 < bytes.count, bytes[position + 1] == quote { position += 2; continue }
                        position += 1
                        break
                    }
                    position += 1
                }
            } else {
                while bytes[position] != comma { position += 1 }
            }
            position += 1
        }
        return position
    }

    static func unquotedFieldEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var end = start
        while end < bytes.count, bytes[end] != comma, bytes[end] != lineFeed,
              bytes[end] != carriageReturn { end += 1 }
        return end
    }

    private static func unescapedQuotedField(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> [UInt8] {
        var content: [UInt8] = []
        var index = start + 1
        while index < bytes.count {
            if bytes[index] == quote {
                if index + 1 < bytes.count, bytes[index + 1] == quote {
                    content.append(quote)
                    index += 2
                    continue
                }
                break
            }
            content.append(bytes[index])
            index += 1
        }
        return content
    }

    private struct Scanner {
        let buffer: UnsafeBufferPointer<UInt8>
        let source: String
        var position = 0
        /// Where scanning stops: the end of the buffer, or of the piece of it this scanner has.
        var end: Int
        var row = 0

        init(buffer: UnsafeBufferPointer<UInt8>, source: String) {
            self.buffer = buffer
            self.source = source
            end = buffer.count
            if buffer.count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { position = 3 }
        }

        /// Data rows of at least this many bytes are scanned in pieces on several threads.
        static let parallelBytes = 1 << 20

        mutating func scan() throws(DataInputError) -> (header: [String], starts: [UInt32]) {
            skipBlankLines()
            guard position < buffer.count else { throw .emptyFile(file: source) }
            let header = try readHeader()
            if let starts = scanInPieces(header: header) { return (header, starts) }
            let starts = try scanRows(header: header)
            guard row > 0 else { throw .noDataRows(file: source) }
            return (header, starts)
        }

        /// The data rows scanned in one piece per processor, when there are enough of them and
        /// no quote character: a line end then always ends a row, so the pieces can start at
        /// line ends and be scanned independently, their row starts joined in order. Nil, to
        /// scan serially, when that does not apply or a piece is malformed (the serial scan then
        /// reports the error with its row number).
        private func scanInPieces(header: [String]) -> [UInt32]? {
            let (first, count) = (position, buffer.count - position)
            let pieceCount = min(ProcessorCount.online, count / Self.parallelBytes)
            guard pieceCount > 1,
                  memchr(buffer.baseAddress! + first, Int32(quote), count) == nil else { return nil }
            var bounds = [first]
            for piece in 1..<pieceCount {
                var cut = max(first + count * piece / pieceCount, bounds[piece - 1])
                while cut < buffer.count, buffer[cut] != lineFeed, buffer[cut] != carriageReturn { cut += 1 }
                while cut < buffer.count, buffer[cut] == lineFeed || buffer[cut] == carriageReturn { cut += 1 }
                bounds.append(cut)
            }
            bounds.append(buffer.count)
            let pieces = ParallelMap.map(Array(0..<pieceCount)) { piece -> [UInt32]? in
                var scanner = self
                (scanner.position, scanner.end) = (bounds[piece], bounds[piece + 1])
                return try? scanner.scanRows(header: header)
            }
            var starts: [UInt32] = []
            starts.reserveCapacity(pieces.reduce(0) { $0 + ($1?.count ?? 0) })
            for piece in pieces {
                guard let piece else { return nil }
                starts.append(contentsOf: piece)
            }
            return starts.isEmpty ? nil : starts
        }

        /// The starts of the data rows from `position` to `end`, each checked for the header's
        /// field count.
        private mutating func scanRows(header: [String]) throws(DataInputError) -> [UInt32] {
            var starts: [UInt32] = []
            starts.reserveCapacity((end - position) / (8 * max(1, header.count)))
            while true {
                skipBlankLines()
                guard position < end else { break }
                row += 1
                starts.append(UInt32(position))
                var fieldCount = 0
                while true {
                    fieldCount += 1
                    let endedLine = try skipField(columnNumber: fieldCount, header: header)
                    if endedLine { break }
                }
                guard fieldCount == header.count else {
                    throw .raggedRow(file: source, row: row, expected: header.count, found: fieldCount)
                }
            }
            return starts
        }

        private mutating func readHeader() throws(DataInputError) -> [String] {
            var names: [String] = []
            while true {
                let start = position
                let endedLine = try skipField(columnNumber: names.count + 1, header: nil)
                let name = String(decoding: fieldContent(buffer, from: start), as: UTF8.self)
                let trimmed = name.trimmingSpaces
                guard !trimmed.isEmpty else { throw .emptyHeaderName(file: source, columnNumber: names.count + 1) }
                if let first = names.firstIndex(of: trimmed) {
                    throw .duplicateHeader(file: source, name: trimmed, columnNumbers: [first + 1, names.count + 1])
                }
                names.append(trimmed)
                if endedLine { return names }
            }
        }

        /// Moves past one field and its delimiter; returns true when the row ended.
        private mutating func skipField(columnNumber: Int, header: [String]?) throws(DataInputError) -> Bool {
            var highBits: UInt8 = 0
            var contentStart = position
            var contentEnd: Int
            if position < end, buffer[position] == quote {
                position += 1
                contentStart = position
                while true {
                    guard position < end else { throw .unterminatedQuote(file: source, row: max(row, 1)) }
                    let byte = buffer[position]
                    if byte == quote {
                        if position + 1 < end, buffer[position + 1] == quote {
                            position += 2
                            continue
                        }
                        break
                    }
                    highBits |= byte
                    position += 1
                }
                contentEnd = position
                position += 1
                if position < end, buffer[position] != comma, buffer[position] != lineFeed,
                   buffer[position] != carriageReturn {
                    throw .textAfterClosingQuote(file: source, row: max(row, 1),
                                                 column: columnName(columnNumber, header))
                }
            } else {
                while position < end {
                    let byte = buffer[position]
                    if byte == comma || byte == lineFeed || byte == carriageReturn { break }
                    highBits |= byte
                    position += 1
                }
                contentEnd = position
            }
            if highBits & 0x80 != 0 {
                let content = UnsafeBufferPointer(rebasing: buffer[contentStart..<contentEnd])
                if String(validating: content, as: UTF8.self) == nil {
                    throw .invalidUTF8(file: source, row: row, column: columnName(columnNumber, header))
                }
            }
            guard position < end else { return true }
            let delimiter = buffer[position]
            position += 1
            if delimiter == comma { return false }
            if delimiter == carriageReturn, position < end, buffer[position] == lineFeed { position += 1 }
            return true
        }

        private mutating func skipBlankLines() {
            while position < end, buffer[position] == lineFeed || buffer[position] == carriageReturn {
                position += 1
            }
        }

        private func columnName(_ number: Int, _ header: [String]?) -> String {
            guard let header else { return "header column \(number)" }
            return number <= header.count ? header[number - 1] : "extra field \(number)"
        }
    }

    private static func readFile(_ path: String) throws(DataInputError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            if errno == ENOENT { throw .fileNotFound(file: path) }
            throw .unreadable(file: path, reason: String(cString: strerror(errno)))
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw .unreadable(file: path, reason: String(cString: strerror(errno)))
        }
        guard (status.st_mode & S_IFMT) == S_IFREG else {
            throw .unreadable(file: path, reason: "not a regular file")
        }
        let size = Int(status.st_size)
        guard size <= maximumBytes else { throw .tooLarge(file: path, bytes: size) }
        return try readAll(descriptor, expectedSize: size, source: path)
    }

    private static func readStandardInput() throws(DataInputError) -> [UInt8] {
        try readAll(STDIN_FILENO, expectedSize: 1 << 16, source: "<stdin>")
    }

    /// Reads to the end of `descriptor`: straight into the result for the first
    /// `expectedSize` + 1 bytes (no zero-filled buffer, no copy), then in chunks for whatever
    /// more there is (standard input, or a file that grew).
    private static func readAll(_ descriptor: Int32, expectedSize: Int, source: String) throws(DataInputError) -> [UInt8] {
        var failure: Int32?
        var bytes = [UInt8](unsafeUninitializedCapacity: expectedSize + 1) { buffer, count in
            count = 0
            while count < buffer.count {
                let read = Glibc.read(descriptor, buffer.baseAddress! + count, buffer.count - count)
                if read < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                if read == 0 { return }
                count += read
            }
        }
        if let failure { throw .unreadable(file: source, reason: String(cString: strerror(failure))) }
        guard bytes.count > expectedSize else { return bytes }
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .unreadable(file: source, reason: String(cString: strerror(errno)))
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
            guard bytes.count <= maximumBytes else { throw .tooLarge(file: source, bytes: bytes.count) }
        }
        return bytes
    }
}

extension String {
    var trimmingSpaces: String {
        var scalars = Substring(self)
        while scalars.first == " " { scalars.removeFirst() }
        while scalars.last == " " { scalars.removeLast() }
        return String(scalars)
    }
}

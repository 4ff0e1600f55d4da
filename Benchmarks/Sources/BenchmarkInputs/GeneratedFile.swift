import Foundation

/// A benchmark input generated from a fixed seed and written once to a cache path.
public protocol GeneratedFile {
    /// Where ``write(to:)`` puts the file when no path is given.
    var defaultPath: String { get }
    /// The file's bytes; the same on every call.
    func bytes() -> [UInt8]
}

extension GeneratedFile {
    /// Writes the file to `path` unless a file of the right size is already there; returns
    /// `path`. The bytes are generated (a second of work for a million rows) either way, to
    /// know the size: a file left half-written by an interrupted run is replaced.
    @discardableResult
    public func write(to path: String? = nil) throws -> String {
        let path = path ?? defaultPath
        let contents = bytes()
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        if let size = attributes?[.size] as? Int, size == contents.count { return path }
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(),
                                                withIntermediateDirectories: true)
        try Data(contents).write(to: url, options: .atomic)
        return path
    }
}

extension Array where Element == UInt8 {
    /// `value` (non-negative) in decimal, zero-padded to `width` digits.
    mutating func appendDigits(_ value: Int, width: Int) {
        var digits: [UInt8] = []
        var remaining = value
        repeat {
            digits.append(UInt8(ascii: "0") + UInt8(remaining % 10))
            remaining /= 10
        } while remaining > 0
        while digits.count < width { digits.append(UInt8(ascii: "0")) }
        append(contentsOf: digits.reversed())
    }
}

/// The rules one point breaks: a set of ``SignalRule``s that lists them in their declared
/// order (outside the limits first), as the JSON `signals` array does.
///
/// Kept as bits rather than an array so that a ``ChartPoint`` holds no heap memory: a chart
/// is built and copied point by point, and an array per flagged point was an allocation, a
/// retain on every copy and a sort.
public struct SignalRules: Collection, Equatable, Sendable, ExpressibleByArrayLiteral, CustomStringConvertible {
    private var bits: UInt16 = 0
    /// Every rule, at its ``SignalRule/order``.
    private static let rulesInOrder = SignalRule.allCases.sorted()

    public init() {}

    public init(arrayLiteral rules: SignalRule...) {
        for rule in rules { insert(rule) }
    }

    /// Adds `rule`; adding it again changes nothing.
    public mutating func insert(_ rule: SignalRule) { bits |= 1 << rule.order }

    public func contains(_ rule: SignalRule) -> Bool { bits & (1 << rule.order) != 0 }

    public var count: Int { bits.nonzeroBitCount }
    public var isEmpty: Bool { bits == 0 }

    /// Positions are the rules' ``SignalRule/order``; only those in the set are visited.
    public var startIndex: Int { bits == 0 ? endIndex : bits.trailingZeroBitCount }
    public var endIndex: Int { Self.rulesInOrder.count }

    public func index(after position: Int) -> Int {
        let later = bits >> (position + 1)
        return later == 0 ? endIndex : position + 1 + later.trailingZeroBitCount
    }

    public subscript(position: Int) -> SignalRule { Self.rulesInOrder[position] }

    public var description: String { "[" + map(\.rawValue).joined(separator: ", ") + "]" }
}

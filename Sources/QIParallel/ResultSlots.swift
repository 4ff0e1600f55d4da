/// Write-once slots filled by concurrent workers, each slot by exactly one worker. The
/// storage is allocated once, so concurrent writes to distinct slots never touch shared state.
public final class ResultSlots<Value>: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<Value?>

    public init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }

    public func store(_ value: Value, at index: Int) { slots[index] = value }

    /// Every slot's value, in index order.
    ///
    /// - Precondition: every slot has been stored.
    public func values() -> [Value] { slots.map { $0! } }
}

/// A value handed to worker threads that only read it (the caller guarantees that).
struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

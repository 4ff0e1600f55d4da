import Dispatch
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Data-parallel map over an array with results in input order.
///
/// `threads` workers take the next unclaimed element from a shared atomic counter, so a worker
/// that starts late or meets slower elements simply takes fewer; each result is stored in the
/// slot of its element, so the output never depends on the thread count or on timing. Used for
/// batches of charts and for their serialisation.
public enum ParallelMap {
    /// `transform` applied to every element, in input order.
    ///
    /// - Complexity: O(n / threads) wall time for equal-cost elements.
    public static func map<Element, Result>(_ elements: [Element], threads: Int = ProcessorCount.online,
                                            _ transform: (Element) -> Result) -> [Result] {
        let count = elements.count
        guard count > 1, threads > 1 else { return elements.map(transform) }
        let slots = ResultSlots<Result>(count: count)
        let workers = min(threads, count)
        withoutActuallyEscaping(transform) { transform in
            let shared = UncheckedSendable(transform)
            elements.withUnsafeBufferPointer { buffer in
                let input = UncheckedSendable(buffer)
                let nextIndex = Atomic<Int>(0)
                DispatchQueue.concurrentPerform(iterations: workers) { _ in
                    while true {
                        let index = nextIndex.wrappingAdd(1, ordering: .relaxed).oldValue
                        guard index < count else { break }
                        slots.store(shared.value(input.value[index]), at: index)
                    }
                }
            }
        }
        return slots.values()
    }
}

/// The number of processors online.
public enum ProcessorCount {
    public static var online: Int {
        #if canImport(Glibc)
        return max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        #else
        return 1
        #endif
    }
}

import Dispatch

/// Many charts at once, in parallel, with results in input order.
extension ControlChart {
    /// Computes one chart per series with the same options, spreading the series over
    /// `threads` workers (all cores by default). The output order is the input order and
    /// does not depend on the thread count.
    ///
    /// - Complexity: O(total points / threads) wall time.
    public static func computeAll(_ series: [[Subgroup]], options: ChartOptions,
                                  threads: Int = ProcessorCount.online) -> [Result<ControlChart, SPCError>] {
        let results = ResultSlots<Result<ControlChart, SPCError>>(count: series.count)
        let workers = max(1, min(threads, series.count))
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var index = worker
            while index < series.count {
                results.store(Result { () throws(SPCError) in try compute(series[index], options: options) }, at: index)
                index += workers
            }
        }
        return results.values()
    }
}

/// The number of processors online, read once per call.
public enum ProcessorCount {
    public static var online: Int {
        #if canImport(Glibc)
        return max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        #else
        return 1
        #endif
    }
}

/// Write-once slots filled by concurrent workers, each slot by exactly one worker. The
/// storage is allocated once, so concurrent writes to distinct slots never touch shared state.
private final class ResultSlots<Value>: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<Value?>

    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }

    func store(_ value: Value, at index: Int) { slots[index] = value }

    func values() -> [Value] { slots.map { $0! } }
}
#if canImport(Glibc)
import Glibc
#endif

import CLAPACK

/// The number of threads OpenBLAS uses for BLAS and LAPACK calls.
///
/// QILinearAlgebra keeps no thread count of its own: the caller decides (for example the
/// command-line tool from a `--threads` option) and passes the value here. OpenBLAS holds it
/// process-wide, and it takes precedence over the `OPENBLAS_NUM_THREADS` environment variable.
public enum BLASThreads {
    /// Sets the number of OpenBLAS threads (`openblas_set_num_threads`).
    ///
    /// - Precondition: `count` is at least 1 and fits a 32-bit integer.
    public static func set(_ count: Int) {
        precondition(count >= 1 && count <= Int(Int32.max), "thread count must be at least 1")
        openblas_set_num_threads(Int32(count))
    }

    /// The number of threads OpenBLAS uses now (`openblas_get_num_threads`).
    public static var current: Int { Int(openblas_get_num_threads()) }

    /// Runs `body` with OpenBLAS on one thread, then restores the previous count.
    ///
    /// For a caller that splits a pass over the rows across threads of its own and calls BLAS
    /// from each: OpenBLAS would otherwise thread each small call too (a 512 × 20 `dgemv` is
    /// above its threshold), and two callers then queue for its one thread pool, slower than
    /// either alone. Wrap the whole computation, not each pass: raising the count again wakes
    /// OpenBLAS's own threads, which then spin for a while on the cores the caller's threads
    /// need (measured: 10 % more CPU for the same logistic fit). The count is process-wide:
    /// BLAS calls made meanwhile by other threads also run on one thread (slower, never
    /// different in result: OpenBLAS's threads split the output, not the sums).
    public static func withOneThread<Result, Failure: Error>(
        _ body: () throws(Failure) -> Result
    ) throws(Failure) -> Result {
        let previous = current
        guard previous > 1 else { return try body() }
        set(1)
        defer { set(previous) }
        return try body()
    }
}

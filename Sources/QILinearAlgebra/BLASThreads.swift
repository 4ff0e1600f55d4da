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
}

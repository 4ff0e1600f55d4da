@testable import QILinearAlgebra

// Comparison for tests: every entry within `tolerance` times the largest magnitude of the
// reference, so a tolerance reads as "agrees to about -log10(tolerance) significant digits".
extension Matrix {
    func isApproximatelyEqual(to reference: Matrix, tolerance: Double) -> Bool {
        rows == reference.rows && columns == reference.columns
            && storage.isApproximatelyEqual(to: reference.storage, tolerance: tolerance)
    }
}

extension Array where Element == Double {
    func isApproximatelyEqual(to reference: [Double], tolerance: Double) -> Bool {
        let scale = Swift.max(reference.lazy.map(abs).max() ?? 0, .leastNormalMagnitude)
        return count == reference.count
            && zip(self, reference).allSatisfy { abs($0 - $1) <= tolerance * scale }
    }
}

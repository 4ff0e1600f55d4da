#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import QILinearAlgebra

/// The K-point Gauss-Hermite rule: ∫ f(z) e^{−z²} dz ≈ Σ_k ω_k f(z_k), exact for polynomials
/// of degree 2K − 1.
///
/// Computed by Golub-Welsch: the nodes are the eigenvalues of the symmetric tridiagonal Jacobi
/// matrix of the Hermite polynomials (zero diagonal, off-diagonal √(k/2), k = 1…K−1), and the
/// weights are √π times the squared first components of the normalised eigenvectors (√π being
/// ∫ e^{−z²} dz).
///
/// - Note: Golub & Welsch (1969), "Calculation of Gauss quadrature rules", Math Comp 23(106),
///   221–230, doi:10.1090/S0025-5718-69-99647-1.
/// - Complexity: O(K³) (a symmetric eigendecomposition).
public struct GaussHermiteRule: Sendable, Equatable {
    /// The nodes z_k in ascending order.
    public let nodes: [Double]
    /// The weights ω_k.
    public let weights: [Double]

    public init(points: Int) {
        precondition(points >= 1, "a quadrature rule needs at least one point")
        var jacobi = Matrix(rows: points, columns: points, repeating: 0)
        for k in 1..<points {
            let offDiagonal = (Double(k) / 2).squareRoot()
            jacobi[k - 1, k] = offDiagonal
            jacobi[k, k - 1] = offDiagonal
        }
        // A symmetric tridiagonal matrix with finite entries always decomposes.
        let decomposition = try! SymmetricEigendecomposition(jacobi)
        self.nodes = decomposition.eigenvalues
        self.weights = (0..<points).map { k in
            let first = decomposition.eigenvectors[0, k]
            return Double.pi.squareRoot() * first * first
        }
    }
}

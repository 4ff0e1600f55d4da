import RealModule
import Testing
@testable import QIStatistics

/// The safeguarded Newton solver on an equation with a known root.
struct MonotoneEquationSolverTests {
    @Test func monotoneSolverFindsTheRootOfACubic() {
        let root = MonotoneEquationSolver.solve(from: 10) { u in
            (u * u * u - 2, 3 * u * u)
        }
        #expect(abs(root - Double.pow(2, 1.0 / 3)) <= 4e-16)
    }
}

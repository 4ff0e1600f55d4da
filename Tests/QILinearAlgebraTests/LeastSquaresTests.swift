import Testing
@testable import QILinearAlgebra

// NIST Statistical Reference Datasets, linear least squares, "Longley" (higher difficulty):
// https://www.itl.nist.gov/div898/strd/lls/data/Longley.shtml, from Longley (1967), JASA 62,
// 819–841. y is total employment; x₁ GNP deflator, x₂ GNP, x₃ unemployed, x₄ armed forces,
// x₅ population (14 and over), x₆ year, 1947–1962. Model y = β₀ + β₁x₁ + … + β₆x₆ + ε.
private enum Longley {
    static let y: [Double] = [60323, 61122, 60171, 61187, 63221, 63639, 64989, 63761,
                              66019, 67857, 68169, 66513, 68655, 69564, 69331, 70551]
    static let x1: [Double] = [83.0, 88.5, 88.2, 89.5, 96.2, 98.1, 99.0, 100.0,
                               101.2, 104.6, 108.4, 110.8, 112.6, 114.2, 115.7, 116.9]
    static let x2: [Double] = [234289, 259426, 258054, 284599, 328975, 346999, 365385, 363112,
                               397469, 419180, 442769, 444546, 482704, 502601, 518173, 554894]
    static let x3: [Double] = [2356, 2325, 3682, 3351, 2099, 1932, 1870, 3578,
                               2904, 2822, 2936, 4681, 3813, 3931, 4806, 4007]
    static let x4: [Double] = [1590, 1456, 1616, 1650, 3099, 3594, 3547, 3350,
                               3048, 2857, 2798, 2637, 2552, 2514, 2572, 2827]
    static let x5: [Double] = [107608, 108632, 109773, 110929, 112075, 113270, 115094, 116219,
                               117388, 118734, 120445, 121950, 123366, 125368, 127852, 130081]
    static let x6: [Double] = (1947...1962).map(Double.init)
    static let design = Matrix(
        columnVectors: [[Double](repeating: 1, count: 16), x1, x2, x3, x4, x5, x6])

    // NIST certified values (15 significant digits, computed by NIST in 500-digit arithmetic).
    static let certifiedCoefficients: [Double] = [
        -3482258.63459582, 15.0618722713733, -0.358191792925910e-01, -2.02022980381683,
        -1.03322686717359, -0.511041056535807e-01, 1829.15146461355]
    static let certifiedStandardErrors: [Double] = [
        890420.383607373, 84.9149257747669, 0.334910077722432e-01, 0.488399681651699,
        0.214274163161675, 0.226073200069370, 455.478499142212]
    static let certifiedResidualSumOfSquares = 836424.055505915
    static let certifiedResidualStandardDeviation = 304.854073561965
    static let certifiedRSquared = 0.995479004577296
}

// Tolerance for Longley: NIST's guidance is to count agreeing digits (the log relative error,
// LRE). κ₂ of the column-scaled design is about 4 × 10⁴, so about 11 of 16 digits survive;
// this implementation was observed at LRE ≥ 10.8 for every coefficient and standard error.
// We require LRE ≥ 9 for every certified value, i.e. relative error ≤ 1e-9.
private func agrees(_ value: Double, _ certified: Double) -> Bool {
    abs(value - certified) <= 1e-9 * abs(certified)
}

@Test func longleyCoefficientsMatchNISTCertifiedValues() throws {
    let fit = try Longley.design.leastSquares(Longley.y)
    #expect(fit.rank == 7)
    let coefficients = try fit.fullRankCoefficients()
    for (value, certified) in zip(coefficients, Longley.certifiedCoefficients) {
        #expect(agrees(value, certified), "estimated \(value), certified \(certified)")
    }
}

@Test func longleyResidualSummariesMatchNISTCertifiedValues() throws {
    let fit = try Longley.design.leastSquares(Longley.y)
    let residualDegreesOfFreedom = Double(16 - 7)
    let residualVariance = fit.residualSumOfSquares / residualDegreesOfFreedom
    let mean = Longley.y.reduce(0, +) / 16
    let totalSumOfSquares = Longley.y.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
    #expect(agrees(fit.residualSumOfSquares, Longley.certifiedResidualSumOfSquares))
    #expect(agrees(residualVariance.squareRoot(), Longley.certifiedResidualStandardDeviation))
    #expect(agrees(1 - fit.residualSumOfSquares / totalSumOfSquares, Longley.certifiedRSquared))
    // The residuals' own sum of squares agrees with the one taken from Qᵀy.
    let direct = fit.residuals.reduce(0) { $0 + $1 * $1 }
    #expect(abs(direct - fit.residualSumOfSquares) <= 1e-9 * fit.residualSumOfSquares)
}

@Test func longleyStandardErrorsMatchNISTCertifiedValues() throws {
    let fit = try Longley.design.leastSquares(Longley.y)
    let residualVariance = fit.residualSumOfSquares / 9
    let unscaledCovariance = try fit.factorization.crossProductInverse()
    for j in 0..<7 {
        let standardError = (residualVariance * unscaledCovariance[j, j]).squareRoot()
        let certified = Longley.certifiedStandardErrors[j]
        #expect(agrees(standardError, certified),
                "column \(j): estimated \(standardError), certified \(certified)")
    }
}

@Test func exactlyLinearDataRecoverTheirCoefficients() throws {
    let x: [Double] = [0.5, 1, 2, 3.5, 4, 6, 7.25, 9]
    let z: [Double] = [3, -1, 4, 1, -5, 9, 2, -6]
    let y = zip(x, z).map { 2 - 3 * $0 + 0.25 * $1 }
    let design = Matrix(columnVectors: [[Double](repeating: 1, count: 8), x, z])
    let fit = try design.leastSquares(y)
    // Tolerance: the data are exact, so only rounding of order κ·ε ≈ 10·ε remains.
    #expect(try fit.fullRankCoefficients().isApproximatelyEqual(to: [2, -3, 0.25],
                                                                tolerance: 1e-13))
    #expect(fit.fittedValues.isApproximatelyEqual(to: y, tolerance: 1e-13))
    #expect(fit.residuals.allSatisfy { abs($0) < 1e-12 })
}

@Test func straightLineFitMatchesClosedFormSlopeAndIntercept() throws {
    // Closed form: slope = Sxy / Sxx, intercept = ȳ − slope·x̄. For x = 1…5, y = (2, 4, 5, 4, 5):
    // x̄ = 3, ȳ = 4, Sxx = 10, Sxy = 6, so slope = 0.6, intercept = 2.2 and the residual sum of
    // squares is Syy − Sxy²/Sxx = 6 − 3.6 = 2.4.
    let design = Matrix(columnVectors: [[1, 1, 1, 1, 1], [1, 2, 3, 4, 5]])
    let fit = try design.leastSquares([2, 4, 5, 4, 5])
    #expect(try fit.fullRankCoefficients().isApproximatelyEqual(to: [2.2, 0.6], tolerance: 1e-14))
    #expect(abs(fit.residualSumOfSquares - 2.4) < 1e-13)
}

@Test func rankDeficientDesignReportsRankAndAliasedColumn() throws {
    let x: [Double] = [1, 2, 3, 4, 5, 6]
    let z: [Double] = [1, 0, 1, 0, 2, 1]
    let y = zip(x, z).map { 1 + 2 * $0 - $1 }
    let design = Matrix(columnVectors: [[Double](repeating: 1, count: 6), x, z, x])
    let fit = try design.leastSquares(y)
    #expect(fit.rank == 3)
    #expect(fit.aliasedColumns == [3])
    #expect(fit.coefficients[3] == nil)
    let estimated = fit.coefficients.prefix(3).compactMap { $0 }
    #expect(estimated.isApproximatelyEqual(to: [1, 2, -1], tolerance: 1e-13))
    #expect(fit.fittedValues.isApproximatelyEqual(to: y, tolerance: 1e-13))
    #expect(throws: LinearAlgebraError.rankDeficient(rank: 3, columns: 4)) {
        try fit.fullRankCoefficients()
    }
}

@Test func droppingAliasedColumnsGivesTheSameFit() throws {
    let x: [Double] = [1, 2, 3, 4, 5, 6]
    let y: [Double] = [1.2, 1.9, 3.2, 3.8, 5.1, 6.3]
    let design = Matrix(columnVectors: [[Double](repeating: 1, count: 6), x, x.map { 3 * $0 }])
    let fit = try design.leastSquares(y)
    let reduced = try design.selectingColumns(fit.factorization.independentColumns).leastSquares(y)
    #expect(try reduced.fullRankCoefficients().isApproximatelyEqual(
        to: fit.coefficients.compactMap { $0 }, tolerance: 1e-12))
    #expect(reduced.residuals.isApproximatelyEqual(to: fit.residuals, tolerance: 1e-12))
}

@Test func responseOfWrongLengthOrWithNaNIsRejected() {
    let design = Matrix(columnVectors: [[1, 1, 1], [1, 2, 3]])
    #expect(throws: LinearAlgebraError.dimensionMismatch(
        operation: "Least squares: length of the response", expected: 3, found: 2)) {
        try design.leastSquares([1, 2])
    }
    #expect(throws: LinearAlgebraError.nonFinite(operand: "response", row: 2, column: 0)) {
        try design.leastSquares([1, 2, .nan])
    }
}

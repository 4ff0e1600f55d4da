import Testing
@testable import QILinearAlgebra

@Test func notPositiveDefiniteMessageNamesTheMinorAndTheRemedy() {
    let message = LinearAlgebraError.notPositiveDefinite(minor: 3).description
    #expect(message.contains("order 3"))
    #expect(message.contains("collinear"))
}

@Test func rankDeficientMessageCountsTheAliasedColumns() {
    let message = LinearAlgebraError.rankDeficient(rank: 2, columns: 4).description
    #expect(message.contains("rank 2 but 4 columns"))
    #expect(message.contains("2 column(s) are aliased"))
}

@Test func nonFiniteMessageLocatesTheValue() {
    let message = LinearAlgebraError.nonFinite(operand: "response", row: 7, column: 0).description
    #expect(message.contains("response"))
    #expect(message.contains("row 7"))
}

@Test func everyMessageSaysWhatToChange() {
    let errors: [LinearAlgebraError] = [
        .dimensionMismatch(operation: "Least squares", expected: 3, found: 2),
        .notSquare(rows: 2, columns: 3),
        .notSymmetric(row: 0, column: 1, difference: 0.5),
        .nonFinite(operand: "matrix", row: 0, column: 0),
        .negativeWeight(index: 1, value: -2),
        .notPositiveDefinite(minor: 1),
        .rankDeficient(rank: 1, columns: 2),
        .didNotConverge(routine: "dsyevd", info: 4),
        .illegalArgument(routine: "dgeqp3", position: 4),
    ]
    for error in errors {
        #expect(error.description.count > 60, "\(error) has too short a message")
    }
}

import QIRegression
import Testing

@Suite struct DesignMatrixTests {
    /// Every case of notebooks/reference/regression/formula_reference.R: R's term labels,
    /// coefficient names, rows used and design values (exact: they are 0/1 indicators or
    /// values read from the file; transformed values within 1e-14).
    @Test func termAndColumnNamesMatchRModelMatrix() throws {
        let reference = try RegressionReference.json("formula_cases")
        let data = try RegressionReference.data("formula_cases")
        for case let entry as [String: Any] in reference["cases"] as! [Any] {
            let text = entry["formula"] as! String
            let formula = try Formula(text)
            #expect(formula.terms.map(\.label) == RegressionReference.strings(entry["term_labels"]),
                    "\(text)")
            #expect(formula.hasIntercept == (entry["intercept"] as! Bool), "\(text)")
            #expect(formula.response.label == entry["response"] as! String, "\(text)")
            let design = try DesignMatrix(formula: formula, data: data)
            #expect(design.columnNames == RegressionReference.strings(entry["column_names"]),
                    "\(text)")
            #expect(design.rowCount == entry["rows_used"] as! Int, "\(text)")
            guard design.columnNames.count == design.matrix.columns, design.rowCount > 0 else { continue }
            let first = RegressionReference.numbers(entry["first_row"])
            let last = RegressionReference.numbers(entry["last_row"])
            let sums = RegressionReference.numbers(entry["column_sums"])
            for j in 0..<design.matrix.columns {
                #expect(isClose(design.matrix[0, j], first[j], relative: 1e-14), "\(text) column \(j)")
                #expect(isClose(design.matrix[design.rowCount - 1, j], last[j], relative: 1e-14),
                        "\(text) column \(j)")
                let sum = design.matrix.column(j).reduce(0, +)
                #expect(isClose(sum, sums[j], relative: 1e-13), "\(text) column \(j)")
            }
        }
    }

    @Test func rowsWithAMissingValueAreDroppedAndCounted() throws {
        let data = ModelData(columns: [
            ("y", .numeric([1, 2, nil, 4, 5])), ("x", .numeric([1, nil, 3, 4, 5])),
            ("g", .text(["a", "b", "a", nil, "b"])),
        ])
        let design = try DesignMatrix(formula: try Formula("y ~ x + g"), data: data)
        #expect(design.rowsUsed == [0, 4])
        #expect(design.rowsDropped == 3)
        #expect(design.columnNames == ["(Intercept)", "x", "gb"])
    }

    @Test func levelsOfTextSortByCodePointAndNumbersNumerically() throws {
        let data = ModelData(columns: [
            ("y", .numeric([1, 2, 3, 4])), ("g", .text(["b", "B", "a", "é"])),
            ("n", .numeric([10, 9, 100, 9.5])),
        ])
        let byText = try DesignMatrix(formula: try Formula("y ~ g"), data: data)
        #expect(byText.columnNames == ["(Intercept)", "ga", "gb", "gé"])
        let byNumber = try DesignMatrix(formula: try Formula("y ~ factor(n)"), data: data)
        #expect(byNumber.columnNames == ["(Intercept)", "factor(n)9.5", "factor(n)10",
                                         "factor(n)100"])
    }

    @Test func offsetsAndCountsResponseAreEvaluated() throws {
        let data = ModelData(columns: [
            ("s", .numeric([1, 2, 3])), ("n", .numeric([4, 5, 6])), ("t", .numeric([1, 2, 4])),
        ])
        let design = try DesignMatrix(formula: try Formula("cbind(s, n - s) ~ offset(log(t))"),
                                      data: data)
        #expect(design.response == .counts(successes: [1, 2, 3], failures: [3, 3, 3]))
        #expect(design.offset.map { ($0 * 1e12).rounded() } == [0, 693147180560, 1386294361120])
        #expect(design.columnNames == ["(Intercept)"])
    }

    @Test func unknownColumnListsTheColumnsAvailable() throws {
        let data = ModelData(columns: [("y", .numeric([1])), ("x", .numeric([2]))])
        #expect(throws: ModelDataError.unknownColumn(name: "w", available: ["y", "x"])) {
            try DesignMatrix(formula: try Formula("y ~ w"), data: data)
        }
    }

    @Test func logOfZeroIsReportedWithItsRow() throws {
        let data = ModelData(columns: [("y", .numeric([1, 2])), ("t", .numeric([3, 0]))])
        #expect(throws: ModelDataError.nonFiniteValue(variable: "log(t)", row: 2,
                                                      value: -.infinity)) {
            try DesignMatrix(formula: try Formula("y ~ log(t)"), data: data)
        }
    }

    @Test func textColumnInArithmeticIsRejected() throws {
        let data = ModelData(columns: [("y", .numeric([1, 2])), ("g", .text(["a", "b"]))])
        #expect(throws: ModelDataError.notNumeric(variable: "log(g)", column: "g")) {
            try DesignMatrix(formula: try Formula("y ~ log(g)"), data: data)
        }
    }

    @Test func nestedGroupingFactorsAreNamedAsLme4NamesThem() throws {
        let data = ModelData(columns: [
            ("y", .numeric([1, 2, 3, 4])), ("practice", .text(["A", "A", "B", "B"])),
            ("project", .numeric([1, 2, 1, 2])),
        ])
        let design = try DesignMatrix(formula: try Formula("y ~ 1 + (1 | practice/project)"),
                                      data: data)
        #expect(design.groupingFactors.map(\.label) == ["practice", "project:practice"])
        #expect(design.groupingFactors[1].levels == ["1:A", "2:A", "1:B", "2:B"])
        #expect(design.groupingFactors[1].codes == [0, 1, 2, 3])
        #expect(design.groupingFactors[0].codes == [0, 0, 1, 1])
    }

    @Test func randomEffectTermsCarryTheirColumnsCodedAsModelMatrix() throws {
        let data = ModelData(columns: [
            ("y", .numeric([1, 2, 3, 4, 5, 6])), ("x", .numeric([0, 1, 2, 0, 1, 2])),
            ("f", .text(["a", "b", "c", "a", "b", "c"])),
            ("g", .text(["G1", "G1", "G1", "G2", "G2", "G2"])),
        ])
        let slopes = try DesignMatrix(formula: try Formula("y ~ x + (x | g) + (0 + f | g)"), data: data)
        #expect(slopes.randomEffectTerms.map(\.columnNames) == [["(Intercept)", "x"], ["fa", "fb", "fc"]])
        #expect(slopes.randomEffectTerms[0].matrix.column(1) == [0, 1, 2, 0, 1, 2])
        #expect(slopes.randomEffectTerms[1].matrix.column(2) == [0, 0, 1, 0, 0, 1])
        #expect(slopes.randomEffectTerms.map(\.grouping.label) == ["g", "g"])
        let contrasts = try DesignMatrix(formula: try Formula("y ~ 1 + (f | g)"), data: data)
        #expect(contrasts.randomEffectTerms[0].columnNames == ["(Intercept)", "fb", "fc"])
        // lme4's expandDoubleVerts: (x || g) is (1 | g) + (0 + x | g).
        let uncorrelated = try DesignMatrix(formula: try Formula("y ~ x + (x || g)"), data: data)
        #expect(uncorrelated.randomEffectTerms.map(\.columnNames) == [["(Intercept)"], ["x"]])
        let nested = try DesignMatrix(formula: try Formula("y ~ 1 + (1 | g/f)"), data: data)
        #expect(nested.randomEffectTerms.map(\.grouping.label) == ["g", "f:g"])
        #expect(nested.randomEffectTerms[1].grouping.levels.count == 6)
        // The GLMM still sees one grouping factor per (1 | g).
        #expect(slopes.groupingFactors.map(\.label) == ["g", "g"])
    }
}

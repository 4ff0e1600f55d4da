import QIRegression
import Testing

@Suite struct FormulaTests {
    @Test func interactionsExpandAndOrderByDegreeAsR() throws {
        let formula = try Formula("y ~ a*b + c")
        #expect(formula.terms.map(\.label) == ["a", "b", "c", "a:b"])
        #expect(formula.hasIntercept)
    }

    @Test func interactionLabelFollowsFirstAppearanceOfItsVariables() throws {
        #expect(try Formula("y ~ b:a + a").terms.map(\.label) == ["a", "b:a"])
        #expect(try Formula("y ~ a + b:a").terms.map(\.label) == ["a", "a:b"])
    }

    @Test func minusOneAndPlusZeroDropTheIntercept() throws {
        #expect(try Formula("y ~ x - 1").hasIntercept == false)
        #expect(try Formula("y ~ 0 + x").hasIntercept == false)
        #expect(try Formula("y ~ -1 + x").hasIntercept == false)
        #expect(try Formula("y ~ x + 1").hasIntercept)
    }

    @Test func removingATermDeletesIt() throws {
        #expect(try Formula("y ~ a*b - a:b").terms.map(\.label) == ["a", "b"])
    }

    @Test func offsetIsNotATerm() throws {
        let formula = try Formula("events ~ period + offset(log(patients))")
        #expect(formula.terms.map(\.label) == ["period"])
        #expect(formula.offsets.map(\.deparsed) == ["log(patients)"])
    }

    @Test func deparsedLabelsSpaceOperatorsAsR() throws {
        let formula = try Formula("y ~ log(t+1) + I(x^2) + I(a/b) + I(a*b) + `my col`")
        #expect(formula.terms.map(\.label)
                == ["log(t + 1)", "I(x^2)", "I(a/b)", "I(a * b)", "`my col`"])
        #expect(formula.columnNames == ["y", "t", "x", "a", "b", "my col"])
    }

    @Test func randomEffectsAreReadIntoSpecifications() throws {
        let formula = try Formula("y ~ x + (1 | practice) + (x | ccg) + (0 + x || g)")
        #expect(formula.terms.map(\.label) == ["x"])
        let effects = formula.randomEffects
        #expect(effects.count == 3)
        #expect(effects[0].hasIntercept && effects[0].terms.isEmpty)
        #expect(effects[0].groupingLabels == ["practice"])
        #expect(effects[1].hasIntercept && effects[1].terms.map(\.label) == ["x"])
        #expect(!effects[2].hasIntercept && effects[2].isUncorrelated)
    }

    @Test func nestedGroupingExpandsToOuterAndInnerWithinOuter() throws {
        let effect = try Formula("y ~ (1 | ccg/practice)").randomEffects[0]
        #expect(effect.groupingLabels == ["ccg", "practice:ccg"])
    }

    @Test func countsResponseKeepsBothColumns() throws {
        let formula = try Formula("cbind(incidence, size - incidence) ~ period")
        #expect(formula.response.label == "cbind(incidence, size - incidence)")
        #expect(formula.columnNames == ["incidence", "size", "period"])
    }

    @Test func parseErrorMarksThePosition() {
        do {
            _ = try Formula("y ~ a + + ")
            Issue.record("expected a parse error")
        } catch {
            #expect(error == .unexpectedEnd(formula: "y ~ a + + ",
                                            expected: "a column name, a number or '('"))
        }
        do {
            _ = try Formula("y ~ a $ b")
            Issue.record("expected a parse error")
        } catch {
            #expect(error == .unexpectedCharacter(formula: "y ~ a $ b", position: 6, character: "$"))
            #expect(error.description.hasSuffix("  y ~ a $ b\n        ^"))
        }
    }

    @Test func unclosedParenthesisAndMissingTildeAreErrors() {
        #expect(throws: FormulaError.self) { try Formula("y ~ log(x") }
        #expect(throws: FormulaError.missingTilde(formula: "y + x")) { try Formula("y + x") }
        #expect(throws: FormulaError.self) { try Formula("y ~ x ~ z") }
        #expect(throws: FormulaError.self) { try Formula("y ~ x | g") }
        #expect(throws: FormulaError.self) { try Formula("y ~ x + 2") }
    }

    @Test func unknownFunctionIsNamedAsAnUnknownName() {
        do {
            _ = try Formula("y ~ poly(x, 2)")
            Issue.record("expected an error")
        } catch {
            #expect(error.isUnknownName)
            #expect(error.description.contains("'poly'"))
        }
    }

    @Test func numbersAreWrittenAsRWritesThem() {
        let cases: [(Double, String)] = [
            (2, "2"), (2.5, "2.5"), (100000, "1e+05"), (123456, "123456"), (0.0001, "1e-04"),
            (0.001, "0.001"), (-3, "-3"), (0.1 + 0.2, "0.3"), (1e15, "1e+15"), (1234.5678, "1234.5678"),
        ]
        for (value, text) in cases {
            #expect(Formula.numberText(value) == text, "\(value)")
        }
    }
}

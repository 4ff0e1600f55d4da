import Foundation
import Testing
@testable import QISimulation

/// Reading the JSON of `qi fit` and `qi factors` (the keys of INTERFACE.md): which model is
/// taken, and every fit that cannot set a logistic success model is refused naming why.
@Suite("Fitted success model files")
struct FittedSuccessModelTests {
    static func fit(family: String = "binomial", link: String = "logit", converged: Bool = true,
                    coefficients: String = #"{"term":"(Intercept)","estimate":-1.4782245952005297,"std_error":0.4},{"term":"control","estimate":0.5,"std_error":0.3}"#,
                    randomEffects: String = "") -> Data {
        Data(#"{"formula":"success ~ control","family":"\#(family)","link":"\#(link)","method":"ml","converged":\#(converged),"coefficients":[\#(coefficients)],"random_effects":[\#(randomEffects)]}"#.utf8)
    }

    @Test func aFitIsReadWithItsEstimatesExactlyAsWritten() throws {
        let model = try FittedSuccessModel.parse(Self.fit(), source: "fit.json")
        #expect(model.command == "qi fit")
        #expect(model.outcome == "success")
        #expect(model.coefficients.map(\.term) == ["(Intercept)", "control"])
        // 17 significant digits that JSONSerialization's decimal path reads an ulp off.
        #expect(model.coefficients[0].estimate == Double("-1.4782245952005297")!)
        #expect(!model.isConditional)
        #expect(model.sourceSHA256 == ParameterHash.sha256Hexadecimal([UInt8](Self.fit())))
    }

    @Test func aRandomInterceptPerPracticeMakesTheFitConditional() throws {
        let model = try FittedSuccessModel.parse(Self.fit(randomEffects: #"{"group":"practice","term":"(Intercept)","variance":0.16,"std_dev":0.4}"#),
                                                 source: "fit.json")
        #expect(model.isConditional)
        #expect(model.randomIntercepts == [.init(group: "practice", term: "(Intercept)", standardDeviation: 0.4)])
    }

    @Test func otherFamiliesAndLinksAreRefused() {
        #expect(throws: SuccessModelError.notLogistic(file: "f.json", family: "poisson", link: "log")) {
            try FittedSuccessModel.parse(Self.fit(family: "poisson", link: "log"), source: "f.json")
        }
        #expect(throws: SuccessModelError.notLogistic(file: "f.json", family: "binomial", link: "probit")) {
            try FittedSuccessModel.parse(Self.fit(link: "probit"), source: "f.json")
        }
    }

    @Test func unconvergedAliasedAndDivergingFitsAreRefused() {
        #expect(throws: SuccessModelError.notConverged(file: "f.json")) {
            try FittedSuccessModel.parse(Self.fit(converged: false), source: "f.json")
        }
        #expect(throws: SuccessModelError.unusableCoefficient(file: "f.json", term: "small", reason: "it is aliased (not estimable)")) {
            try FittedSuccessModel.parse(Self.fit(coefficients: #"{"term":"(Intercept)","estimate":1},{"term":"small","estimate":null,"aliased":true}"#),
                                         source: "f.json")
        }
        #expect(throws: SuccessModelError.unusableCoefficient(file: "f.json", term: "small", reason: "its estimate diverges (positive): the data are separated")) {
            try FittedSuccessModel.parse(Self.fit(coefficients: #"{"term":"(Intercept)","estimate":1},{"term":"small","estimate":20,"diverges":"positive"}"#),
                                         source: "f.json")
        }
    }

    @Test func factorsTakesTheSuccessOutcomesPrimaryModel() throws {
        let text = #"""
            {"analysis":"facilitators","outcomes":[
            {"outcome":"improvements","family":"poisson","link":"log","models":[{"method":"ml","role":"primary","coefficients":[{"term":"(Intercept)","estimate":9}]}]},
            {"outcome":"success","family":"binomial","link":"logit","models":[
             {"method":"ml","role":"primary","standard_errors":"cluster_robust_CR2","converged":true,"coefficients":[{"term":"(Intercept)","estimate":-1.5,"std_error":0.4}]},
             {"method":"firth","role":"sensitivity","converged":true,"coefficients":[{"term":"(Intercept)","estimate":-1.4}]}]}]}
            """#
        let model = try FittedSuccessModel.parse(Data(text.utf8), source: "factors.json")
        #expect(model.command == "qi factors")
        #expect(model.outcome == "success")
        #expect(model.method == "ml, cluster_robust_CR2")
        #expect(model.coefficients == [.init(term: "(Intercept)", estimate: -1.5, standardError: 0.4)])
    }

    @Test func factorsWithoutABinaryOutcomeIsRefused() {
        let text = #"{"analysis":"facilitators","outcomes":[{"outcome":"improvements","family":"poisson","link":"log","models":[{"method":"ml","role":"primary","coefficients":[{"term":"(Intercept)","estimate":9}]}]}]}"#
        #expect(throws: SuccessModelError.notLogistic(file: "f.json", family: "poisson (outcome 'improvements')", link: "log")) {
            try FittedSuccessModel.parse(Data(text.utf8), source: "f.json")
        }
    }

    @Test func otherJSONIsRefusedAsUnreadable() {
        #expect(throws: SuccessModelError.self) { try FittedSuccessModel.parse(Data("[1, 2]".utf8), source: "f.json") }
        #expect(throws: SuccessModelError.self) { try FittedSuccessModel.parse(Data(#"{"meta": {}}"#.utf8), source: "f.json") }
        #expect(throws: SuccessModelError.unreadable(file: "/nonexistent/fit.json", reason: "no such file")) {
            try FittedSuccessModel.read(path: "/nonexistent/fit.json")
        }
    }
}

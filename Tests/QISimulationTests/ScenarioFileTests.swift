import Testing
@testable import QISimulation

/// Strict validation: every error names the line, column and key path.
struct ScenarioFileTests {
    static let minimalBase = """
        version: 1
        run: {seed: 1, replicates: 10, months: 24, practices: 20}
        base:
          adopter_shares: [0.025, 0.135, 0.34, 0.34, 0.16]
          adopter_multiplier: [3.0, 2.0, 1.0, 0.6, 0.3]
          bass: {p_per_year: 0.10, q_per_year: 0.45, recruit_months: 60, peer_source: adopted}
          payment: {enabled: true, continues_after_support: false, adoption_multiplier: 1.5}
          coach: {months: 6, followup_months: 0, count: 11, capacity: 3}
          champion: {mode: turnover, p_initial: 0.6, annual_loss: 0.10, monthly_replace: 0.05}
          project: {p_clinical: 0.3, p_small: 0.6, p_cross_org: 0.15, p_control: 0.7, months_small: 6, months_large: 12}
          engage: {intercept: -3.2, coached: -0.5, control: -0.5, payment: -0.4, champion: -0.6, relationship: -0.3, small: -0.3, cross_org: 0.5, clinical: 0.0}
          success: {intercept: -0.6, coach_dose: 1.015, control: 0.59, payment: 0.41, champion: 0.69, relationship: 0.34, small: 0.69, cross_org: -0.69, clinical: -0.22, sd_practice: 0.5, sd_ccg: 0.3}
          sustain: {weibull_shape: 0.8, median_months: 24, no_champion: 0.69, supported: -0.69, payment: -0.22, small: -0.22, clinical: 0.0, cross_org: 0.41}
          outputs: {sustained_at_months: [12, 24]}

        """

    func parse(_ scenarios: String, base: String = ScenarioFileTests.minimalBase) throws(ScenarioFileError) -> ScenarioFile {
        try ScenarioFile.parse(base + scenarios, file: "test.yaml")
    }

    @Test func theBundledFileHasTenScenariosWithTheFirstAsReference() throws {
        let file = try SimulationFixtures.defaultFile()
        #expect(file.scenarios.count == 10)
        #expect(file.reference == "no_coach")
        #expect(file.run == RunSettings(seed: 20_200_623, replicates: 10_000, months: 60, practices: 60))
        let coach12 = file.scenarios.first { $0.id == "coach12" }!
        #expect(coach12.parameters.coach.months == 12)
        #expect(coach12.parameters.coach.count == 11)  // merged from base
        #expect(Set(file.scenarios.map(\.parameterHash)).count == 10)
    }

    @Test func unknownKeyInAScenarioNamesItsPathLineAndSuggestion() {
        do {
            _ = try parse("scenarios:\n  - {id: a}\n  - {id: b, coach: {monts: 3}}\n")
            Issue.record("expected an error")
        } catch {
            #expect(error.path == "scenarios[1].coach.monts")
            #expect(error.line == 17)
            #expect(error.description.contains("Did you mean 'months'?"))
        }
    }

    @Test func wrongTypeNamesThePathOfTheOverride() {
        #expect {
            try parse("scenarios:\n  - {id: a, coach: {months: six}}\n")
        } throws: { error in
            guard let error = error as? ScenarioFileError else { return false }
            return error.path == "scenarios[0].coach.months" && error.line == 16
                && error.problem == .wrongType(expected: "a whole number", found: "'six'")
        }
    }

    @Test func probabilityOutOfRangeIsAnError() {
        #expect {
            try parse("scenarios:\n  - {id: a, champion: {p_initial: 1.2}}\n")
        } throws: { error in
            (error as? ScenarioFileError)?.path == "scenarios[0].champion.p_initial"
        }
    }

    @Test func negativeMonthsAreAnError() {
        #expect {
            try parse("scenarios:\n  - {id: a, coach: {months: -1}}\n")
        } throws: { error in
            guard case .outOfRange = (error as? ScenarioFileError)?.problem else { return false }
            return true
        }
    }

    @Test func sharesNotSummingToOneAreAnError() {
        #expect {
            try parse("scenarios:\n  - {id: a, adopter_shares: [0.1, 0.1, 0.1, 0.1, 0.1]}\n")
        } throws: { error in
            (error as? ScenarioFileError)?.path == "scenarios[0].adopter_shares"
        }
    }

    @Test func yamlOneOneWordsAreNotBooleans() {
        #expect {
            try parse("scenarios:\n  - {id: a, payment: {enabled: yes}}\n")
        } throws: { error in
            (error as? ScenarioFileError)?.problem == .wrongType(expected: "true or false", found: "'yes'")
        }
    }

    @Test func syntaxErrorsGiveLineAndColumn() {
        #expect {
            try ScenarioFile.parse("version: 1\nrun: [1, 2\nbase: {}\n", file: "bad.yaml")
        } throws: { error in
            guard let error = error as? ScenarioFileError, case .syntax = error.problem else { return false }
            return error.line != nil && error.column != nil
        }
    }

    @Test func missingBaseKeyIsNamed() {
        let base = Self.minimalBase.replacingOccurrences(of: "monthly_replace: 0.05", with: "monthly_replac: 0.05")
        #expect {
            try parse("scenarios:\n  - {id: a}\n", base: base)
        } throws: { error in
            (error as? ScenarioFileError)?.path == "base.champion.monthly_replac"
        }
    }

    @Test func duplicateScenarioIDsAreAnError() {
        #expect(throws: ScenarioFileError.self) { try parse("scenarios:\n  - {id: a}\n  - {id: a}\n") }
    }

    @Test func jsonIsAccepted() throws {
        let json = """
            {"version": 1, "run": {"seed": 1, "replicates": 2, "months": 12, "practices": 5},
             "base": \(try Self.baseAsJSON()), "scenarios": [{"id": "x", "coach": {"months": 0}}]}
            """
        let file = try ScenarioFile.parse(json, file: "test.json")
        #expect(file.scenarios[0].parameters.coach.months == 0)
    }

    /// The base of minimalBase, written as JSON by hand.
    static func baseAsJSON() throws -> String {
        """
        {"adopter_shares": [0.025, 0.135, 0.34, 0.34, 0.16], "adopter_multiplier": [3.0, 2.0, 1.0, 0.6, 0.3],
         "bass": {"p_per_year": 0.10, "q_per_year": 0.45, "recruit_months": 60, "peer_source": "adopted"},
         "payment": {"enabled": true, "continues_after_support": false, "adoption_multiplier": 1.5},
         "coach": {"months": 6, "followup_months": 0, "count": 11, "capacity": 3},
         "champion": {"mode": "turnover", "p_initial": 0.6, "annual_loss": 0.10, "monthly_replace": 0.05},
         "project": {"p_clinical": 0.3, "p_small": 0.6, "p_cross_org": 0.15, "p_control": 0.7, "months_small": 6, "months_large": 12},
         "engage": {"intercept": -3.2, "coached": -0.5, "control": -0.5, "payment": -0.4, "champion": -0.6, "relationship": -0.3, "small": -0.3, "cross_org": 0.5, "clinical": 0.0},
         "success": {"intercept": -0.6, "coach_dose": 1.015, "control": 0.59, "payment": 0.41, "champion": 0.69, "relationship": 0.34, "small": 0.69, "cross_org": -0.69, "clinical": -0.22, "sd_practice": 0.5, "sd_ccg": 0.3},
         "sustain": {"weibull_shape": 0.8, "median_months": 24, "no_champion": 0.69, "supported": -0.69, "payment": -0.22, "small": -0.22, "clinical": 0.0, "cross_org": 0.41},
         "outputs": {"sustained_at_months": [12, 24]}}
        """
    }

    @Test func theHashDependsOnValuesNotSpelling() throws {
        let a = try parse("scenarios:\n  - {id: a, bass: {p_per_year: 0.10}}\n  - {id: b, bass: {p_per_year: 0.1}}\n  - {id: c, bass: {p_per_year: 0.11}}\n")
        #expect(a.scenarios[0].parameterHash == a.scenarios[1].parameterHash)
        #expect(a.scenarios[0].parameterHash != a.scenarios[2].parameterHash)
    }

    @Test func distributionsAreReadAndValidatedAgainstTheParameterRange() throws {
        let file = try parse("scenarios:\n  - {id: a, success: {coach_dose: {dist: normal, mean: 1.015, sd: 0.12}}, champion: {p_initial: {dist: beta, mean: 0.6, sd: 0.1}}}\n")
        #expect(file.scenarios[0].distributions.map(\.path) == ["champion.p_initial", "success.coach_dose"])
        #expect(file.scenarios[0].parameters.success.coachDose == 1.015)
        #expect {
            try parse("scenarios:\n  - {id: a, champion: {p_initial: {dist: normal, mean: 0.6, sd: 0.1}}}\n")
        } throws: { error in
            (error as? ScenarioFileError)?.path == "scenarios[0].champion.p_initial"
        }
    }
}

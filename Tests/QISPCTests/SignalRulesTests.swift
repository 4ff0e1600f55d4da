import Testing
@testable import QISPC

/// SignalRules lists a point's rules in their declared order whatever order they were found
/// in, once each, as the JSON `signals` array does.
struct SignalRulesTests {
    @Test func listsRulesInDeclaredOrderOnceEach() {
        var rules = SignalRules()
        #expect(rules.isEmpty)
        #expect(Array(rules) == [])
        for rule in [SignalRule.alternating, .trend, .outsideLimits, .trend, .eightOutsideOneSigma] {
            rules.insert(rule)
        }
        #expect(Array(rules) == [.outsideLimits, .trend, .eightOutsideOneSigma, .alternating])
        #expect(rules.count == 4)
        #expect(rules.contains(.trend))
        #expect(!rules.contains(.shift))
        #expect(rules.description == "[outside_limits, trend, eight_outside_one_sigma, alternating]")
    }

    @Test func everySubsetOfTheRulesComesBackSorted() {
        let all = SignalRule.allCases
        #expect(all == all.sorted())
        for mask in 0..<(1 << all.count) {
            let chosen = all.indices.filter { mask & (1 << $0) != 0 }.map { all[$0] }
            var backwards = SignalRules()
            for rule in chosen.reversed() { backwards.insert(rule) }
            var forwards = SignalRules()
            for rule in chosen { forwards.insert(rule) }
            #expect(Array(backwards) == chosen)
            #expect(backwards == forwards)
            #expect(backwards.count == chosen.count)
        }
    }
}

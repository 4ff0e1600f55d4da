import Foundation
import Testing
@testable import QISimulation

/// The Bass calibration recovers known parameters.
struct BassCalibrationTests {
    @Test func exactCurveIsRecoveredWithAndWithoutMarketSize() throws {
        let truth = BassModel(p: 0.01, q: 0.05, marketSize: 800)
        let times = (1...60).map(Double.init)
        let counts = times.map { truth.cumulativeAdopters(at: $0) }
        let withMarket = try BassCalibration.fit(times: times, observed: counts, fitMarketSize: true)
        #expect(abs(withMarket.p.value - 0.01) < 1e-7)
        #expect(abs(withMarket.q.value - 0.05) < 1e-7)
        #expect(abs(withMarket.marketSize!.value - 800) < 1e-4)
        let shares = counts.map { $0 / 800 }
        let shareFit = try BassCalibration.fit(times: times, observed: shares, fitMarketSize: false)
        #expect(abs(shareFit.p.value - 0.01) < 1e-9 && abs(shareFit.q.value - 0.05) < 1e-9)
        #expect(shareFit.marketSize == nil)
    }

    @Test func pAndQAreRecoveredFromTheModelsOwnSimulatedAdoption() throws {
        var parameters = try SimulationFixtures.baseParameters()
        parameters.adopterMultipliers = [1, 1, 1, 1, 1]
        parameters.payment.enabled = false
        let practices = 300
        let seed: UInt64 = 1969
        let constants = DerivedConstants(parameters: parameters, months: 48)
        var simulator = ReplicateSimulator(layout: RandomLayout(seed: seed), practices: practices, months: 48)
        let outcome = simulator.run(replicate: 0, parameters: parameters, constants: constants)
        let times = (1...48).map(Double.init)
        let shares = outcome.adopted.map { Double($0) / Double(practices) }
        let fit = try BassCalibration.fit(times: times, observed: shares, fitMarketSize: false)
        // The model's monthly hazard is 1 - exp(-(p + q F)) with F held at its value at the
        // start of the month: a discrete-time Bass process whose continuous rates are the yearly
        // ones over 12. Fitting the continuous curve to it is biased by the discretisation
        // (a few per cent in p and q, visible with 20,000 practices, where the intervals are
        // narrower than that); at a CCG-sized population the bias is well inside the interval.
        let p = 0.10 / 12, q = 0.45 / 12
        #expect(fit.p.lower95 <= p && p <= fit.p.upper95, "p \(fit.p) vs \(p), seed \(seed)")
        #expect(fit.q.lower95 <= q && q <= fit.q.upper95, "q \(fit.q) vs \(q), seed \(seed)")
    }

    @Test func tooFewPointsIsAnError() {
        #expect(throws: BassCalibrationError.tooFewPoints(required: 3, found: 2)) {
            try BassCalibration.fit(times: [1, 2], observed: [0.1, 0.2], fitMarketSize: false)
        }
    }
}

import Testing
@testable import QISimulation

/// Known answers from the Random123 distribution's `kat_vectors` (philox4x32 with 10 rounds),
/// as quoted in design/simulation-model.md.
struct Philox4x32Tests {
    @Test func zeroCounterAndKeyGivesTheRandom123KnownAnswer() {
        let generator = Philox4x32(key0: 0, key1: 0)
        #expect(generator.block(0, 0, 0, 0) == SIMD4(0x6627_e8d5, 0xe169_c58d, 0xbc57_ac4c, 0x9b00_dbd8))
    }

    @Test func allOnesCounterAndKeyGivesTheRandom123KnownAnswer() {
        let generator = Philox4x32(key0: 0xFFFF_FFFF, key1: 0xFFFF_FFFF)
        #expect(generator.block(0xFFFF_FFFF, 0xFFFF_FFFF, 0xFFFF_FFFF, 0xFFFF_FFFF)
                == SIMD4(0x408f_276d, 0x41c8_3b0e, 0xa20b_c7c6, 0x6d54_51fd))
    }

    @Test func piDigitsCounterAndKeyGivesTheRandom123KnownAnswer() {
        let generator = Philox4x32(key0: 0xa409_3822, key1: 0x299f_31d0)
        #expect(generator.block(0x243f_6a88, 0x85a3_08d3, 0x1319_8a2e, 0x0370_7344)
                == SIMD4(0xd16c_fe09, 0x94fd_cceb, 0x5001_e420, 0x2412_6ea1))
    }

    @Test func seedIsSplitIntoLowAndHighKeyWords() {
        let generator = Philox4x32(seed: 0x299f_31d0_a409_3822)
        #expect(generator.key0 == 0xa409_3822)
        #expect(generator.key1 == 0x299f_31d0)
    }

    @Test func uniformConversionIsOpenAtBothEnds() {
        #expect(Philox4x32.uniform(0) == 0.5 / 4_294_967_296)
        #expect(Philox4x32.uniform(0xFFFF_FFFF) == (4_294_967_295.5) / 4_294_967_296)
        #expect(Philox4x32.uniform(0xFFFF_FFFF) < 1)
        #expect(Philox4x32.uniform(0x8000_0000) == 0.5 + 0.5 / 4_294_967_296)
    }
}

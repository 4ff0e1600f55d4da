/// The Philox4x32-10 counter-based random number generator.
///
/// A keyed bijection of a 128-bit counter: the same (counter, key) always gives the same four
/// 32-bit words, so any draw can be computed directly from its coordinates without a
/// sequential stream. Ten rounds of
///
///     (hi0, lo0) = M0 * c0,   (hi1, lo1) = M1 * c2        (32 x 32 -> 64-bit products)
///     (c0, c1, c2, c3) <- (hi1 ^ c1 ^ k0, lo1, hi0 ^ c3 ^ k1, lo0)
///
/// with M0 = 0xD2511F53, M1 = 0xCD9E8D57 and the key bumped by the Weyl increments
/// (0x9E3779B9, 0xBB67AE85) between rounds.
///
/// Citation: Salmon, J. K., Moraes, M. A., Dror, R. O. & Shaw, D. E. (2011). Parallel random
/// numbers: as easy as 1, 2, 3. Proceedings of SC11. doi:10.1145/2063384.2063405. Known
/// answers from the Random123 distribution (`kat_vectors`).
///
/// - Complexity: O(1): ten rounds of two multiplications per block of four words.
public struct Philox4x32: Sendable, Hashable {
    /// The 64-bit key as two 32-bit words (k0, k1).
    public let key0: UInt32
    public let key1: UInt32

    /// The round multipliers, applied to c0 and c2 (Salmon et al. 2011, table 2).
    @usableFromInline static let multiplier0: UInt64 = 0xD251_1F53
    @usableFromInline static let multiplier1: UInt64 = 0xCD9E_8D57
    /// The key schedule's Weyl increments: the golden ratio and sqrt(3) - 1 as 32-bit fractions.
    @usableFromInline static let keyIncrement0: UInt32 = 0x9E37_79B9
    @usableFromInline static let keyIncrement1: UInt32 = 0xBB67_AE85
    /// Ten rounds: the "-10" in the name, Crush-resistant with margin (Salmon et al. 2011).
    @usableFromInline static let rounds = 10

    /// A generator keyed by two 32-bit words.
    public init(key0: UInt32, key1: UInt32) {
        self.key0 = key0
        self.key1 = key1
    }

    /// A generator keyed by a 64-bit seed: key = (seed & 0xFFFFFFFF, seed >> 32) (layout v1).
    public init(seed: UInt64) {
        self.init(key0: UInt32(truncatingIfNeeded: seed), key1: UInt32(truncatingIfNeeded: seed >> 32))
    }

    /// The four output words for the counter (c0, c1, c2, c3).
    @inlinable @inline(__always)
    public func block(_ c0: UInt32, _ c1: UInt32, _ c2: UInt32, _ c3: UInt32) -> SIMD4<UInt32> {
        var x0 = c0, x1 = c1, x2 = c2, x3 = c3
        var k0 = key0, k1 = key1
        for round in 0..<Self.rounds {
            if round > 0 {
                k0 &+= Self.keyIncrement0
                k1 &+= Self.keyIncrement1
            }
            let product0 = Self.multiplier0 &* UInt64(x0)
            let product1 = Self.multiplier1 &* UInt64(x2)
            let high0 = UInt32(truncatingIfNeeded: product0 >> 32)
            let low0 = UInt32(truncatingIfNeeded: product0)
            let high1 = UInt32(truncatingIfNeeded: product1 >> 32)
            let low1 = UInt32(truncatingIfNeeded: product1)
            x0 = high1 ^ x1 ^ k0
            x1 = low1
            x2 = high0 ^ x3 ^ k1
            x3 = low0
        }
        return SIMD4(x0, x1, x2, x3)
    }

    /// The uniform on (0, 1) of one output word: u = (x + 0.5) / 2^32 (layout v1).
    ///
    /// Exact in double precision (x + 0.5 needs 33 bits), never 0 or 1, so logarithms and
    /// comparisons `u < p` are safe; the standard library's conversions are not used because
    /// they are not stable across releases.
    @inlinable @inline(__always)
    public static func uniform(_ word: UInt32) -> Double {
        (Double(word) + 0.5) * 0x1p-32
    }
}

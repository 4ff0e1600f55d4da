#if canImport(Glibc)
import Glibc
#endif

/// The counter layout v1: which Philox counter gives which draw (design/simulation-model.md).
///
/// Counter = (c0, c1, c2, c3) = (replicate, practice, month, block); `S` = 0xFFFFFFFF marks
/// "not a month" or "not a practice". Each draw is addressed by its coordinates, so a draw
/// means the same thing in every scenario (common random numbers) and an implementation may
/// skip computing lanes it does not use without changing any other draw.
///
/// | draw | counter | lanes |
/// | --- | --- | --- |
/// | static, block 0 | (r, i, S, 0) | category, champion_at_adoption, control, clinical |
/// | static, block 1 | (r, i, S, 1) | small, cross_org, rel_u1, rel_u2 |
/// | static, block 2 | (r, i, S, 2) | pr_u1, pr_u2, -, - |
/// | CCG | (r, S, S, 0) | ccg_u1, ccg_u2, -, - |
/// | monthly, block 0 | (r, i, t, 0) | adopt, champion_loss, champion_new, dropout |
/// | monthly, block 1 | (r, i, t, 1) | success, lapse, priority, - |
/// | PSA parameter k | (r, S, S - 1, k) | u1, u2, u3, u4 (QIKit's extension, see ``ParameterDistribution``) |
public struct RandomLayout: Sendable, Hashable {
    /// The layout's name as recorded in every output.
    public static let name = "philox4x32-10/layout-v1"
    /// "Not a month" / "not a practice".
    public static let notAnIndex: UInt32 = 0xFFFF_FFFF
    /// The month word of PSA parameter draws: distinct from every month and from `S`.
    public static let parameterMonth: UInt32 = 0xFFFF_FFFE

    public let generator: Philox4x32

    public init(seed: UInt64) { generator = Philox4x32(seed: seed) }

    /// The four uniforms of a counter.
    @inlinable @inline(__always)
    func uniforms(_ c0: UInt32, _ c1: UInt32, _ c2: UInt32, _ c3: UInt32) -> SIMD4<Double> {
        let words = generator.block(c0, c1, c2, c3)
        return SIMD4(Philox4x32.uniform(words[0]), Philox4x32.uniform(words[1]),
                     Philox4x32.uniform(words[2]), Philox4x32.uniform(words[3]))
    }

    /// Static block `block` (0, 1 or 2) of practice `practice` in replicate `replicate`.
    @inlinable @inline(__always)
    public func staticDraws(replicate: Int, practice: Int, block: UInt32) -> SIMD4<Double> {
        uniforms(UInt32(truncatingIfNeeded: replicate), UInt32(truncatingIfNeeded: practice), Self.notAnIndex, block)
    }

    /// The CCG's draws of replicate `replicate`: lanes ccg_u1, ccg_u2.
    @inlinable @inline(__always)
    public func ccgDraws(replicate: Int) -> SIMD4<Double> {
        uniforms(UInt32(truncatingIfNeeded: replicate), Self.notAnIndex, Self.notAnIndex, 0)
    }

    /// Monthly block `block` (0 or 1) of practice `practice` in month `month`.
    @inlinable @inline(__always)
    public func monthlyDraws(replicate: Int, practice: Int, month: Int, block: UInt32) -> SIMD4<Double> {
        uniforms(UInt32(truncatingIfNeeded: replicate), UInt32(truncatingIfNeeded: practice),
                 UInt32(truncatingIfNeeded: month), block)
    }

    /// The draws of PSA parameter number `parameterIndex` (``ParameterSchema``) in a replicate.
    public func parameterDraws(replicate: Int, parameterIndex: Int) -> SIMD4<Double> {
        uniforms(UInt32(truncatingIfNeeded: replicate), Self.notAnIndex, Self.parameterMonth,
                 UInt32(truncatingIfNeeded: parameterIndex))
    }

    /// A standard normal from two uniforms (Box & Muller 1958): z = sqrt(-2 ln u1) cos(2 pi u2).
    ///
    /// Citation: Box, G. E. P. & Muller, M. E. (1958). A note on the generation of random normal
    /// deviates. Annals of Mathematical Statistics 29(2):610-611. doi:10.1214/aoms/1177706645.
    @inlinable
    public static func standardNormal(_ u1: Double, _ u2: Double) -> Double {
        (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }
}

import Foundation

/// The sample generator's own pseudo-random numbers: xoshiro256** seeded through SplitMix64.
///
/// Why not `SystemRandomNumberGenerator` or `Foundation.exp`: the same seed must give byte-identical
/// files on every machine. The generator uses only integer operations and IEEE-754 `+ - * /`
/// (exactly rounded everywhere); the exponential is computed here from a series instead of the
/// platform's libm, whose last bits differ between systems.
///
/// Reference: D. Blackman, S. Vigna, "Scrambled linear pseudorandom number generators" (2018),
/// https://prng.di.unimi.it/ (xoshiro256** and SplitMix64).
struct SampleRandom {
    private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    init(seed: UInt64) {
        var x = seed
        func splitMix() -> UInt64 {
            x &+= 0x9E37_79B9_7F4A_7C15
            var z = x
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s0 = splitMix(); s1 = splitMix(); s2 = splitMix(); s3 = splitMix()
    }

    /// An independent stream for one part of the sample, so that changing one file's generator
    /// does not shift the numbers of the others.
    func stream(_ label: UInt64) -> SampleRandom {
        var copy = self
        return SampleRandom(seed: copy.next() ^ (label &* 0xD6E8_FEB8_6659_FD93))
    }

    mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = (s3 << 45) | (s3 >> 19)
        return result
    }

    /// Uniform in `0..<n` (Lemire's multiply-shift with rejection, unbiased).
    mutating func below(_ n: Int) -> Int {
        precondition(n > 0)
        let bound = UInt64(n)
        var m = next().multipliedFullWidth(by: bound)
        if m.low < bound {
            let threshold = (0 &- bound) % bound
            while m.low < threshold { m = next().multipliedFullWidth(by: bound) }
        }
        return Int(m.high)
    }

    mutating func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + below(range.count) }

    /// Uniform in [0, 1) with 53 random bits.
    mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    mutating func chance(_ p: Double) -> Bool { unit() < p }

    /// Approximately standard normal (Irwin–Hall: sum of twelve uniforms minus six; tails cut at ±6).
    mutating func normal() -> Double {
        var sum = 0.0
        for _ in 0..<12 { sum += unit() }
        return sum - 6
    }

    mutating func logNormal(mu: Double, sigma: Double) -> Double { SampleMath.exp(mu + sigma * normal()) }

    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

    /// An index drawn with the given non-negative integer weights.
    mutating func weighted(_ cumulative: [Int64]) -> Int {
        let total = cumulative.last!
        let r = Int64(UInt64(below(Int(total))))
        var lo = 0, hi = cumulative.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if cumulative[mid] > r { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }

    mutating func shuffle<T>(_ items: inout [T]) {
        guard items.count > 1 else { return }
        for i in stride(from: items.count - 1, to: 0, by: -1) { items.swapAt(i, below(i + 1)) }
    }
}

/// Platform-independent elementary functions built from exactly rounded IEEE-754 operations.
enum SampleMath {
    /// e^x by range reduction (x = k·ln 2 + r, |r| ≤ ln 2 / 2) and a Taylor series of r.
    static func exp(_ x: Double) -> Double {
        if x > 700 { return .greatestFiniteMagnitude }
        if x < -700 { return 0 }
        let ln2 = 0.693_147_180_559_945_3
        let k = (x / ln2).rounded()
        let r = x - k * ln2
        var term = 1.0, sum = 1.0
        for n in 1...20 {
            term = term * r / Double(n)
            sum = sum + term
        }
        return Double(sign: .plus, exponent: Int(k), significand: sum)
    }

    /// √x; IEEE-754 requires square roots to be exactly rounded, so this is the same everywhere.
    static func sqrt(_ x: Double) -> Double { x.squareRoot() }
}

/// Cumulative sums for `SampleRandom.weighted`.
func cumulativeWeights(_ weights: [Int64]) -> [Int64] {
    var out: [Int64] = []; out.reserveCapacity(weights.count)
    var sum: Int64 = 0
    for w in weights { sum += w; out.append(sum) }
    return out
}

/// `value × numerator / denominator`, rounded half away from zero, in exact integers.
func scaled(_ value: Int64, _ numerator: Int64, _ denominator: Int64) -> Int64 {
    let p = value * numerator   // traps on overflow; sample amounts stay far below it
    let q = p / denominator, r = p % denominator
    if 2 * abs(r) >= denominator { return q + (p >= 0 ? 1 : -1) }
    return q
}

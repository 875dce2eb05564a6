import Foundation

/// Money × Decimal in integer arithmetic where that gives the same cents as the `Decimal` path.
///
/// `multiplied(by:rounding:)` is the hot spot of the scenarios (every fee, share and growth factor of every
/// evaluation, many times over in the sensitivity): with Foundation's `Decimal` it divides the cents by 100,
/// multiplies, multiplies by 100 again and rounds, each step on variable-length integers. Here the factor's
/// decimal mantissa `m` and exponent `e` are read directly: the cents of the result are `cents × m × 10^e`,
/// rounded by the same rule. That is the exact value, and it is what the `Decimal` path computes whenever none
/// of its steps has to drop digits: its mantissa holds 128 bits (38 digits), and `cents × m` (at most 36 digits
/// here) × 100 stays below 10^38. Everything else (long mantissas such as 7/12, exponents beyond ±38, results
/// outside `Int64`, NaN) returns `nil` and takes the `Decimal` path unchanged, so overflow is reported as before.
/// Proved equal to the `Decimal` path at random draws over the whole ranges and at the rounding edges by
/// `MoneyIntegerProductTests`.
///
///     Money.integerProduct(12_345, Decimal(string: "0.035")!, .halfAwayFromZero)   // 432 (4,32 €)
extension Money {
    /// The cents of `cents × factor`, rounded by `rounding`; `nil` where the `Decimal` path must decide.
    @inline(__always)
    static func integerProduct(_ cents: Int64, _ factor: Decimal, _ rounding: Rounding) -> Int64? {
        guard DecimalWords.readable, !factor.isNaN else { return nil }
        if cents == 0 { return 0 }
        let e = factor.exponent
        guard e >= -38, e <= 18, let mantissa = DecimalWords.mantissa64(factor) else { return nil }
        let (hi, lo) = cents.magnitude.multipliedFullWidth(by: mantissa)
        // Beyond 36 digits the Decimal path may round on the way: leave it to that path.
        guard hi < Self.tenTo36.high || (hi == Self.tenTo36.high && lo < Self.tenTo36.low) else { return nil }
        let negative = (cents < 0) != (factor.sign == .minus)
        var magnitude: UInt64
        if e >= 0 {
            guard hi == 0 else { return nil }
            let (r, o) = lo.multipliedReportingOverflow(by: powersOfTen[e])
            guard !o else { return nil }
            magnitude = r
        } else {
            guard let (q, tail) = Self.dividedByPowerOfTen(hi, lo, -e), q <= UInt64(Int64.max) else { return nil }
            magnitude = q
            let roundUp: Bool
            switch rounding {
            case .halfAwayFromZero: roundUp = tail != .belowHalf && tail != .zero
            case .halfEven: roundUp = tail == .aboveHalf || (tail == .half && q & 1 == 1)
            case .down: roundUp = negative && tail != .zero
            case .up: roundUp = !negative && tail != .zero
            }
            if roundUp { magnitude += 1 }   // at most 2^63: no overflow
        }
        guard magnitude <= UInt64(Int64.max) else { return nil }
        return negative ? -Int64(magnitude) : Int64(magnitude)
    }

    /// What was cut off by a division, against half of the divisor.
    enum Tail { case zero, belowHalf, half, aboveHalf }

    /// `(hi·2^64 + lo) / 10^d` for a value below 10^36 and 1 ≤ d ≤ 38; `nil` when the quotient does not fit 64 bits.
    @inline(__always)
    static func dividedByPowerOfTen(_ hi: UInt64, _ lo: UInt64, _ d: Int) -> (UInt64, Tail)? {
        if d <= 19 {
            let divisor = powersOfTen[d]
            guard hi < divisor else { return nil }   // quotient ≥ 2^64
            let (q, r) = divisor.dividingFullWidth((hi, lo))
            return (q, tail(r, of: divisor))
        }
        // Two steps: by 10^19, then by 10^(d−19); the value is below 10^36, so the first quotient is below 10^17.
        let (q1, r1) = powersOfTen[19].dividingFullWidth((hi, lo))
        let divisor2 = powersOfTen[d - 19]
        let (q, r2) = q1.quotientAndRemainder(dividingBy: divisor2)
        // The remainder is r2·10^19 + r1 against half of 10^d, which is (10^(d−19)/2)·10^19 (d ≥ 20).
        let halfHigh = divisor2 / 2
        let t: Tail = r2 == 0 && r1 == 0 ? .zero
            : r2 < halfHigh ? .belowHalf
            : r2 > halfHigh || r1 > 0 ? .aboveHalf : .half
        return (q, t)
    }

    @inline(__always)
    static func tail(_ r: UInt64, of divisor: UInt64) -> Tail {
        if r == 0 { return .zero }
        let rest = divisor - r   // r < divisor; compares 2r with the divisor without overflow
        return r < rest ? .belowHalf : r == rest ? .half : .aboveHalf
    }

    /// 10^36 as two 64-bit halves.
    static let tenTo36: (high: UInt64, low: UInt64) = powersOfTen[18].multipliedFullWidth(by: powersOfTen[18])
}

/// 10^0 … 10^19 (10^19 is the largest power of ten in `UInt64`).
private let powersOfTen: [UInt64] = (0...19).map { n in (0..<n).reduce(UInt64(1)) { p, _ in p * 10 } }

extension Decimal {
    /// `self / 100` without a long division: the same bytes as Foundation's quotient.
    ///
    /// Percentages (a Hebesatz of 490 %, a share of 3.5 %) are divided by 100 in every evaluation of a scenario, and
    /// Foundation's `Decimal` divides by 100 like by any number. The quotient is the mantissa with its trailing
    /// zeros dropped and the exponent two lower; built that way where the mantissa fits in 64 bits and the exponent
    /// is far from the limits, else divided. `MoneyIntegerProductTests` compares the bytes with `self / 100`.
    ///
    ///     Decimal(490).hundredth   // 4.9
    public var hundredth: Decimal {
        guard DecimalWords.readable, !isNaN, exponent > -100, exponent < 100, let m = DecimalWords.mantissa64(self) else { return self / 100 }
        return Decimal(sign: sign, exponent: exponent - 2, significand: Decimal(m))   // Decimal(m) drops the trailing zeros
    }
}

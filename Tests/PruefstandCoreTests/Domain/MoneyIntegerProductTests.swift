import Foundation
import PropertyBased
import Testing
@testable import PruefstandCore

/// The integer path of `Money × Decimal` (`Money+IntegerProduct.swift`) against the `Decimal` path it replaces.
///
/// The reference is the `Decimal` computation the product used before (`decimalEuros * factor`, rounded by
/// `NSDecimalRound` via `Money.exactRounding`, `nil` where it leaves `Int64`), written out here so that it does
/// not go through the code under test. Random draws cover the whole ranges (any `Int64` cents, any `UInt64`
/// mantissa, exponents −40 … 20, both signs, all four rounding rules); a second generator scales cents and
/// mantissa to random digit counts so that most draws land inside the integer path and near its limits. The
/// hand-written cases at the rounding edges have their expected cents worked out by hand.
@Suite("Money × Decimal integer path")
struct MoneyIntegerProductTests {
    static let modes: [Money.Rounding] = [.halfAwayFromZero, .halfEven, .down, .up]

    /// The `Decimal` path: the cents it gives, `nil` where it reports an amount out of range.
    static func decimalPath(_ cents: Int64, _ factor: Decimal, _ mode: Money.Rounding) -> Int64? {
        Money.exactRounding(Decimal(cents) / 100 * factor, mode)?.cents
    }

    /// `multiplied(by:rounding:)` as a caller sees it: the cents, `nil` where it reported an overflow.
    static func multiplied(_ cents: Int64, _ factor: Decimal, _ mode: Money.Rounding) -> Int64? {
        var failed = false
        let m = AmountCheck.catching({ failed = true }) { Money(cents: cents).multiplied(by: factor, rounding: mode) }
        return failed ? nil : m.cents
    }

    static func factor(mantissa: UInt64, exponent: Int, negative: Bool) -> Decimal {
        Decimal(sign: negative ? .minus : .plus, exponent: exponent, significand: Decimal(mantissa))
    }

    static func powerOfTen(_ n: Int) -> UInt64 { (0..<n).reduce(UInt64(1)) { p, _ in p * 10 } }

    static func bytes(_ d: Decimal) -> [UInt8] { withUnsafeBytes(of: d) { Array($0) } }

    @Test("decimalEuros is Decimal(cents) / 100 byte for byte, so the Decimal path gets the same operand")
    func decimalEurosBytes() async {
        for c: Int64 in [0, 1, -1, 10, 100, -100, 12_300, .max, .min, 100_000_000_000_000_000] {
            #expect(Self.bytes(Money(cents: c).decimalEuros) == Self.bytes(Decimal(c) / 100), "\(c)")
        }
        // Random cents with 0 … 18 trailing zeros (Foundation drops them from the mantissa).
        await propertyCheck(count: 3000, input: Gen.int64(), Gen.int(in: 0...18)) { raw, zeros in
            let p = Int64(Self.powerOfTen(zeros))
            let c = raw / p * p
            #expect(Self.bytes(Money(cents: c).decimalEuros) == Self.bytes(Decimal(c) / 100), "\(c)")
        }
    }

    @Test("hundredth is x / 100 byte for byte (parsed percentages and random decimals)")
    func hundredthBytes() async {
        for text in ["490", "4.9", "0", "0.000", "1.00", "0.10", "-0.035", "100", "12300", "505", "-5", "100000000000000000000000000000"] {
            let x = Decimal(string: text)!
            #expect(Self.bytes(x.hundredth) == Self.bytes(x / 100), "\(text)")
        }
        // Mantissas of 0 … 20 digits with up to 5 trailing zeros, exponents −40 … 20, both signs.
        await propertyCheck(count: 3000, input: Gen.uint64(), Gen.int(in: 0...20), Gen.int(in: 0...5), Gen.int(in: -40...20), Gen.bool) { raw, digits, zeros, exponent, negative in
            var m = digits == 20 ? raw : raw % Self.powerOfTen(digits)
            for _ in 0..<zeros where m < UInt64.max / 10 { m *= 10 }
            let x = Self.factor(mantissa: m, exponent: exponent, negative: negative)
            #expect(Self.bytes(x.hundredth) == Self.bytes(x / 100), "\(x)")
        }
    }

    @Test("the mantissa is read correctly on this platform, so the integer path is on and tested")
    func layout() {
        #expect(DecimalWords.readable)
        #expect(DecimalWords.mantissa64(Decimal(string: "0.035")!) == 35)
        #expect(DecimalWords.mantissa64(Decimal(string: "-1.1040808032")!) == 11_040_808_032)
        #expect(DecimalWords.mantissa64(Decimal(UInt64.max)) == UInt64.max)
        #expect(DecimalWords.mantissa64(Decimal(UInt64.max) + 1) == nil)
    }

    /// `multiplied(by:)` and, where it applies, the integer path both give the cents of the Decimal path.
    static func expectDecimalPath(_ cents: Int64, _ f: Decimal, _ mode: Money.Rounding) {
        let reference = decimalPath(cents, f, mode)
        #expect(multiplied(cents, f, mode) == reference, "\(cents) × \(f) (\(mode))")
        if let fast = Money.integerProduct(cents, f, mode) { #expect(fast == reference, "\(cents) × \(f) (\(mode))") }
    }

    @Test("equals the Decimal path at random draws over the whole ranges")
    func wholeRange() async {
        await propertyCheck(count: 3000, input: Gen.int64(), Gen.uint64(), Gen.int(in: -40...20), Gen.bool,
                            Gen.element(of: Self.modes).map { $0! }) { cents, mantissa, exponent, negative, mode in
            Self.expectDecimalPath(cents, Self.factor(mantissa: mantissa, exponent: exponent, negative: negative), mode)
        }
    }

    @Test("equals the Decimal path where the integer path applies, up to its limits")
    func scaledDigits() async {
        // Cents of 0 … 19 digits, mantissas of 0 … 20 digits: products from 0 to beyond 10^36.
        await propertyCheck(count: 5000, input: Gen.int64(), Gen.int(in: 0...19), Gen.uint64(), Gen.int(in: 0...20),
                            Gen.int(in: -40...20), Gen.element(of: Self.modes).map { $0! }) { raw, centDigits, rawMantissa, mantissaDigits, exponent, mode in
            let cents = centDigits == 19 ? raw : raw % Int64(Self.powerOfTen(centDigits))
            let mantissa = mantissaDigits == 20 ? rawMantissa : rawMantissa % Self.powerOfTen(mantissaDigits)
            for negative in [false, true] {
                Self.expectDecimalPath(cents, Self.factor(mantissa: mantissa, exponent: exponent, negative: negative), mode)
            }
        }
    }

    @Test("exact halves and near-halves equal the Decimal path in every rounding rule")
    func halves() async {
        // n + 1/2 cents (and one unit of the last digit either side) with 1 … 38 decimals in the factor.
        await propertyCheck(count: 2000, input: Gen.int64(in: -1_000_000_000...1_000_000_000), Gen.int(in: 1...17),
                            Gen.int(in: -1...1), Gen.element(of: Self.modes).map { $0! }) { n, decimals, nudge, mode in
            // cents × 5·10^(−decimals) with cents = (2n+1)·10^(decimals−1) + nudge … built as mantissa/exponent.
            let scale = Int64(Self.powerOfTen(decimals - 1))
            let (base, o) = (2 * n + 1).multipliedReportingOverflow(by: scale)
            guard !o else { return }
            let cents = base + Int64(nudge)
            let f = Self.factor(mantissa: 5, exponent: -decimals, negative: false)
            #expect(Self.multiplied(cents, f, mode) == Self.decimalPath(cents, f, mode), "\(cents) × \(f) (\(mode))")
            #expect(Money.integerProduct(cents, f, mode) == Self.decimalPath(cents, f, mode), "\(cents) × \(f) (\(mode))")
        }
    }

    /// One hand-worked case: the cents, the factor, and the expected cents under half away from zero, half even,
    /// down and up.
    struct Edge: Sendable, CustomTestStringConvertible {
        let cents: Int64, factor: String, expected: [Int64]
        init(_ cents: Int64, _ factor: String, _ a: Int64, _ b: Int64, _ c: Int64, _ d: Int64) {
            self.cents = cents; self.factor = factor; expected = [a, b, c, d]
        }
        var testDescription: String { "\(cents) ct × \(factor)" }
    }

    static let edgeCases: [Edge] = [
        Edge(1, "0.5", 1, 0, 0, 1),                  // 0,5 ct
        Edge(-1, "0.5", -1, 0, -1, 0),               // −0,5 ct: down is toward −∞
        Edge(3, "0.5", 2, 2, 1, 2),                  // 1,5 ct
        Edge(5, "0.5", 3, 2, 2, 3),                  // 2,5 ct
        Edge(100, "-0.125", -13, -12, -13, -12),     // −12,5 ct
        Edge(12_345, "0.035", 432, 432, 432, 433),   // 432,075 ct
        Edge(1, "0.4999999999999999999", 0, 0, 0, 1),
        Edge(1, "0.5000000000000000001", 1, 1, 0, 1),
        Edge(-1, "0.5000000000000000001", -1, -1, -1, 0),
        Edge(100_000_000_000_000_000, "0.00000000000000000001", 0, 0, 0, 1),   // 0,001 ct
        Edge(5, "1000", 5000, 5000, 5000, 5000),     // a positive exponent
        Edge(999_999_999_999, "1.00000001", 1_000_000_009_999, 1_000_000_009_999, 1_000_000_009_998, 1_000_000_009_999),  // 999.999.999.999 + 9.999,99999999 ct
        Edge(Int64.max, "1", Int64.max, Int64.max, Int64.max, Int64.max),
        Edge(Int64.min, "1", Int64.min, Int64.min, Int64.min, Int64.min),         // 2^63 in magnitude: the Decimal path decides
        Edge(Int64.max, "-1", -Int64.max, -Int64.max, -Int64.max, -Int64.max),
        Edge(1_200, "0.58333333333333333333333333333333333333", 700, 700, 699, 700),   // 7/12 to 38 digits: the Decimal path
        Edge(0, "123456789012345678901234567890", 0, 0, 0, 0),
    ]

    @Test("rounding edges, worked out by hand", arguments: edgeCases)
    func edges(_ edge: Edge) {
        let cents = edge.cents, factor = edge.factor, expected = edge.expected
        let f = Decimal(string: factor)!
        for (mode, want) in zip(Self.modes, expected) {
            #expect(Money(cents: cents).multiplied(by: f, rounding: mode).cents == want, "\(cents) × \(factor) (\(mode))")
            #expect(Self.decimalPath(cents, f, mode) == want, "the Decimal path: \(cents) × \(factor) (\(mode))")
        }
    }

    @Test("results beyond 64 bits are reported, as on the Decimal path", arguments: ["1.0000000001", "2", "-2", "10"])
    func overflow(factor: String) {
        let f = Decimal(string: factor)!
        for mode in Self.modes {
            #expect(Self.multiplied(Int64.max, f, mode) == nil)
            #expect(Self.decimalPath(Int64.max, f, mode) == nil)
            #expect(Money.integerProduct(Int64.max, f, mode) == nil)
        }
        #expect(throws: PruefstandError.self) { try Money(cents: .max).multiplied(by: f, checking: "Test") }
    }

    @Test("the scenario factors take the integer path", arguments: ["0.035", "0.8", "0.92", "1.02", "1.1040808032", "0.9", "-0.25", "3.5"])
    func typicalFactorsAreFast(factor: String) {
        let f = Decimal(string: factor)!
        for cents: Int64 in [1, 12_345, -987_654_321, 4_200_000_000_000] {
            #expect(Money.integerProduct(cents, f, .halfAwayFromZero) != nil, "\(cents) × \(factor)")
        }
    }
}

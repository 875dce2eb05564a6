import Foundation

/// An exact amount of euros, held as integer cents.
///
/// Money is never a `Double`. Int64 cents cover ±92 trillion euros; a result beyond that is reported to the
/// current `AmountCheck` scope, which ends the analysis with a clear error (outside a scope it traps).
/// Multiplying by a rate rounds **half away from zero to the cent** unless a rule says otherwise
/// (`Rounding`), because that is how German public finance and the workbook's `ROUND` compute.
///
///     let fee = Money(cents: 12_345)              // 123,45 €
///     fee.multiplied(by: Decimal(string: "0.035")!) // 4,32 €
public struct Money: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public var cents: Int64

    public init(cents: Int64) { self.cents = cents }
    public init(euros: Int64) { self.cents = AmountCheck.result(euros.multipliedReportingOverflow(by: 100)) }
    public static let zero = Money(cents: 0)

    /// The largest amount an input may hold, in cents: 900 trillion euros (9 · 10^16 cents). About a
    /// hundredth of what `Int64` holds, so that sums of amounts have room (`maxImportTotalCents`).
    public static let maxInputCents: Int64 = 90_000_000_000_000_000
    /// The largest sum of the magnitudes of all amounts in one import, in cents (900 trillion euros). Every
    /// total taken over an import's rows (control totals, monthly totals, an SQL `sum`) stays within it, and
    /// the totals of a hundred such imports together still fit in `Int64`.
    public static let maxImportTotalCents: Int64 = 90_000_000_000_000_000

    /// The sum, or nil where it would leave `Int64` (a total that must not trap).
    public func adding(_ other: Money) -> Money? {
        let (sum, overflow) = cents.addingReportingOverflow(other.cents)
        return overflow ? nil : Money(cents: sum)
    }

    /// How a product with a fraction of a cent becomes whole cents.
    public enum Rounding: String, Sendable, Codable {
        /// Half away from zero (kaufmännisch): 0,005 → 0,01; −0,005 → −0,01. The default.
        case halfAwayFromZero
        /// Toward negative infinity: used where a statute says "abgerundet".
        case down
        /// Toward positive infinity.
        case up
        /// Half to even (banker's rounding), only where a rule demands it.
        case halfEven
    }

    // Overflow is reported to the current `AmountCheck` scope (which then throws a clear error), and
    // traps only outside one (a programming error): docs/decisions/0002, addendum.
    public static func + (a: Money, b: Money) -> Money { Money(cents: AmountCheck.result(a.cents.addingReportingOverflow(b.cents))) }
    public static func - (a: Money, b: Money) -> Money { Money(cents: AmountCheck.result(a.cents.subtractingReportingOverflow(b.cents))) }
    public static prefix func - (a: Money) -> Money { Money(cents: AmountCheck.result(Int64(0).subtractingReportingOverflow(a.cents))) }
    public static func += (a: inout Money, b: Money) { a = a + b }
    public static func -= (a: inout Money, b: Money) { a = a - b }
    public static func * (a: Money, n: Int64) -> Money { Money(cents: AmountCheck.result(a.cents.multipliedReportingOverflow(by: n))) }
    public static func < (a: Money, b: Money) -> Bool { a.cents < b.cents }

    public var isNegative: Bool { cents < 0 }
    public var magnitude: Money { Money(cents: cents.magnitude > UInt64(Int64.max) ? Int64.max : Int64(cents.magnitude)) }

    /// The amount as an exact decimal number of euros.
    ///
    /// The cents' decimal with its exponent lowered by two: the same value, and the same representation as
    /// `Decimal(cents) / 100` (which costs a long division; `MoneyIntegerProductTests` compares the bytes).
    public var decimalEuros: Decimal {
        let d = Decimal(cents)
        return Decimal(sign: d.sign, exponent: d.exponent - 2, significand: d.significand)
    }

    /// Multiplies by an exact decimal factor and rounds to the cent.
    public func multiplied(by factor: Decimal, rounding: Rounding = .halfAwayFromZero) -> Money {
        // The same cents in integer arithmetic where that is exact (`Money+IntegerProduct.swift`).
        if let c = Money.integerProduct(cents, factor, rounding) { return Money(cents: c) }
        return Money.rounding(decimalEuros * factor, rounding)
    }

    /// Divides by an integer and rounds to the cent.
    public func divided(by n: Int64, rounding: Rounding = .halfAwayFromZero) -> Money {
        Money.rounding(decimalEuros / Decimal(n), rounding)
    }

    /// Rounds a decimal euro amount to the cent.
    public static func rounding(_ euros: Decimal, _ rounding: Rounding = .halfAwayFromZero) -> Money {
        var value = euros * 100
        var result = Decimal()
        let mode: NSDecimalNumber.RoundingMode
        switch rounding {
        case .halfAwayFromZero: mode = .plain   // Foundation's .plain rounds half away from zero
        case .down: mode = .down
        case .up: mode = .up
        case .halfEven: mode = .bankers
        }
        NSDecimalRound(&result, &value, 0, mode)
        guard result >= Money.int64MinDecimal, result <= Money.int64MaxDecimal else {
            // Out of range: reported to the current `AmountCheck` scope (`int64Value` would be a wrong number).
            return Money(cents: AmountCheck.result((result.isSignMinus ? Int64.min : Int64.max, true)))
        }
        return Money(cents: NSDecimalNumber(decimal: result).int64Value)
    }

    /// Splits the amount into parts proportional to `weights` so that the parts add up to exactly
    /// this amount (largest-remainder method; ties go to the earlier part).
    public func allocated(_ weights: [Int64]) -> [Money] {
        precondition(!weights.isEmpty && weights.allSatisfy { $0 >= 0 } && weights.contains { $0 > 0 },
                     "allocation needs non-negative weights with a positive sum")
        var total: Int64 = 0
        for w in weights { total = AmountCheck.result(total.addingReportingOverflow(w)) }
        let sign: Int64 = cents < 0 ? -1 : 1
        let amount = cents.magnitude
        var parts: [UInt64] = []
        var remainders: [(index: Int, rem: UInt64)] = []
        var assigned: UInt64 = 0
        for (i, w) in weights.enumerated() {
            let (hi, lo) = amount.multipliedFullWidth(by: UInt64(w))
            let (q, r) = UInt64(total).dividingFullWidth((hi, lo))
            parts.append(q); assigned += q
            remainders.append((i, r))
        }
        var left = amount - assigned
        for entry in remainders.sorted(by: { $0.rem != $1.rem ? $0.rem > $1.rem : $0.index < $1.index }) where left > 0 {
            parts[entry.index] += 1; left -= 1
        }
        return parts.map { Money(cents: sign * Int64($0)) }
    }

    /// `1234.56` — euros with a decimal point and two decimals, the machine-readable form.
    public var plainString: String {
        let sign = cents < 0 ? "-" : ""
        let m = cents.magnitude
        let frac = m % 100
        return "\(sign)\(m / 100).\(frac < 10 ? "0" : "")\(frac)"
    }

    /// `1.234,56 €` — German display form with thousands dots.
    public var germanString: String {
        let sign = cents < 0 ? "-" : ""
        let m = cents.magnitude
        let frac = m % 100
        var whole = String(m / 100)
        var groups: [Substring] = []
        while whole.count > 3 {
            groups.insert(whole.suffix(3), at: 0)
            whole = String(whole.dropLast(3))
        }
        groups.insert(Substring(whole), at: 0)
        return "\(sign)\(groups.joined(separator: ".")),\(frac < 10 ? "0" : "")\(frac) €"
    }

    public var description: String { plainString }
}

extension Sequence where Element == Money {
    /// The exact sum.
    public func sum() -> Money { reduce(.zero, +) }
}

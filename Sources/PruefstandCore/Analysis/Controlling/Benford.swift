import Foundation

/// Benford's law tests on amounts: first digit (1–9) and first two digits (10–99).
///
/// Method: Nigrini, *Benford's Law: Applications for Forensic Accounting, Auditing, and Fraud
/// Detection* (Wiley 2012), ch. 7: conformity by the mean absolute deviation (MAD) of the observed from
/// the expected proportions, with his ranges; plus Pearson's chi-square with 8 resp. 89 degrees of
/// freedom against the 5 % critical value. Amounts below 10 € are left out (Nigrini's usual cut).
/// Statistics are `Double`; no money is computed here.
public struct BenfordTest: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Codable { case firstDigit = "first-digit", firstTwoDigits = "first-two-digits" }
    public enum Conformity: String, Sendable, Codable, Comparable {
        case close = "close conformity", acceptable = "acceptable conformity"
        case marginal = "marginally acceptable conformity", nonconformity = "nonconformity"
        var order: Int { [.close: 0, .acceptable: 1, .marginal: 2, .nonconformity: 3][self]! }
        public static func < (a: Conformity, b: Conformity) -> Bool { a.order < b.order }
        public var english: String {
            switch self {
            case .close: return "close conformity"
            case .acceptable: return "acceptable conformity"
            case .marginal: return "marginally acceptable"
            case .nonconformity: return "nonconformity"
            }
        }
        public var german: String {
            switch self {
            case .close: return "enge Übereinstimmung"
            case .acceptable: return "akzeptable Übereinstimmung"
            case .marginal: return "gerade noch akzeptabel"
            case .nonconformity: return "keine Übereinstimmung"
            }
        }
    }

    public var kind: Kind
    /// The digits tested: 1…9 or 10…99.
    public var digits: [Int]
    public var observed: [Int]
    public var expectedProportions: [Double]
    public var count: Int
    public var mad: Double
    public var chiSquare: Double
    public var degreesOfFreedom: Int
    /// Chi-square 5 % critical value for `degreesOfFreedom` (15.507 for 8, 112.022 for 89).
    public var criticalValue: Double
    public var conformity: Conformity
    /// Chi-square rejects conformity at the 5 % level.
    public var chiSquareRejects: Bool { chiSquare > criticalValue }

    /// Nigrini's MAD ranges (2012, table 7.1): first digit 0.006 / 0.012 / 0.015, first two digits
    /// 0.0012 / 0.0018 / 0.0022.
    public static func conformity(mad: Double, kind: Kind) -> Conformity {
        let limits = kind == .firstDigit ? (0.006, 0.012, 0.015) : (0.0012, 0.0018, 0.0022)
        if mad <= limits.0 { return .close }
        if mad <= limits.1 { return .acceptable }
        if mad <= limits.2 { return .marginal }
        return .nonconformity
    }

    /// The leading digits of an amount in cents (≥ 1000 cents, i.e. ≥ 10 €), or `nil` below 10 €.
    public static func leadingDigits(_ cents: Int64, count: Int) -> Int? {
        var v = cents.magnitude
        guard v >= 1000 else { return nil }
        let limit: UInt64 = count == 1 ? 10 : 100
        while v >= limit { v /= 10 }
        return Int(v)
    }

    /// Tests amounts (in cents; sign ignored, below 10 € left out).
    public static func run(_ amounts: [Int64], kind: Kind) -> BenfordTest {
        let digits = kind == .firstDigit ? Array(1...9) : Array(10...99)
        let n = kind == .firstDigit ? 1 : 2
        var observed = [Int](repeating: 0, count: digits.count)
        for a in amounts {
            if let d = leadingDigits(a, count: n) { observed[d - digits[0]] += 1 }
        }
        return make(kind: kind, observed: observed)
    }

    /// The test from counts already made: `observed[k]` counts amounts whose leading digits are
    /// the k-th of 1…9 (first digit) or 10…99 (first two digits).
    static func make(kind: Kind, observed: [Int]) -> BenfordTest {
        let digits = kind == .firstDigit ? Array(1...9) : Array(10...99)
        precondition(observed.count == digits.count)
        let expected = digits.map { log10(1 + 1 / Double($0)) }
        let total = observed.reduce(0, +)
        var mad = 0.0, chi = 0.0
        if total > 0 {
            for (o, e) in zip(observed, expected) {
                let p = Double(o) / Double(total)
                mad += abs(p - e)
                let ex = e * Double(total)
                chi += (Double(o) - ex) * (Double(o) - ex) / ex
            }
            mad /= Double(digits.count)
        }
        let df = digits.count - 1
        return BenfordTest(kind: kind, digits: digits, observed: observed, expectedProportions: expected, count: total,
                           mad: mad, chiSquare: chi, degreesOfFreedom: df, criticalValue: df == 8 ? 15.507 : 112.022,
                           conformity: total == 0 ? .close : conformity(mad: mad, kind: kind))
    }

    /// z statistic of one digit (Nigrini eq. 7.1, with continuity correction).
    public func zStatistic(ofDigitAt i: Int) -> Double {
        let p = expectedProportions[i], n = Double(count)
        guard n > 0 else { return 0 }
        let ap = Double(observed[i]) / n
        let corr = 1 / (2 * n)
        let num = abs(ap - p) - corr
        return max(0, num) / sqrt(p * (1 - p) / n)
    }
}

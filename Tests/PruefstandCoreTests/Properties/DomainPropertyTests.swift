import Foundation
import PropertyBased
import Testing
@testable import PruefstandCore

/// Properties of the exact domain types, checked on random inputs (PropertyBased shrinks a failure to a
/// small example and prints the seed to replay it with `.fixedSeed`). Oracles are independent of the
/// code under test: integer arithmetic, `Decimal` parsed from text, and the calendar rules themselves.
@Suite("Domain properties")
struct DomainPropertyTests {
    /// Cents up to ±10 billion euros, far beyond any municipal budget line.
    static let cents = Gen.int64(in: -1_000_000_000_000 ... 1_000_000_000_000)

    @Test("Money sums are exact, commutative and associative")
    func moneySums() async {
        await propertyCheck(input: Self.cents.array(of: 0...30), Self.cents, Self.cents) { amounts, b, c in
            let money = amounts.map(Money.init(cents:))
            let total = money.sum()
            #expect(total.cents == amounts.reduce(0, +))
            #expect(money.reversed().sum() == total)
            #expect(money.sorted().sum() == total)
            // Exact against an independent decimal sum of the printed amounts.
            let decimalTotal = money.reduce(Decimal(0)) { $0 + Decimal(string: $1.plainString)! }
            #expect(Decimal(string: total.plainString)! == decimalTotal)
            let a = total
            #expect((a + Money(cents: b)) + Money(cents: c) == a + (Money(cents: b) + Money(cents: c)))
            #expect(a + Money(cents: b) == Money(cents: b) + a)
        }
    }

    @Test("allocated keeps every cent and gives each part its exact share within one cent")
    func allocationKeepsEveryCent() async {
        let weights = Gen.int64(in: 0...1000).array(of: 1...8).map { w in w.allSatisfy { $0 == 0 } ? w + [1] : w }
        await propertyCheck(input: Self.cents, weights) { amount, weights in
            let parts = Money(cents: amount).allocated(weights)
            #expect(parts.count == weights.count)
            #expect(parts.sum().cents == amount)
            let total = weights.reduce(0, +)
            for (part, weight) in zip(parts, weights) {
                // |part − amount·w/total| < 1 cent  ⇔  |part·total − amount·w| < total (all within Int64 here).
                #expect(abs(part.cents * total - amount * weight) < total, "part \(part.cents) of \(amount) for \(weight)/\(total)")
                if weight == 0 { #expect(part == .zero) }
                #expect(part.cents == 0 || (part.cents < 0) == (amount < 0))
            }
        }
    }

    @Test("Rounding half away from zero is symmetric and within half a cent")
    func roundingSymmetric() async {
        // Thousandths of a cent, so that exact halves (…5 000) occur often.
        let milliCents = Gen.int64(in: -10_000_000_000 ... 10_000_000_000)
        await propertyCheck(count: 300, input: milliCents) { n in
            let euros = Decimal(n) / 100_000
            let rounded = Money.rounding(euros)
            #expect(Money.rounding(-euros) == -rounded)
            let errorInCents = Decimal(rounded.cents) - euros * 100
            #expect(abs(errorInCents) <= Decimal(string: "0.5")!)
            if n % 1000 != 0 && abs(n % 1000) == 500 {
                // An exact half goes away from zero.
                #expect(abs(errorInCents) == Decimal(string: "0.5")!)
                #expect(rounded.cents.magnitude * 1000 > n.magnitude)
            }
        }
    }

    @Test("multiplied(by:) is symmetric in the sign of the amount")
    func multiplySymmetric() async {
        let rates = Gen.int(in: 0...100_000).map { Decimal($0) / 10_000 }   // 0 … 10 with four decimals
        await propertyCheck(input: Self.cents, rates) { cents, rate in
            #expect(Money(cents: -cents).multiplied(by: rate) == -Money(cents: cents).multiplied(by: rate))
        }
    }

    @Test("FTE prints and parses back to the same units, with comma or point")
    func fteRoundTrip() async {
        await propertyCheck(input: Gen.int64(in: 0 ... 999_999)) { units in
            let fte = FTE(units: units)
            #expect(FTE(fte.description)?.units == units)
            #expect(FTE(fte.description.replacingOccurrences(of: ".", with: ","))?.units == units)
        }
    }

    @Test("CivilDate survives day numbers, ISO text and day steps")
    func civilDateRoundTrip() async {
        let first = CivilDate(year: 1900, month: 1, day: 1)!.dayNumber
        let last = CivilDate(year: 2200, month: 12, day: 31)!.dayNumber
        await propertyCheck(count: 300, input: Gen.int(in: first ... last - 1)) { n in
            let date = CivilDate(dayNumber: n)
            #expect(date.dayNumber == n)
            #expect(CivilDate(year: date.year, month: date.month, day: date.day) == date)
            #expect(CivilDate(iso: date.iso) == date)
            let next = date.adding(days: 1)
            #expect(next.dayNumber == n + 1)
            #expect(next.weekday == (date.weekday + 1) % 7)
            #expect(next > date)
        }
    }

    @Test("Excel serials map one to one onto days (2024-01-01 = 45292, Microsoft's serial)")
    func excelSerials() async {
        #expect(CivilDate(excelSerial: 45_292) == CivilDate(year: 2024, month: 1, day: 1))
        #expect(CivilDate(excelSerial: 61) == CivilDate(year: 1900, month: 3, day: 1))
        #expect(CivilDate(excelSerial: 59) == CivilDate(year: 1900, month: 2, day: 28))
        #expect(CivilDate(excelSerial: 60) == nil)   // Excel's phantom 1900-02-29
        // The last day the type represents is 2200-12-31: its serial (Excel's 1970-01-01 is 25569)
        // maps onto it, the serial after it onto nothing.
        let lastSerial = CivilDate(year: 2200, month: 12, day: 31)!.dayNumber + 25_569
        #expect(CivilDate(excelSerial: lastSerial) == CivilDate(year: 2200, month: 12, day: 31))
        #expect(CivilDate(excelSerial: lastSerial + 1) == nil)
        await propertyCheck(count: 300, input: Gen.int(in: 61 ... lastSerial), Gen.int(in: 61 ... lastSerial)) { a, b in
            let da = CivilDate(excelSerial: a)!, db = CivilDate(excelSerial: b)!
            #expect(da.dayNumber - db.dayNumber == a - b)
            #expect(da.dayNumber - CivilDate(year: 2024, month: 1, day: 1)!.dayNumber == a - 45_292)
        }
    }

    /// Every valid pay grade, enumerated from the rules: EG 1–15 with 9a/9b/9c and 15Ü, S 2–18 with a/b,
    /// A 2–16, B 1–11.
    static let payGrades: [String] = {
        var codes = (1...15).map { "EG \($0)" } + ["EG 9a", "EG 9b", "EG 9c", "EG 15Ü"]
        codes += (2...18).flatMap { ["S \($0)", "S \($0)a", "S \($0)b"] }
        codes += (2...16).map { "A \($0)" } + (1...11).map { "B \($0)" }
        return codes
    }()

    @Test("PayGrade prints its canonical code and parses it and other spellings back")
    func payGradeRoundTrip() async {
        await propertyCheck(input: Gen.element(of: Self.payGrades).map { $0! }) { code in
            let grade = PayGrade(code)
            #expect(grade?.code == code)
            #expect(PayGrade(code.replacingOccurrences(of: " ", with: ""))?.code == code)
            #expect(PayGrade("TVöD " + code)?.code == code)
            if code.hasPrefix("EG ") { #expect(PayGrade("E" + code.dropFirst(3))?.code == code) }
        }
        for bad in ["EG 16", "EG 9d", "S 1", "A 17", "B 12", "A 9b", "X 5", ""] { #expect(PayGrade(bad) == nil, "\(bad)") }
    }
}

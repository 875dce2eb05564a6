import Foundation

/// Benford's law (Nigrini 2012) on the first digit and the first two digits of payments of at least 10 €
/// (`BenfordTest`); when the MAD says nonconformity, the (up to) three digits with the largest excess are
/// findings with their postings. Tables `audit_benford_1` and `audit_benford_2`.
struct BenfordCheck: AuditCheck {
    static let key = "benford"
    static let name = Phrase(de: "Benford-Abweichung", en: "Benford deviation")
    static let kinds = [AuditTestKind.benford]

    struct Result: Sendable { var firstDigit: BenfordTest; var firstTwoDigits: BenfordTest }

    func run(_ a: AuditChecks, _ p: NoAuditParameters) -> AuditCheckOutput {
        let (b1, b2, findings) = a.benford()
        return .init(findings: findings, result: Result(firstDigit: b1, firstTwoDigits: b2))
    }

    func tables(_ report: AuditReport, lang: Language) -> [ReportTable] {
        [Self.table(report.benfordFirstDigit, lang: lang), Self.table(report.benfordFirstTwoDigits, lang: lang)]
    }

    func json(_ report: AuditReport) -> [String: Any] {
        func benford(_ t: BenfordTest) -> [String: Any] {
            ["kind": t.kind.rawValue, "n": t.count, "mad": t.mad, "conformity": t.conformity.rawValue,
             "chi_square": t.chiSquare, "degrees_of_freedom": t.degreesOfFreedom, "critical_value_5pct": t.criticalValue,
             "digits": t.digits, "observed": t.observed, "expected": t.expectedProportions]
        }
        return ["benford_first_digit": benford(report.benfordFirstDigit), "benford_first_two_digits": benford(report.benfordFirstTwoDigits)]
    }

    static func table(_ t: BenfordTest, lang: Language) -> ReportTable {
        let de = lang == .de
        let first = t.kind == .firstDigit
        return ReportTable(
            key: first ? "audit_benford_1" : "audit_benford_2",
            de: first ? "Benford: erste Ziffer" : "Benford: erste zwei Ziffern",
            en: first ? "Benford: first digit" : "Benford: first two digits",
            columns: ReportColumns.list("digit observed observed_share expected_share z", table: "audit_benford"),
            rows: t.digits.indices.map { i in
                [.integer(Int64(t.digits[i])), .integer(Int64(t.observed[i])),
                 .percent(t.count == 0 ? 0 : Decimal(t.observed[i]) / Decimal(t.count)),
                 .percent(Decimal(string: String(format: "%.6f", t.expectedProportions[i]))!),
                 .decimal(Decimal(string: String(format: "%.2f", t.zStatistic(ofDigitAt: i)))!)]
            },
            notes: [de
                ? "n = \(t.count), MAD = \(NumberText.fixed(t.mad, decimals: 5, lang)) (\(t.conformity.german), Nigrini 2012), Chi² = \(NumberText.fixed(t.chiSquare, decimals: 2, lang)) bei \(t.degreesOfFreedom) Freiheitsgraden (kritischer Wert 5 %: \(NumberText.fixed(t.criticalValue, decimals: 3, lang)))\(t.chiSquareRejects ? " – verworfen" : " – nicht verworfen")"
                : "n = \(t.count), MAD = \(NumberText.fixed(t.mad, decimals: 5, lang)) (\(t.conformity.english), Nigrini 2012), chi² = \(NumberText.fixed(t.chiSquare, decimals: 2, lang)) with \(t.degreesOfFreedom) degrees of freedom (critical value 5 %: \(NumberText.fixed(t.criticalValue, decimals: 3, lang)))\(t.chiSquareRejects ? " – rejected" : " – not rejected")"])
    }
}

extension AuditTestKind {
    public static let benford = AuditTestKind(BenfordCheck.self)
}

extension AuditReport {
    /// Benford's test on the first digit (an empty test when the check did not run).
    public var benfordFirstDigit: BenfordTest {
        BenfordCheck.result(self, as: BenfordCheck.Result.self)?.firstDigit ?? .make(kind: .firstDigit, observed: [Int](repeating: 0, count: 9))
    }
    /// Benford's test on the first two digits (an empty test when the check did not run).
    public var benfordFirstTwoDigits: BenfordTest {
        BenfordCheck.result(self, as: BenfordCheck.Result.self)?.firstTwoDigits ?? .make(kind: .firstTwoDigits, observed: [Int](repeating: 0, count: 90))
    }
}

extension AuditChecks {
    /// Both Benford tests over the payments (one pass), and their findings.
    func benford() -> (BenfordTest, BenfordTest, [RawFinding]) {
        var first = [Int](repeating: 0, count: 9), two = [Int](repeating: 0, count: 90)
        for i in 0..<l.count where isPayment(i) {
            // A payment is positive; from 10 € (1000 cents) it has two leading digits, the first of which is the first digit.
            var v = l.cents[i]
            guard v >= 1000 else { continue }
            while v >= 100 { v /= 10 }
            two[Int(v) - 10] += 1
            first[Int(v) / 10 - 1] += 1
        }
        let b1 = BenfordTest.make(kind: .firstDigit, observed: first), b2 = BenfordTest.make(kind: .firstTwoDigits, observed: two)
        return (b1, b2, benfordFindings(b1) + benfordFindings(b2))
    }

    /// When MAD says nonconformity: the three digits with the largest excess (z > 1.96), with their postings.
    func benfordFindings(_ test: BenfordTest) -> [RawFinding] {
        guard test.conformity == .nonconformity else { return [] }
        let n = test.kind == .firstDigit ? 1 : 2
        let excess = test.digits.indices
            .filter { Double(test.observed[$0]) > test.expectedProportions[$0] * Double(test.count) && test.zStatistic(ofDigitAt: $0) > 1.96 }
            .sorted { test.zStatistic(ofDigitAt: $0) > test.zStatistic(ofDigitAt: $1) }
            .prefix(3)
        let label = test.kind == .firstDigit ? "Erste Ziffer" : "Erste zwei Ziffern"
        return excess.map { k in
            let digit = test.digits[k]
            let list = (0..<l.count).filter { isPayment($0) && BenfordTest.leadingDigits(l.cents[$0], count: n) == digit }.map { Int32($0) }
            let share = Double(test.observed[k]) / Double(test.count) * 100
            let expected = test.expectedProportions[k] * 100
            func f(_ x: Double, _ d: Int, _ lang: Language) -> String { NumberText.fixed(x, decimals: d, lang) }
            return RawFinding(kind: .benford, text: "\(label) \(digit): \(f(share, 1, .de)) % beobachtet, \(f(expected, 1, .de)) % erwartet (MAD \(f(test.mad, 4, .de)), \(test.conformity.german))",
                              members: list, textEN: "\(test.kind == .firstDigit ? "First digit" : "First two digits") \(digit): \(f(share, 1, .en)) % observed, \(f(expected, 1, .en)) % expected (MAD \(f(test.mad, 4, .en)), \(test.conformity.english))")
        }
    }
}

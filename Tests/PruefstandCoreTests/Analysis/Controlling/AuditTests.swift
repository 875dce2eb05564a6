import Foundation
import Testing
import Yams
@testable import PruefstandCore

/// A hand-made audit case: postings with planted findings and the findings expected.
struct AuditCase: Decodable, CustomTestStringConvertible {
    struct Parameters: Decodable {
        var duplicate_window_days: Int?
        var approval_thresholds: [Int64]?
        var split_window_days: Int?
        var split_minimum_share: String?
    }
    struct Expected: Decodable, Hashable { var test: String; var posting_ids: [Int64]; var amount: String }
    var name: String
    var source: String
    var parameters: Parameters
    var postings: [[String]]
    var expected: [Expected]
    var testDescription: String { name }

    static func all() throws -> [AuditCase] {
        let dir = ControllingFixture.casesURL.appendingPathComponent("audit")
        return try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".yaml") }.sorted().map {
            try YAMLDecoder().decode(AuditCase.self, from: String(contentsOf: dir.appendingPathComponent($0), encoding: .utf8))
        }
    }
}

@Suite("Controlling: ledger audit")
struct AuditTests {
    @Test("hand-made audit cases", arguments: try AuditCase.all())
    func cases(_ c: AuditCase) throws {
        let postings = c.postings.map { r in
            AuditPosting(id: Int64(r[0])!, date: CivilDate(iso: r[1])!, documentId: r[2], product: r[3], account: r[4],
                         vendor: r[5], amount: Money(cents: ControllingFixture.cents(r[6])))
        }
        let p = AuditParameters(
            duplicateWindowDays: c.parameters.duplicate_window_days ?? 14,
            approvalThresholds: (c.parameters.approval_thresholds ?? []).map { .init(amount: Money(euros: $0), description: "Grenze") },
            splitWindowDays: c.parameters.split_window_days ?? 14,
            splitMinimumShare: Decimal(string: c.parameters.split_minimum_share ?? "0.3")!)
        let report = try LedgerAudit.run(postings: postings, year: 2025, parameters: p)
        let found = report.findings.filter { $0.kind != .benford }.map {
            AuditCase.Expected(test: $0.kind.rawValue, posting_ids: $0.postingIds.sorted(), amount: $0.amount.plainString)
        }
        #expect(Set(found) == Set(c.expected))
        #expect(found.count == c.expected.count)
    }

    @Test("Benford: a geometric series over five decades conforms closely (first and first two digits)")
    func benfordConforming() throws {
        // Amounts 10 € × 10^(5i/N): the mantissas are evenly spread on the log scale, which is
        // exactly Benford's distribution up to the rounding to cents.
        let n = 20_000
        let amounts = (0..<n).map { Int64((1000 * pow(10, 5 * Double($0) / Double(n))).rounded()) }
        let first = BenfordTest.run(amounts, kind: .firstDigit)
        let two = BenfordTest.run(amounts, kind: .firstTwoDigits)
        #expect(first.count == n)
        #expect(first.conformity == .close)
        #expect(two.conformity == .close)
        #expect(!first.chiSquareRejects)
        #expect(!two.chiSquareRejects)
        let postings = amounts.enumerated().map {
            AuditPosting(id: Int64($0.offset), date: CivilDate(year: 2025, month: 3, day: 3)!, documentId: "D\($0.offset)",
                         product: "01.01.01", account: "521100", vendor: "V\($0.offset)", amount: Money(cents: $0.element))
        }
        #expect(try LedgerAudit.run(postings: postings, year: 2025, parameters: AuditParameters(roundAmountMinimum: Money(euros: 10_000_000)))
            .findings(.benford).isEmpty)
    }

    @Test("Benford: 900 amounts 1,000 € … 9,990 € in steps of 10 € (100 per first digit) do not conform; MAD by hand 0.05972")
    func benfordNonConforming() throws {
        // MAD = Σ|1/9 − log10(1 + 1/d)| / 9 = (0.18992 + 0.06498 + 0.01383 + 0.01420 + 0.03193 + 0.04416
        //       + 0.05312 + 0.05996 + 0.06535) / 9 = 0.53745 / 9 = 0.05972 (> 0.015: nonconformity).
        let amounts = (0..<900).map { Int64(100_000 + $0 * 1_000) }
        let first = BenfordTest.run(amounts, kind: .firstDigit)
        #expect(first.observed == Array(repeating: 100, count: 9))
        #expect(abs(first.mad - 0.05972) < 0.00001)
        #expect(first.conformity == .nonconformity)
        #expect(first.chiSquareRejects)
        let postings = amounts.enumerated().map {
            AuditPosting(id: Int64($0.offset), date: CivilDate(year: 2025, month: 3, day: 3)!, documentId: "D\($0.offset)",
                         product: "01.01.01", account: "521100", vendor: "V\($0.offset)", amount: Money(cents: $0.element))
        }
        let findings = try LedgerAudit.run(postings: postings, year: 2025, parameters: AuditParameters()).findings(.benford)
        // The digits in excess of Benford are 5…9 (expected share below 1/9); the largest z-statistics are 9, 8, 7.
        let firstDigitFindings = findings.filter { $0.text.hasPrefix("Erste Ziffer") }
        #expect(firstDigitFindings.count == 3)
        #expect(firstDigitFindings.first?.postingIds.count == 100)
        #expect(firstDigitFindings.first?.text.hasPrefix("Erste Ziffer 9") == true)
    }

    @Test("Benford chi-square by hand: counts 30,18,12,10,8,7,6,5,4 of 100 give χ² ≈ 0.135, MAD 0.00286")
    func benfordChiSquare() {
        // Expected counts 100·log10(1+1/d): 30.103 17.609 12.494 9.691 7.918 6.695 5.799 5.115 4.576.
        // χ² = .103²/30.103 + .391²/17.609 + .494²/12.494 + .309²/9.691 + .082²/7.918 + .305²/6.695
        //    + .201²/5.799 + .115²/5.115 + .576²/4.576 ≈ .0004+.0087+.0195+.0099+.0008+.0139+.0070+.0026+.0725 = 0.135
        // MAD = (.00103+.00391+.00494+.00309+.00082+.00305+.00201+.00115+.00576)/9 = .02576/9 = 0.00286
        let counts = [30, 18, 12, 10, 8, 7, 6, 5, 4]
        var amounts: [Int64] = []
        for (i, c) in counts.enumerated() { amounts += Array(repeating: Int64(i + 1) * 10_000 + 123, count: c) }
        let t = BenfordTest.run(amounts, kind: .firstDigit)
        #expect(abs(t.chiSquare - 0.135) < 0.001)
        #expect(abs(t.mad - 0.00286) < 0.00001)
        #expect(t.conformity == .close)
        #expect(t.degreesOfFreedom == 8)
    }

    @Test("NRW holidays 2025 and 2026 match the published list")
    func holidays() {
        // Published list of gesetzliche Feiertage NRW (§ 2 FTG NW) for 2025 and 2026.
        let expected2025 = ["2025-01-01", "2025-04-18", "2025-04-21", "2025-05-01", "2025-05-29", "2025-06-09",
                            "2025-06-19", "2025-10-03", "2025-11-01", "2025-12-25", "2025-12-26"]
        let expected2026 = ["2026-01-01", "2026-04-03", "2026-04-06", "2026-05-01", "2026-05-14", "2026-05-25",
                            "2026-06-04", "2026-10-03", "2026-11-01", "2026-12-25", "2026-12-26"]
        #expect(NRWHolidays.holidays(in: 2025).keys.map(\.iso).sorted() == expected2025)
        #expect(NRWHolidays.holidays(in: 2026).keys.map(\.iso).sorted() == expected2026)
        #expect(NRWHolidays.holidayName(CivilDate(iso: "2026-06-04")!) == "Fronleichnam")
        // Easter Sundays from the published tables: 2008-03-23 (early), 2019-04-21, 2024-03-31, 2038-04-25 (late).
        #expect(["2008", "2019", "2024", "2038"].map { NRWHolidays.easterSunday(Int($0)!).iso }
                == ["2008-03-23", "2019-04-21", "2024-03-31", "2038-04-25"])
    }

    @Test("spending review and voluntary share by hand: 52 grows 100 → 250, vendor B 0 → 50; voluntary 04.* = 150 of 300")
    func spendingReviewAndVoluntary() throws {
        func p(_ id: Int64, _ product: String, _ account: String, _ vendor: String, _ euros: Int64) -> AuditPosting {
            AuditPosting(id: id, date: CivilDate(iso: "2025-02-03")!, documentId: "D\(id)", product: product,
                         account: account, vendor: vendor, amount: Money(euros: euros))
        }
        let postings = [p(1, "04.01.01", "521100", "A", 150), p(2, "01.01.01", "521100", "A", 100),
                        p(3, "01.01.01", "501100", "B", 50), p(4, "01.01.01", "401100", "T", 999)]
        let params = AuditParameters(voluntaryProducts: [.init(product: "04", description: "Kultur")])
        let r = try LedgerAudit.run(postings: postings, year: 2025, priorByAccount: ["521100": 10_000, "501100": 5_000],
                                priorByVendor: ["A": 20_000], parameters: params)
        // Accounts: 521100 100 → 250 (+150), 501100 50 → 50 (0, not listed). Vendors: A 200 → 250 (+50), B 0 → 50 (+50).
        #expect(r.growthAccounts.map(\.key) == ["521100"])
        #expect(r.growthAccounts.first?.change == Money(euros: 150))
        #expect(r.growthAccounts.first?.largestPostingIds == [1, 2])
        #expect(Set(r.growthVendors.map(\.key)) == ["A", "B"])
        #expect(r.voluntary.voluntaryExpense == Money(euros: 150))
        #expect(r.voluntary.totalExpense == Money(euros: 300))   // revenue account 401100 is no expense
        #expect(r.voluntary.share == Decimal(string: "0.5"))
    }

    @Test("audit through the store: postings are read with their ids")
    func throughStore() throws {
        typealias P = ControllingFixture.Posting
        let store = try ControllingFixture.store(postings: [
            P(date: "2025-03-03", product: "01.01.01", account: "521100", amountCents: 123_456, vendor: "A"),
            P(date: "2025-03-05", product: "01.01.01", account: "521100", amountCents: 123_456, vendor: "A"),
        ], plan: [])
        let report = try LedgerAudit.run(store, year: nil, parameters: AuditParameters())
        #expect(report.year == 2025)
        #expect(report.findings(.duplicatePayment).map(\.postingIds) == [[1, 2]])
        #expect(report.findings(.duplicatePayment).first?.documentIds == ["D1", "D2"])
    }
}

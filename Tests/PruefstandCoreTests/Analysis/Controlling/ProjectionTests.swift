import Foundation
import Testing
import Yams
@testable import PruefstandCore

/// A projection case: base plan, effects, scenario (in the scenario file format) and expected years.
struct ProjectionCase: Decodable, CustomTestStringConvertible {
    struct Base: Decodable { var year: Int; var revenue: [String: String]; var expenses: [String: String] }
    struct Effect: Decodable { var year: Int; var revenue: String; var expense: String }
    struct Expected: Decodable { var balanced_year: Int?; var years: [[String]] }
    var name: String
    var source: String
    var base: Base
    var effects: [Effect]
    var scenario: String
    var expected: Expected
    var testDescription: String { name }

    static func all() throws -> [ProjectionCase] {
        let dir = ControllingFixture.casesURL.appendingPathComponent("projection")
        return try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".yaml") }.sorted().map {
            try YAMLDecoder().decode(ProjectionCase.self, from: String(contentsOf: dir.appendingPathComponent($0), encoding: .utf8))
        }
    }
}

@Suite("Controlling: consolidation projection")
struct ProjectionTests {
    static func money(_ s: String) -> Money { Money(cents: ControllingFixture.cents(s)) }

    @Test("hand-computed projection cases", arguments: try ProjectionCase.all())
    func cases(_ c: ProjectionCase) throws {
        let scenario = try ProjectionScenario.parse(yaml: c.scenario, path: c.name)
        let base = ProjectionBase(year: c.base.year, revenueByGroup: c.base.revenue.mapValues(Self.money),
                                  expenseByGroup: c.base.expenses.mapValues(Self.money))
        let effects = c.effects.map {
            BudgetEffect(source: "test", description: "", fiscalYear: $0.year, revenueChange: Self.money($0.revenue),
                         expenseChange: Self.money($0.expense))
        }
        let result = try ProjectionModel(base: base, scenario: scenario).project(effects: effects)
        #expect(result.balancedYear == c.expected.balanced_year)
        #expect(result.years.count == c.expected.years.count)
        for (y, e) in zip(result.years, c.expected.years) {
            let got = [String(y.year), y.revenue.plainString, y.expenses.plainString, y.interest.plainString,
                       y.annualResult.plainString, y.ausgleichsruecklageEnd.plainString, y.allgemeineRuecklageEnd.plainString,
                       y.liquidityLoansEnd.plainString]
            #expect(got == e, "year \(y.year)")
        }
        let results = try ProjectionModel(base: base, scenario: scenario).annualResults(with: effects)
        #expect(results[c.expected.years.last.map { Int($0[0])! } ?? 0] == Self.money(c.expected.years.last![4]))
    }

    @Test("measures by status and gap: 2027 holds decided 50,000 and planned 15,000; gap 2026 = 125,000")
    func measuresByStatus() throws {
        let c = try #require(try ProjectionCase.all().first)
        let scenario = try ProjectionScenario.parse(yaml: c.scenario, path: "case")
        let base = ProjectionBase(year: 2026, revenueByGroup: c.base.revenue.mapValues(Self.money),
                                  expenseByGroup: c.base.expenses.mapValues(Self.money))
        let r = try ProjectionModel(base: base, scenario: scenario).project()
        #expect(r.years[1].measuresByStatus == [.decided: Money(euros: 50_000), .planned: Money(euros: 15_000)])
        #expect(r.years[0].gapToBalance == Money(euros: 125_000))
        let table = r.reportTables()[0]
        #expect(table.rows.count == 4)
        let resultColumn = try #require(table.columns.firstIndex { $0.key == "annual_result" })
        guard case let .formula(f, cached) = table.rows[0][resultColumn] else { Issue.record("annual result is no formula"); return }
        #expect(f == "={col:revenue}{r}-{col:expenses}{r}")
        #expect(cached == .money(Money(euros: -125_000)))
        #expect(r.pathTable().rows.count == 4)
    }

    @Test("the base comes from the latest plan year in the store, classes 4 and 5 by account group")
    func baseFromStore() throws {
        let store = try ControllingFixture.store(postings: [], plan: [
            (2025, "01.01.01", "401100", 999), (2026, "01.01.01", "401100", 100_00), (2026, "01.02.01", "405100", 50_00),
            (2026, "01.01.01", "501100", 80_00), (2026, "01.01.01", "681100", 7_00),
        ])
        let base = try ProjectionBase.load(store)
        #expect(base.year == 2026)
        #expect(base.revenueByGroup == ["40": Money(cents: 150_00)])
        #expect(base.expenseByGroup == ["50": Money(cents: 80_00)])
    }

    /// Issue 18: the side comes from the store (what the code scheme or a side column gave at import), not from
    /// the account's first digit: Baden-Württemberg's class 3 is revenue and its class 4 expense.
    @Test("the base takes each plan line's stored side, not the account's first digit")
    func baseBySide() throws {
        let store = try ControllingFixture.store(postings: [], plan: [])
        try store.write { db in
            for (account, side, cents) in [("3011", "revenue", 70_00), ("3021", "revenue", 5_00), ("4011", "expense", 60_00),
                                           ("5011", "revenue", 1_00), ("5311", nil, 9_00)] as [(String, String?, Int64)] {
                try db.execute(sql: """
                    INSERT INTO budgetLine(importId, sourceLine, fiscalYear, kind, product, account, amountCents, scheme, side)
                    VALUES (2, 1, 2026, 'plan', '11.10', ?, ?, 'bw-2016', ?)
                    """, arguments: [account, cents, side])
            }
        }
        let base = try ProjectionBase.load(store)
        #expect(base.revenueByGroup == ["30": Money(cents: 75_00), "50": Money(cents: 1_00)])
        #expect(base.expenseByGroup == ["40": Money(cents: 60_00)])
    }

    static var repoRoot: URL { TestSupport.repoRoot }

    @Test("the shipped Musterstadt parameter files load, every value with a source; measures 24 M EUR, 88 % expected")
    func shippedFiles() throws {
        let dir = Self.repoRoot.appendingPathComponent("Datasets/musterstadt/controlling")
        let audit = try AuditParameters.load(path: dir.appendingPathComponent("audit.yaml").path)
        #expect(audit[SplitPaymentCheck.self].thresholds.map(\.amount) == [Money(euros: 25_000), Money(euros: 100_000)])
        #expect(!audit[VoluntaryShareCheck.self].products.isEmpty)
        let s = try ProjectionScenario.load(path: dir.appendingPathComponent("projection.yaml").path)
        #expect(s.measures.map(\.yearlySaving).sum() == Money(euros: 24_000_000))
        let expected = s.measures.map(\.expectedSaving).sum()
        #expect(expected == Money(euros: 21_160_000))      // 88.2 % of 24 M, see the file's comment
        #expect(s.debt?.reliefAmount == Money(euros: 550_000_000))
        #expect(s.years == 3)
    }
}

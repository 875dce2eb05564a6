import Foundation
import Testing
@testable import PruefstandCore

/// The variance year's monthly totals that `ReportAssembly.analyse` reads beside the analyses (issue 18) and
/// the overview, the monthly chart and the council pack take later: the same figures as reading the store then.
/// Expected cents are added up by hand from the postings below.
@Suite("Report: the monthly totals read beside the analyses")
struct ReportPostingTotalsTests {
    /// 2025: Jan 501100 100.00 + 50.00, Jan 411100 −30.00 (revenue), Mar 501100 20.00; 2024: Jan 501100 7.00.
    static func store() throws -> Store {
        typealias P = ControllingFixture.Posting
        return try ControllingFixture.store(postings: [
            P(date: "2025-01-10", product: "01.01.01", account: "501100", amountCents: 10_000),
            P(date: "2025-01-20", product: "01.01.02", account: "501100", amountCents: 5_000),
            P(date: "2025-01-20", product: "01.01.01", account: "411100", amountCents: -3_000),
            P(date: "2025-03-02", product: "01.01.01", account: "501100", amountCents: 2_000),
            P(date: "2024-01-05", product: "01.01.01", account: "501100", amountCents: 700),
        ], plan: [])   // no plan: only the audit runs beside the totals
    }

    static func sums(_ rows: [PostingMonthAccountSum]) -> [String: Int64] {
        Dictionary(uniqueKeysWithValues: rows.map { ("\($0.month)|\($0.account)", $0.cents) })
    }

    @Test("analyse reads the variance year's totals; taken for that year, they are the year's sums by month and account")
    func taken() throws {
        let store = try Self.store()
        let settings = RunSettings(varianceYear: 2025)
        let r = try ReportAssembly.analyse(store: store, settings: settings)
        #expect(r.postingTotals?.year == 2025)
        #expect(Self.sums(try r.postingTotals(store: store, year: 2025)) == ["1|501100": 15_000, "1|411100": -3_000, "3|501100": 2_000])
        // Another year is read from the store.
        #expect(Self.sums(try r.postingTotals(store: store, year: 2024)) == ["1|501100": 700])
        // Expenses by month (class 5) and the actual result (revenue − expenses: the revenue account's −30.00 counts as is).
        #expect(try Store.monthlyExpenseActual(try r.postingTotals(store: store, year: 2025), year: 2025)
                == [15_000, 0, 2_000, 0, 0, 0, 0, 0, 0, 0, 0, 0])
        #expect(try ReportAssembly.actualResult(try r.postingTotals(store: store, year: 2025)) == Money(cents: -3_000 - 17_000))
    }

    @Test("without the analyses' totals the store is read")
    func fallback() throws {
        let store = try Self.store()
        #expect(Self.sums(try AnalysisResults().postingTotals(store: store, year: 2025)) == ["1|501100": 15_000, "1|411100": -3_000, "3|501100": 2_000])
        #expect(try store.monthlyExpenseActual(year: 2025) == [15_000, 0, 2_000, 0, 0, 0, 0, 0, 0, 0, 0, 0])
    }
}

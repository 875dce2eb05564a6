import Foundation
import Testing
@testable import PruefstandCore

/// The chart sheets' data (issue 16) against the sqlite3 shell over the store of the same main-job run,
/// read from the run's CSV tables (`chart_*.csv`, excel-de).
@Suite("Chart data on Musterstadt", .serialized, .enabled(if: CrashSafetyTests.binary != nil, "the pruefstand binary is built beside the tests"))
struct ChartDataTests {
    static func csv(_ name: String) throws -> [[String: String]] {
        let r = try MainJobTests.run.get()
        let text = try String(contentsOfFile: "\(r.dir)/csv/\(name).csv", encoding: .utf8)
        let rows = ExportTestSupport.parseCSV(text, separator: ";").filter { !$0.isEmpty && $0 != [""] }
        let header = try #require(rows.first)
        // excel-de keeps a code text with a leading tab (csv16, docs/reports.md); a reader drops it.
        return rows.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0.map { $0.hasPrefix("\t") ? String($0.dropFirst()) : $0 })) }
    }

    /// "1234,56" (excel-de) in cents.
    static func cents(_ s: String?) -> Int64? {
        guard let s, !s.isEmpty, let d = Decimal(string: s.replacingOccurrences(of: ",", with: ".")) else { return nil }
        return NSDecimalNumber(decimal: d * 100).int64Value
    }

    static func sql(_ query: String) throws -> String {
        let r = try MainJobTests.run.get()
        let (status, out) = try TestSupport.shell("sqlite3 '\(r.db)' \"\(query)\"")
        guard status == 0 else { throw PruefstandError.other("sqlite3: \(out)") }
        return out.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test("monthly chart: each month's cumulative actual and the plan phased in twelfths equal sqlite3's sums over v_ledger and v_plan (2025, accounts 5…)")
    func monthly() throws {
        let rows = try Self.csv("chart_monthly")
        #expect(rows.count == 12)
        let plan = try #require(Int64(try Self.sql("SELECT sum(amount_cents) FROM v_plan WHERE fiscal_year = 2025 AND kind = 'plan' AND account LIKE '5%'")))
        for (i, row) in rows.enumerated() {
            let m = i + 1
            let actual = try Self.sql("SELECT coalesce(sum(amount_cents), 0) FROM v_ledger WHERE fiscal_year = 2025 AND month <= \(m) AND account LIKE '5%'")
            if let shown = Self.cents(row["actual_cumulative"]) { #expect(shown == Int64(actual), "month \(m)") }
            // Plan × m / 12, rounded half away from zero to the cent (all positive here).
            let phased = (plan * Int64(m) * 2 + 12) / 24
            #expect(Self.cents(row["plan_cumulative"]) == phased, "month \(m)")
        }
        #expect(Self.cents(rows[11]["actual_cumulative"]) != nil, "December has postings in Musterstadt")
    }

    @Test("plan/actual by product area: each area's actual equals sqlite3's sum over the planned product/account lines of v_ledger (accounts 5…)")
    func byArea() throws {
        let rows = try Self.csv("chart_plan_actual_by_area")
        #expect(rows.count >= 10)
        for row in rows {
            // excel-de keeps a code text with a leading tab (a double-click must not turn 05 into 5): the code is after it.
            let area = try #require(row["product_area"]).trimmingCharacters(in: CharacterSet(charactersIn: "\t"))
            let actual = try Self.sql("""
                SELECT coalesce(sum(l.amount_cents), 0) FROM v_ledger l WHERE l.fiscal_year = 2025 AND l.account LIKE '5%' AND substr(l.product, 1, 2) = '\(area)'
                AND EXISTS (SELECT 1 FROM v_plan p WHERE p.fiscal_year = 2025 AND p.kind = 'plan' AND p.product = l.product AND p.account = l.account)
                """)
            let plan = try Self.sql("SELECT coalesce(sum(amount_cents), 0) FROM v_plan WHERE fiscal_year = 2025 AND kind = 'plan' AND account LIKE '5%' AND substr(product, 1, 2) = '\(area)'")
            #expect(Self.cents(row["actual"]) == Int64(actual), "area \(area)")
            #expect(Self.cents(row["plan"]) == Int64(plan), "area \(area)")
        }
    }

    @Test("relief and review charts show positive amounts, largest first; no org unit row stands for fewer than 3 positions")
    func signsAndPrivacy() throws {
        let relief = try Self.csv("chart_relief_by_group").compactMap { Self.cents($0["relief"]) }
        #expect(!relief.isEmpty && relief.allSatisfy { $0 > 0 } && relief == relief.sorted(by: >))
        let review = try Self.csv("chart_review_by_org_unit")
        #expect(review.count <= 12)
        for row in review {
            if let n = row["positions"].flatMap(Int.init) { #expect(n >= 3, "\(row)") }
        }
        let costs = try Self.csv("overview_relief_scenarios").compactMap { Self.cents($0["annual_cost_to_city"]) }
        #expect(costs.count == 4 && costs.allSatisfy { $0 > 0 }, "every Musterstadt relief costs the city: \(costs)")
    }
}

import Foundation
import GRDB

/// One product area and side of the years-compared table (issue 16).
public struct YearComparisonKey: Hashable, Comparable, Sendable {
    public var area: String, side: String
    public static func < (a: YearComparisonKey, b: YearComparisonKey) -> Bool { (a.area, a.side) < (b.area, b.side) }
}

/// The four sums of one key, in cents.
public struct YearComparisonSums: Sendable, Equatable {
    public var actualPrev: Int64 = 0, plan: Int64 = 0, actual: Int64 = 0, planNext: Int64 = 0
}

/// Sums per product area, side and year for the years-side-by-side table (issue 16), from `budgetLine` (plan
/// and actual lines) and `postingTotal` (the ledger's monthly totals); rows read by column name.
enum YearComparisonSQL {
    /// Plan and actual lines per area, side, year and kind; a line without an area takes the first two
    /// characters of its product (the NKF product area).
    static let budget = """
        SELECT coalesce(productArea, substr(product, 1, 2)) AS area, coalesce(side, '') AS side, fiscalYear AS year, kind,
               sum(amountCents) AS cents
        FROM budgetLine WHERE fiscalYear BETWEEN ? AND ? AND kind IN ('plan', 'actual') GROUP BY 1, 2, 3, 4
        """
    /// Postings per area, side and year up to a month; area and side from the plan line of the same product
    /// and account, else the product's first two characters and the account class (4 revenue).
    static let postings = """
        WITH area AS (SELECT product, max(productArea) AS area FROM budgetLine GROUP BY product),
             side AS (SELECT product, account, max(side) AS side FROM budgetLine GROUP BY product, account)
        SELECT coalesce(a.area, substr(t.product, 1, 2)) AS area,
               coalesce(s.side, CASE substr(t.account, 1, 1) WHEN '4' THEN 'revenue' ELSE 'expense' END) AS side, sum(t.amountCents) AS cents
        FROM postingTotal t LEFT JOIN area a ON a.product = t.product LEFT JOIN side s ON s.product = t.product AND s.account = t.account
        WHERE t.fiscalYear = ? AND t.month <= ? GROUP BY 1, 2
        """
}

extension Store {
    /// Cents per (area, side) and column: `actualPrev` (Y−1: actual lines, else postings), `plan` (Y),
    /// `actual` (postings of Y through `throughMonth`), `planNext` (Y+1).
    func yearComparisonSums(year: Int, throughMonth: Int) throws -> [YearComparisonKey: YearComparisonSums] {
        try read { db in
            var out: [YearComparisonKey: YearComparisonSums] = [:]
            var actualLinesPrev = false
            for r in try Row.fetchAll(db, sql: YearComparisonSQL.budget, arguments: [year - 1, year + 1]) {
                let key = YearComparisonKey(row: r), y: Int = r["year"], kind: String = r["kind"], cents: Int64 = r["cents"]
                switch (y - year, kind) {
                case (-1, "actual"): out[key, default: .init()].actualPrev += cents; actualLinesPrev = true
                case (0, "plan"): out[key, default: .init()].plan += cents
                case (1, "plan"): out[key, default: .init()].planNext += cents
                default: break
                }
            }
            if !actualLinesPrev {
                for r in try Row.fetchAll(db, sql: YearComparisonSQL.postings, arguments: [year - 1, 12]) {
                    out[YearComparisonKey(row: r), default: .init()].actualPrev += r["cents"] as Int64
                }
            }
            for r in try Row.fetchAll(db, sql: YearComparisonSQL.postings, arguments: [year, throughMonth]) {
                out[YearComparisonKey(row: r), default: .init()].actual += r["cents"] as Int64
            }
            return out
        }
    }
}

extension YearComparisonKey {
    /// The key of a row with the columns `area` and `side`.
    init(row: Row) { self.init(area: row["area"], side: row["side"]) }
}

import Foundation
import GRDB

/// What the report's charts read from the store beyond the analyses' results.
extension Store {
    /// Expense actuals (the accounts `scheme` puts on the expense side, NKF class 5, as the overview's actual
    /// result counts them) of one year by month, in cents: index 0 is January. Months without postings are 0.
    public func monthlyExpenseActual(year: Int, scheme: any CodeScheme = CodeSchemes.standard) throws -> [Int64] {
        try Store.monthlyExpenseActual(try postingTotals(year: year), year: year, scheme: scheme)
    }

    /// The same from the year's totals by month and account (`postingTotals(year:)`), read before.
    static func monthlyExpenseActual(_ totals: [PostingMonthAccountSum], year: Int, scheme: any CodeScheme = CodeSchemes.standard) throws -> [Int64] {
        var months = [Int64](repeating: 0, count: 12)
        for r in totals where (1...12).contains(r.month) && scheme.side(account: r.account) == .expense {
            months[r.month - 1] = try Checked.add(months[r.month - 1], r.cents, "Ist \(year)-\(r.month)")
        }
        return months
    }

    /// The last month of a year that has postings (0: none).
    public func lastPostedMonth(year: Int) throws -> Int {
        try read { try Int.fetchOne($0, sql: "SELECT coalesce(max(month), 0) FROM postingTotal WHERE fiscalYear = ?", arguments: [year]) ?? 0 }
    }

    /// The plan of one year on one side (revenue or expense), in cents.
    public func planTotal(year: Int, side: BudgetSide) throws -> Int64 {
        try read { try Int64.fetchOne($0, sql: BudgetLineSQL.planBySide, arguments: [year, side.rawValue]) ?? 0 }
    }
}

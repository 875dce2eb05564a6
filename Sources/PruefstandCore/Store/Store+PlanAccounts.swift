import Foundation
import GRDB

extension Store {
    /// The plan (budget lines of kind `plan`) of `year` on the accounts that start with one of `prefixes`,
    /// as the plan states it (revenue positive). Used to reconcile a relief model's base-year revenue.
    public func planTotal(year: Int, accountPrefixes prefixes: [String]) throws -> Money {
        guard !prefixes.isEmpty else { return .zero }
        return try read { db in
            let condition = prefixes.map { _ in "account LIKE ? || '%'" }.joined(separator: " OR ")
            let cents = try Int64.fetchOne(db, sql: "SELECT coalesce(sum(amountCents), 0) FROM budgetLine WHERE kind = 'plan' AND fiscalYear = ? AND (\(condition))",
                                           arguments: StatementArguments([year] + prefixes)) ?? 0
            return Money(cents: cents)
        }
    }
}

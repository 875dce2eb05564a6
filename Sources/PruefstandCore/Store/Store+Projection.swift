import Foundation
import GRDB

/// The plan of one year summed by Kontengruppe (the account's first two digits) and side.
public struct PlanGroupSum: FetchableRecord, Sendable {
    public var accountGroup: String
    public var side: BudgetSide
    public var cents: Int64

    public init(row: Row) throws {
        accountGroup = row["accountGroup"]
        cents = row["cents"]
        let text: String = row["side"]
        guard let side = BudgetSide(rawValue: text) else {
            throw PruefstandError.other("budgetLine.side '\(text)' is neither revenue nor expense")
        }
        self.side = side
    }
}

/// The statements of the consolidation projection (`Analysis/Controlling/ProjectionModel.swift`).
extension Store {
    /// The latest fiscal year with plan lines.
    func latestPlanYear() throws -> Int? {
        try read { try Store.latestPlanYear($0) }
    }

    static func latestPlanYear(_ db: Database) throws -> Int? {
        try Int.fetchOne(db, sql: "SELECT max(fiscalYear) FROM budgetLine WHERE kind = 'plan'")
    }

    /// The plan lines of `year` that have a side (the side the code scheme, or a side column, gave them at
    /// import), summed by account group and side.
    func planByAccountGroup(year: Int) throws -> [PlanGroupSum] {
        try read { db in
            try PlanGroupSum.fetchAll(db, sql: """
                SELECT substr(account, 1, 2) AS accountGroup, side, sum(amountCents) AS cents FROM budgetLine
                WHERE fiscalYear = ? AND kind = 'plan' AND side IS NOT NULL GROUP BY 1, 2
                """, arguments: [year])
        }
    }
}

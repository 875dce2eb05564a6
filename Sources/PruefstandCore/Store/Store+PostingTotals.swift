import Foundation
import GRDB

/// The postings of one fiscal year summed by month and account (from `postingTotal`).
public struct PostingMonthAccountSum: FetchableRecord, Sendable {
    public var month: Int, account: String, cents: Int64
    public init(row: Row) throws {
        month = row["month"]; account = row["account"]; cents = row["cents"]
    }
}

/// What is in a store, for deciding which analyses can run.
public struct StoreContents: Sendable {
    public var positions: Int, postingTotals: Int, planLines: Int
}

/// Statements of the main job and the report's overview (`Pipeline/MainJob.swift`, `Pipeline/ReportAssembly.swift`).
extension Store {
    /// Positions, monthly posting totals and plan lines in the store.
    public func contents() throws -> StoreContents {
        StoreContents(positions: try read { try Int.fetchOne($0, sql: "SELECT count(*) FROM position") ?? 0 },
                      postingTotals: try read { try Int.fetchOne($0, sql: "SELECT count(*) FROM postingTotal") ?? 0 },
                      planLines: try read { try Int.fetchOne($0, sql: "SELECT count(*) FROM budgetLine WHERE kind = 'plan'") ?? 0 })
    }

    /// Whether an import of this kind had a file of this size: if none had, no import had the same bytes,
    /// and the file need not be hashed to know that it is not in the store.
    public func hasImport(kind: ImportKind, byteCount: Int) throws -> Bool {
        try read { try Int.fetchOne($0, sql: "SELECT 1 FROM importRun WHERE kind = ? AND byteCount = ? LIMIT 1", arguments: [kind.rawValue, byteCount]) } != nil
    }

    /// The import of this kind whose file had these bytes, if any.
    public func importId(kind: ImportKind, sha256: String) throws -> Int64? {
        try read { try Int64.fetchOne($0, sql: "SELECT id FROM importRun WHERE kind = ? AND sha256 = ?", arguments: [kind.rawValue, sha256]) }
    }

    /// The postings of `year` summed by month and account: a few thousand rows for a million postings.
    public func postingTotals(year: Int) throws -> [PostingMonthAccountSum] {
        try read { db in
            try PostingMonthAccountSum.fetchAll(db, sql: """
                SELECT month, account, sum(amountCents) AS cents FROM postingTotal WHERE fiscalYear = ? GROUP BY month, account
                """, arguments: [year])
        }
    }
}

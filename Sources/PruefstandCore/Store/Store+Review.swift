import Foundation
import GRDB

/// One row of `reviewDecision`: a committee decision of the position review as stored (decision and dates as text).
public struct StoredReviewDecision: FetchableRecord, Sendable {
    public var id: Int64?
    public var positionId: String, decision: String, comment: String
    public var annualSavingCents: Int64, effectiveYear: Int, decidedOn: String
    public var sourceFile: String, sourceSha256: String, sourceCell: String
    public var supersedesId: Int64?

    public init(id: Int64?, positionId: String, decision: String, comment: String, annualSavingCents: Int64, effectiveYear: Int,
                decidedOn: String, sourceFile: String, sourceSha256: String, sourceCell: String, supersedesId: Int64?) {
        self.id = id; self.positionId = positionId; self.decision = decision; self.comment = comment
        self.annualSavingCents = annualSavingCents; self.effectiveYear = effectiveYear; self.decidedOn = decidedOn
        self.sourceFile = sourceFile; self.sourceSha256 = sourceSha256; self.sourceCell = sourceCell; self.supersedesId = supersedesId
    }

    public init(row: Row) throws {
        self.init(id: row["id"], positionId: row["positionId"], decision: row["decision"], comment: row["comment"],
                  annualSavingCents: row["annualSavingCents"], effectiveYear: row["effectiveYear"], decidedOn: row["decidedOn"],
                  sourceFile: row["sourceFile"], sourceSha256: row["sourceSha256"], sourceCell: row["sourceCell"],
                  supersedesId: row["supersedesId"])
    }
}

/// The statements of the position review's decisions (`Analysis/Review/ReviewDecisions.swift`).
extension Store {
    /// Positions with at least one recorded committee decision of the position review (current or superseded).
    static func reviewDecidedPositions(_ db: Database) throws -> Set<String> {
        Set(try String.fetchAll(db, sql: "SELECT DISTINCT positionId FROM reviewDecision"))
    }

    /// The current (not superseded) decisions, of one position or of all, by position and id.
    static func currentReviewDecisions(_ db: Database, positionId: String? = nil) throws -> [StoredReviewDecision] {
        var sql = """
            SELECT id, positionId, decision, comment, annualSavingCents, effectiveYear, decidedOn, sourceFile, sourceSha256, sourceCell, supersedesId
            FROM reviewDecision d WHERE NOT EXISTS (SELECT 1 FROM reviewDecision n WHERE n.supersedesId = d.id)
            """
        var args: StatementArguments = []
        if let positionId { sql += " AND positionId = ?"; args = [positionId] }
        sql += " ORDER BY positionId, id"
        return try StoredReviewDecision.fetchAll(db, sql: sql, arguments: args)
    }

    /// The current (not superseded) decisions, by position and id.
    public func currentReviewDecisions() throws -> [StoredReviewDecision] {
        try read { db in try Store.currentReviewDecisions(db) }
    }

    /// In one write transaction: `plan` looks up the current decision of a position (the last one) and returns the
    /// decisions to insert (each with the id it supersedes) and a result; when `plan` throws, nothing is written.
    public func writeReviewDecisions<T>(recordedAt: String,
                                        _ plan: ((String) throws -> StoredReviewDecision?) throws -> (insert: [StoredReviewDecision], result: T)) throws -> T {
        try write { db in
            let (rows, result) = try plan { try Store.currentReviewDecisions(db, positionId: $0).last }
            for d in rows {
                try db.execute(sql: """
                    INSERT INTO reviewDecision (positionId, decision, comment, annualSavingCents, effectiveYear, decidedOn,
                        sourceFile, sourceSha256, sourceCell, recordedAt, supersedesId)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [d.positionId, d.decision, d.comment, d.annualSavingCents, d.effectiveYear,
                                     d.decidedOn, d.sourceFile, d.sourceSha256, d.sourceCell, recordedAt, d.supersedesId])
            }
            return result
        }
    }
}

import Foundation
import GRDB

extension Store {
    /// One posting behind a variance line (drill-down, issue 16).
    struct LinePosting: Sendable {
        var keys: [String], date: String, document: String, product: String, account: String, costCenter: String
        var vendor: String, description: String, cents: Int64
    }

    /// The postings of fiscal year `year` through month `throughMonth` whose `columns` (posting columns
    /// `product`, `account`, `costCenter`) equal one of `lines`, in one pass over the ledger.
    func postings(year: Int, throughMonth: Int, columns: [String], lines: [[String]]) throws -> [LinePosting] {
        guard !lines.isEmpty, !columns.isEmpty else { return [] }
        let linesIn = SQLPlaceholders.tupleIn(columns, rows: lines)
        let sql = """
            SELECT \(columns.joined(separator: ", ")), postingDate, documentId, product, account, costCenter, vendor, description, amountCents
            FROM posting WHERE fiscalYear = ? AND substr(postingDate, 1, 7) <= ?
              AND \(linesIn.sql)
            """
        let through = String(format: "%04d-%02d", year, throughMonth)
        var args: StatementArguments = [year, through]
        args += linesIn.arguments
        return try read { db in
            try Row.fetchAll(db, sql: sql, arguments: args).map { r in
                let n = columns.count
                // The key columns come first, by position (a key column may be `product` or `account` again).
                return LinePosting(keys: (0..<n).map { r[$0] }, date: r["postingDate"], document: r["documentId"], product: r["product"],
                                   account: r["account"], costCenter: r["costCenter"], vendor: r["vendor"], description: r["description"],
                                   cents: r["amountCents"])
            }
        }
    }
}

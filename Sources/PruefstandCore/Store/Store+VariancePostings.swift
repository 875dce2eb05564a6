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
        let tuple = "(" + columns.joined(separator: ", ") + ")"
        let one = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
        let sql = """
            SELECT \(columns.joined(separator: ", ")), postingDate, documentId, product, account, costCenter, vendor, description, amountCents
            FROM posting WHERE fiscalYear = ? AND substr(postingDate, 1, 7) <= ?
              AND \(tuple) IN (VALUES \(Array(repeating: one, count: lines.count).joined(separator: ", ")))
            """
        let through = String(format: "%04d-%02d", year, throughMonth)
        var args: StatementArguments = [year, through]
        for line in lines { for key in line { args += [key] } }
        return try read { db in
            try Row.fetchAll(db, sql: sql, arguments: args).map { r in
                let n = columns.count
                return LinePosting(keys: (0..<n).map { r[$0] }, date: r[n], document: r[n + 1], product: r[n + 2], account: r[n + 3],
                                   costCenter: r[n + 4], vendor: r[n + 5], description: r[n + 6], cents: r[n + 7])
            }
        }
    }
}

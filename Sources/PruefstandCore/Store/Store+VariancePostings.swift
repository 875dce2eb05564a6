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
    ///
    /// The monthly totals (`postingTotal`, kept with the postings: each counts the postings of its import,
    /// year, month, product and account) say first which lines have any posting in the year at all; only
    /// those are looked for, and when none has, the ledger is not read (issue 18: the largest variances are
    /// often plan lines without a posting). The months are not used for that: a posting's month in the
    /// totals is its date's, which may lie outside the fiscal year.
    func postings(year: Int, throughMonth: Int, columns: [String], lines: [[String]]) throws -> [LinePosting] {
        guard !lines.isEmpty, !columns.isEmpty else { return [] }
        let through = String(format: "%04d-%02d", year, throughMonth)
        return try read { db in
            let lines = try linesWithPostings(db, year: year, columns: columns, lines: lines)
            guard !lines.isEmpty else { return [] }
            let linesIn = SQLPlaceholders.tupleIn(columns, rows: lines)
            let sql = """
                SELECT \(columns.joined(separator: ", ")), postingDate, documentId, product, account, costCenter, vendor, description, amountCents
                FROM posting WHERE fiscalYear = ? AND substr(postingDate, 1, 7) <= ?
                  AND \(linesIn.sql)
                """
            var args: StatementArguments = [year, through]
            args += linesIn.arguments
            let n = columns.count
            return try Row.fetchAll(db, sql: sql, arguments: args).map { r in
                // The key columns come first, by position (a key column may be `product` or `account` again).
                LinePosting(keys: (0..<n).map { r[$0] }, date: r[n], document: r[n + 1], product: r[n + 2], account: r[n + 3],
                            costCenter: r[n + 4], vendor: r[n + 5], description: r[n + 6], cents: r[n + 7])
            }
        }
    }

    /// The `lines` (in their order) that may have postings in fiscal year `year`: those whose `product` and
    /// `account` key columns have a monthly total with postings in that year. Lines keyed by cost centre
    /// alone are all kept (the totals have no cost centre).
    private func linesWithPostings(_ db: Database, year: Int, columns: [String], lines: [[String]]) throws -> [[String]] {
        let known = columns.indices.filter { ["product", "account"].contains(columns[$0]) }
        guard !known.isEmpty else { return lines }
        let keys = lines.map { line in known.map { line[$0] } }
        let keysIn = SQLPlaceholders.tupleIn(known.map { columns[$0] }, rows: keys)
        var args: StatementArguments = [year]
        args += keysIn.arguments
        var posted = Set<[String]>()
        let rows = try Row.fetchCursor(db, sql: """
            SELECT DISTINCT \(known.map { columns[$0] }.joined(separator: ", ")) FROM postingTotal
            WHERE fiscalYear = ? AND postingCount > 0 AND \(keysIn.sql)
            """, arguments: args)
        while let r = try rows.next() { posted.insert(known.indices.map { r[$0] }) }
        return zip(lines, keys).filter { posted.contains($0.1) }.map(\.0)
    }
}

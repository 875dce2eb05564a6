import Foundation
import GRDB

/// One sum of postings the plan/actual comparison reads: by fiscal year, month, product, account and, where
/// asked for, cost centre or vendor (empty otherwise).
struct VarianceActualSum {
    var fiscalYear: Int, month: Int
    var product: String, account: String, costCenter: String, vendor: String
    var cents: Int64

    /// A row of the monthly sums: fiscal year, month, product, account, cost centre, cents (in this order:
    /// read by position, the comparison's hot path reads up to a few hundred thousand of them).
    static func monthly(_ r: Row) -> VarianceActualSum {
        VarianceActualSum(fiscalYear: r[0], month: r[1], product: r[2], account: r[3], costCenter: r[4], vendor: "", cents: r[5])
    }

    /// A row of the year-to-date sums by vendor: fiscal year, product, account, cost centre, vendor, cents.
    static func byVendor(_ r: Row) -> VarianceActualSum {
        VarianceActualSum(fiscalYear: r[0], month: 0, product: r[1], account: r[2], costCenter: r[3], vendor: r[4], cents: r[5])
    }
}

/// The statements of the plan/actual comparison (`Analysis/Controlling/VarianceAnalysis.swift`).
extension Store {
    /// The latest fiscal year with postings, else the latest plan year.
    func latestVarianceYear() throws -> Int? {
        try read { db in
            if let y = try Int.fetchOne(db, sql: "SELECT max(fiscalYear) FROM postingTotal") { return y }
            return try Store.latestPlanYear(db)
        }
    }

    /// In one snapshot: the plan of `year` per product and account (`plan(product, account, cents)`), then the
    /// monthly actual sums of `year` and `priorYear` (per cost centre when `byCostCenter`: from the posting
    /// table; else from `postingTotal`, a few ten thousand rows for a million postings).
    func varianceSums(year: Int, priorYear: Int, byCostCenter: Bool,
                      plan: (String, String, Int64) throws -> Void,
                      actual: (VarianceActualSum) throws -> Void) throws {
        try read { db in
            let planRows = try Row.fetchCursor(db, sql: """
                SELECT product, account, sum(amountCents) FROM budgetLine
                WHERE fiscalYear = ? AND kind = 'plan' GROUP BY product, account
                """, arguments: [year])
            while let r = try planRows.next() { try plan(r[0], r[1], r[2]) }
            let sql = byCostCenter
                ? """
                  SELECT fiscalYear, CAST(substr(postingDate, 6, 2) AS INTEGER), product, account, costCenter, sum(amountCents)
                  FROM posting WHERE fiscalYear IN (?, ?) GROUP BY 1, 2, 3, 4, 5
                  """
                : "SELECT fiscalYear, month, product, account, '', sum(amountCents) FROM postingTotal WHERE fiscalYear IN (?, ?) GROUP BY 1, 2, 3, 4"
            let cursor = try Row.fetchCursor(db, sql: sql, arguments: [year, priorYear])
            while let r = try cursor.next() {
                try actual(.monthly(r))
            }
        }
    }

    /// Each cost centre's org unit.
    func costCenterOrgUnits() throws -> [String: String] {
        try read { db in
            try Dictionary(Row.fetchAll(db, sql: "SELECT costCenterId, orgUnitId FROM costCenter").map { ($0["costCenterId"] as String, $0["orgUnitId"] as String) },
                           uniquingKeysWith: { a, _ in a })
        }
    }

    /// The postings of `year` and the year before through month `through`, summed by year, product, account,
    /// cost centre (when `byCostCenter`, else empty) and vendor; only for the given product/account `pairs` when
    /// there are fewer than 2,000 of them, else for the `products` and `accounts`, else all.
    func varianceVendorSums(year: Int, through: Int, byCostCenter: Bool, pairs: [[String]], products: [String], accounts: [String],
                            _ body: (VarianceActualSum) throws -> Void) throws {
        try read { db in
            let cc = byCostCenter ? "costCenter" : "''"
            var filter = ""
            // The month is tested last: most postings fail the filter of lines before their date is read (issue 18).
            var arguments: StatementArguments = [year, year - 1]
            if !pairs.isEmpty && pairs.count < 2_000 {
                let pairsIn = SQLPlaceholders.tupleIn(["product", "account"], rows: pairs)
                filter = " AND " + pairsIn.sql
                arguments += pairsIn.arguments
            } else if !products.isEmpty && products.count + accounts.count < 20_000 {
                let productIn = SQLPlaceholders.listIn("product", products), accountIn = SQLPlaceholders.listIn("account", accounts)
                filter = " AND \(productIn.sql) AND \(accountIn.sql)"
                arguments += productIn.arguments
                arguments += accountIn.arguments
            }
            let cursor = try Row.fetchCursor(db, sql: """
                SELECT fiscalYear, product, account, \(cc), vendor, sum(amountCents) FROM posting
                WHERE fiscalYear IN (?, ?)\(filter) AND CAST(substr(postingDate, 6, 2) AS INTEGER) <= ?
                GROUP BY 1, 2, 3, 4, 5
                """, arguments: arguments + [through])
            while let r = try cursor.next() {
                try body(.byVendor(r))
            }
        }
    }
}

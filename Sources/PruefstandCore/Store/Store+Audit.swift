import Foundation
import GRDB

/// The postings of one year and the year before, stepped one row at a time in id order, for the audit's
/// scan of the ledger (`Analysis/Controlling/AuditLedger.swift`). Each accessor reads a column of the row
/// the last `next()` reached; text bytes stay valid until the next step.
struct LedgerScan {
    fileprivate let q: RawStatement
    /// Steps to the next posting; `false` when there is none.
    func next() throws -> Bool { try q.nextRow() }
    @inline(__always) var id: Int64 { q.int64(0) }
    @inline(__always) var fiscalYear: Int64 { q.int64(1) }
    /// `postingDate` as written (`yyyy-mm-dd`).
    @inline(__always) var postingDate: UnsafeRawBufferPointer { q.text(2) }
    @inline(__always) var documentId: UnsafeRawBufferPointer { q.text(3) }
    @inline(__always) var product: UnsafeRawBufferPointer { q.text(4) }
    @inline(__always) var account: UnsafeRawBufferPointer { q.text(5) }
    @inline(__always) var vendor: UnsafeRawBufferPointer { q.text(6) }
    @inline(__always) var amountCents: Int64 { q.int64(7) }
}

/// The statements of the ledger audit (`Analysis/Controlling/AuditLedger.swift`, `LedgerAudit.swift`).
extension Store {
    /// The latest fiscal year with postings.
    func latestPostingYear() throws -> Int? {
        try read { try Int.fetchOne($0, sql: "SELECT max(fiscalYear) FROM posting") }
    }

    /// In one snapshot: the number of postings of `year` by the store's control totals (nil when there are
    /// none), then the postings of `year` and `year - 1` in id order.
    func scanAuditPostings<T>(year: Int, _ body: (_ yearCount: Int?, _ rows: LedgerScan) throws -> T) throws -> T {
        try read { db in
            let q = try RawStatement(db, sql: """
                SELECT id, fiscalYear, postingDate, documentId, product, account, vendor, amountCents
                FROM posting WHERE fiscalYear IN (?1, ?2) ORDER BY id
                """)
            q.bind(1, year)
            q.bind(2, year - 1)
            let n = try Int.fetchOne(db, sql: "SELECT sum(postingCount) FROM postingTotal WHERE fiscalYear = ?", arguments: [year])
            return try body(n, LedgerScan(q: q))
        }
    }
}

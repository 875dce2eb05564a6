import Foundation
import Testing
@testable import PruefstandCore

/// The drill-down's read of the ledger (`Store.postings`, issue 18): the monthly totals only decide which lines
/// need the pass over the postings; the postings found are the same as a plain filter of the ledger. Expected
/// documents are read off the hand-made ledger below.
@Suite("Store: postings behind variance lines")
struct VariancePostingsStoreTests {
    /// D1–D3 fiscal 2025 on 01.01.01/521100 (Feb, Jul, Mar; D3 on cost centre KST2); D4 the prior year on the
    /// same line; D5 01.01.01/501100 in May (KST2); D6 fiscal 2025 but dated 2024-12-20 on 02.02.02/531700
    /// (its monthly total is month 12, the line's only one); D7 fiscal 2025 dated 2026-01-10 on 03.03.03/531700 (after
    /// December; its monthly total is month 1).
    static func store() throws -> Store {
        typealias P = ControllingFixture.Posting
        let store = try ControllingFixture.store(postings: [
            P(date: "2025-02-10", product: "01.01.01", account: "521100", amountCents: 10_000, costCenter: "KST1", documentId: "D1"),
            P(date: "2025-07-01", product: "01.01.01", account: "521100", amountCents: 20_000, costCenter: "KST1", documentId: "D2"),
            P(date: "2025-03-01", product: "01.01.01", account: "521100", amountCents: -5_000, costCenter: "KST2", documentId: "D3"),
            P(date: "2024-05-01", product: "01.01.01", account: "521100", amountCents: 99_900, costCenter: "KST1", documentId: "D4"),
            P(date: "2025-05-05", product: "01.01.01", account: "501100", amountCents: 5_000, costCenter: "KST2", documentId: "D5"),
        ], plan: [(2025, "01.01.01", "521100", 100_000), (2025, "09.09.09", "501100", 7_000)])
        try store.write { db in
            for (i, (doc, date, product)) in [("D6", "2024-12-20", "02.02.02"), ("D7", "2026-01-10", "03.03.03")].enumerated() {
                try db.execute(sql: """
                    INSERT INTO posting(importId, sourceLine, fiscalYear, postingDate, documentId, product, costCenter, account,
                                        description, vendor, amountCents) VALUES (1, ?, 2025, ?, ?, ?, 'KST3', '531700', '', 'W', 700)
                    """, arguments: [100 + i, date, doc, product])
            }
            try db.execute(sql: """
                INSERT INTO postingTotal(importId, fiscalYear, month, product, account, amountCents, postingCount)
                VALUES (1, 2025, 12, '02.02.02', '531700', 700, 1), (1, 2025, 1, '03.03.03', '531700', 700, 1)
                """)
        }
        return store
    }

    struct Case: CustomTestStringConvertible, Sendable {
        var name: String, columns: [String], lines: [[String]], through: Int, documents: Set<String>
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "a line without any posting in the year: nothing, and no error", columns: ["product", "account"],
             lines: [["09.09.09", "501100"]], through: 12, documents: []),
        Case(name: "a line with postings beside one without: the year's postings of that line only", columns: ["product", "account"],
             lines: [["09.09.09", "501100"], ["01.01.01", "521100"]], through: 12, documents: ["D1", "D2", "D3"]),
        Case(name: "through June: the July posting is left out", columns: ["product", "account"],
             lines: [["01.01.01", "521100"]], through: 6, documents: ["D1", "D3"]),
        Case(name: "a posting dated in December of the year before, its total in month 12: found through June", columns: ["product", "account"],
             lines: [["02.02.02", "531700"]], through: 6, documents: ["D6"]),
        Case(name: "a posting dated after the fiscal year: left out even through December", columns: ["product", "account"],
             lines: [["03.03.03", "531700"]], through: 12, documents: []),
        Case(name: "by account through June: the December-dated posting of the year before, not the one after the year",
             columns: ["account"], lines: [["531700"]], through: 6, documents: ["D6"]),
        Case(name: "by product: every account of the product", columns: ["product"],
             lines: [["01.01.01"], ["09.09.09"]], through: 12, documents: ["D1", "D2", "D3", "D5"]),
        Case(name: "by account: the account on every product", columns: ["account"],
             lines: [["501100"]], through: 12, documents: ["D5"]),
        Case(name: "by cost centre (no monthly totals for it): the cost centre's postings", columns: ["costCenter"],
             lines: [["KST2"], ["KST9"]], through: 12, documents: ["D3", "D5"]),
        Case(name: "by product, account and cost centre", columns: ["product", "account", "costCenter"],
             lines: [["01.01.01", "521100", "KST1"], ["09.09.09", "501100", "KST1"]], through: 12, documents: ["D1", "D2"]),
    ]

    @Test("the postings of the asked lines, read off the hand-made ledger", arguments: cases)
    func postings(_ c: Case) throws {
        let found = try Self.store().postings(year: 2025, throughMonth: c.through, columns: c.columns, lines: c.lines)
        #expect(Set(found.map(\.document)) == c.documents)
        #expect(found.count == c.documents.count)
        for p in found {
            // Each posting carries its line's keys, in the order of the columns.
            #expect(c.lines.contains(p.keys), "\(p.document): keys \(p.keys)")
        }
    }

    @Test("a posting's fields come back by position: date, document, codes, vendor, amount")
    func fields() throws {
        let found = try Self.store().postings(year: 2025, throughMonth: 12, columns: ["account", "product"], lines: [["501100", "01.01.01"]])
        let p = try #require(found.first)
        #expect(found.count == 1)
        #expect(p.keys == ["501100", "01.01.01"])
        #expect((p.date, p.document, p.product, p.account) == ("2025-05-05", "D5", "01.01.01", "501100"))
        #expect((p.costCenter, p.vendor, p.description, p.cents) == ("KST2", "V", "", 5_000))
    }
}

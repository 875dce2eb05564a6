import Foundation
import Testing
@testable import PruefstandCore

/// The ledger pipeline's batch, tally and monthly totals (issue 14's faster import): the ISO dates the batch
/// writes for the writer, and the monthly totals in `postingTotal`'s key order, codes too long for the packed
/// key included, over a table that grows.
@Suite("Ledger tally")
struct LedgerTallyTests {
    struct Posting { var year: Int64; var date: String; var doc: String; var product: String; var account: String; var cents: Int64 }

    static let fields = ImportKind.ledger.fields
    static func index(_ name: String) -> Int { fields.firstIndex { $0.name == name }! }
    static let f = LedgerTally.Fields(year: index("fiscal_year"), date: index("posting_date"), document: index("document_id"),
                                      product: index("product"), account: index("account"), amount: index("amount"))

    /// A batch of the pipeline holding `postings`, as the parsing thread fills it.
    static func batch(_ postings: [Posting]) -> LedgerPipeline.Batch {
        let b = LedgerPipeline.Batch(fields: fields.count, capacity: 4, dateField: f.date)
        var rows: [ParsedRow] = []
        for p in postings {
            var r = ParsedRow(fieldCount: fields.count)
            r.num[f.year] = p.year; r.present[f.year] = true
            r.num[f.date] = Int64(CivilDate(iso: p.date)!.dayNumber); r.present[f.date] = true
            r.num[f.amount] = p.cents; r.present[f.amount] = true
            for (field, text) in [(f.document, p.doc), (f.product, p.product), (f.account, p.account)] {
                let start = r.text.count
                r.text += Array(text.utf8)
                r.bounds[2 * field] = start; r.bounds[2 * field + 1] = r.text.count; r.present[field] = true
            }
            rows.append(r)
        }
        b.makeRoom(for: rows.count)   // grows past its capacity when empty
        rows.withUnsafeBufferPointer { rs in for i in rs.indices { b.append(rs, i, line: i + 2) } }
        return b
    }

    @Test("the batch writes each posting's date as yyyy-mm-dd for the writer to bind", arguments: [
        "2025-01-01", "2025-12-31", "2024-02-29", "1999-10-09", "2100-03-01",
    ])
    func isoDates(date: String) {
        let b = Self.batch([Posting(year: 2025, date: date, doc: "B1", product: "01.11.01", account: "521100", cents: 1)])
        #expect(String(decoding: b.view.isoDate(0), as: UTF8.self) == date)
    }

    @Test("monthly totals sorted as postingTotal's key (year, month as numbers; product, account bytewise); long codes kept whole")
    func sortedTotals() {
        let postings = [
            Posting(year: 2025, date: "2025-11-03", doc: "B1", product: "01.11.01", account: "521100", cents: 500),
            Posting(year: 2025, date: "2025-02-10", doc: "B2", product: "01.111.111", account: "521100", cents: 700),
            Posting(year: 2025, date: "2025-02-11", doc: "B3", product: "01.11.01", account: "521100", cents: -200),
            // Same first 10 bytes of product, same first 8 of account: four different totals, never merged.
            Posting(year: 2025, date: "2025-02-12", doc: "B4", product: "01.111.111.1", account: "123456789", cents: 1),
            Posting(year: 2025, date: "2025-02-12", doc: "B5", product: "01.111.111.2", account: "123456789", cents: 2),
            Posting(year: 2025, date: "2025-02-13", doc: "B6", product: "01.111.111.1", account: "123456780", cents: 4),
            Posting(year: 2025, date: "2025-02-14", doc: "B7", product: "01.111.111.1", account: "123456789", cents: 8),
            Posting(year: 2024, date: "2024-12-31", doc: "B8", product: "09.01.01", account: "501100", cents: 3),
            Posting(year: 2025, date: "2025-02-15", doc: "B9", product: "01.11.01", account: "52110", cents: 9),
        ]
        var tally = LedgerTally(expectedPostings: 0)
        var totals = MonthlyTotals()
        let b = Self.batch(postings)
        tally.prepare(batch: b.view, Self.f)
        tally.add(batch: b.view, Self.f)
        totals.prepare(batch: b.view, Self.f)
        totals.add(batch: b.view, Self.f)
        let got = totals.sorted().map { "\($0.year)-\($0.month) \(String(decoding: $0.product, as: UTF8.self)) \(String(decoding: $0.account, as: UTF8.self)) \($0.cents)/\($0.count)" }
        // Worked out by hand: "." (0x2E) sorts before the digits, a shorter code before its extensions.
        #expect(got == [
            "2024-12 09.01.01 501100 3/1",
            "2025-2 01.11.01 52110 9/1",
            "2025-2 01.11.01 521100 -200/1",
            "2025-2 01.111.111 521100 700/1",
            "2025-2 01.111.111.1 123456780 4/1",
            "2025-2 01.111.111.1 123456789 9/2",
            "2025-2 01.111.111.2 123456789 2/1",
            "2025-11 01.11.01 521100 500/1",
        ])
        #expect(tally.candidates.isEmpty)
        #expect(tally.minDocument.map { String(decoding: $0, as: UTF8.self) } == "B1")
        #expect(tally.maxDocument.map { String(decoding: $0, as: UTF8.self) } == "B9")
    }

    @Test("many distinct totals over many batches (the table grows and wraps): each equals the sum computed here", arguments: [1, 3_000, 20_000])
    func manyTotals(postingsPerBatch: Int) {
        var rng = SplitMix(seed: UInt64(postingsPerBatch))
        var oracle: [String: (Int64, Int64)] = [:]
        var totals = MonthlyTotals()
        for _ in 0..<4 {
            var postings: [Posting] = []
            for _ in 0..<postingsPerBatch {
                let month = Int(rng.next() % 12) + 1
                let product = String(format: "%02d.%02d.%02d", Int(rng.next() % 17) + 1, Int(rng.next() % 40), Int(rng.next() % 40))
                let account = String(500000 + Int(rng.next() % 50))
                let cents = Int64(rng.next() % 2_000_001) - 1_000_000
                postings.append(Posting(year: 2025, date: String(format: "2025-%02d-15", month), doc: "D", product: product, account: account, cents: cents))
                let key = "2025-\(month) \(product) \(account)"
                let o = oracle[key] ?? (0, 0)
                oracle[key] = (o.0 + cents, o.1 + 1)
            }
            let b = Self.batch(postings)
            totals.prepare(batch: b.view, Self.f)
            totals.add(batch: b.view, Self.f)
        }
        let got = totals.sorted()
        #expect(got.count == oracle.count && totals.count == oracle.count)
        for t in got {
            let key = "\(t.year)-\(t.month) \(String(decoding: t.product, as: UTF8.self)) \(String(decoding: t.account, as: UTF8.self))"
            #expect(oracle[key].map { $0 == (t.cents, t.count) } == true, "\(key)")
        }
    }

    /// A small deterministic generator (the test's data, not the program's).
    struct SplitMix {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }
}

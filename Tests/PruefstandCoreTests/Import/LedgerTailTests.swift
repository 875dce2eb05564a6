import Foundation
import GRDB
import Testing
@testable import PruefstandCore

/// The ledger import's tail (issue 18): one scan of the stored postings finds the repeated document ids and
/// reads the control total. The postings are made here; the repeated ids, their lines and the sums are
/// worked out from them in the test (the oracle), never read from the program. The control total must stay
/// a read of the store: a store that does not hold what the importer handed it (changed, lost or added by a
/// trigger planted in the test store) stops the import.
@Suite("Ledger import tail")
struct LedgerTailTests {
    struct Posting { var doc: String; var cents: Int64 }

    /// `n` postings with distinct document ids, then `plants` (copy the id of row `from` to row `to`); amounts
    /// vary in sign and size so that a sum tells rows apart.
    static func postings(_ n: Int, plants: [(from: Int, to: Int)]) -> [Posting] {
        var rows: [Posting] = []
        for i in 0..<n {
            let magnitude = Int64((i * 7919) % 100_003)
            let sign: Int64 = i % 5 == 0 ? -1 : 1
            rows.append(Posting(doc: String(format: "D%07d", i), cents: magnitude * sign + 1))
        }
        for p in plants where p.from < n && p.to < n { rows[p.to].doc = rows[p.from].doc }
        return rows
    }

    static func write(_ rows: [Posting], _ dir: String) throws -> String {
        var text = "fiscal_year,posting_date,document_id,product,cost_center,account,description,vendor,amount\n"
        for (i, r) in rows.enumerated() {
            let a = abs(r.cents)
            text += "2025,2025-\(String(format: "%02d", 1 + i % 12))-15,\(r.doc),01.11.01,K\(i % 3),521100,Text \(i),V\(i % 5),"
                + "\(r.cents < 0 ? "-" : "")\(a / 100).\(String(format: "%02d", a % 100))\n"
        }
        let path = "\(dir)/ledger.csv"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func importLedger(_ store: Store, _ path: String, dir: String) throws -> ImportSummary {
        var options = ImportOptions(); options.rejectsDirectory = dir
        return try Importer(store: store).run(kind: .ledger, path: path, mapping: nil, options: options)
    }

    /// The oracle: each document id used more than once, with its file lines (row i is line i + 2), by first line.
    static func repeated(_ rows: [Posting]) -> [DuplicateKey] {
        var lines: [String: [Int]] = [:]
        for (i, r) in rows.enumerated() { lines[r.doc, default: []].append(i + 2) }
        return lines.filter { $0.value.count > 1 }
            .map { DuplicateKey(field: "document_id", value: $0.key, count: $0.value.count, lines: $0.value) }
            .sorted { $0.lines[0] < $1.lines[0] }
    }

    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var rows: Int
        var plants: [(from: Int, to: Int)]
        var testDescription: String { name }
    }

    // The pipeline hands over batches of 2,048 postings: rows 0 … 2047 are the first batch.
    static let cases: [Case] = [
        Case(name: "no repeated id (no candidates or only the filter's false ones)", rows: 5000, plants: []),
        Case(name: "the first row's id again in the last row", rows: 5000, plants: [(0, 4999)]),
        Case(name: "the last row of a batch and the first of the next", rows: 5000, plants: [(2047, 2048)]),
        Case(name: "one id three times, in three batches; another twice in one batch", rows: 6200,
             plants: [(10, 3000), (10, 6199), (4100, 4101)]),
        Case(name: "two rows, the same id", rows: 2, plants: [(0, 1)]),
        Case(name: "one row", rows: 1, plants: []),
    ]

    @Test("repeated document ids with all their lines, and the control total, over batches", arguments: cases)
    func repeatedIds(_ c: Case) throws {
        let (store, dir) = try TestSupport.tempStore()
        let rows = Self.postings(c.rows, plants: c.plants)
        let s = try Self.importLedger(store, try Self.write(rows, dir), dir: dir)
        let sum = rows.reduce(Int64(0)) { $0 + $1.cents }
        #expect(s.rowsImported == c.rows && s.rowsRejected == 0)
        #expect(s.duplicates == Self.repeated(rows))
        #expect(s.duplicates.count == Set(c.plants.map(\.from)).count)
        #expect(s.controlStoredCents == sum && s.controlImportedCents == sum && s.controlReadCents == sum)
    }

    struct Tamper: CustomTestStringConvertible, Sendable {
        var name: String
        /// A trigger on `posting` in the test store: the store then holds something else than was inserted.
        var trigger: String
        /// What the store then holds beyond the file's sum: one cent more, or a row's amount less or more.
        enum Delta: Sendable { case cent, lost(row: Int), twice(row: Int) }
        var delta: Delta
        func cents(_ rows: [Posting]) -> Int64 {
            switch delta {
            case .cent: return 1
            case .lost(let i): return -rows[i].cents
            case .twice(let i): return rows[i].cents
            }
        }
        var testDescription: String { name }
    }

    static let tampers: [Tamper] = [
        Tamper(name: "the first posting's amount changed by one cent", trigger: """
            CREATE TRIGGER tamper AFTER INSERT ON posting WHEN NEW.sourceLine = 2
            BEGIN UPDATE posting SET amountCents = amountCents + 1 WHERE id = NEW.id; END
            """, delta: .cent),
        Tamper(name: "the last posting lost", trigger: """
            CREATE TRIGGER tamper AFTER INSERT ON posting WHEN NEW.sourceLine = 5001
            BEGIN DELETE FROM posting WHERE id = NEW.id; END
            """, delta: .lost(row: 4999)),
        Tamper(name: "a posting of the second batch stored twice", trigger: """
            CREATE TRIGGER tamper AFTER INSERT ON posting WHEN NEW.sourceLine = 3002 AND NEW.description <> 'ghost'
            BEGIN INSERT INTO posting (importId, sourceLine, fiscalYear, postingDate, documentId, product, costCenter, account, description, vendor, amountCents)
                  VALUES (NEW.importId, NEW.sourceLine, NEW.fiscalYear, NEW.postingDate, NEW.documentId, NEW.product, NEW.costCenter,
                          NEW.account, 'ghost', NEW.vendor, NEW.amountCents); END
            """, delta: .twice(row: 3000)),
    ]

    @Test("a store that does not hold what was imported stops the import with both sums; nothing stays", arguments: tampers)
    func controlTotalMismatch(_ t: Tamper) throws {
        let (store, dir) = try TestSupport.tempStore()
        let rows = Self.postings(5000, plants: [(0, 4999)])
        try store.writer.write { try $0.execute(sql: t.trigger) }
        let sum = rows.reduce(Int64(0)) { $0 + $1.cents }
        do {
            _ = try Self.importLedger(store, try Self.write(rows, dir), dir: dir)
            Issue.record("the import was committed although the store holds another sum")
        } catch PruefstandError.reconciliation(_, let message) {
            #expect(message.en.contains("imported rows sum to \(Money(cents: sum).germanString)"), "\(message.en)")
            #expect(message.en.contains("the store holds \(Money(cents: sum + t.cents(rows)).germanString)"), "\(message.en)")
        }
        #expect(try store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM posting") } == 0)
        #expect(try store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM importRun") } == 0)
    }

    @Test("postings skipped by append after the scan: the control total is read again and is the new postings' sum")
    func skippedAfterScan() throws {
        let (store, dir) = try TestSupport.tempStore()
        let rows = Self.postings(3000, plants: [(5, 2500)])
        let first = Array(rows.prefix(1000))
        _ = try Self.importLedger(store, try Self.write(first, dir), dir: dir)
        let s = try Self.importLedger(store, try Self.write(rows, dir), dir: dir)
        let added = rows.dropFirst(1000).reduce(Int64(0)) { $0 + $1.cents }
        #expect(s.effect.skipped == 1000 && s.effect.skippedCents == first.reduce(0) { $0 + $1.cents })
        #expect(s.controlStoredCents == added)
        #expect(s.duplicates == Self.repeated(rows))
    }
}

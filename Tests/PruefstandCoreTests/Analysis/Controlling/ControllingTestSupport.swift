import Foundation
import GRDB
@testable import PruefstandCore

/// Test helpers for the controlling suites: a fresh in-memory store filled by plain SQL inserts.
///
/// The real importer is written elsewhere; this minimal loader does what it promises for the tables
/// the controlling analyses read: `posting`, `postingTotal` (sums by import, year, month, product,
/// account) and `budgetLine`.
enum ControllingFixture {
    static var casesURL: URL {
        Bundle.module.url(forResource: "Cases", withExtension: nil)!.appendingPathComponent("controlling")
    }

    struct Posting {
        var date: String
        var product: String
        var account: String
        var amountCents: Int64
        var vendor = "V"
        var costCenter = "KST1"
        var documentId = ""
    }

    /// A store with the given postings (import 1) and plan lines (import 2).
    static func store(postings: [Posting], plan: [(year: Int, product: String, account: String, cents: Int64)],
                      costCenters: [(String, String)] = [], path: String? = nil) throws -> Store {
        let store = try path.map { try Store.open(path: $0) } ?? Store.inMemory()
        try store.write { db in
            try db.execute(sql: """
                INSERT INTO importRun(id, kind, sourcePath, sha256, byteCount, startedAt, finishedAt, rowsRead, rowsImported,
                                      rowsRejected, onError, engineVersion)
                VALUES (1, 'ledger', 'test', 'a', 0, '', '', 0, 0, 0, 'abort', 'test'),
                       (2, 'plan', 'test', 'b', 0, '', '', 0, 0, 0, 'abort', 'test'),
                       (3, 'costcenters', 'test', 'c', 0, '', '', 0, 0, 0, 'abort', 'test')
                """)
            let insert = try db.makeStatement(sql: """
                INSERT INTO posting(importId, sourceLine, fiscalYear, postingDate, documentId, product, costCenter, account,
                                    description, vendor, amountCents) VALUES (1, ?, ?, ?, ?, ?, ?, ?, '', ?, ?)
                """)
            for (i, p) in postings.enumerated() {
                try insert.execute(arguments: [i + 2, Int(p.date.prefix(4))!, p.date, p.documentId.isEmpty ? "D\(i + 1)" : p.documentId,
                                               p.product, p.costCenter, p.account, p.vendor, p.amountCents])
            }
            try db.execute(sql: """
                INSERT INTO postingTotal(importId, fiscalYear, month, product, account, amountCents, postingCount)
                SELECT importId, fiscalYear, CAST(substr(postingDate, 6, 2) AS INTEGER), product, account, sum(amountCents), count(*)
                FROM posting GROUP BY 1, 2, 3, 4, 5
                """)
            // The side as the plan import stores it for NKF codes: class 4 revenue, class 5 expense, else none.
            let planInsert = try db.makeStatement(sql: """
                INSERT INTO budgetLine(importId, sourceLine, fiscalYear, kind, product, account, amountCents, side) VALUES (2, ?, ?, 'plan', ?, ?, ?, ?)
                """)
            for (i, l) in plan.enumerated() {
                let side = l.account.hasPrefix("4") ? "revenue" : l.account.hasPrefix("5") ? "expense" : nil
                try planInsert.execute(arguments: [i + 2, l.year, l.product, l.account, l.cents, side])
            }
            for (i, (cc, ou)) in costCenters.enumerated() {
                try db.execute(sql: "INSERT INTO costCenter(costCenterId, importId, sourceLine, name, orgUnitId) VALUES (?, 3, ?, ?, ?)",
                               arguments: [cc, i + 2, cc, ou])
            }
        }
        return store
    }

    /// Loads the generator's canonical ledger and plan CSV files through the real importer, as a user would.
    static func store(ledgerCSV: URL, planCSV: URL) throws -> Store {
        let (store, dir) = try TestSupport.tempStore()
        var options = ImportOptions(); options.rejectsDirectory = dir
        let l = try Importer(store: store).run(kind: .ledger, path: ledgerCSV.path, mapping: nil, options: options)
        let p = try Importer(store: store).run(kind: .plan, path: planCSV.path, mapping: nil, options: options)
        precondition(l.status == "committed" && p.status == "committed" && l.rowsRejected == 0 && p.rowsRejected == 0)
        return store
    }

    /// `-123.45` → -12345 (the generator always writes two decimals).
    static func cents(_ s: String) -> Int64 {
        let neg = s.hasPrefix("-")
        let parts = s.drop { $0 == "-" }.split(separator: ".")
        let v = Int64(parts[0])! * 100 + (parts.count > 1 ? Int64(parts[1])! : 0)
        return neg ? -v : v
    }

    /// A minimal RFC 4180 reader (quoted fields with doubled quotes; CRLF or LF).
    static func csvRecords(_ url: URL) throws -> [[String]] {
        let text = try String(contentsOf: url, encoding: .utf8)
        var records: [[String]] = [], field = "", record: [String] = [], quoted = false
        var it = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        while let c = pending ?? it.next() {
            pending = nil
            if quoted {
                if c == "\"" {
                    if let n = it.next() {
                        if n == "\"" { field.unicodeScalars.append("\"") } else { quoted = false; pending = n }
                    } else { quoted = false }
                } else { field.unicodeScalars.append(c) }
                continue
            }
            switch c {
            case "\"": quoted = true
            case ",": record.append(field); field = ""
            case "\r": continue
            case "\n": record.append(field); records.append(record); record = []; field = ""
            default: field.unicodeScalars.append(c)
            }
        }
        if !field.isEmpty || !record.isEmpty { record.append(field); records.append(record) }
        return records
    }
}

import Foundation
import Testing
@testable import PruefstandCore

@Suite("Export: streaming store export")
struct StoreExportTests {
    typealias S = ExportTestSupport

    @Test("A view with 5 rows and 3 rows per sheet (header + 2) spills onto 3 sheets, rows in order")
    func spill() throws {
        let store = try S.store()
        let dir = try S.tempDir("spill")
        let file = dir.appendingPathComponent("ledger.xlsx")
        let summary = try StoreExport.run(store: store, name: "v_ledger", to: file.path, rowsPerSheet: 3)
        #expect(summary.rows == 5 && summary.sheets == 3)
        let sheets = try S.cells(file)
        #expect(sheets.map(\.name) == ["v_ledger", "v_ledger (2)", "v_ledger (3)"])
        let amountCol = try #require(summary.columns.firstIndex(of: "amount_cents"))
        let letter = XlsxSheet.columnLetter(amountCol)
        // amount_cents of posting i is i × 12,345
        #expect(sheets[0].cells["\(letter)2"]?.v == "12345")
        #expect(sheets[0].cells["\(letter)3"]?.v == "24690")
        #expect(sheets[1].cells["\(letter)2"]?.v == "37035")
        #expect(sheets[2].cells["\(letter)2"]?.v == "61725")
        #expect(sheets[2].cells["\(letter)3"] == nil)
        #expect(sheets.allSatisfy { $0.cells["A1"]?.v == "posting_id" })
        #expect(sheets[0].cells["\(letter)2"]?.fmt == "#,##0")
        // injection text stays a string
        let vendorCol = XlsxSheet.columnLetter(try #require(summary.columns.firstIndex(of: "vendor")))
        #expect(sheets[1].cells["\(vendorCol)3"]?.v == S.atSum)
        #expect(sheets[1].cells["\(vendorCol)3"]?.f == nil)
    }

    @Test("--where filters; CSV excel-de has BOM, semicolons, decimal comma and neutralised text")
    func whereCSV() throws {
        let store = try S.store()
        let dir = try S.tempDir("where")
        let file = dir.appendingPathComponent("x.csv")
        let s = try StoreExport.run(store: store, name: "V_LEDGER", where: "amount_cents > 30000", to: file.path, dialect: .excelDE)
        #expect(s.rows == 3)
        let bytes = try Data(contentsOf: file)
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let rows = S.parseCSV(String(decoding: bytes, as: UTF8.self), separator: ";")
        let eur = try #require(rows[0].firstIndex(of: "amount_eur"))
        let vendor = try #require(rows[0].firstIndex(of: "vendor"))
        let description = try #require(rows[0].firstIndex(of: "description"))
        #expect(rows.dropFirst().map { $0[eur] } == ["370,35", "493,80", "617,25"])
        #expect(rows[1][description] == "'" + S.hyperlink)
        #expect(rows[2][vendor] == "'" + S.atSum)
    }

    @Test("Unknown names, a second statement and writing SQL are refused")
    func refused() throws {
        let store = try S.store()
        let dir = try S.tempDir("refuse")
        let out = dir.appendingPathComponent("x.csv").path
        #expect(throws: PruefstandError.self) { try StoreExport.run(store: store, name: "nope", to: out) }
        #expect(throws: PruefstandError.self) { try StoreExport.run(store: store, name: "posting", where: "1; DELETE FROM posting", to: out) }
        #expect(throws: PruefstandError.self) { try StoreExport.run(store: store, name: "posting", to: dir.appendingPathComponent("x.txt").path) }
        #expect(try store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM posting") } == 5)
    }
}

/// End to end: the built `pruefstand` binary on a store file, as a user would run it.
@Suite("Export: command line", .enabled(if: ExportTestSupport.binary != nil, "pruefstand binary not built next to the tests"))
struct CommandLineExportTests {
    @Test("report --csv and export write their files; a missing table fails with exit code 1 and names it")
    func cli() throws {
        let dir = try ExportTestSupport.tempDir("cli")
        let db = dir.appendingPathComponent("store.sqlite").path
        do {
            let store = try Store.open(path: db)
            try store.write { db in
                try db.execute(sql: """
                    INSERT INTO importRun (id, kind, sourcePath, sha256, byteCount, startedAt, finishedAt, rowsRead, rowsImported,
                      rowsRejected, onError, engineVersion) VALUES (1, 'ledger', 'l.csv', 'ab', 1, 'x', 'y', 1, 1, 0, 'abort', '0.1.0');
                    INSERT INTO posting (importId, sourceLine, fiscalYear, postingDate, documentId, product, costCenter, account,
                      description, vendor, amountCents) VALUES (1, 2, 2025, '2025-01-01', 'D1', '01.11.01', 'K1', '521100', 'x', '=1+1', 199);
                    """)
            }
        }
        let bin = try #require(ExportTestSupport.binary)
        let report = try ExportTestSupport.run(bin, ["report", "--db", db, "--out", dir.appendingPathComponent("r.xlsx").path,
                                                      "--csv", dir.appendingPathComponent("csv").path, "--dialect", "rfc4180"])
        #expect(report.status == 0)
        let audit = try String(contentsOfFile: dir.appendingPathComponent("csv/audit_trail.csv").path, encoding: .utf8)
        #expect(audit.contains("\r\n1,ledger,l.csv,ab,x,,1,1,0,"))
        let export = try ExportTestSupport.run(bin, ["export", "v_ledger", "--db", db, "--out", dir.appendingPathComponent("l.csv").path])
        #expect(export.status == 0)
        let csv = try String(contentsOfFile: dir.appendingPathComponent("l.csv").path, encoding: .utf8)
        #expect(csv.contains(",'=1+1,199,1.99\r\n"))
        let bad = try ExportTestSupport.run(bin, ["export", "nope", "--db", db, "--out", dir.appendingPathComponent("n.csv").path])
        #expect(bad.status == 1)
    }
}

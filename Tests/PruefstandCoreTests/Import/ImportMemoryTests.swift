import CXlsxWriter
import Foundation
import Testing
@testable import PruefstandCore

/// Peak memory of real imports (the built binary under `/usr/bin/time`): rejected rows stream to the rejects
/// CSV and a worksheet streams row by row, so bad rows and workbooks cost about what good CSV rows cost.
/// The full-size figures (3 million rows, a 1,048,575-row sheet) are in BENCHMARKS.md; these are smaller.
@Suite("Import memory (issue 19)", .serialized,
       .enabled(if: CrashSafetyTests.binary != nil && FileManager.default.isExecutableFile(atPath: "/usr/bin/time"),
                "the pruefstand binary is built beside the tests and /usr/bin/time is installed"))
struct ImportMemoryTests {
    /// Peak resident memory in KiB of one `pruefstand import`, and its exit status.
    static func peakKiB(_ arguments: [String]) throws -> (kib: Int, status: Int32, err: String) {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("pf-mem-\(UUID().uuidString)").path
        let r = try TestSupport.runProcess(URL(fileURLWithPath: "/usr/bin/time"),
                                           ["-f", "%M", "-o", base + ".rss", CrashSafetyTests.binary!] + arguments)
        defer { try? FileManager.default.removeItem(atPath: base + ".rss") }
        let text = try String(contentsOfFile: base + ".rss", encoding: .utf8)
        // /usr/bin/time writes "Command exited with non-zero status N" before the figure when the status is not 0.
        let kib = text.split(whereSeparator: \.isNewline).compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }.last ?? -1
        return (kib, r.status, r.err)
    }

    static func ledger(rows: Int, bad: Bool, dir: String) throws -> String {
        let path = "\(dir)/ledger-\(bad ? "bad" : "good")-\(rows).csv"
        FileManager.default.createFile(atPath: path, contents: nil)
        let h = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        var chunk = AdversarialSupport.ledgerHeader + "\n"
        for i in 1...rows {
            // A bad row differs only in its amount (two decimal marks): same bytes, same parsing work.
            chunk += "2025,2025-03-14,B\(i),01.11.01,KST\(i % 97),521100,Miete Objekt \(i % 1000),Vendor \(i % 500) GmbH,\(bad ? "12.3.4" : "12.34")\n"
            if chunk.utf8.count > 1 << 20 { h.write(Data(chunk.utf8)); chunk = "" }
        }
        h.write(Data(chunk.utf8))
        try h.close()
        return path
    }

    @Test("rejected rows stream to disk: 150,000 bad rows peak within 1.5× the memory of 150,000 good rows")
    func rejectsStream() throws {
        let (_, dir) = try TestSupport.tempStore()
        var peaks: [Bool: Int] = [:]
        for bad in [false, true] {
            let file = try Self.ledger(rows: 150_000, bad: bad, dir: dir)
            let r = try Self.peakKiB(["import", "ledger", file, "--db", "\(dir)/m-\(bad).sqlite", "--on-error", "quarantine",
                                      "--quiet", "--rejects-dir", "\(dir)/rejects-\(bad)"])
            #expect(r.status == 0, "\(r.err)")
            peaks[bad] = r.kib
        }
        let good = try #require(peaks[false]), bad = try #require(peaks[true])
        #expect(Double(bad) <= 1.5 * Double(good), "bad rows \(bad) KiB against good rows \(good) KiB")
        let rejects = try String(contentsOfFile: "\(dir)/rejects-true/rejects-ledger-ledger-bad-150000-1.csv", encoding: .utf8)
        #expect(rejects.split(separator: "\r\n").count == 150_001)   // header + every rejected row
    }

    static func workbook(rows: Int, bad: Bool) -> URL {
        XLSXFixtures.writeWorkbook(constantMemory: true) { wb in
            let ws = workbook_add_worksheet(wb, "Buchungen")
            for (c, h) in AdversarialSupport.ledgerHeader.split(separator: ",").enumerated() {
                worksheet_write_string(ws, 0, lxw_col_t(c), String(h), nil)
            }
            for i in 1...rows {
                let r = lxw_row_t(i)
                worksheet_write_number(ws, r, 0, 2025, nil)
                worksheet_write_string(ws, r, 1, "2025-03-14", nil)
                worksheet_write_string(ws, r, 2, "B\(i)", nil)
                worksheet_write_string(ws, r, 3, "01.11.01", nil)
                worksheet_write_string(ws, r, 4, "KST\(i % 97)", nil)
                worksheet_write_string(ws, r, 5, "521100", nil)
                worksheet_write_string(ws, r, 6, "Miete Objekt \(i % 1000)", nil)
                worksheet_write_string(ws, r, 7, "Vendor \(i % 500) GmbH", nil)
                if bad { worksheet_write_string(ws, r, 8, "12.3.4", nil) } else { worksheet_write_number(ws, r, 8, 12.34, nil) }
            }
        }
    }

    @Test("a worksheet streams: 60,000 workbook rows, good or bad, peak within 1.5× the same rows from CSV")
    func workbookStreams() throws {
        let (_, dir) = try TestSupport.tempStore()
        let csv = try Self.ledger(rows: 60_000, bad: false, dir: dir)
        let base = try Self.peakKiB(["import", "ledger", csv, "--db", "\(dir)/csv.sqlite", "--quiet", "--rejects-dir", dir])
        #expect(base.status == 0, "\(base.err)")
        for bad in [false, true] {
            let xlsx = Self.workbook(rows: 60_000, bad: bad)
            let started = Date()
            let r = try Self.peakKiB(["import", "ledger", xlsx.path, "--db", "\(dir)/x-\(bad).sqlite", "--on-error", "quarantine",
                                      "--quiet", "--rejects-dir", "\(dir)/x-rejects-\(bad)"])
            #expect(r.status == 0, "\(r.err)")
            #expect(Double(r.kib) <= 1.5 * Double(base.kib), "\(bad ? "bad" : "good") workbook rows \(r.kib) KiB against CSV \(base.kib) KiB")
            // Rejected rows are not looked up one by one through the sheet (that was quadratic).
            #expect(Date().timeIntervalSince(started) < 120)
        }
    }
}

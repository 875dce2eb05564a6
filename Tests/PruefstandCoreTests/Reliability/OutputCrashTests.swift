import Foundation
import Testing
@testable import PruefstandCore

/// Kills `report` and `export` (the built binary, SIGKILL at random points, a dozen times each) and
/// checks that the previous file stays whole: a CSV keeps its bytes, a workbook still opens.
@Suite("Reliability: outputs under SIGKILL", .serialized, .enabled(if: CrashSafetyTests.binary != nil, "the pruefstand binary is built beside the tests"))
struct OutputCrashTests {
    static let city: Result<(dir: String, db: String), Error> = Result {
        let dir = try TestCity.make(scale: 0.1)
        let db = dir + "/city.sqlite"
        let r = try TestCity.run(["run", dir, "--db", db, "--quiet", "--out", dir + "/first.xlsx"])
        guard r.status == 0 else { throw PruefstandError.other("run failed: \(r.err)") }
        return (dir, db)
    }

    static func start(_ args: [String]) throws -> Process {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: TestCity.binary!)
        p.arguments = args
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        return p
    }

    /// What a writer changes in a folder: its names, and the target's inode, size and time.
    static func snapshot(_ target: String) -> String {
        let dir = (target as NSString).deletingLastPathComponent
        var st = stat()
        let meta = stat(target, &st) == 0 ? "\(st.st_ino)/\(st.st_size)/\(st.st_mtim.tv_sec).\(st.st_mtim.tv_nsec)" : "-"
        return ((try? FileManager.default.contentsOfDirectory(atPath: dir).sorted().joined(separator: "|")) ?? "") + meta
    }

    /// Runs `args` once to time it and to see when it starts writing near `target`, then 12 times killed
    /// at random points of the writing phase (and a little before); `check` after each.
    static func kill12(_ args: [String], target: String, seed: UInt64, check: () throws -> Void) throws -> (killed: Int, finished: Int) {
        let before = snapshot(target)
        let t0 = Date()
        let timing = try start(args)
        var writingFrom: TimeInterval?
        while timing.isRunning {
            if writingFrom == nil && snapshot(target) != before { writingFrom = Date().timeIntervalSince(t0) }
            Thread.sleep(forTimeInterval: 0.002)
        }
        timing.waitUntilExit()
        #expect(timing.terminationStatus == 0)
        let full = max(Date().timeIntervalSince(t0), 0.2)
        let from = max(0, (writingFrom ?? 0) - 0.05)
        try check()
        var rng = ScenarioMonteCarlo.SplitMix64(seed: seed)
        var killed = 0, finished = 0
        for _ in 0..<12 {
            let p = try start(args)
            Thread.sleep(forTimeInterval: from + Double(rng.next() % 1000) / 1000 * (full - from))
            if p.isRunning { kill(p.processIdentifier, SIGKILL); killed += 1 } else { finished += 1 }
            p.waitUntilExit()
            try check()
        }
        return (killed, finished)
    }

    /// The uncompressed CRC-32 of every entry but the document properties (they hold the time written).
    static func entryCRCs(_ xlsx: String) throws -> [String: String] {
        let (status, listing) = try TestSupport.shell("unzip -v '\(xlsx)'")
        guard status == 0 else { return [:] }
        var out: [String: String] = [:]
        for line in listing.split(separator: "\n") {
            let f = line.split(separator: " ", omittingEmptySubsequences: true)
            if f.count == 8, f[6].count == 8, !f[7].hasPrefix("docProps/") { out[String(f[7])] = String(f[6]) }
        }
        return out
    }

    @Test("export to CSV killed 12 times: the previous file keeps its bytes")
    func exportCSV() throws {
        let (dir, db) = try Self.city.get()
        let out = dir + "/out-csv/ledger.csv"
        #expect(try TestCity.run(["export", "v_ledger", "--db", db, "--out", out]).status == 0)
        let before = try #require(TestCity.sha(out))
        let (killed, _) = try Self.kill12(["export", "v_ledger", "--db", db, "--out", out], target: out, seed: 1901) { () throws in
            #expect(TestCity.sha(out) == before, "the CSV changed or is cut")
        }
        #expect(killed >= 4, "most runs should have been killed mid-way (\(killed))")
    }

    @Test("export to .xlsx killed 12 times: the previous workbook stays whole (unzip -t, our reader, same sheet data)")
    func exportXLSX() throws {
        let (dir, db) = try Self.city.get()
        let out = dir + "/out-xlsx/ledger.xlsx"
        #expect(try TestCity.run(["export", "v_ledger", "--db", db, "--out", out]).status == 0)
        let crcs = try Self.entryCRCs(out)
        #expect(crcs["xl/worksheets/sheet1.xml"] != nil)
        let (killed, _) = try Self.kill12(["export", "v_ledger", "--db", db, "--out", out], target: out, seed: 1902) { () throws in
            #expect(try TestSupport.shell("unzip -tq '\(out)'").0 == 0, "unzip -t fails")
            #expect(try Self.entryCRCs(out) == crcs, "the workbook's sheets changed")
            #expect(try XLSXReader(path: out).firstRows(count: 2).count == 2)
        }
        #expect(killed >= 4, "most runs should have been killed mid-way (\(killed))")
    }

    @Test("report with --csv killed 12 times: the previous workbook opens with every sheet, every CSV table is whole")
    func report() throws {
        let (dir, db) = try Self.city.get()
        let out = dir + "/out-report/report.xlsx", csv = dir + "/out-report/csv"
        let args = ["report", "--db", db, "--city", dir, "--as-of", "2026-01-01", "--out", out, "--csv", csv]
        #expect(try TestCity.run(args).status == 0)
        let sheets = try XLSXReader(path: out).sheetNames
        let tables = try FileManager.default.contentsOfDirectory(atPath: csv).sorted()
        func lines(_ f: String) -> [String] {
            (try? String(contentsOfFile: csv + "/" + f, encoding: .utf8))?.components(separatedBy: "\r\n") ?? []
        }
        let shape = tables.map { f in (lines(f).first ?? "", lines(f).count) }
        #expect(tables.count > 5)
        let (killed, _) = try Self.kill12(args, target: out, seed: 1903) { () throws in
            #expect(try TestSupport.shell("unzip -tq '\(out)'").0 == 0, "unzip -t fails")
            #expect(try XLSXReader(path: out).sheetNames == sheets)
            #expect(try FileManager.default.contentsOfDirectory(atPath: csv).filter { !$0.hasPrefix(".") }.sorted() == tables)
            for (f, s) in zip(tables, shape) {
                let l = lines(f)
                #expect(l.first == s.0 && l.count == s.1 && l.last == "", "\(f) is cut")
            }
        }
        #expect(killed >= 4, "most runs should have been killed mid-way (\(killed))")
    }
}

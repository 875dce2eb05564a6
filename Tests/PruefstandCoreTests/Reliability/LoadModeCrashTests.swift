import Foundation
import GRDB
import Testing
@testable import PruefstandCore

/// Kills imports in each load mode (issue 20) with SIGKILL at spread-out points and checks that the store
/// is then exactly as before (postings, their sum, the monthly totals, imports and history) or exactly
/// as after the whole import: never half of a period replaced or half of an overlap skipped.
@Suite("Reliability: load modes killed", .serialized)
struct LoadModeCrashTests {
    struct State: Equatable { var postings: Int64; var cents: Int64; var totals: Int64; var imports: Int64; var history: Int64; var ok: String }

    static func state(_ db: String) throws -> State {
        try Store.open(path: db).read { db in
            State(postings: try Int64.fetchOne(db, sql: "SELECT count(*) FROM posting")!,
                  cents: try Int64.fetchOne(db, sql: "SELECT coalesce(sum(amountCents), 0) FROM posting")!,
                  totals: try Int64.fetchOne(db, sql: "SELECT coalesce(sum(amountCents), 0) FROM postingTotal")!,
                  imports: try Int64.fetchOne(db, sql: "SELECT count(*) FROM importRun")!,
                  history: try Int64.fetchOne(db, sql: "SELECT count(*) FROM importHistory")!,
                  ok: try String.fetchOne(db, sql: "PRAGMA integrity_check")!)
        }
    }

    static func start(_ binary: String, _ args: [String]) throws -> Process {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = args
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        return p
    }

    @Test("a kill during an import leaves the store as before, in every mode", arguments: ImportMode.allCases)
    func killed(_ mode: ImportMode) throws {
        guard let binary = CrashSafetyTests.binary else { Issue.record("pruefstand binary not built beside the tests"); return }
        let (_, dir) = try TestSupport.tempStore()
        let base = "\(dir)/base.sqlite"
        // The store before: 20,000 postings of 2025. The file of each mode overlaps all of them:
        // append — the same postings and 20,000 more (a year-to-date export); replace-period — the year
        // corrected (other amounts, same document ids); replace — the same file again.
        let first = "\(dir)/first.csv"
        try LedgerFixture.write(rows: 20_000, to: first)
        let file = "\(dir)/file.csv"
        switch mode {
        case .append: try LedgerFixture.write(rows: 40_000, to: file)
        case .replacePeriod: try LedgerFixture.write(rows: 40_000, to: file, seed: 7)
        case .replace: try FileManager.default.copyItem(atPath: first, toPath: file)
        }
        let common = ["--quiet", "--rejects-dir", dir]
        let p0 = try Self.start(binary, ["import", "ledger", first, "--db", base] + common); p0.waitUntilExit()
        #expect(p0.terminationStatus == 0)
        var args = ["import", "ledger", file] + common + ["--mode", mode.rawValue]
        if mode == .replacePeriod { args += ["--period", "2025"] }
        let before = try Self.state(base)
        // The state after, and how long the whole import takes, on a copy.
        let full = "\(dir)/full.sqlite"
        try FileManager.default.copyItem(atPath: base, toPath: full)
        let t0 = Date()
        let whole = try Self.start(binary, args + ["--db", full]); whole.waitUntilExit()
        let seconds = max(Date().timeIntervalSince(t0), 0.2)
        #expect(whole.terminationStatus == 0)
        let after = try Self.state(full)
        #expect(after != before && after.ok == "ok")
        var rng = ScenarioMonteCarlo.SplitMix64(seed: 2026_1202 &+ UInt64(mode.rawValue.count))
        var killedBefore = 0
        for k in 0..<12 {
            let db = "\(dir)/kill-\(k).sqlite"
            try FileManager.default.copyItem(atPath: base, toPath: db)
            let p = try Self.start(binary, args + ["--db", db])
            Thread.sleep(forTimeInterval: Double(rng.next() % 1000) / 1000 * seconds * 0.95)
            if p.isRunning { kill(p.processIdentifier, SIGKILL) }
            p.waitUntilExit()
            let s = try Self.state(db)
            #expect(s == before || s == after, "kill \(k) in mode \(mode.rawValue) left \(s), neither \(before) nor \(after)")
            if s == before { killedBefore += 1 }
            try? FileManager.default.removeItem(atPath: db)
        }
        #expect(killedBefore >= 4, "most kills should land inside the import (\(killedBefore) of 12)")
    }
}

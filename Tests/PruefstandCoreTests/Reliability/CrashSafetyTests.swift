import Foundation
import GRDB
import Testing
@testable import PruefstandCore

/// Kills real imports (the built `pruefstand` binary, SIGKILL at random points) and checks that the
/// store is intact and exactly as before each killed import; then that a reader never sees half an import.
@Suite("Reliability", .serialized)
struct CrashSafetyTests {
    static var binary: String? { TestSupport.binaryPath }

    /// A ledger of `rows` postings; files of different years have different document ids, so they do not
    /// overlap (issue 20: an overlap would be skipped, not imported twice).
    static func ledger(rows: Int, dir: String, year: Int = 2025) throws -> String {
        let out = "\(dir)/ledger-\(rows)-\(year).csv"
        try LedgerFixture.write(rows: rows, to: out, year: year)
        return out
    }

    static func runImport(_ binary: String, _ file: String, db: String) throws -> Process {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = ["import", "ledger", file, "--db", db, "--quiet", "--rejects-dir", (db as NSString).deletingLastPathComponent]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        return p
    }

    @Test("50 imports killed at random points leave the store intact: each is wholly absent or wholly present; the next import succeeds")
    func killedImports() throws {
        guard let binary = Self.binary else { Issue.record("pruefstand binary not built beside the tests"); return }
        let (_, dir) = try TestSupport.tempStore()
        let db = "\(dir)/kill.sqlite"
        let small = try Self.ledger(rows: 2000, dir: dir, year: 2024)
        let big = try Self.ledger(rows: 30000, dir: dir)
        // The state before: one committed import.
        let first = try Self.runImport(binary, small, db: db); first.waitUntilExit()
        #expect(first.terminationStatus == 0)
        func state() throws -> (Int, Int, Int64, String) {
            let s = try Store.open(path: db)
            return try s.read { db in
                (try Int.fetchOne(db, sql: "SELECT count(*) FROM importRun")!,
                 try Int.fetchOne(db, sql: "SELECT count(*) FROM posting")!,
                 try Int64.fetchOne(db, sql: "SELECT sum(amountCents) FROM posting")!,
                 try String.fetchOne(db, sql: "PRAGMA integrity_check")!)
            }
        }
        let before = try state()
        #expect(before.0 == 1 && before.1 == 2000 && before.3 == "ok")
        // How long a full import of the big file takes, to spread the kills over it.
        let t0 = Date()
        let timing = try Self.runImport(binary, big, db: "\(dir)/timing.sqlite"); timing.waitUntilExit()
        let full = max(Date().timeIntervalSince(t0), 0.2)
        let bigCents = try Store.open(path: "\(dir)/timing.sqlite").read { try Int64.fetchOne($0, sql: "SELECT sum(amountCents) FROM posting")! }
        var rng = ScenarioMonteCarlo.SplitMix64(seed: 20261125)   // the kill points are reproducible
        var killedBeforeCommit = 0
        for _ in 0..<50 {
            let p = try Self.runImport(binary, big, db: db)
            let delay = Double(rng.next() % 1000) / 1000 * full * 0.95
            Thread.sleep(forTimeInterval: delay)
            let killed = p.isRunning
            if killed { kill(p.processIdentifier, SIGKILL) }
            p.waitUntilExit()
            let after = try state()
            #expect(after.3 == "ok")
            if after.0 == before.0 {
                // Killed before its commit: nothing of it is in the store.
                #expect(killed, "an import that exited normally must have committed")
                #expect(after.1 == before.1 && after.2 == before.2)
                killedBeforeCommit += 1
            } else {
                // Committed (it finished, or the kill came after the commit, while it closed): all of it is
                // there. Remove it to restore the state before.
                #expect(after.0 == before.0 + 1 && after.1 == before.1 + 30000 && after.2 == before.2 + bigCents)
                let s = try Store.open(path: db)
                try s.write { try $0.execute(sql: "DELETE FROM importRun WHERE id <> (SELECT min(id) FROM importRun)") }
                let restored = try state()
                #expect(restored.0 == before.0 && restored.1 == before.1 && restored.2 == before.2)
            }
        }
        #expect(killedBeforeCommit >= 25, "most kills should land inside the import (\(killedBeforeCommit))")
        let last = try Self.runImport(binary, big, db: db); last.waitUntilExit()
        #expect(last.terminationStatus == 0)
        let final = try state()
        #expect(final.0 == 2 && final.1 == 32000 && final.3 == "ok")
    }

    @Test("a reader during an import sees the old data or the new, never a mix")
    func readerDuringImport() throws {
        guard let binary = Self.binary else { Issue.record("pruefstand binary not built beside the tests"); return }
        let (_, dir) = try TestSupport.tempStore()
        let db = "\(dir)/concurrent.sqlite"
        let big = try Self.ledger(rows: 60000, dir: dir)
        _ = try Store.open(path: db)
        let p = try Self.runImport(binary, big, db: db)
        let store = try Store.open(path: db)
        var seen = Set<Int>()
        while p.isRunning {
            let (runs, postings, claimed) = try store.read { db in
                (try Int.fetchOne(db, sql: "SELECT count(*) FROM importRun")!,
                 try Int.fetchOne(db, sql: "SELECT count(*) FROM posting")!,
                 try Int.fetchOne(db, sql: "SELECT coalesce(sum(rowsImported), 0) FROM importRun")!)
            }
            #expect(postings == claimed, "a reader saw \(postings) postings but \(runs) import(s) claiming \(claimed)")
            seen.insert(postings)
            Thread.sleep(forTimeInterval: 0.01)
        }
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        #expect(seen.isSubset(of: [0, 60000]))
        #expect(try store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM posting") } == 60000)
    }
}

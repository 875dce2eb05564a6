import Foundation
import Testing
@testable import PruefstandCore

/// Two `run`s (or a run and an import) on the same store at once (issue 19): the second one says that
/// another run is in progress on the store and waits for it, or gives up after its timeout with that
/// message; it never reports the first one's files as "already imported … use --replace".
@Suite("Two runs on one store", .serialized, .enabled(if: CrashSafetyTests.binary != nil, "the pruefstand binary is built beside the tests"))
struct ConcurrentRunTests {
    static func start(_ args: [String], log: String) throws -> Process {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: TestCity.binary!)
        p.arguments = args
        FileManager.default.createFile(atPath: log, contents: nil)
        let h = FileHandle(forWritingAtPath: log)!
        p.standardOutput = h
        p.standardError = h
        try p.run()
        return p
    }

    /// Waits until the first run has taken the store (its lock file, or the store itself, exists).
    static func waitForLock(_ db: String, _ p: Process) {
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline && p.isRunning && !FileManager.default.fileExists(atPath: db + "-lock")
                && !FileManager.default.fileExists(atPath: db) { Thread.sleep(forTimeInterval: 0.01) }
    }

    @Test("a second run waits for the first and then finds every input in the store; both exit 0")
    func secondWaits() throws {
        let dir = try TestCity.make(scale: 0.05)
        let db = dir + "/c.sqlite"
        let first = try Self.start(["run", dir, "--db", db, "--quiet", "--out", dir + "/a.xlsx"], log: dir + "/first.log")
        Self.waitForLock(db, first)
        let second = try TestCity.run(["run", dir, "--db", db, "--out", dir + "/b.xlsx"])
        first.waitUntilExit()
        let firstLog = (try? String(contentsOfFile: dir + "/first.log", encoding: .utf8)) ?? ""
        #expect(first.terminationStatus == 0, "\(firstLog)")
        #expect(second.status == 0, "\(second.err)")
        // The run's language is German (the manifest names none), and so is the note that it waits.
        #expect(second.err.contains("ein anderer Lauf oder Import arbeitet gerade mit \(db)"), "\(second.err)")
        #expect(!second.err.contains("already imported") && !second.err.contains("schon als Import"))
        // The run's language is German (the manifest names none): the second run finds the inputs stored.
        #expect(second.out.components(separatedBy: "Schon gespeichert").count - 1 == 8, "\(second.out)")
    }

    @Test("with --lock-timeout 0 the second run gives up at once, naming the store; the first is undisturbed")
    func secondGivesUp() throws {
        let dir = try TestCity.make(scale: 0.05)
        let db = dir + "/c.sqlite"
        let first = try Self.start(["run", dir, "--db", db, "--quiet", "--out", dir + "/a.xlsx"], log: dir + "/first.log")
        Self.waitForLock(db, first)
        #expect(first.isRunning, "the first run ended before the second started; make the city larger")
        let second = try TestCity.run(["run", dir, "--db", db, "--out", dir + "/b.xlsx", "--lock-timeout", "0"])
        let third = try TestCity.run(["import", "ledger", dir + "/ledger-2024.csv", "--db", db, "--lock-timeout", "0", "--rejects-dir", dir])
        first.waitUntilExit()
        #expect(first.terminationStatus == 0)
        for r in [second, third] {
            #expect(r.status == 1)
            #expect(r.err.contains("ein anderer Lauf oder Import arbeitet gerade mit \(db)") && r.err.contains("erneut versuchen"), "\(r.err)")
            #expect(!r.err.contains("already imported") && !r.err.contains("schon als Import"))
        }
        #expect(!FileManager.default.fileExists(atPath: dir + "/b.xlsx"))
    }
}

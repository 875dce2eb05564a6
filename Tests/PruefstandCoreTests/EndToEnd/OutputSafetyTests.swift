import Foundation
import Testing
@testable import PruefstandCore

/// Outputs never replace the store or an input, never leave the city folder unasked, and replace the
/// previous file whole or not at all (issue 19). Run as a user runs them: the built binary on files.
@Suite("Outputs: where they may go", .serialized, .enabled(if: CrashSafetyTests.binary != nil, "the pruefstand binary is built beside the tests"))
struct OutputSafetyTests {
    /// One small city imported once, shared by the tests of this suite.
    static let city: Result<(dir: String, db: String), Error> = Result {
        let dir = try TestCity.make()
        let db = dir + "/store/city.sqlite"
        try FileManager.default.createDirectory(atPath: dir + "/store", withIntermediateDirectories: true)
        // The folder named relative to the working directory, as users do (`run Datasets/musterstadt`).
        let r = try TestCity.run(["run", (dir as NSString).lastPathComponent, "--db", db, "--quiet"], cwd: (dir as NSString).deletingLastPathComponent)
        guard r.status == 0 else { throw PruefstandError.other("run failed: \(r.err)") }
        return (dir, db)
    }

    static func storeState(_ db: String) throws -> String {
        let r = try TestCity.run(["store", "info", "--db", db])
        #expect(r.status == 0, "store info: \(r.err)")
        return r.out
    }

    @Test("report, export and run refuse an output that is the store or one of its files, by any name; the store stays as it was",
          arguments: ["same", "wal", "shm", "dotdot", "symlink", "hardlink"])
    func refuseStore(spelling: String) throws {
        let (dir, db) = try Self.city.get()
        let before = try Self.storeState(db)
        let sha = TestCity.sha(db)
        let target: String
        switch spelling {
        case "same": target = db
        case "wal": target = db + "-wal"
        case "shm": target = db + "-shm"
        case "dotdot": target = dir + "/store/../store/./city.sqlite"
        case "symlink":
            target = dir + "/link-\(UUID().uuidString.prefix(6)).xlsx"
            try FileManager.default.createSymbolicLink(atPath: target, withDestinationPath: db)
        default:
            target = dir + "/hard-\(UUID().uuidString.prefix(6)).sqlite"
            #expect(link(db, target) == 0)
        }
        // export takes its format from the extension: a store file without one is named through a .csv link.
        var exportTarget = target
        if !(target.hasSuffix(".xlsx") || target.hasSuffix(".csv")) {
            exportTarget = dir + "/alias-\(UUID().uuidString.prefix(6)).csv"
            try FileManager.default.createSymbolicLink(atPath: exportTarget, withDestinationPath: target)
        }
        for a in [["report", "--db", db, "--out", target],
                  ["export", "v_ledger", "--db", db, "--out", exportTarget],
                  ["run", dir, "--db", db, "--out", target, "--quiet"]] {
            let r = try TestCity.run(a)
            #expect(r.status == 1, "\(a): exit \(r.status) \(r.out) \(r.err)")
            let lines = r.err.split(separator: "\n")
            #expect(lines.count == 1 && r.err.contains("store"), "\(a): one line naming the store: \(r.err)")
            // Refused before the store is even opened: not a byte of it changes.
            #expect(TestCity.sha(db) == sha, "\(a) changed the store file")
        }
        #expect(try Self.storeState(db) == before)
    }

    @Test("run and report refuse an output that is an input file of the run; the input stays as it was")
    func refuseInput() throws {
        let (dir, db) = try Self.city.get()
        let input = dir + "/plan.csv"
        let sha = TestCity.sha(input)
        for args in [["run", dir, "--db", db, "--out", input, "--quiet"],
                     ["report", "--db", db, "--city", dir, "--out", dir + "/mappings/ledger-excel-de.yaml"]] {
            let r = try TestCity.run(args)
            #expect(r.status == 1, "\(args): exit \(r.status)")
            #expect(r.err.contains("input"), "\(args): \(r.err)")
        }
        #expect(TestCity.sha(input) == sha)
    }

    @Test("a manifest's report.out or csv that leaves the city folder is refused, naming the file and key; --allow-outside lets it through",
          arguments: ["../escaped.xlsx", "ABSOLUTE", "SYMLINK/escaped.xlsx"])
    func manifestOutputOutside(out: String) throws {
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("outside-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
        let value = out == "ABSOLUTE" ? outside + "/escaped.xlsx" : out.replacingOccurrences(of: "SYMLINK", with: "linked")
        let dir = try TestCity.make(manifest: TestCity.manifest(report: "  out: \(value)\n"))
        try FileManager.default.createSymbolicLink(atPath: dir + "/linked", withDestinationPath: outside)
        let db = dir + "/city.sqlite"
        let r = try TestCity.run(["run", dir, "--db", db, "--quiet"])
        #expect(r.status == 1, "exit \(r.status): \(r.out)")
        #expect(r.err.contains("pruefstand.yaml") && r.err.contains("report.out") && r.err.contains("--allow-outside"), "\(r.err)")
        #expect(!FileManager.default.fileExists(atPath: db), "nothing may happen before the manifest is checked")
        let written = out.hasPrefix("..") ? (dir as NSString).deletingLastPathComponent + "/escaped.xlsx" : outside + "/escaped.xlsx"
        #expect(!FileManager.default.fileExists(atPath: written))
        // The user says so on the command line: now it is written there.
        let allowed = out.hasPrefix("..") ? (dir as NSString).deletingLastPathComponent : outside
        let ok = try TestCity.run(["run", dir, "--db", db, "--quiet", "--allow-outside", allowed])
        #expect(ok.status == 0, "\(ok.err)")
        #expect(FileManager.default.fileExists(atPath: written))
        try? FileManager.default.removeItem(atPath: written)
    }

    @Test("an input path outside the city folder is neither read nor echoed; the message names the manifest and key",
          arguments: ["../secret.csv", "ABSOLUTE", "linked/secret.csv"])
    func manifestInputOutside(file: String) throws {
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("secret-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
        let secret = "org_unit,name,parent_id,category\nTOPSECRET-LINE,geheim,,leadership\n"
        try secret.write(toFile: outside + "/secret.csv", atomically: true, encoding: .utf8)
        let value = file == "ABSOLUTE" ? outside + "/secret.csv" : file
        let manifest = TestCity.manifest().replacingOccurrences(of: "file: orgunits.csv", with: "file: \(value)")
        let dir = try TestCity.make(manifest: manifest)
        try FileManager.default.createSymbolicLink(atPath: dir + "/linked", withDestinationPath: outside)
        if file.hasPrefix("..") { try secret.write(toFile: (dir as NSString).deletingLastPathComponent + "/secret.csv", atomically: true, encoding: .utf8) }
        let db = dir + "/city.sqlite"
        let r = try TestCity.run(["run", dir, "--db", db, "--quiet"])
        #expect(r.status == 1)
        #expect(r.err.contains("pruefstand.yaml") && r.err.contains("inputs[0].file") && r.err.contains("outside"), "\(r.err)")
        #expect(!(r.out + r.err).contains("TOPSECRET"))
        #expect(!FileManager.default.fileExists(atPath: db))
    }

    @Test("a disk-full write (file size limit) leaves the previous export and workbook as they were, with a message and exit 1")
    func diskFull() throws {
        let (dir, db) = try Self.city.get()
        let csv = dir + "/full.csv", xlsx = dir + "/full.xlsx"
        #expect(try TestCity.run(["export", "v_ledger", "--db", db, "--out", csv]).status == 0)
        #expect(try TestCity.run(["report", "--db", db, "--out", xlsx]).status == 0)
        let (csvSha, xlsxSha) = (TestCity.sha(csv), TestCity.sha(xlsx))
        // ulimit -f: a write past 100 KB fails with EFBIG (the signal ignored), as on a full disk.
        for (args, path, sha) in [("export v_ledger --out '\(csv)'", csv, csvSha), ("export v_ledger --out '\(dir)/full2.xlsx'", dir + "/full2.xlsx", nil),
                                  ("report --out '\(xlsx)'", xlsx, xlsxSha)] {
            let (status, _) = try TestSupport.shell("trap '' XFSZ; ulimit -f 200; exec '\(TestCity.binary!)' \(args) --db '\(db)' > '\(dir)/full.log' 2>&1")
            let log = (try? String(contentsOfFile: dir + "/full.log", encoding: .utf8)) ?? ""
            #expect(status == 1, "\(args): exit \(status) \(log)")
            #expect(log.contains(path) || log.contains((path as NSString).lastPathComponent), "\(log)")
            #expect(TestCity.sha(path) == sha, "\(args): the previous file changed")
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".tmp") }
            #expect(leftovers.isEmpty, "temporary files left: \(leftovers)")
        }
    }
}

import Foundation
import Testing
@testable import PruefstandCore

/// Issue 18, a thin command line: one `GlobalOptions` (`--db`, `--lang`) on every command; reading commands
/// never create a store; hostile `--db` paths are errors that name them; `--lang` reaches every command with
/// texts; no command reads a city folder's file implicitly; errors leave through one boundary (decision 0004).
@Suite("CLI: global options, missing and hostile stores, no implicit sample files", .serialized,
       .enabled(if: TestCity.binary != nil, "the pruefstand binary is needed"))
struct GlobalOptionsTests {
    static let repo = TestSupport.repoRoot.path
    static let scenarios = repo + "/Datasets/musterstadt/scenarios/"
    static let projection = repo + "/Datasets/musterstadt/controlling/projection.yaml"

    /// A small city with a store (imported by the main job), made once.
    static let city: Result<(dir: String, db: String), Error> = Result {
        let dir = try TestCity.make()
        let db = dir + "/city.sqlite"
        let r = try TestCity.run(["run", dir, "--db", db, "--quiet"])
        guard r.status == 0 else { throw PruefstandError.other("run failed: \(r.err)") }
        return (dir, db)
    }

    /// Every command that only reads the store; `{out}` is a folder for outputs and inputs apart from the store's folder.
    static let readingCommands: [(name: String, args: [String])] = [
        ("variance", ["variance"]),
        ("audit", ["audit"]),
        ("projection", ["projection"]),
        ("review", ["review", "--as-of", "2026-01-01"]),
        ("review list", ["review", "list", "--as-of", "2026-01-01", "--format", "csv"]),
        ("review decisions", ["review", "decisions", "{out}/decisions.csv"]),
        ("store info", ["store", "info"]),
        ("store schema", ["store", "schema"]),
        ("report", ["report", "--out", "{out}/r.xlsx", "--csv", "{out}/csv"]),
        ("export", ["export", "v_ledger", "--out", "{out}/l.csv"]),
        ("rates compare", ["rates", "compare", "--city", "Hagen"]),
        ("rates baseline", ["rates", "baseline", "--city", "Hagen", "--out", "{out}/h.yaml"]),
        ("scenario run with a store", ["scenario", "run", scenarios + "kombi.yaml", "--projection", projection]),
        ("scenario solve", ["scenario", "solve", scenarios + "gewst-490-ab-2027.yaml", "--target", "balanced-from", "2029",
                            "--lever", "gewerbesteuer.hebesatz", "--projection", projection]),
        ("scenario montecarlo", ["scenario", "montecarlo", scenarios + "kombi.yaml", "--draws", "10", "--projection", projection]),
    ]

    static func expand(_ args: [String], out: String) -> [String] { args.map { $0.replacingOccurrences(of: "{out}", with: out) } }

    /// Folders: `store` (where --db points, must stay empty) and `out` (inputs and outputs of the command).
    static func folders(_ name: String) throws -> (store: String, out: String) {
        let store = try TestSupport.tempDir("gopt-store").path, out = try TestSupport.tempDir("gopt-out").path
        try Data("Stelle,Entscheidung\n".utf8).write(to: URL(fileURLWithPath: out + "/decisions.csv"))
        return (store, out)
    }

    @Test("a reading command on a missing store: exit 1, the message names the path and says to import or run, and no file appears",
          arguments: readingCommands.indices)
    func missingStore(_ i: Int) throws {
        let c = Self.readingCommands[i]
        let (storeDir, out) = try Self.folders(c.name)
        defer { try? FileManager.default.removeItem(atPath: storeDir); try? FileManager.default.removeItem(atPath: out) }
        let db = storeDir + "/mistyped.sqlite"
        let r = try TestCity.run(Self.expand(c.args, out: out) + ["--db", db, "--lang", "en"])
        #expect(r.status == 1, "\(c.name): \(r.status) \(r.err)")
        #expect(r.err.contains("store \(db): no store at this path"), "\(c.name): \(r.err)")
        #expect(r.err.contains("pruefstand import") && r.err.contains("pruefstand run"), "\(c.name): \(r.err)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: storeDir).isEmpty, "\(c.name) created a file beside the store")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out) == ["decisions.csv"], "\(c.name) wrote an output")
    }

    @Test("the same through PRUEFSTAND_DB: a mistyped variable creates no store either", arguments: ["variance", "store info", "report"])
    func missingStoreFromEnvironment(_ name: String) throws {
        let c = Self.readingCommands.first { $0.name == name }!
        let (storeDir, out) = try Self.folders(name)
        defer { try? FileManager.default.removeItem(atPath: storeDir); try? FileManager.default.removeItem(atPath: out) }
        let db = storeDir + "/typo.sqlite"
        let r = try TestSupport.runProcess(URL(fileURLWithPath: "/usr/bin/env"), ["PRUEFSTAND_DB=\(db)", TestCity.binary!] + Self.expand(c.args, out: out))
        #expect(r.status == 1 && r.err.contains(db), "\(name): \(r.err)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: storeDir).isEmpty)
    }

    /// Hostile values of --db: a folder, a file that is no SQLite store, a path in a folder that does not exist.
    enum Hostile: String, CaseIterable { case folder, junk, missingFolder }

    static func hostilePath(_ kind: Hostile, in dir: String) throws -> String {
        switch kind {
        case .folder: return dir
        case .junk:
            let p = dir + "/junk.sqlite"
            try Data(repeating: 0x42, count: 8192).write(to: URL(fileURLWithPath: p))
            return p
        case .missingFolder: return dir + "/no/such/folder/s.sqlite"
        }
    }

    @Test("a hostile --db (a folder, a non-SQLite file, a path in a missing folder): exit 1 naming the path, nothing created or changed",
          arguments: Hostile.allCases, ["variance", "review", "store info", "report", "export", "scenario montecarlo", "import", "run"])
    func hostileStore(_ kind: Hostile, _ name: String) throws {
        let (storeDir, out) = try Self.folders(name)
        defer { try? FileManager.default.removeItem(atPath: storeDir); try? FileManager.default.removeItem(atPath: out) }
        let db = try Self.hostilePath(kind, in: storeDir)
        let before = try FileManager.default.contentsOfDirectory(atPath: storeDir)
        let junkHash = TestCity.sha(storeDir + "/junk.sqlite")
        let args: [String]
        switch name {
        case "import": args = ["import", "plan", Self.repo + "/Datasets/musterstadt/plan.csv", "--rejects-dir", out]
        case "run": args = ["run", try TestCity.make(), "--quiet"]   // a fresh city folder in the temporary directory
        default: args = Self.expand(Self.readingCommands.first { $0.name == name }!.args, out: out)
        }
        let r = try TestCity.run(args + ["--db", db, "--lang", "en"])   // the English frame is checked here; CLILanguageTests checks the German one
        #expect(r.status == 1, "\(kind) \(name): \(r.status) \(r.err)")
        #expect(r.err.contains("store \(db):"), "\(kind) \(name): \(r.err)")
        #expect(!r.signalled)
        // A writing command may leave its lock file (StoreLock) beside a store file; nothing else appears.
        let after = try FileManager.default.contentsOfDirectory(atPath: storeDir).filter { !(["import", "run"].contains(name) && $0.hasSuffix("-lock")) }
        #expect(after == before, "\(kind) \(name): files appeared beside the store")
        #expect(TestCity.sha(storeDir + "/junk.sqlite") == junkHash, "\(kind) \(name): the non-SQLite file was changed")
    }

    /// Commands with texts in a language: the arguments, and for each language a text that must be in the
    /// output and one that must not (the other language's), taken from the labels the commands document.
    static let languageCommands: [(name: String, args: [String], de: String, en: String)] = [
        ("variance", ["variance", "--db", "{db}"], "Plan-Ist-Vergleich", "Plan vs actual"),
        ("audit", ["audit", "--db", "{db}"], "Prüfungsfeststellungen", "Audit findings"),
        ("projection", ["projection", "--db", "{db}"], "Konsolidierungspfad", "Consolidation path"),
        ("review", ["review", "--db", "{db}", "--as-of", "2026-01-01"], "Stellenprüfung zum", "Position review as of"),
        ("report", ["report", "--db", "{db}", "--out", "{dir}/r-{lang}.xlsx"], "Übersicht", "Overview"),
        ("scenario check", ["scenario", "check", scenarios + "kombi.yaml"], " Fehler, ", " error(s), "),
        ("scenario run", ["scenario", "run", scenarios + "kombi.yaml"], "Szenario: ", "Scenario: "),
        ("scenario diff", ["scenario", "diff", scenarios + "kombi.yaml", scenarios + "kita-minus-20.yaml"], "Ergebnisse im Vergleich", "Results compared"),
        ("scenario explain", ["scenario", "explain", scenarios + "gewst-490-ab-2027.yaml", "--year", "2028", "--model", "gewerbesteuer"], "Formel: ", "Formula: "),
        ("scenario montecarlo", ["scenario", "montecarlo", scenarios + "kombi.yaml", "--draws", "20", "--budget", scenarios + "haushalt-basis.yaml"],
         "Ausgleichsjahr", "Balance year"),
        ("scenario solve", ["scenario", "solve", scenarios + "gewst-490-ab-2027.yaml", "--target", "balanced-from", "2029",
                            "--lever", "gewerbesteuer.hebesatz", "--budget", scenarios + "haushalt-basis.yaml"], "Auswertungen", "evaluations"),
    ]

    @Test("--lang de|en on every command with texts: the output is in that language", arguments: languageCommands.indices, Language.allCases)
    func language(_ i: Int, _ lang: Language) throws {
        let c = Self.languageCommands[i]
        let (dir, db) = try Self.city.get()
        let args = c.args.map { $0.replacingOccurrences(of: "{db}", with: db).replacingOccurrences(of: "{dir}", with: dir)
            .replacingOccurrences(of: "{lang}", with: lang.rawValue) }
        let r = try TestCity.run(args + ["--lang", lang.rawValue])
        // solve exits 1 when no lever value balances the budget; the text is printed either way.
        #expect(r.status == 0 || (c.name == "scenario solve" && r.status == 1), "\(c.name): \(r.err)")
        let (want, other) = lang == .de ? (c.de, c.en) : (c.en, c.de)
        #expect(r.out.contains(want), "\(c.name) --lang \(lang): no '\(want)' in\n\(r.out.prefix(600))")
        #expect(!r.out.contains(other), "\(c.name) --lang \(lang): '\(other)' in the output")
    }

    @Test("--lang accepts de and en only (usage error, exit 2), on a store command and on a scenario command",
          arguments: [["variance", "--lang", "fr"], ["scenario", "check", scenarios + "kombi.yaml", "--lang", "EN"], ["review", "--lang", ""]])
    func badLanguage(_ args: [String]) throws {
        let r = try TestCity.run(args)
        #expect(r.status == 2, "\(args): \(r.err)")
        #expect(r.err.contains("--lang"), "\(r.err)")
    }

    /// The commands that read no store: they take `--lang` alone (`LanguageOptions`), so `--db` is not offered.
    static let storeless: [[String]] = [
        ["scenario", "check", scenarios + "kombi.yaml"], ["scenario", "diff", scenarios + "kombi.yaml", scenarios + "kombi.yaml"],
        ["scenario", "explain", scenarios + "kombi.yaml", "--year", "2028"], ["scenario", "test", "cases"],
        ["mapping", "suggest", "export.csv", "--kind", "ledger"], ["sample", "musterstadt", "--out", "sample-out"],
    ]

    @Test("--db on a command that reads no store is an unknown option (usage error, exit 2, nothing written), not silently ignored; in de and en",
          arguments: storeless, Language.allCases)
    func dbWhereNoStore(_ args: [String], _ lang: Language) throws {
        let dir = try TestSupport.tempDir("gopt-nostore").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try TestCity.run(args + ["--db", "x.sqlite", "--lang", lang.rawValue], cwd: dir)
        #expect(r.status == 2, "\(args): \(r.status) \(r.err)")
        #expect(r.err.contains(lang == .de ? "Unbekannte Option '--db'" : "Unknown option '--db'"), "\(r.err)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty, "\(args): wrote files")
    }

    @Test("the --help of a command that reads no store offers --lang and not --db", arguments: storeless)
    func helpWithoutStore(_ args: [String]) throws {
        let command = Array(args.prefix(2))
        let r = try TestCity.run(command + ["--help"])
        #expect(r.status == 0, "\(command): \(r.err)")
        #expect(r.out.contains("--lang <lang>") && !r.out.contains("--db"), "\(command):\n\(r.out)")
    }

    /// The city folder's own parameter files: read only when given (the sample's must never reach a real city).
    static let explicitFiles: [(name: String, args: [String], file: [String])] = [
        ("audit", ["audit", "--format", "json"], ["--parameters", repo + "/Datasets/musterstadt/controlling/audit.yaml"]),
        ("review", ["review", "--as-of", "2026-01-01", "--format", "json"], ["--rules", repo + "/Datasets/musterstadt/rules/review.yaml"]),
        ("projection", ["projection", "--format", "json"], ["--scenario", projection]),
    ]

    @Test("no implicit sample files: run from the repository root (with Datasets/musterstadt) a command gives what it gives anywhere else; only the option reads the file",
          arguments: explicitFiles.indices)
    func noImplicitSampleFiles(_ i: Int) throws {
        let c = Self.explicitFiles[i]
        let (_, db) = try Self.city.get()
        let elsewhere = try TestSupport.tempDir("gopt-cwd").path
        defer { try? FileManager.default.removeItem(atPath: elsewhere) }
        #expect(FileManager.default.fileExists(atPath: c.file[1]))
        let atRoot = try TestCity.run(c.args + ["--db", db], cwd: Self.repo)
        let away = try TestCity.run(c.args + ["--db", db], cwd: elsewhere)
        let given = try TestCity.run(c.args + ["--db", db] + c.file, cwd: elsewhere)
        #expect(atRoot.status == 0 && away.status == 0 && given.status == 0, "\(c.name): \(atRoot.err) \(away.err) \(given.err)")
        #expect(atRoot.out == away.out, "\(c.name): the output depends on the working directory")
        // The file makes a difference, so equal outputs above are not a file read in both places.
        #expect(given.out != away.out, "\(c.name): the parameter file changed nothing")
    }

    @Test("errors leave through one boundary: a data error is 'pruefstand: MESSAGE' and exit 1, whichever command throws it",
          arguments: [["scenario", "run", "{bad}"], ["scenario", "explain", "{bad}", "--year", "2028"], ["projection", "--scenario", "{bad}", "--db", "{db}"],
                      ["audit", "--parameters", "{bad}", "--db", "{db}"], ["report", "--city", "{dir}/nowhere", "--db", "{db}", "--out", "{dir}/x.xlsx"],
                      ["export", "no_such_view", "--out", "{dir}/x.csv", "--db", "{db}"]])
    func oneBoundary(_ template: [String]) throws {
        let (dir, db) = try Self.city.get()
        let bad = dir + "/bad.yaml"
        try Data("name: [unclosed\n".utf8).write(to: URL(fileURLWithPath: bad))
        let args = template.map { $0.replacingOccurrences(of: "{bad}", with: bad).replacingOccurrences(of: "{db}", with: db)
            .replacingOccurrences(of: "{dir}", with: dir) }
        let r = try TestCity.run(args)
        #expect(r.status == 1, "\(template): \(r.status) \(r.err)")
        let errors = r.err.split(separator: "\n").filter { !$0.hasPrefix("warning:") && !$0.hasPrefix("note:") }
        // One message (its further lines indented, e.g. a scenario's check), printed once, by the boundary.
        #expect(errors.first?.hasPrefix("pruefstand: ") == true, "\(template): \(r.err)")
        #expect(errors.filter { $0.hasPrefix("pruefstand: ") }.count == 1 && errors.dropFirst().allSatisfy { $0.hasPrefix(" ") }, "\(template): \(r.err)")
        #expect(!r.err.contains("Error: "), "\(template): \(r.err)")
    }

    @Test("scenario montecarlo --format json is JSON (as its help says): the bands of --format csv, row by row, and the balance table")
    func monteCarloJSON() throws {
        let args = ["scenario", "montecarlo", Self.scenarios + "kombi.yaml", "--draws", "30", "--seed", "7", "--budget", Self.scenarios + "haushalt-basis.yaml"]
        let json = try TestCity.run(args + ["--format", "json"]), csv = try TestCity.run(args + ["--format", "csv"])
        let balance = try TestCity.run(args + ["--format", "csv", "--table", "balance"])
        #expect(json.status == 0 && csv.status == 0 && balance.status == 0, "\(json.err) \(csv.err)")
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [String: [[String: String]]])
        // The oracle: the CSV streams read by the tests' own CSV reader, as dictionaries by their header.
        func records(_ text: String) -> [[String: String]] {
            let rows = ExportTestSupport.parseCSV(text, separator: ",").filter { $0 != [""] }
            return rows.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(rows[0], $0)) }
        }
        #expect(doc["bands"] == records(csv.out))
        #expect(doc["balance"] == records(balance.out))
        #expect((doc["bands"]?.count ?? 0) > 0)
    }
}

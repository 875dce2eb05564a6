import Foundation
import GRDB
import Testing
@testable import PruefstandCore

/// Every file of the bad-input corpus through the built binary (issue 19): no run may end by a signal
/// (a Swift runtime trap is SIGILL/SIGTRAP), hang, or exit with a code other than 0, 1 or 2; and a refused
/// import, a refused run and every reading command leave an existing store as it was: the same schema and
/// the same rows in every table. (Not the same bytes: opening a store for writing, GRDB makes sure a
/// write-ahead log exists by creating and dropping a table, which leaves a free page and a new schema
/// cookie in the file; `storeContent` compares what a reader can see.)
///
/// The corpus is
/// - `Fixtures/bad-input/`: one file per class of the adversarial findings and of our own (`KIND--what.csv`
///   imported as KIND, with `KIND--what.mapping.yaml` as its mapping when present; `manifest--*` run as a
///   city's `pruefstand.yaml`; `rules--*` as review rules; `scenario--*` through `scenario check`);
/// - `Fixtures/import/` (the malformed CSV catalogue), under three kinds;
/// - the fuzz corpora and regressions in `Fuzz/` (CSV, workbooks, mappings with their CSV, manifests,
///   review rules, YAML and parameter files, value strings placed in a ledger row);
/// - special files made here: a named pipe, a folder, `/dev/zero` behind a link, a missing path.
/// The store it runs against holds the Musterstadt organisation, positions, vacancies and plan and a ledger.
@Suite("Bad-input corpus through the binary", .serialized)
struct BadInputCorpusTests {
    struct Run: CustomTestStringConvertible, Sendable {
        var name: String
        /// Arguments; `{db}` is replaced by the store of the run, `{dir}` by its scratch folder.
        var arguments: [String]
        /// What the scratch folder needs before the run.
        var setup: Setup = .none
        /// Whether an exit code other than 0 means the store must be as before (imports, runs),
        /// or the store must be as before whatever the exit code (reading commands).
        var reads = false
        var testDescription: String { name }
    }

    /// Files a run needs in its scratch folder `{dir}`, made by `prepare`.
    enum Setup: Sendable {
        case none
        /// A city folder for `run`: the manifest copied as `{dir}/city/pruefstand.yaml`.
        case manifest(String)
        /// A fuzz input copied as `{dir}/input.xlsx`.
        case workbook(String)
        /// A FuzzMapping input: the mapping before a line `#csv` as `{dir}/mapping.yaml`, the rest as `{dir}/input.csv`;
        /// `{kind}` in the arguments becomes the mapping's kind.
        case splitMapping(String)
        /// A FuzzValues input: each line as the amount of one ledger row and the date of another, in `{dir}/input.csv`.
        case values(String)
        /// `{dir}/special.EXT` as a named pipe, a folder, a link to /dev/zero, or missing.
        case special(String, ext: String)
    }

    static let repo = TestSupport.repoRoot.path
    static let kinds = ["ledger", "plan", "positions", "vacancies", "orgunits", "costcenters", "paycosts"]

    static func files(_ folder: String) -> [String] {
        let path = "\(repo)/\(folder)"
        return ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [])
            .filter { !$0.hasPrefix(".") }.sorted().map { "\(path)/\($0)" }
    }

    static func importRun(_ name: String, kind: String, file: String, mapping: String? = nil, quarantine: Bool = false) -> Run {
        var args = ["import", kind, file, "--db", "{db}", "--quiet", "--rejects-dir", "{dir}", "--lock-timeout", "0"]
        if let mapping { args += ["--mapping", mapping] }
        if quarantine { args += ["--on-error", "quarantine"] }
        return Run(name: name + (quarantine ? " (quarantine)" : ""), arguments: args)
    }

    static func all() -> [Run] {
        var runs: [Run] = []
        // The corpus of classes.
        for path in files("Tests/PruefstandCoreTests/Fixtures/bad-input") where !path.hasSuffix(".mapping.yaml") {
            let name = (path as NSString).lastPathComponent
            let prefix = String(name.prefix { $0 != "-" })
            if kinds.contains(prefix) {
                let stem = (path as NSString).deletingPathExtension
                let mapping = FileManager.default.fileExists(atPath: stem + ".mapping.yaml") ? stem + ".mapping.yaml" : nil
                runs.append(importRun(name, kind: prefix, file: path, mapping: mapping))
                runs.append(importRun(name, kind: prefix, file: path, mapping: mapping, quarantine: true))
            } else if prefix == "manifest" {
                runs.append(Run(name: name, arguments: ["run", "{dir}/city", "--db", "{db}", "--quiet", "--lock-timeout", "0"], setup: .manifest(path)))
            } else if prefix == "rules" {
                runs.append(Run(name: name, arguments: ["review", "list", "--rules", path, "--db", "{db}", "--as-of", "2026-01-01", "--format", "csv"], reads: true))
            } else if prefix == "scenario" {
                runs.append(Run(name: name, arguments: ["scenario", "check", path], reads: true))
            }
        }
        // The malformed CSV catalogue, each file under three kinds (with its mapping where it has one).
        for path in files("Tests/PruefstandCoreTests/Fixtures/import") where !path.hasSuffix(".yaml") {
            let name = (path as NSString).lastPathComponent
            for kind in ["ledger", "plan", "positions"] {
                runs.append(importRun("import/\(name) as \(kind)", kind: kind, file: path))
            }
        }
        runs.append(importRun("import/report-style-latin1.csv with its mapping", kind: "ledger",
                              file: "\(repo)/Tests/PruefstandCoreTests/Fixtures/import/report-style-latin1.csv",
                              mapping: "\(repo)/Tests/PruefstandCoreTests/Fixtures/import/report-style.yaml"))
        runs.append(importRun("import/wide-plan-sap.csv with its mapping", kind: "plan",
                              file: "\(repo)/Tests/PruefstandCoreTests/Fixtures/import/wide-plan-sap.csv",
                              mapping: "\(repo)/Tests/PruefstandCoreTests/Fixtures/import/wide-plan-sap.yaml"))
        // Fuzz corpora: files that the tool reads as they are.
        for path in files("Fuzz/corpus/FuzzCSV") {
            runs.append(importRun("FuzzCSV/\((path as NSString).lastPathComponent)", kind: "ledger", file: path))
            runs.append(importRun("FuzzCSV/\((path as NSString).lastPathComponent)", kind: "positions", file: path, quarantine: true))
        }
        for path in files("Fuzz/corpus/FuzzXLSX") + files("Fuzz/regressions/FuzzXLSX") {
            runs.append(Run(name: "FuzzXLSX/\((path as NSString).lastPathComponent)",
                            arguments: ["import", "ledger", "{dir}/input.xlsx", "--db", "{db}", "--quiet", "--rejects-dir", "{dir}",
                                        "--lock-timeout", "0"], setup: .workbook(path)))
        }
        for path in files("Fuzz/corpus/FuzzManifest") {
            runs.append(Run(name: "FuzzManifest/\((path as NSString).lastPathComponent)",
                            arguments: ["run", "{dir}/city", "--db", "{db}", "--quiet", "--lock-timeout", "0"], setup: .manifest(path)))
        }
        for path in files("Fuzz/corpus/FuzzReviewRules") {
            runs.append(Run(name: "FuzzReviewRules/\((path as NSString).lastPathComponent)",
                            arguments: ["review", "list", "--rules", path, "--db", "{db}", "--as-of", "2026-01-01", "--format", "csv"], reads: true))
        }
        for path in files("Fuzz/corpus/FuzzParameters") + files("Fuzz/corpus/FuzzYAML") {
            runs.append(Run(name: "scenario check \((path as NSString).deletingLastPathComponent.split(separator: "/").last!)/\((path as NSString).lastPathComponent)",
                            arguments: ["scenario", "check", path], reads: true))
        }
        for path in files("Fuzz/corpus/FuzzMapping") + files("Fuzz/regressions/FuzzMapping") {
            runs.append(Run(name: "FuzzMapping/\((path as NSString).lastPathComponent)",
                            arguments: ["import", "{kind}", "{dir}/input.csv", "--mapping", "{dir}/mapping.yaml", "--db", "{db}", "--quiet",
                                        "--rejects-dir", "{dir}", "--lock-timeout", "0"], setup: .splitMapping(path)))
        }
        for path in files("Fuzz/corpus/FuzzValues") + files("Fuzz/regressions/FuzzValues") {
            runs.append(Run(name: "FuzzValues/\((path as NSString).lastPathComponent) as amount and date",
                            arguments: ["import", "ledger", "{dir}/input.csv", "--db", "{db}", "--quiet", "--rejects-dir", "{dir}",
                                        "--lock-timeout", "0"], setup: .values(path)))
        }
        // Special files.
        for (what, ext) in [("a named pipe", "csv"), ("a named pipe", "xlsx"), ("a folder", "csv"), ("/dev/zero behind a link", "csv"),
                            ("/dev/zero behind a link", "xlsx"), ("a missing file", "csv")] {
            runs.append(Run(name: "\(what) (.\(ext))",
                            arguments: ["import", "ledger", "{dir}/special.\(ext)", "--db", "{db}", "--quiet", "--lock-timeout", "0"],
                            setup: .special(what, ext: ext)))
        }
        return runs
    }

    /// The store every run starts from, made once.
    static let base: Result<String, Error> = Result {
        guard let binary = CrashSafetyTests.binary else { throw PruefstandError.other("pruefstand binary not built beside the tests") }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pruefstand-corpus-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let db = "\(dir)/base.sqlite"
        let city = "\(repo)/Datasets/musterstadt"
        let ledger = "\(dir)/ledger.csv"
        try LedgerFixture.write(rows: 300, to: ledger)
        for (kind, file) in [("orgunits", "\(city)/orgunits.csv"), ("costcenters", "\(city)/costcenters.csv"), ("paycosts", "\(city)/paycosts.csv"),
                             ("positions", "\(city)/positions.csv"), ("vacancies", "\(city)/vacancies.csv"), ("plan", "\(city)/plan.csv"),
                             ("ledger", ledger)] {
            let r = try TestSupport.runProcess(URL(fileURLWithPath: binary), ["import", kind, file, "--db", db, "--quiet"])
            guard r.status == 0 else { throw PruefstandError.other("base store: import \(kind) failed: \(r.err)") }
        }
        try checkpoint(db)
        return db
    }

    /// Folds the write-ahead log into the store file, so that its bytes are the whole store.
    static func checkpoint(_ path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else { return }
        let queue = try DatabaseQueue(path: path)
        try queue.writeWithoutTransaction { try $0.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        try queue.close()
    }

    /// What a reader of the store sees: every schema object with its SQL, and the rows of every table
    /// (sorted, so that the order of pages does not matter).
    static func storeContent(_ path: String) throws -> [String] {
        var config = Configuration()
        config.readonly = true
        let queue = try DatabaseQueue(path: path, configuration: config)
        defer { try? queue.close() }
        return try queue.read { db in
            var out: [String] = []
            let objects = try Row.fetchAll(db, sql: "SELECT type, name, sql FROM sqlite_master ORDER BY type, name")
            for o in objects {
                let type: String = o["type"], name: String = o["name"]
                out.append("\(type) \(name): \(o["sql"] as String? ?? "")")
                guard type == "table" else { continue }
                let rows = try Row.fetchAll(db, sql: "SELECT * FROM \"\(name.replacingOccurrences(of: "\"", with: "\"\""))\"")
                out.append(contentsOf: rows.map { "\(name) \($0.description)" }.sorted())
            }
            return out
        }
    }

    /// Prepares the scratch folder for a run and returns the arguments to pass to the binary.
    static func prepare(_ run: Run, dir: String) throws -> [String] {
        let fm = FileManager.default
        func write(_ text: String, _ name: String) throws { try Data(text.utf8).write(to: URL(fileURLWithPath: "\(dir)/\(name)")) }
        func read(_ path: String) throws -> String { String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self) }
        var kind = "ledger"
        switch run.setup {
        case .none: break
        case .manifest(let path):
            try fm.createDirectory(atPath: "\(dir)/city", withIntermediateDirectories: true)
            try fm.copyItem(atPath: path, toPath: "\(dir)/city/pruefstand.yaml")
        case .workbook(let path):
            try fm.copyItem(atPath: path, toPath: "\(dir)/input.xlsx")
        case .splitMapping(let path):
            let parts = try read(path).components(separatedBy: "\n#csv\n")
            try write(parts[0], "mapping.yaml")
            try write(parts.count > 1 ? parts[1] : "", "input.csv")
            if let line = parts[0].split(separator: "\n").first(where: { $0.hasPrefix("kind:") }) {
                let k = line.dropFirst(5).trimmingCharacters(in: .whitespaces)
                if kinds.contains(k) { kind = k }
            }
        case .values(let path):
            var csv = "fiscal_year,posting_date,document_id,product,cost_center,account,description,vendor,amount\n"
            for (i, value) in try read(path).split(whereSeparator: { $0 == "\n" || $0 == "\r" }).prefix(200).enumerated() {
                let v = "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
                csv += "2025,2025-03-01,V\(i)a,01.01.01,KST1,523100,t,n,\(v)\n2025,\(v),V\(i)b,01.01.01,KST1,523100,t,n,1.00\n"
            }
            try write(csv, "input.csv")
        case .special(let what, let ext):
            let special = "\(dir)/special.\(ext)"
            switch what {
            case "a named pipe": #expect(mkfifo(special, 0o644) == 0)
            case "a folder": try fm.createDirectory(atPath: special, withIntermediateDirectories: false)
            case "/dev/zero behind a link": try fm.createSymbolicLink(atPath: special, withDestinationPath: "/dev/zero")
            default: break
            }
        }
        return run.arguments.map {
            $0 == "{kind}" ? kind : $0.replacingOccurrences(of: "{db}", with: "\(dir)/store.sqlite").replacingOccurrences(of: "{dir}", with: dir)
        }
    }

    @Test("no signal, no hang, exit 0, 1 or 2, and a refused import leaves the store as it was", arguments: all())
    func corpusFile(_ run: Run) throws {
        let base = try Self.base.get()
        let binary = CrashSafetyTests.binary!
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pruefstand-corpus-run-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = "\(dir)/store.sqlite"
        try FileManager.default.copyItem(atPath: base, toPath: store)
        let before = try Self.storeContent(store)
        let args = try Self.prepare(run, dir: dir)

        let r = try TestSupport.runProcess(URL(fileURLWithPath: binary), args, cwd: dir, timeout: 120)
        #expect(!r.timedOut, "\(run.name): still running after 120 s (a hang)")
        #expect(!r.signalled, "\(run.name): ended by signal \(r.status); stderr: \(r.err.suffix(2000))")
        guard !r.timedOut && !r.signalled else { return }
        #expect([0, 1, 2].contains(r.status), "\(run.name): exit \(r.status); stderr: \(r.err.suffix(2000))")
        #expect(!r.err.contains("Fatal error") && !r.err.contains("Stack dump"), "\(run.name): \(r.err.suffix(2000))")
        if run.reads || r.status != 0 {
            let after = try Self.storeContent(store)
            if after != before {
                let added = Set(after).subtracting(before).sorted().prefix(3)
                let removed = Set(before).subtracting(after).sorted().prefix(3)
                Issue.record("\(run.name): exit \(r.status), but the store changed: added \(Array(added)), removed \(Array(removed)); stderr: \(r.err.suffix(1000))")
            }
        }
    }

    @Test("the corpus is not empty and holds every kind of input")
    func corpusShape() {
        let runs = Self.all()
        #expect(runs.count > 150)
        for word in ["import", "run", "review", "scenario"] {
            #expect(runs.contains { $0.arguments.first == word }, "no run of \(word)")
        }
    }
}

import Foundation
import Testing
@testable import PruefstandCore

/// Golden files for what a user or a script reads from the command line: every `--help` text (English, the
/// only language of help) and every CSV table a command writes with `--format csv` on Musterstadt, compared
/// byte for byte with the files in `Tests/PruefstandCoreTests/Golden/` (`help/`, `csv/`).
///
/// The expected bytes are the reviewed output of an earlier build, not an independent oracle: these tests
/// catch an unintended change of a text or a table, the other suites check that the numbers are right.
/// A change on purpose is re-recorded with `make golden` (`UPDATE_GOLDEN=1 swift test --filter Golden`),
/// and the diff of `Golden/` is read in the review like any other change (docs/contributing.md).
///
/// Every run is a fresh process of the built binary with a fixed environment (`COLUMNS=80`, `LANG=C.UTF-8`,
/// no `PRUEFSTAND_DB`), in the repository root, so the city's files are named by relative paths. The store is
/// built once by `pruefstand run Datasets/musterstadt` into a temporary folder; its path is written `$STORE`
/// and the repository's path `$REPO` in the golden files, should an output name them.
/// A CSV whose German and English outputs are the same bytes is one file `NAME.csv`; when they differ it is
/// `NAME.de.csv` and `NAME.en.csv`.
@Suite("Golden files: --help and CLI CSV", .serialized,
       .enabled(if: TestSupport.hasBinary, "the pruefstand binary is built beside the tests"))
struct GoldenTests {
    static let folder = TestSupport.repoRoot.appendingPathComponent("Tests/PruefstandCoreTests/Golden")
    static var updating: Bool {
        let env = ProcessInfo.processInfo.environment
        return env["UPDATE_GOLDEN"] == "1" || env["PRUEFSTAND_RECORD"] == "1"
    }

    /// Runs the binary with `arguments` in the repository root; stdout with the store and repository paths
    /// replaced by `$STORE` and `$REPO`.
    static func run(_ arguments: [String], store: String? = nil) throws -> TestSupport.ProcessResult {
        let env = ["PATH=/usr/local/bin:/usr/bin:/bin", "HOME=" + FileManager.default.temporaryDirectory.path,
                   "COLUMNS=80", "LINES=24", "LANG=C.UTF-8", "TZ=UTC"]
        var r = try TestSupport.runProcess(URL(fileURLWithPath: "/usr/bin/env"),
                                           ["-i"] + env + [TestSupport.binaryPath!] + arguments,
                                           cwd: TestSupport.repoRoot.path, timeout: 600)
        if let store { r.out = r.out.replacingOccurrences(of: store, with: "$STORE") }
        r.out = r.out.replacingOccurrences(of: TestSupport.repoRoot.path, with: "$REPO")
        return r
    }

    /// Compares `actual` with the golden file `name` (or writes it when updating); a message naming the first
    /// line that differs.
    static func check(_ actual: String, _ file: URL) throws {
        if updating {
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: file)
            return
        }
        guard let expectedData = FileManager.default.contents(atPath: file.path) else {
            Issue.record("no golden file \(file.path): record it with `make golden` and review it")
            return
        }
        guard expectedData != Data(actual.utf8) else { return }
        let expected = String(decoding: expectedData, as: UTF8.self).components(separatedBy: "\n")
        let lines = actual.components(separatedBy: "\n")
        let i = (0..<min(expected.count, lines.count)).first { expected[$0] != lines[$0] } ?? min(expected.count, lines.count)
        Issue.record("""
            \(file.lastPathComponent) differs from the output at line \(i + 1):
              golden: \(i < expected.count ? expected[i] : "<end of file>")
              now:    \(i < lines.count ? lines[i] : "<end of output>")
            If the change is intended, re-record with `make golden` and review the diff of Tests/PruefstandCoreTests/Golden/.
            """)
    }

    // MARK: --help

    /// The subcommand names listed in a help text (as `HelpTests` reads them).
    static func subcommands(_ text: String) -> [String] {
        guard let r = text.range(of: "SUBCOMMANDS:\n") else { return [] }
        return text[r.upperBound...].split(separator: "\n").compactMap { line in
            guard line.hasPrefix("  "), !line.hasPrefix("   ") else { return nil }
            let name = line.split(separator: " ").first.map(String.init) ?? ""
            return name.isEmpty || name == "See" ? nil : name.replacingOccurrences(of: "(default)", with: "")
        }
    }

    @Test("every --help text, from `pruefstand --help` down to each subcommand's, is its golden file `help/pruefstand-….txt`")
    func helpTexts() throws {
        let dir = Self.folder.appendingPathComponent("help")
        var queue: [[String]] = [[]]
        var written: Set<String> = []
        while let words = queue.first {
            queue.removeFirst()
            let r = try Self.run(words + ["--help"])
            try #require(r.status == 0, "pruefstand \(words.joined(separator: " ")) --help: exit \(r.status)")
            let name = (["pruefstand"] + words).joined(separator: "-") + ".txt"
            written.insert(name)
            try Self.check(r.out, dir.appendingPathComponent(name))
            queue += Self.subcommands(r.out).filter { $0 != "help" }.map { words + [$0] }
        }
        #expect(written.count >= 25, "only \(written.count) help texts found")
        try Self.noStrayFiles(in: dir, expected: written)
    }

    /// A golden file for a command that no longer exists fails (or is removed when updating).
    static func noStrayFiles(in dir: URL, expected: Set<String>) throws {
        let present = Set((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? [])
        for stray in present.subtracting(expected).sorted() {
            if updating { try FileManager.default.removeItem(at: dir.appendingPathComponent(stray)) }
            else { Issue.record("golden file \(stray) has no command any more: remove it with `make golden`") }
        }
    }

    // MARK: CSV on Musterstadt

    /// Musterstadt's store, made once by the main job.
    static let store: Result<String, Error> = Result {
        let dir = try TestSupport.tempDir("golden")
        let db = dir.appendingPathComponent("musterstadt.sqlite").path
        let r = try run(["run", "Datasets/musterstadt", "--db", db, "--out", dir.appendingPathComponent("m.xlsx").path,
                         "--csv", dir.appendingPathComponent("csv").path, "--quiet"])
        guard r.status == 0 else { throw PruefstandError.other("pruefstand run Datasets/musterstadt: exit \(r.status): \(r.err)") }
        return db
    }

    static let city = "Datasets/musterstadt"
    static let kombi = "\(city)/scenarios/kombi.yaml"

    /// Each command with `--format csv` and each of its tables, with the options the main job would give.
    static let csvCases: [(name: String, arguments: [String])] = {
        let audit: String = "\(city)/controlling/audit.yaml"
        let projection: String = "\(city)/controlling/projection.yaml"
        let rules: String = "\(city)/rules/review.yaml"
        let kita: String = "\(city)/scenarios/kita-minus-20.yaml"
        let gewst: String = "\(city)/scenarios/gewst-490-ab-2027.yaml"
        var cases: [(name: String, arguments: [String])] = []
        cases.append(("variance", ["variance", "--year", "2025", "--format", "csv"]))
        cases.append(("variance-org-unit", ["variance", "--year", "2025", "--by", "org-unit", "--format", "csv"]))
        cases.append(("variance-through-june-seasonal",
                      ["variance", "--year", "2025", "--through-month", "6", "--phasing", "seasonal", "--format", "csv"]))
        cases.append(("audit", ["audit", "--year", "2025", "--parameters", audit, "--format", "csv"]))
        cases.append(("projection", ["projection", "--scenario", projection, "--format", "csv"]))
        cases.append(("projection-relief", ["projection", "--scenario", projection, "--relief", gewst, "--format", "csv"]))
        for table in ["list", "summary"] {
            cases.append(("review-" + table, ["review", "--as-of", "2026-01-01", "--rules", rules, "--format", "csv", "--table", table]))
        }
        for table in ["parameters", "inputs", "results"] {
            cases.append(("scenario-diff-" + table, ["scenario", "diff", kita, kombi, "--format", "csv", "--table", table]))
        }
        for table in ["effects", "relief", "typical_cases", "assumptions", "levels"] {
            cases.append(("scenario-run-" + table, ["scenario", "run", kombi, "--format", "csv", "--table", table]))
        }
        cases.append(("scenario-run-tornado", ["scenario", "run", kombi, "--sensitivity", "--format", "csv", "--table", "tornado"]))
        for table in ["bands", "balance"] {
            cases.append(("scenario-run-draws-" + table,
                          ["scenario", "run", kombi, "--draws", "500", "--seed", "42", "--format", "csv", "--table", table]))
            cases.append(("scenario-montecarlo-" + table,
                          ["scenario", "montecarlo", kombi, "--draws", "500", "--seed", "42", "--format", "csv", "--table", table]))
        }
        return cases
    }()

    @Test("each CLI CSV table on Musterstadt, German and English, is its golden file `csv/NAME[.de|.en].csv`",
          arguments: csvCases.map(\.name))
    func csvTable(name: String) throws {
        let db = try Self.store.get()
        let arguments = Self.csvCases.first { $0.name == name }!.arguments
        // `scenario diff` reads two files and refuses a store.
        let store = arguments.starts(with: ["scenario", "diff"]) ? [] : ["--db", db]
        var out: [String: String] = [:]
        for lang in ["de", "en"] {
            let r = try Self.run(arguments + store + ["--lang", lang], store: db)
            try #require(r.status == 0, "pruefstand \(arguments.joined(separator: " ")) --lang \(lang): exit \(r.status): \(r.err)")
            try #require(!r.out.isEmpty, "pruefstand \(arguments.joined(separator: " ")) --lang \(lang) wrote nothing")
            out[lang] = r.out
        }
        let dir = Self.folder.appendingPathComponent("csv")
        let one = dir.appendingPathComponent(name + ".csv")
        let de = dir.appendingPathComponent(name + ".de.csv"), en = dir.appendingPathComponent(name + ".en.csv")
        if Self.updating {
            for f in [one, de, en] { try? FileManager.default.removeItem(at: f) }
            if out["de"] == out["en"] { try Self.check(out["de"]!, one) }
            else { try Self.check(out["de"]!, de); try Self.check(out["en"]!, en) }
        } else if FileManager.default.fileExists(atPath: one.path) {
            try Self.check(out["de"]!, one)
            try Self.check(out["en"]!, one)
        } else {
            try Self.check(out["de"]!, de)
            try Self.check(out["en"]!, en)
        }
    }

    @Test("every file in Golden/csv belongs to a case")
    func noStrayCSV() throws {
        var names: Set<String> = []
        for c in Self.csvCases { names.formUnion([c.name + ".csv", c.name + ".de.csv", c.name + ".en.csv"]) }
        let dir = Self.folder.appendingPathComponent("csv")
        let present = Set((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? [])
        #expect(present.subtracting(names).isEmpty, "golden files without a case: \(present.subtracting(names).sorted())")
    }
}

import Foundation
import Testing
@testable import PruefstandCore

/// One language per message (issue 16): every subcommand run with `--lang de` and `--lang en` on Musterstadt (and on
/// a bad input for the error paths), its standard output and error scanned line by line for marker words of the
/// other language with the workbook test's scanner and word lists (`Fixtures/export/language_scan.py --lines`).
/// Text from the input files (names, titles, parameter descriptions) is the city's own and is taken out first.
/// Numbers follow the language too: a count of thousands reads `1.234` in German and `1,234` in English.
@Suite("End to end: CLI messages in one language", .serialized,
       .enabled(if: CrashSafetyTests.binary != nil && ExportTestSupport.hasSoffice, "the pruefstand binary and openpyxl's python are needed"))
struct CLILanguageTests {
    /// A temporary folder with the Musterstadt store (the main job run once), a bad ledger and a tax-rate mapping.
    static let setup: Result<String, Error> = Result {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cli-lang-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let r = try TestCity.run(["run", "Datasets/musterstadt", "--db", dir + "/s.sqlite", "--out", dir + "/m.xlsx", "--csv", dir + "/csv", "--quiet"],
                                 cwd: TestCity.repo.path)
        guard r.status == 0 else { throw PruefstandError.other("setup run failed: \(r.err)") }
        // Two good postings and two bad ones (an amount that is none, a date that is none).
        try """
            fiscal_year,posting_date,document_id,product,cost_center,account,description,vendor,amount
            2024,2024-01-02,X-1,01.01.01,KST10002,501200,Entgelte 01/2024,,2534.64
            2024,2024-01-03,X-2,01.01.03,KST12003,523100,Miete 01/2024,,4717.26
            2024,2024-01-04,X-3,01.01.03,KST12003,523100,Miete 01/2024,,zwölf
            2024,2024-13-45,X-4,01.01.03,KST12003,523100,Miete 01/2024,,12.00

            """.write(toFile: dir + "/bad-ledger.csv", atomically: true, encoding: .utf8)
        let fixtures = TestCity.repo.path + "/Tests/PruefstandCoreTests/Fixtures/taxrates"
        try (try String(contentsOfFile: fixtures + "/realsteuerhebesaetze.yaml", encoding: .utf8) + "fixed: { fiscal_year: 2024 }\n")
            .write(toFile: dir + "/taxrates.yaml", atomically: true, encoding: .utf8)
        let t = try TestCity.run(["import", "taxrates", fixtures + "/realsteuerhebesaetze-2024.csv", "--mapping", dir + "/taxrates.yaml", "--db", dir + "/s.sqlite",
                                  "--rejects-dir", dir], cwd: TestCity.repo.path)
        guard t.status == 0 else { throw PruefstandError.other("setup taxrates import failed: \(t.err)") }
        // Mappings with a misspelt key and with a key given twice (the YAML reader's and StrictYAML's errors).
        try "kind: plan\ncolums:\n  product: Produkt\n".write(toFile: dir + "/unknown-key.yaml", atomically: true, encoding: .utf8)
        try "kind: plan\nkind: plan\n".write(toFile: dir + "/duplicate-key.yaml", atomically: true, encoding: .utf8)
        return dir
    }

    /// Subcommands with the arguments after the subcommand's words; `{dir}` is the setup folder, `{fresh}` a new store.
    static let commands: [(name: String, args: [String])] = [
        ("run again (inputs already in the store)", ["run", "Datasets/musterstadt", "--db", "{dir}/s.sqlite", "--out", "{dir}/m2.xlsx", "--csv", "{dir}/csv2"]),
        ("import a plan", ["import", "plan", "Datasets/musterstadt/plan.csv", "--db", "{fresh}", "--rejects-dir", "{dir}"]),
        ("import bad rows, quarantined", ["import", "ledger", "{dir}/bad-ledger.csv", "--db", "{fresh}", "--on-error", "quarantine", "--rejects-dir", "{dir}"]),
        ("import bad rows, aborted (error boundary)", ["import", "ledger", "{dir}/bad-ledger.csv", "--db", "{fresh}", "--rejects-dir", "{dir}"]),
        ("import the same file again (error boundary)", ["import", "codes", "Datasets/musterstadt/codes.csv", "--db", "{dir}/s.sqlite", "--rejects-dir", "{dir}"]),
        ("import tax rates", ["import", "taxrates", "Tests/PruefstandCoreTests/Fixtures/taxrates/realsteuerhebesaetze-2024.csv", "--mapping", "{dir}/taxrates.yaml",
                              "--db", "{fresh}", "--rejects-dir", "{dir}"]),
        ("rates compare", ["rates", "compare", "--city", "Hagen", "--year", "2024", "--db", "{dir}/s.sqlite"]),
        ("store info", ["store", "info", "--db", "{dir}/s.sqlite"]),
        ("export", ["export", "v_plan", "--out", "{dir}/plan-export.csv", "--db", "{dir}/s.sqlite"]),
        ("variance", ["variance", "--db", "{dir}/s.sqlite"]),
        ("scenario run (warnings on uncertain values)", ["scenario", "run", "Datasets/musterstadt/scenarios/kombi.yaml"]),
        ("audit", ["audit", "--db", "{dir}/s.sqlite"]),
        // The errors a user meets (issue 16), each through the one error boundary or as a usage error.
        ("a missing input file (error boundary)", ["import", "ledger", "{dir}/no-such-ledger.csv", "--db", "{fresh}", "--rejects-dir", "{dir}"]),
        ("a missing store (error boundary)", ["variance", "--db", "{dir}/mistyped.sqlite"]),
        ("a mapping with an unknown key (error boundary)", ["import", "plan", "Datasets/musterstadt/plan.csv", "--mapping", "{dir}/unknown-key.yaml",
                                                            "--db", "{fresh}", "--rejects-dir", "{dir}"]),
        ("a mapping with a key given twice (error boundary)", ["import", "plan", "Datasets/musterstadt/plan.csv", "--mapping", "{dir}/duplicate-key.yaml",
                                                               "--db", "{fresh}", "--rejects-dir", "{dir}"]),
        ("a bad option value (usage error)", ["import", "ledger", "{dir}/bad-ledger.csv", "--on-error", "sometimes", "--db", "{fresh}"]),
        ("a year out of range (usage error)", ["audit", "--year", "1800", "--db", "{dir}/s.sqlite"]),
        ("audit as CSV", ["audit", "--format", "csv", "--db", "{dir}/s.sqlite"]),
        ("mapping suggest", ["mapping", "suggest", "Datasets/musterstadt/plan.csv", "--kind", "plan"]),
        ("sample musterstadt", ["sample", "musterstadt", "--out", "{dir}/sample", "--scale", "0.01"]),
        ("scenario test", ["scenario", "test", "Tests/PruefstandCoreTests/Cases/scenarios"]),
    ]

    struct Scan: Decodable { var problems: [String]; var cells: Int }

    @Test("messages of each subcommand hold no word of the other language",
          arguments: commands.indices.flatMap { i in ["de", "en"].map { (i, $0) } })
    func oneLanguage(_ index: Int, _ lang: String) throws {
        let dir = try Self.setup.get()
        let fresh = dir + "/fresh-\(UUID().uuidString.prefix(6)).sqlite"
        let (name, template) = Self.commands[index]
        let args = template.map { $0.replacingOccurrences(of: "{dir}", with: dir).replacingOccurrences(of: "{fresh}", with: fresh) } + ["--lang", lang]
        let r = try TestCity.run(args, cwd: TestCity.repo.path)
        let raw = r.out + "\n" + r.err
        // An aborted import prints its summary before the error line: the error is the line that starts with the prefix.
        if name.contains("(error boundary)") { #expect(r.status == 1 && r.err.contains("pruefstand: "), "\(name): \(r.status) \(r.err)") }
        if name.contains("(usage error)") { #expect(r.status == 2, "\(name): \(r.status) \(r.err)") }
        #expect(!raw.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "\(name): no output")
        // Names are not prose: keys in snake_case (`total_row`, `fiscal_year`: a list of allowed keys), the folder the
        // repository is checked out in, the scenario cases' file names and the holidays' names are left out of the scan.
        // The reject reasons follow --lang like every other line (built in both languages by the parsers, issue 16).
        var output = raw.replacingOccurrences(of: TestCity.repo.path, with: "REPO")
        output = output.replacingOccurrences(of: #"\S*Cases/scenarios/\S*"#, with: "CASE", options: .regularExpression)
        output = output.replacingOccurrences(of: #"Tag der (?:Arbeit|Deutschen Einheit)"#, with: "HOLIDAY", options: .regularExpression)
        output = output.replacingOccurrences(of: #"\b[A-Za-z]+(?:_[A-Za-z0-9]+)+\b"#, with: "KEY", options: .regularExpression)
        let reasonless = output.replacingOccurrences(of: #"(?m)^(  (?:verworfen|rejected) \S+?:\d+(?::\d+)?: ).*?( \[(?:Feld|field) .*)?$"#,
                                                     with: "$1…$2", options: .regularExpression)
        if name.contains("bad rows") { #expect(reasonless != output, "\(name): no reject line in \(output)") }
        let full = try Self.scan(output, lang: lang, file: dir + "/\(index)-\(lang).txt")
        #expect(full.isEmpty, "\(name) --lang \(lang): \(full.prefix(20).joined(separator: "\n"))\n\(output.prefix(3000))")
    }

    /// A run's errors speak its manifest's `report.lang` when no --lang is given, and --lang wins over it. The city's
    /// 2024 ledger has a bad row, so the run stops at the import (`--on-error abort`, the default) with exit 1.
    @Test("a run's error follows the manifest's report.lang, and --lang over it",
          arguments: [(nil, "en"), ("de", "de"), ("en", "en")] as [(String?, String)])
    func manifestLanguage(_ flag: String?, _ expected: String) throws {
        let dir = try TestCity.make(manifest: TestCity.manifest(report: "  out: out/city.xlsx\n  csv: out/csv\n  lang: en\n"))
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let ledger = try String(contentsOfFile: dir + "/ledger-2024.csv", encoding: .utf8)
        try (ledger + "2024,2024-13-45,X-4,01.01.03,KST12003,523100,Miete,,zwölf\n").write(toFile: dir + "/ledger-2024.csv", atomically: true, encoding: .utf8)
        let r = try TestCity.run(["run", dir, "--db", dir + "/s.sqlite", "--quiet"] + (flag.map { ["--lang", $0] } ?? []))
        #expect(r.status == 1, "\(r.out) \(r.err)")
        let message = r.err.split(separator: "\n").first.map(String.init) ?? ""
        // The frame of the aborted import, written here from the message's two languages.
        #expect(message.contains(expected == "de" ? "fehlerhafte Zeile(n); nichts wurde importiert" : "bad row(s); nothing was imported"), "\(r.err)")
        let problems = try Self.scan(message, lang: expected, file: dir + "/manifest-\(flag ?? "none").txt")
        #expect(problems.isEmpty, "\(problems)")
    }

    /// Hostile values quoted in an error: a 60 KB key (under the reader's 64 KiB value limit), a 1 MB key (over it),
    /// a key and a file name with escape sequences and line breaks. Each error is one line on standard error,
    /// at most 4,000 characters and one `pruefstand: ` prefix, with no control character in it.
    @Test("an error quoting a huge or control-character value stays one bounded line",
          arguments: ["huge-key", "megabyte-key", "escape-key", "escape-path"])
    func hostileValue(_ kind: String) throws {
        let dir = try Self.setup.get()
        var args = ["import", "plan", "Datasets/musterstadt/plan.csv", "--db", dir + "/hostile-\(kind).sqlite", "--rejects-dir", dir]
        let mapping = dir + "/hostile-\(kind).yaml"
        switch kind {
        case "huge-key": try "kind: plan\n\(String(repeating: "k", count: 60_000)): 1\n".write(toFile: mapping, atomically: true, encoding: .utf8)
        case "megabyte-key": try "kind: plan\n\(String(repeating: "m", count: 1 << 20)): 1\n".write(toFile: mapping, atomically: true, encoding: .utf8)
        case "escape-key": try "kind: plan\n\"a\\e[2J\\nb\": 1\n".write(toFile: mapping, atomically: true, encoding: .utf8)
        default: args[2] = dir + "/no\u{1B}[31mred\nline.csv"
        }
        if kind != "escape-path" { args += ["--mapping", mapping] }
        for lang in ["de", "en"] {
            let r = try TestCity.run(args + ["--lang", lang], cwd: TestCity.repo.path)
            #expect(r.status == 1, "\(kind) \(lang): \(r.status)")
            let lines = r.err.split(separator: "\n", omittingEmptySubsequences: true)
            #expect(lines.count == 1 && r.err.hasPrefix("pruefstand: "), "\(kind) \(lang): \(r.err.prefix(500))")
            #expect(r.err.utf8.count <= 4_100, "\(kind) \(lang): \(r.err.utf8.count) bytes")
            #expect(!r.err.dropLast().unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }, "\(kind) \(lang): \(r.err.prefix(300))")
        }
    }

    /// `review` without `--rules` says so on standard error, in the language (its table quotes org-unit names cut to
    /// the column's width, which the word scan cannot tell from prose, so the note is checked here by its words).
    @Test("review without a rules file notes the built-in defaults in the language", arguments: ["de", "en"])
    func reviewNote(_ lang: String) throws {
        let dir = try Self.setup.get()
        let r = try TestCity.run(["review", "--db", dir + "/s.sqlite", "--lang", lang], cwd: TestCity.repo.path)
        #expect(r.status == 0, "\(r.err)")
        let expected = lang == "de" ? "Hinweis: keine --rules-Datei; es gelten die eingebauten Vorgaben" : "note: no --rules file; using built-in defaults"
        #expect(r.err.contains(expected), "\(r.err)")
    }

    /// The lines of `text` with marker words of the other language (`language_scan.py --lines`).
    static func scan(_ text: String, lang: String, file: String) throws -> [String] {
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        let script = ExportTestSupport.fixtures.appendingPathComponent("language_scan.py").path
        let s = try TestSupport.runProcess(URL(fileURLWithPath: "/usr/bin/env"),
                                           ["python3", script, "--lines", file, lang, "--cache", (file as NSString).deletingLastPathComponent + "/data-strings.json",
                                            TestCity.repo.path + "/Datasets/musterstadt",
                                            TestCity.repo.path + "/Parameters", TestCity.repo.path + "/Tests/PruefstandCoreTests/Fixtures/taxrates"])
        #expect(s.status == 0, "\(s.err)")
        return try JSONDecoder().decode(Scan.self, from: Data(s.out.utf8)).problems
    }

    /// Counts of thousands in the language's form: the plan's 9,396 rows.
    @Test("the import summary counts rows as 9.396 in German and 9,396 in English", arguments: ["de", "en"])
    func counts(_ lang: String) throws {
        let dir = try Self.setup.get()
        let r = try TestCity.run(["import", "plan", "Datasets/musterstadt/plan.csv", "--db", dir + "/counts-\(lang).sqlite", "--rejects-dir", dir, "--lang", lang],
                                 cwd: TestCity.repo.path)
        #expect(r.status == 0, "\(r.err)")
        // The oracle: the data rows of plan.csv, counted here, in the language's thousands form.
        let rows = try String(contentsOfFile: TestCity.repo.path + "/Datasets/musterstadt/plan.csv", encoding: .utf8)
            .split(separator: "\n").count - 1
        let grouped = "\(rows / 1000)\(lang == "de" ? "." : ",")\(String(format: "%03d", rows % 1000))"
        #expect(r.out.contains(lang == "de" ? "Zeilen gelesen \(grouped) = importiert \(grouped) + verworfen 0" : "rows read \(grouped) = imported \(grouped) + rejected 0"),
                "\(r.out)")
    }
}

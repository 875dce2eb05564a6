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
        ("audit", ["audit", "--db", "{dir}/s.sqlite"]),
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
        let output = r.out + "\n" + r.err
        #expect(!output.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "\(name): no output")
        // The reject lines must be there for the bad-rows commands; their reasons follow --lang like every other line
        // (built in both languages by the parsers, issue 16), so the whole output is scanned.
        let reasonless = output.replacingOccurrences(of: #"(?m)^(  (?:verworfen|rejected) \S+?:\d+(?::\d+)?: ).*?( \[(?:Feld|field) .*)?$"#,
                                                     with: "$1…$2", options: .regularExpression)
        if name.contains("bad rows") { #expect(reasonless != output, "\(name): no reject line in \(output)") }
        let full = try Self.scan(output, lang: lang, file: dir + "/\(index)-\(lang).txt")
        #expect(full.isEmpty, "\(name) --lang \(lang): \(full.prefix(20).joined(separator: "\n"))\n\(output.prefix(3000))")
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

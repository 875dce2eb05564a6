import Foundation
import Testing
@testable import PruefstandCore

/// Issue 16: numbers and dates in messages follow the language. German `162.302.400,00 €`, `4,7 %`, `01.01.2026`;
/// English `EUR 162,302,400.00`, `4.7 %`, `2026-01-01` (NumberText). Machine outputs (CSV, JSON) keep plain numbers.
@Suite("Messages: numbers and dates in the language (issue 16)")
struct MessageNumbersTests {
    /// Hand-written: model 162,302,400.00, plan 155,000,000.00 → (162,302,400 − 155,000,000) ÷ 155,000,000 = 4.711 %.
    static let reconciliation = BaselineReconciliation(model: .gewerbesteuer, year: 2026, modelRevenue: Money(euros: 162_302_400),
                                                       planRevenue: Money(euros: 155_000_000), accounts: ["401300"], tolerance: Decimal(string: "0.05")!)
    static let calibration = BaselineCalibration(model: .gewerbesteuer, year: 2026, cityRevenue: Money(euros: 162_302_400),
                                                 planRevenue: Money(euros: 150_000_000), accounts: ["401300"], factor: Decimal(string: "0.924200123456")!)
    static let affordable = AffordableRelief(scenario: "s", solution: .init(lever: "kita.beitrag_faktor", unit: "share", fromYear: 2027, targetYear: 2029,
                                                                          baselineValue: 1, value: Decimal(string: "0.85")!, results: [:], netEffects: [:], evaluations: 3))

    @Test("message texts: German and English forms of amounts, percentages, factors and dates", arguments: [
        (Self.reconciliation.text(.de), ["Modell 162.302.400,00 €", "Plan (Konten 401300) 155.000.000,00 €", "Abweichung 4,7 %", "Toleranz von 5,0 %"]),
        (Self.reconciliation.text(.en), ["model EUR 162,302,400.00", "plan (accounts 401300) EUR 155,000,000.00", "deviation 4.7 %", "tolerance of 5.0 %"]),
        (Self.calibration.text(.de), ["(Konten 401300: 150.000.000,00 €; Stadtdaten 162.302.400,00 €; Faktor 0,9242)"]),
        (Self.calibration.text(.en), ["(accounts 401300: EUR 150,000,000.00; city data EUR 162,302,400.00; factor 0.9242)"]),
        (Self.affordable.text(.de), ["kita.beitrag_faktor 0,85 share ab 2027 (Basis 1 share"]),
        (Self.affordable.text(.en), ["kita.beitrag_faktor 0.85 share from 2027 (baseline 1 share"]),
        (SchluesselzuweisungenBase(amount: Money(cents: 22_000_000_050), planYear: 2026, accounts: ["411100"]).text(.de), ["(220.000.000,50 €)"]),
        (SchluesselzuweisungenBase(amount: Money(cents: 22_000_000_050), planYear: 2026, accounts: ["411100"]).text(.en), ["(EUR 220,000,000.50)"]),
    ])
    func texts(text: String, expected: [String]) {
        for e in expected { #expect(text.contains(e), "\(e) not in: \(text)") }
        #expect(Self.rawAmounts(text).isEmpty, "\(text)")
    }

    @Test("the import summary in one language: German amounts and counts with --lang de, English with --lang en")
    func importSummary() {
        var s = ImportSummary(kind: .plan, file: "plan.csv")
        s.controlReadCents = -123_456_789; s.controlImportedCents = -123_456_789; s.controlStoredCents = -123_456_789
        s.rowsRead = 1_234_567; s.rowsImported = 1_234_000; s.rowsRejected = 567; s.recordsStored = 1_234_000
        #expect(s.text(.de).contains("Kontrollsummen: gelesen -1.234.567,89 €, importiert -1.234.567,89 €, im Store -1.234.567,89 €"), "\(s.text(.de))")
        #expect(s.text(.de).contains("Zeilen gelesen 1.234.567 = importiert 1.234.000 + verworfen 567"), "\(s.text(.de))")
        #expect(s.text(.en).contains("rows read 1,234,567 = imported 1,234,000 + rejected 567"), "\(s.text(.en))")
        #expect(s.text(.en).contains("control totals: read EUR -1,234,567.89, imported EUR -1,234,567.89"), "\(s.text(.en))")
    }

    // MARK: - The built binary on Musterstadt

    /// A raw amount: five or more digits, a decimal point, two decimals (`162302400.00`, `-5608565.99`).
    static func rawAmounts(_ text: String) -> [String] { matches(#"(?<![\d.,])-?\d{5,}\.\d{2}\b"#, text) }
    /// An ISO date (`2026-01-01`).
    static func isoDates(_ text: String) -> [String] { matches(#"\b\d{4}-\d{2}-\d{2}\b"#, text) }
    static func matches(_ pattern: String, _ text: String) -> [String] {
        let re = try! NSRegularExpression(pattern: pattern)
        return re.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { String(text[Range($0.range, in: text)!]) }
    }

    /// Lines that may keep a raw amount or an ISO date, with the reason.
    static func allowed(_ line: String) -> String? {
        if line.hasPrefix("  SHA-256 ") { return "the input's hash and file facts (machine keys)" }
        if line.hasPrefix("warning: ") { return "a parameter file's own text, quoted with its file and line (scenario check)" }
        if line.contains("§ 35 EStG: credit ") { return "a note cell of the typical-cases table, which the CSV carries too (machine formats keep plain numbers)" }
        return nil
    }

    @Test("run, review, scenario run/solve/montecarlo on Musterstadt: no raw amount in either language, no ISO date in German",
          .enabled(if: FileManager.default.isExecutableFile(atPath: pruefstandBinary.path)))
    func musterstadt() throws {
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("msg-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: tmp + "/Datasets", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: "\(repoRoot)/Datasets/musterstadt", toPath: tmp + "/Datasets/musterstadt")
        try FileManager.default.copyItem(atPath: "\(repoRoot)/Parameters", toPath: tmp + "/Parameters")
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        try? FileManager.default.removeItem(atPath: tmp + "/Datasets/musterstadt/out")
        let sc = "Datasets/musterstadt/scenarios/", projection = "Datasets/musterstadt/controlling/projection.yaml"
        for lang in ["de", "en"] {
            let db = "\(tmp)/store-\(lang).sqlite"   // a store per language: each run imports, so its log shows the import amounts
            let commands: [[String]] = [
                ["run", "Datasets/musterstadt", "--db", db, "--out", "\(tmp)/\(lang).xlsx", "--csv", "\(tmp)/csv-\(lang)"],
                ["review", "--db", db, "--rules", "Datasets/musterstadt/rules/review.yaml"],
                ["scenario", "run", sc + "gewst-490-ab-2027.yaml", "--calibrate", "--projection", projection, "--db", db],
                ["scenario", "run", sc + "kombi.yaml"],
                ["scenario", "solve", sc + "gewst-490-ab-2027.yaml", "--target", "balanced-from", "2029", "--lever", "gewerbesteuer.hebesatz", "--db", db],
                ["scenario", "montecarlo", sc + "kombi.yaml", "--draws", "20", "--db", db],
            ]
            var seen: [String: Int] = [:]
            for args in commands {
                let r = try TestSupport.runProcess(pruefstandBinary, args + ["--lang", lang], cwd: tmp)
                // solve exits 1 when even the baseline is not balanced from the target year (Musterstadt's case).
                #expect(r.status == 0 || args[1] == "solve", "\(args): \(r.err)")
                for line in (r.out + "\n" + r.err).split(separator: "\n").map(String.init) {
                    if let reason = Self.allowed(line) { seen[reason, default: 0] += 1; continue }
                    #expect(Self.rawAmounts(line).isEmpty, "\(lang) \(args[0]) \(args[1]): raw amount in: \(line)")
                    if lang == "de" { #expect(Self.isoDates(line).isEmpty, "de \(args[0]) \(args[1]): ISO date in: \(line)") }
                }
                if lang == "de" && args[0] == "run" {
                    // The log's German forms: amounts, the deviation, the review's date (oracle: as_of 2026-01-01 in the manifest).
                    #expect(r.out.contains("Stellenprüfung: ") && r.out.contains(" Fälle zum 01.01.2026"), "\(r.out)")
                    // 162,302,400: Messbeträge 30,000,000 (2024) × 1.02² × 520 % (by hand, as in CalibrationAndLevelsTests).
                    #expect(r.out.contains("Basisabgleich Gewerbesteuer 2026: Modell 162.302.400,00 €"), "\(r.out)")
                }
                if lang == "en" && args[0] == "run" {
                    #expect(r.out.contains("Baseline reconciliation Gewerbesteuer 2026: model EUR 162,302,400.00"), "\(r.out)")
                    #expect(r.out.contains("  control totals: read EUR "), "\(r.out)")
                }
            }
            // The scan saw the commands' output: the hash lines of nine imports at least.
            #expect(seen["the input's hash and file facts (machine keys)", default: 0] >= 9)
        }
    }
}

import Foundation
import Testing
@testable import PruefstandCore

/// One language per report (issue 16): the main job on Musterstadt writes the workbook with `--lang de` and
/// `--lang en`; every string cell of each is scanned for marker words of the other language
/// (`Fixtures/export/language_scan.py`, word lists kept there). Text from the input files (names, position
/// titles, vendors, legal citations and descriptions in the parameter files, holiday names) is the city's own
/// and is taken out before the scan; machine keys (`refill:vacant`, `checks.refill.parameters.…`) too.
@Suite("End to end: one language per workbook", .serialized,
       .enabled(if: CrashSafetyTests.binary != nil && ExportTestSupport.hasSoffice, "the pruefstand binary and openpyxl's python are needed"))
struct LanguageTests {
    /// Musterstadt copied into a temporary tree that keeps the scenarios' relative paths to `Parameters/`.
    static let city: Result<String, Error> = Result {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("lang-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: root + "/Datasets", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: TestCity.repo.appendingPathComponent("Datasets/musterstadt").path, toPath: root + "/Datasets/musterstadt")
        try? FileManager.default.removeItem(atPath: root + "/Datasets/musterstadt/out")
        try FileManager.default.createSymbolicLink(atPath: root + "/Parameters", withDestinationPath: TestCity.repo.appendingPathComponent("Parameters").path)
        let holidays = (2024...2026).flatMap { NRWHolidays.holidays(in: $0).values }
        try Set(holidays).sorted().joined(separator: "\n").write(toFile: root + "/holidays.txt", atomically: true, encoding: .utf8)
        return root
    }

    struct Scan: Decodable { var problems: [String]; var cells: Int }

    @Test("no English word in the German workbook, no German word in the English one", arguments: ["de", "en"])
    func oneLanguage(lang: String) throws {
        let root = try Self.city.get()
        let city = root + "/Datasets/musterstadt"
        let out = "out/\(lang).xlsx"
        let r = try TestCity.run(["run", city, "--db", root + "/\(lang).sqlite", "--lang", lang, "--out", city + "/" + out,
                                  "--csv", city + "/out/csv-\(lang)", "--quiet"])
        #expect(r.status == 0, "\(r.err)")
        let script = ExportTestSupport.fixtures.appendingPathComponent("language_scan.py").path
        let s = try TestSupport.runProcess(URL(fileURLWithPath: "/usr/bin/env"),
                                           ["python3", script, city + "/" + out, lang, city, TestCity.repo.appendingPathComponent("Parameters").path,
                                            "--extra", root + "/holidays.txt"])
        #expect(s.status == 0, "\(s.err)")
        let scan = try JSONDecoder().decode(Scan.self, from: Data(s.out.utf8))
        #expect(scan.cells > 10_000)
        #expect(scan.problems.isEmpty, "\(scan.problems.count) cells: \(scan.problems.prefix(20).joined(separator: "\n"))")

        // Numbers in text follow the language: the Benford notes' critical value reads 15,507 in German.
        let sheets = try ExportTestSupport.cells(URL(fileURLWithPath: city + "/" + out))
        let notes = sheets.flatMap { $0.cells.values.compactMap(\.v) }.filter { $0.contains(lang == "de" ? "kritischer Wert" : "critical value") }
        #expect(notes.count == 2)
        let pattern = lang == "de" ? #"kritischer Wert 5 %: \d+,\d{3}\)"# : #"critical value 5 %: \d+\.\d{3}\)"#
        for n in notes { #expect(n.range(of: pattern, options: .regularExpression) != nil, "\(n)") }
    }
}

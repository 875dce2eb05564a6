import Foundation
import Testing
@testable import PruefstandCore

/// What-if for the relief scenarios (issue 16): a controller changes a scenario's Gewerbesteuer-Hebesatz, Kita fee cut,
/// Grundsteuer-B-Hebesatz or fee rate on "Annahmen (Eingaben)", LibreOffice recalculates, and the relief rows (budget
/// effect, relief by group with the Kita income brackets, typical businesses, families and properties) and the
/// consolidation path with relief equal what `pruefstand` computes from a scenario file with the same value:
/// `scenario run --format csv` for the relief tables, a second `run` of the city for the path, to the cent. The
/// workbook is edited with openpyxl, which drops every cached value, so what is read back is LibreOffice's.
@Suite("What-if: a changed Hebesatz, Kita fee cut or fee rate recalculates the relief tables and the path in LibreOffice", .serialized,
       .enabled(if: ExportTestSupport.hasSoffice, "soffice not installed: apt-get install libreoffice-calc-nogui"))
struct ReliefWhatIfTests {
    /// One changed Hebesatz: the input's label, the value typed, the same change as a text edit of the scenario
    /// file, and how the scenario's rows begin (its title).
    struct Change: CustomTestStringConvertible {
        var name: String, file: String, label: String, value: String, yamlOld: String, yamlNew: String, title: String
        var testDescription: String { name }
    }

    static let changes = [
        Change(name: "gewst-470", file: "gewst-490-ab-2027.yaml",
               label: "Gewerbesteuer-Hebesatz ab 2027: Gewerbesteuer senken: Hebesatz 490 % ab 2027", value: "470",
               yamlOld: "      value: 490\n", yamlNew: "      value: 470\n", title: "Gewerbesteuer senken: Hebesatz 490 % ab 2027"),
        // A rise above the baseline's 520 % in the combined scenario (Kita rows stay as they are).
        Change(name: "kombi-530", file: "kombi.yaml",
               label: "Gewerbesteuer-Hebesatz ab 2028: Kombination: Gewerbesteuer 505 % und Kita-Beiträge −10 %", value: "530",
               yamlOld: "{from: 2028, value: 505,", yamlNew: "{from: 2028, value: 530,", title: "Kombination: Gewerbesteuer 505 % und Kita-Beiträge −10 %"),
        // The Kita fee cut: 20 % → 30 % from the Kita year 2027.
        Change(name: "kita-30", file: "kita-minus-20.yaml",
               label: "Kita-Beitragssenkung ab 2027: Kita-Beiträge 20 % niedriger ab 2027", value: "0.3",
               yamlOld: "{from: 2027, value: 0.2,", yamlNew: "{from: 2027, value: 0.3,", title: "Kita-Beiträge 20 % niedriger ab 2027"),
        // The Grundsteuer B Hebesatz and a fee rate of a scenario that changes both (written by the test: the main job's
        // scenarios leave them as they are): 1,100 → 1,000 % and residents' parking 60 → 30 € from 2027.
        Change(name: "grundsteuer-1000", file: "grundsteuer-parken.yaml",
               label: "Grundsteuer-B-Hebesatz ab 2027: \(parkingTitle)", value: "1000",
               yamlOld: "{from: 2027, value: 1100,", yamlNew: "{from: 2027, value: 1000,", title: parkingTitle),
        Change(name: "parken-30", file: "grundsteuer-parken.yaml",
               label: "Gebühr Bewohnerparken: Bewohnerparkausweis ab 2027: \(parkingTitle)", value: "30",
               yamlOld: "{from: 2027, value: 60,", yamlNew: "{from: 2027, value: 30,", title: parkingTitle),
    ]
    static let scenarios = ["gewst-490-ab-2027.yaml", "kita-minus-20.yaml", "kombi.yaml", "grundsteuer-parken.yaml"]
    static let parkingTitle = "Test: Grundsteuer B 1.100 % und Bewohnerparken 60 € ab 2027"
    /// A scenario with a Grundsteuer and a fee lever (Musterstadt's city data and parameters).
    static let parkingScenario = """
        name: grundsteuer-parken
        description: Grundsteuer B 1.100 % und Bewohnerparken 60 EUR ab 2027 (Test)
        title: {de: "\(parkingTitle)", en: "Test: Grundsteuer B 1,100 % and residents' parking 60 EUR from 2027"}
        baseline: [../../../Parameters/nrw, parameters]
        city: stadt.yaml
        projection: ../controlling/projection.yaml
        replaces_measures: [HSK-02]   # the planned Grundsteuer increase of the HSK
        years: {from: 2026, to: 2035}
        models: [grundsteuer, fees]
        overrides:
          grundsteuer_b.hebesatz:
            - {from: 2027, value: 1100, source: test}
          gebuehren.bewohnerparken:
            - {from: 2027, value: 60, source: test}

        """

    static func python(_ args: [String]) throws -> String { try WhatIfTests.python(args) }

    /// A small city with Musterstadt's projection file and two of its relief scenarios (`edit` applied to one).
    static func city(edit: Change? = nil) throws -> String {
        let extra = "controlling:\n  projection: controlling/projection.yaml\nscenarios:\n" + scenarios.map { "  - scenarios/\($0)\n" }.joined()
        let dir = try TestCity.make(manifest: TestCity.manifest(report: "  out: out/city.xlsx\n  csv: out/csv\n  dialect: rfc4180\n", extra: extra))
        let fm = FileManager.default, src = TestCity.repo.appendingPathComponent("Datasets/musterstadt")
        try fm.createDirectory(atPath: dir + "/controlling", withIntermediateDirectories: true)
        try fm.copyItem(atPath: src.appendingPathComponent("controlling/projection.yaml").path, toPath: dir + "/controlling/projection.yaml")
        try fm.copyItem(atPath: src.appendingPathComponent("scenarios").path, toPath: dir + "/scenarios")
        try parkingScenario.write(toFile: dir + "/scenarios/grundsteuer-parken.yaml", atomically: true, encoding: .utf8)
        let nrw = TestCity.repo.appendingPathComponent("Parameters/nrw").path
        for name in try fm.contentsOfDirectory(atPath: dir + "/scenarios") where name.hasSuffix(".yaml") {
            let path = dir + "/scenarios/" + name
            var text = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: "../../../Parameters/nrw", with: nrw)
            if let c = edit, c.file == name {
                #expect(text.components(separatedBy: c.yamlOld).count == 2, "\(c.name): \(name) no longer has \(c.yamlOld)")
                text = text.replacingOccurrences(of: c.yamlOld, with: c.yamlNew)
            }
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }
        return dir
    }

    static func run(_ dir: String) throws {
        let r = try TestCity.run(["run", dir, "--db", dir + "/city.sqlite", "--quiet", "--allow-outside", TestCity.repo.appendingPathComponent("Parameters").path])
        try #require(r.status == 0, "\(r.err)")
    }

    /// Money columns in cents from CSV lines (header dropped when asked); a non-number is `Int64.min`.
    static func cents(_ csv: String, header: Bool, columns: Range<Int>) -> [[Int64]] {
        WhatIfTests.cents(csv, header: header).map { Array($0[columns.clamped(to: 0..<$0.count)]) }
    }

    @Test("the unchanged workbook recalculates to its cached values; a changed Hebesatz or fee cut gives pruefstand's relief rows and path to the cent")
    func changedHebesatz() throws {
        let dir = try Self.city()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Self.run(dir)
        let book = dir + "/out/city.xlsx"
        var files = [URL(fileURLWithPath: book)]
        for c in Self.changes {
            _ = try Self.python(["set", book, "\(dir)/\(c.name).xlsx", WhatIfTests.sheet, c.label, c.value])
            files.append(URL(fileURLWithPath: "\(dir)/\(c.name).xlsx"))
        }
        let lo = URL(fileURLWithPath: dir + "/lo")
        try ExportTestSupport.libreOffice(outDir: lo, files)

        // Unchanged: every formula (the new steps, relief rows and relief paths among them) recalculates to its cached value.
        let same = try Self.python(["compare", book, lo.appendingPathComponent("city.xlsx").path])
        let counts = same.split(separator: " ").compactMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        #expect(counts.count == 2 && counts[0] > 100 && counts[1] == 0, "\(same)")
        let pathBefore = Self.cents(try Self.python(["table", book, "Grafik Konsolidierungspfad"]), header: false, columns: 1..<99)

        for c in Self.changes {
            let changed = lo.appendingPathComponent("\(c.name).xlsx").path
            let other = try Self.city(edit: c)
            defer { try? FileManager.default.removeItem(atPath: other) }
            try Self.run(other)
            let yaml = other + "/scenarios/" + c.file

            // Budget effect per model and year: revenue, gross, Umlage, Schlüsselzuweisungen, compensation, net.
            let effects = try TestCity.run(["scenario", "run", yaml, "--db", other + "/city.sqlite", "--format", "csv"])
            try #require(effects.status == 0, "\(effects.err)")
            let want = Self.cents(effects.out, header: true, columns: 3..<10)
            let got = Self.cents(try Self.python(["rows", changed, "Entlastung – Haushaltswirkung", c.title]), header: false, columns: 3..<10)
            #expect(!want.isEmpty && got == want, "\(c.name): budget effect\nLibreOffice \(got)\nCLI \(want)")

            // Relief by group (Gewerbesteuer classes, Kita income brackets, Grundsteuer, fee items) and the typical cases
            // (businesses, families, properties): every number of the scenario's rows, in cents.
            for (table, sheet) in [("relief", "Entlastung nach Gruppen"), ("typical_cases", "Typische Fälle")] {
                let cli = try TestCity.run(["scenario", "run", yaml, "--db", other + "/city.sqlite", "--format", "csv", "--table", table])
                try #require(cli.status == 0, "\(cli.err)")
                let csvFile = "\(other)/\(table).csv"
                try cli.out.write(toFile: csvFile, atomically: true, encoding: .utf8)
                let want = try Self.python(["csvnumbers", csvFile, ""]), got = try Self.python(["numbers", changed, sheet, c.title])
                #expect(!want.isEmpty && got == want, "\(c.name): \(sheet)\nLibreOffice \(got)\nCLI \(want)")
                let before = try Self.python(["numbers", book, sheet, c.title])
                // A fee has no typical case: the scenario's typical properties stay as they are when only the fee changes.
                #expect(c.name == "parken-30" && table == "typical_cases" ? got == before : got != before, "\(c.name): \(sheet) moves: \(got != before)")
            }

            // The paths with and without relief: the second run's chart table.
            let csv = try String(contentsOfFile: other + "/out/csv/chart_consolidation_path.csv", encoding: .utf8)
            let wantPath = Self.cents(csv, header: true, columns: 1..<99)
            let gotPath = Self.cents(try Self.python(["table", changed, "Grafik Konsolidierungspfad"]), header: false, columns: 1..<99)
            #expect(wantPath.count == 4 && gotPath == wantPath, "\(c.name): path\nLibreOffice \(gotPath)\nrun \(wantPath)")
            #expect(gotPath != pathBefore, "\(c.name): the changed input does not move the path")
        }
    }
}

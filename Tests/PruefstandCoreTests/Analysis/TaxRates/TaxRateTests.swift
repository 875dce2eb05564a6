import Foundation
import GRDB
import Testing
@testable import PruefstandCore

/// Hebesatz tables (issue 14): the `taxrates` kind, the comparison with neighbours and the scenario
/// baseline. Fixtures: `Fixtures/taxrates/` (IT.NRW's layout; only Hagen's B and Gewerbesteuer are real).
/// Expected ranks, medians and differences worked out by hand from the fixture's figures.
@Suite("Tax-rate tables")
struct TaxRateTests {
    static let fixtures = TestSupport.repoRoot.appendingPathComponent("Tests/PruefstandCoreTests/Fixtures/taxrates")

    static func imported(years: [Int] = [2024, 2025]) throws -> (Store, String, [ImportSummary]) {
        let (store, dir) = try TestSupport.tempStore()
        let base = try String(contentsOf: fixtures.appendingPathComponent("realsteuerhebesaetze.yaml"), encoding: .utf8)
        var out: [ImportSummary] = []
        for y in years {
            let mapping = try Mapping.parse(try StrictYAML.parse(base + "fixed: { fiscal_year: \(y) }\n", file: "m.yaml"))
            var o = ImportOptions(); o.rejectsDirectory = dir
            out.append(try Importer(store: store).run(kind: .taxrates, path: fixtures.appendingPathComponent("realsteuerhebesaetze-\(y).csv").path,
                                                      mapping: mapping, options: o))
        }
        return (store, dir, out)
    }

    @Test("an IT.NRW-style table imports: preamble skipped, thousands dot read, AGS kept")
    func importTable() throws {
        let (store, _, s) = try Self.imported()
        #expect(s.map(\.rowsImported) == [6, 3] && s.map(\.rowsRejected) == [0, 0])
        #expect(s[0].skipped["preamble"] == 2 && s[0].headerLine == 4)
        let hagen = try TaxRates.rows(store, municipality: "Hagen")
        #expect(hagen.map(\.fiscalYear) == [2024, 2025] && hagen.map(\.grundsteuerB) == [750, 1139] && hagen.map(\.gewerbesteuer) == [520, 520])
        #expect(try TaxRates.rows(store, municipality: "05914000").count == 2)
        #expect(try TaxRates.rows(store, municipality: "hagen, stadt").count == 2)
    }

    @Test("Hagen against its neighbours in 2024: differences, ranks and medians by hand")
    func compare() throws {
        let (store, _, _) = try Self.imported()
        let c = try TaxRateComparison.run(store, city: "Hagen", year: 2024, neighbours: [])
        #expect(c.neighbours.count == 5)
        // Gewerbesteuer: Witten 520 = Hagen 520 (tie), others lower → rank 1; neighbours 470 485 495 505 520 → median 495.
        #expect(c.rank(.gewerbesteuer) == 1 && c.median(.gewerbesteuer) == 495)
        // Grundsteuer B: Witten 910, Herdecke 890, Wetter 825 above 750 → rank 4; 610 645 825 890 910 → median 825.
        #expect(c.rank(.grundsteuerB) == 4 && c.median(.grundsteuerB) == 825)
        // Grundsteuer A: 400, 360, 330, 300 above 290 → rank 5; 250 300 330 360 400 → median 330.
        #expect(c.rank(.grundsteuerA) == 5 && c.median(.grundsteuerA) == 330)
        let text = c.text(.en)
        #expect(text.contains("Dortmund, Stadt") && text.contains("610 (-140)") && text.contains("910 (+160)"))
        #expect(text.contains("Gewerbesteuer: Hagen, Stadt 520 %, rank 1 of 6 (1 = highest), neighbours' median 495 %"))
    }

    @Test("named neighbours, an even count (median of the middle two), a neighbour missing from the year's table; the latest year by default")
    func namedNeighbours() throws {
        let (store, _, _) = try Self.imported()
        let c = try TaxRateComparison.run(store, city: "Hagen", year: nil, neighbours: ["Dortmund", "05911000", "Witten"])
        #expect(c.year == 2025 && c.neighbours.map(\.municipality).sorted() == ["Bochum, Stadt", "Dortmund, Stadt"])
        #expect(c.missing == ["Witten"])
        // Grundsteuer B 2025: 610 and 645 → median 627,5; Hagen 1.139 highest.
        #expect(c.median(.grundsteuerB) == Decimal(string: "627.5") && c.rank(.grundsteuerB) == 1)
        #expect(c.text(.en).contains("neighbours' median 627.5 %") && c.text(.en).contains("not in the table of 2025: Witten"))
        #expect(c.text(.de).contains("Median der Nachbarn 627,5 %") && c.text(.de).contains("nicht in der Tabelle 2025: Witten"))
    }

    @Test("an unknown city or year is an error that says what the store has")
    func unknownCity() throws {
        let (store, _, _) = try Self.imported()
        #expect { _ = try TaxRateComparison.run(store, city: "Musterhausen", year: nil, neighbours: []) } throws: { "\($0)".contains("import a published table first") }
        #expect { _ = try TaxRateComparison.run(store, city: "Hagen", year: 2019, neighbours: []) } throws: { "\($0)".contains("it has 2024, 2025") }
    }

    @Test("the city's rates as a scenario baseline: a parameter file the scenario loader reads, one value per change")
    func baseline() throws {
        let (store, dir, _) = try Self.imported()
        let yaml = TaxRateBaseline.parameterYAML(rows: try TaxRates.rows(store, municipality: "Hagen"))
        let path = "\(dir)/hebesaetze.yaml"
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        let p = try ParameterFile.load(file: path)
        #expect(try p.value("grundsteuer_b.hebesatz", 2024) == 750 && p.value("grundsteuer_b.hebesatz", 2025) == 1139)
        #expect(try p.value("gewerbesteuer.hebesatz", 2025) == 520)
        // The Analysis layer writes the two keys as strings: they are the typed keys the models read, in their unit.
        #expect(p[GewerbesteuerKey.hebesatz]?.unit == GewerbesteuerKey.hebesatz.unit && p[GrundsteuerBKey.hebesatz]?.unit == GrundsteuerBKey.hebesatz.unit)
        // Gewerbesteuer did not change: one dated value; Grundsteuer B two.
        #expect(yaml.components(separatedBy: "value: 520").count == 2 && yaml.contains("value: 1139"))
        #expect(yaml.contains("realsteuerhebesaetze-2025.csv, line 5 (Hagen, Stadt, 2025)"))
    }

    struct Bad: CustomTestStringConvertible, Sendable {
        var name: String, line: String, reason: String
        var testDescription: String { name }
    }

    @Test("hostile rows of a Hebesatz table are rejected with the reason", arguments: [
        Bad(name: "a Gewerbesteuer below the legal minimum", line: "05914000;Hagen;290;750;199", reason: "below the minimum of 200 %"),
        Bad(name: "a rate with decimals", line: "05914000;Hagen;290;750,5;520", reason: "not a Hebesatz in whole percent"),
        Bad(name: "a five-digit rate", line: "05914000;Hagen;290;75000;520", reason: "not a Hebesatz in whole percent"),
        Bad(name: "a negative rate", line: "05914000;Hagen;-290;750;520", reason: "not a Hebesatz in whole percent"),
        Bad(name: "a rate as text", line: "05914000;Hagen;290;hoch;520", reason: "not a Hebesatz in whole percent"),
        Bad(name: "a misplaced thousands dot", line: "05914000;Hagen;290;11.39;520", reason: "not a Hebesatz in whole percent"),
        Bad(name: "an AGS of 7 digits", line: "0591400;Hagen;290;750;520", reason: "not an Amtlicher Gemeindeschlüssel"),
        Bad(name: "an empty municipality", line: "05914000;;290;750;520", reason: "empty"),
    ])
    func hostile(_ b: Bad) throws {
        let text = "Gemeindeschlüssel;Gemeinde;Grundsteuer A;Grundsteuer B;Gewerbesteuer\n" + b.line + "\n"
        let mapping = "kind: taxrates\nformat: { delimiter: ';' }\ncolumns: { ags: Gemeindeschlüssel, municipality: Gemeinde }\nfixed: { fiscal_year: 2024 }\n"
        let (s, store, _) = try AdversarialSupport.importText(text, kind: .taxrates, mapping: mapping)
        #expect(s.rowsRejected == 1 && s.rejects.first?.reason.contains(b.reason) == true, "\(s.rejects.first?.reason ?? "none")")
        #expect(try AdversarialSupport.count(store, "SELECT count(*) FROM taxRate") == 0)
    }

    @Test("a municipality and year twice, in the file or from an earlier import, is rejected")
    func twice() throws {
        let text = "Gemeindeschlüssel;Gemeinde;Grundsteuer A;Grundsteuer B;Gewerbesteuer\n05914000;Hagen;290;750;520\n05914000;Hagen (Westf.);290;760;520\n"
        let mapping = "kind: taxrates\nformat: { delimiter: ';' }\ncolumns: { ags: Gemeindeschlüssel, municipality: Gemeinde }\nfixed: { fiscal_year: 2024 }\n"
        let (s, store, dir) = try AdversarialSupport.importText(text, kind: .taxrates, mapping: mapping)
        #expect(s.rowsImported == 1 && s.rejects.first?.reason.contains("occurs twice (first in line 2)") == true)
        let other = "Gemeindeschlüssel;Gemeinde;Grundsteuer A;Grundsteuer B;Gewerbesteuer\n05914000;Hagen;290;750;520\n05913000;Dortmund;250;610;485\n"
        let (s2, _, _) = try AdversarialSupport.importText(other, kind: .taxrates, mapping: mapping, name: "other.csv", store: (store, dir))
        #expect(s2.rowsImported == 1 && s2.rejects.first?.reason.contains("is already in the store from import") == true)
    }
}

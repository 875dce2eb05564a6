import Foundation
import GRDB
import Testing
@testable import PruefstandCore

/// `pruefstand mapping suggest` (issue 14): a preamble, the unpivot, the code scheme, the number format, the
/// sign rule, and never a text column as the amount. Small files written by the test; the expected lines
/// are what a controller would write for them by hand.
@Suite("Mapping suggestion")
struct MappingSuggestTests {
    static func suggest(_ text: String, kind: ImportKind, encoding: String.Encoding = .utf8) throws -> (String, Mapping, String) {
        let (_, dir) = try TestSupport.tempStore()
        let path = "\(dir)/input.csv"
        try text.write(toFile: path, atomically: true, encoding: encoding)
        let yaml = try MappingSuggestion.suggest(file: path, kind: kind)
        let mapping = try Mapping.parse(try StrictYAML.parse(yaml, file: "\(dir)/suggested.yaml"))
        return (yaml, mapping, path)
    }

    @Test("a report with a title preamble: the header line is found and named, and the suggestion imports the file")
    func preamble() throws {
        let text = "Stadt Musterstadt\nBuchungsjournal 2025, Stand 31.12.\n\nHaushaltsjahr;Buchungsdatum;Belegnummer;Produkt;Sachkonto;Buchungstext;Betrag\n2025;02.01.2025;B1;01.11.01;521100;Miete;1.234,56\n2025;03.01.2025;B2;01.11.01;521100;Strom;-12,00\n"
        let (yaml, mapping, path) = try Self.suggest(text, kind: .ledger)
        #expect(yaml.contains("header_line: 4   # lines 1–3 are a preamble"), "\(yaml)")
        #expect(mapping.headerLine == 4 && mapping.numbers == .german && mapping.columns["amount"] == ["Betrag"])
        let (store, dir) = try TestSupport.tempStore()
        var o = ImportOptions(); o.rejectsDirectory = dir
        let s = try Importer(store: store).run(kind: .ledger, path: path, mapping: mapping, options: o)
        #expect(s.rowsImported == 2 && s.controlStoredCents == 122_256)
    }

    @Test("a column named like the amount that holds text is never proposed as the amount")
    func textIsNoAmount() throws {
        let text = "Haushaltsjahr,Buchungsdatum,Belegnummer,Produkt,Sachkonto,Betrag,Wert\n2025,2025-01-02,B1,01.11.01,521100,siehe Anlage,12.50\n2025,2025-01-03,B2,01.11.01,521100,entfällt,3.00\n"
        let (yaml, mapping, _) = try Self.suggest(text, kind: .ledger)
        #expect(mapping.columns["amount"] == ["Wert"], "\(yaml)")
        #expect(yaml.contains("column \"Betrag\" is named like it but holds text"))
        let onlyText = "Haushaltsjahr,Buchungsdatum,Belegnummer,Produkt,Sachkonto,Betrag\n2025,2025-01-02,B1,01.11.01,521100,siehe Anlage\n"
        let (yaml2, mapping2, _) = try Self.suggest(onlyText, kind: .ledger)
        #expect(mapping2.columns["amount"] == nil && yaml2.contains("# amount: ???"))
    }

    @Test("year columns become the unpivot with their kinds; NKF lines in a text column give the split, the scheme and the subtotals; revenue written negative gives the sign rule")
    func koelnLike() throws {
        let text = """
            Teilplan;Teilplanzeile;Ergebnis 2010;Plan 2011
            0101;01 - Steuern;-1.000;-1.100
            0101;11 - Personalaufwendungen;400;410
            0101;17 = ordentliche Aufwendungen;400;410
            1801;02 - Zuwendungen;-50;-60
            """
        let (yaml, mapping, path) = try Self.suggest(text, kind: .plan)
        #expect(yaml.contains("scheme: { name: nkf-nrw, lines: ergebnisplan, products: undotted, extra_areas: ['18'] }"), "\(yaml)")
        #expect(yaml.contains("pattern: '^(Ergebnis|Plan) (\\d{4})$'") && yaml.contains("kinds: { Ergebnis: actual, Plan: plan }"))
        #expect(mapping.subtotals.count == 1 && mapping.revenueNegative && mapping.numbers == .german)
        let (store, dir) = try TestSupport.tempStore()
        var o = ImportOptions(); o.rejectsDirectory = dir
        let s = try Importer(store: store).run(kind: .plan, path: path, mapping: mapping, options: o)
        // 3 detail rows × 2 years; revenue stored positive: 1.000 + 1.100 + 50 + 60 = 2.210, expense 810.
        #expect(s.rowsImported == 3 && s.recordsStored == 6 && s.rowsRejected == 0)
        #expect(try AdversarialSupport.count(store, "SELECT sum(amountCents) FROM budgetLine WHERE side = 'revenue'") == 221_000)
    }

    @Test("a cameral Haushaltsstelle, a year inside a longer header, an E/A column, thousands of euros")
    func kameral() throws {
        let text = "Haushaltsstelle;Zweckbestimmung;Ansatz für 2017  (T€);E/A\n0101-119 01;Einnahmen;15,0;E\n0101-422 01;Bezüge;2.500,5;A\n"
        let (yaml, mapping, _) = try Self.suggest(text, kind: .plan)
        #expect(yaml.contains("code: '^(?<kapitel>\\d{4})-(?<gruppierung>\\d{3}) (?<zaehlnummer>\\d{2})$'"), "\(yaml)")
        #expect(yaml.contains("pattern: '^Ansatz für (\\d{4})\\s+\\(T€\\)$'") && yaml.contains("kind: plan"))
        #expect(mapping.unit == .thousand && mapping.columns["side"] == ["E/A"] && mapping.values["side"] != nil)
    }

    @Test("English numbers with a comma delimiter; a file of codes in no scheme is proposed as free and said so")
    func englishAndFree() throws {
        let text = "Produkt,Konto,Jahr,Ansatz\nPC-4711,4711,2025,\"1,234.50\"\nPC-4712,4712,2025,99.00\n"
        let (yaml, mapping, _) = try Self.suggest(text, kind: .plan)
        #expect(mapping.numbers == .english && mapping.scheme.name == "free", "\(yaml)")
        #expect(yaml.contains("fit no known scheme"))
    }
}

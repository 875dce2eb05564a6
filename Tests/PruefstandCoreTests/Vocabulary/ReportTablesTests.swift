import Foundation
import Testing
@testable import PruefstandCore

/// The report tables' catalogue (`Resources/report-tables.tsv`, read by `ReportTables`): every table a source file
/// builds has its entry and every entry is built, the texts read are the words written, `docs/report-tables.md` is
/// the catalogue, and the reader refuses a broken file with its line.
@Suite("Vocabulary: report table catalogue")
struct ReportTablesTests {
    static let sources = TestSupport.repoRoot.appendingPathComponent("Sources")

    /// Every Swift file of the package but the catalogue's reader, by path.
    static func builders() throws -> [String: String] {
        try TestSupport.swiftFiles(below: sources).filter { !$0.key.hasSuffix("Vocabulary/ReportTables.swift") }
    }

    @Test("every table a source file builds is in the catalogue, and every entry is built somewhere")
    func usesAndEntries() throws {
        let files = try Self.builders()
        let built = try NSRegularExpression(pattern: #"(?:ReportTable\(table|ReportTables\.notes\()[: ]*"(\w+)""#)
        var named = Set<String>()
        for (file, text) in files {
            let ns = text as NSString
            for m in built.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
                let key = ns.substring(with: m.range(at: 1))
                #expect(ReportTables.catalogue[key] != nil, "\(file): table \(key) is not in \(ReportTables.sourcePath)")
                named.insert(key)
            }
        }
        #expect(named.count > 40)
        #expect(ReportTables.entries.count > 40)
        for e in ReportTables.entries {
            // A key a builder holds in a constant (`ReliefPath.key`) is named as a literal there.
            let holders = files.filter { $0.value.contains("\"\(e.key)\"") }
            #expect(!holders.isEmpty, "\(e.key) is in the catalogue but no source file builds it")
            // A note shown only when named is named by a builder of its table.
            for n in e.notes where !n.always {
                #expect(holders.values.contains { $0.contains("\"\(n.id)\"") }, "\(e.key): note \(n.id) is shown when named, and no builder names it")
            }
        }
    }

    @Test("the shipped catalogue has both languages, the same values named in both, and a sheet name short enough")
    func shipped() {
        for e in ReportTables.entries {
            for t in [e.title] + e.notes.map(\.text) + (e.sheet.map { [$0] } ?? []) {
                #expect(!t.de.isEmpty && !t.en.isEmpty, "\(e.key)")
                #expect(MessageCatalogue.placeholders(t.de) == t.names && MessageCatalogue.placeholders(t.en) == t.names, "\(e.key): \(t.de)")
            }
            // Excel allows 31 characters; a name with a value in it is checked where it is built.
            if let s = e.sheet { #expect(s.de.count <= 31 && s.en.count <= 31, "\(e.key): \(s.de) / \(s.en)") }
        }
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var table: ReportTable
        var de: String, en: String, columns: [String], notes: [String]
        var sheet: (de: String?, en: String?) = (nil, nil)
        var testDescription: String { name }
    }
    // The titles and notes as the sheets showed them before the catalogue (issue 18), written out by hand.
    static let cases: [Case] = [
        Case(name: "a note with a date in German", table: ReportTable(table: "review_kpi", lang: .de, values: ["as_of": "2026-06-30"]),
             de: "Wiederbesetzungen nach Herkunft", en: "Re-fills by source", columns: ["source", "count", "share"],
             notes: ["Besetzte Vakanzen bis zum Stichtag 2026-06-30 mit angegebener Herkunft."]),
        Case(name: "an optional part left out for the whole year",
             table: ReportTable(table: "variance_postings", lang: .en, values: ["per_line": "100", "year": "2025", "through_month": nil]),
             de: "Buchungen zu den größten Abweichungen", en: "Postings behind the largest variances",
             columns: ["posted_on", "document", "product", "account", "cost_center", "vendor", "description", "amount"],
             notes: ["Per line the up to 100 largest postings (by amount) of 2025; the lines in the plan vs actual table link here."],
             sheet: ("Buchungen zu Abweichungen", "Postings behind variances")),
        Case(name: "an optional part shown for a month",
             table: ReportTable(table: "variance_postings", lang: .de, values: ["per_line": "5", "year": "2025", "through_month": "3"]),
             de: "Buchungen zu den größten Abweichungen", en: "Postings behind the largest variances",
             columns: ["posted_on", "document", "product", "account", "cost_center", "vendor", "description", "amount"],
             notes: ["Je Zeile die bis zu 5 größten Buchungen (nach Betrag) des Jahres 2025 bis Monat 3; die Zeilen im Plan-Ist-Vergleich verweisen hierher."],
             sheet: ("Buchungen zu Abweichungen", "Postings behind variances")),
        Case(name: "without a language each note in German, then English", table: ReportTable(table: "scenario_levels", lang: nil),
             de: "Umlage und Steuerkraft (GFG): Niveaus", en: "Levy and tax power (GFG): levels",
             columns: ["scenario", "model", "year", "umlage_baseline", "umlage_scenario", "steuerkraft_baseline", "steuerkraft_scenario", "equalisation_change"],
             notes: ["Steuerkraft = Messbetrag × fiktiver Hebesatz / 100 (Gewerbesteuer: abzüglich Umlage); sie wirkt auf die Schlüsselzuweisungen der Folgejahre.",
                     "Tax power = Messbetrag × fictive rate / 100 (trade tax: less the levy); it reaches the Schlüsselzuweisungen of the following years."]),
        Case(name: "a note named by the builder after the one always shown",
             table: ReportTable(table: "rejected_rows", lang: .de, values: ["count": "12", "shown": "10"], notes: ["first_shown"]),
             de: "Abgewiesene Zeilen", en: "Rejected rows",
             columns: ["import_id", "kind", "source_file", "line", "column", "field", "value", "reason", "raw_record"],
             notes: ["12 abgewiesene Zeile(n) insgesamt.", "Gezeigt werden die ersten 10; alle: pruefstand export v_rejects --out abgewiesen.xlsx"]),
        Case(name: "a note shown only when named is left out", table: ReportTable(table: "rejected_rows", lang: .en, values: ["count": "3"]),
             de: "Abgewiesene Zeilen", en: "Rejected rows",
             columns: ["import_id", "kind", "source_file", "line", "column", "field", "value", "reason", "raw_record"],
             notes: ["3 rejected row(s) in total."]),
        Case(name: "a value in the title, no note chosen",
             table: ReportTable(table: "overview_top_variances", lang: .en, values: ["count": "7"]),
             de: "Die 7 größten Abweichungen (Ist − Plan)", en: "The 7 largest variances (actual − plan)",
             columns: ["item", "plan", "actual", "variance", "variance_share"], notes: [], sheet: ("Größte Abweichungen", "Largest variances")),
        Case(name: "columns set by the builder", table: ReportTable(table: "projection_relief", lang: .de, columns: []),
             de: "Konsolidierungspfad mit Entlastung", en: "Consolidation path with relief", columns: [],
             notes: ["Je Entlastungsszenario: Erträge und Aufwendungen wie im Konsolidierungspfad (Formeln über das Blatt Annahmen (Eingaben); ohne die Maßnahmen, die die Entlastung ersetzt) plus die Wirkung des Szenarios aus dem Blatt „Entlastung – Haushaltswirkung“ (Brutto, Δ Schlüsselzuweisungen, Δ Landesausgleich als Ertrag, Δ Umlage als Aufwand); Zinsen, Jahresergebnis und Liquiditätskredite folgen Jahr für Jahr. Vorzeichen: Jahresergebnis negativ = Fehlbetrag."],
             sheet: ("Konsolidierungspfad Entlastung", "Consolidation path with relief")),
    ]

    @Test("a table of the catalogue has its titles, columns, notes and sheet name as written", arguments: cases)
    func rendered(_ c: Case) {
        #expect(c.table.titleDE == c.de && c.table.titleEN == c.en)
        #expect(c.table.columns.map(\.key) == c.columns)
        #expect(c.table.notes == c.notes)
        #expect(c.table.sheetDE == c.sheet.de && c.table.sheetEN == c.sheet.en)
    }

    @Test("docs/report-tables.md lists every table as the catalogue holds it")
    func documented() throws {
        let path = TestSupport.repoRoot.appendingPathComponent("docs/report-tables.md")
        let text = try String(contentsOf: path, encoding: .utf8)
        let marker = "<!-- generated: ReportTables.markdown; ReportTablesTests compares -->\n\n"
        let generated = try #require(text.range(of: marker).map { String(text[$0.upperBound...]) }, "docs/report-tables.md: the marker line")
        if generated != ReportTables.markdown {
            let fresh = FileManager.default.temporaryDirectory.appendingPathComponent("report-tables.generated.md")
            try? ReportTables.markdown.write(to: fresh, atomically: true, encoding: .utf8)
            Issue.record("docs/report-tables.md: put \(fresh.path) below the marker line")
        }
    }

    static let broken: [(name: String, text: String, line: Int)] = [
        ("three fields", "# c\nt\ta b\tTitel\n", 2),
        ("five fields", "t\ta\tTitel\tTitle\tmore\n", 1),
        ("table twice", "t\ta\tT\tT\n\nt\tb\tT2\tT2\n", 3),
        ("note twice", "t\ta\tT\tT\nt.n\talways\tN\tN\nt.n\tnamed\tN2\tN2\n", 3),
        ("sheet twice", "t\ta\tT\tT\nt.sheet\t-\tS\tS\nt.sheet\t-\tS2\tS2\n", 3),
        ("note before its table", "t.n\talways\tN\tN\nt\ta\tT\tT\n", 1),
        ("note with columns", "t\ta\tT\tT\nt.n\ta\tN\tN\n", 2),
        ("note without when", "t\ta\tT\tT\nt.n\t-\tN\tN\n", 2),
        ("sheet with columns", "t\ta\tT\tT\nt.sheet\ta\tS\tS\n", 2),
        ("no columns", "t\t\tT\tT\n", 1),
        ("empty German text", "t\ta\t\tT\n", 1),
        ("empty English note", "t\ta\tT\tT\nt.n\talways\tN\t\n", 2),
        ("unclosed brace", "t\ta\tT\tT\nt.n\talways\tam {date\tat {date}\n", 2),
        ("unclosed bracket", "t\ta\tT {y\tT {y}\n", 1),
        ("bracket without its value closed", "t\ta\tT\tT\nt.n\tnamed\tbis[ Monat {m}\tto[ month {m}]\n", 2),
        ("texts name different values", "t\ta\tT\tT\nt.n\talways\tStichtag {as_of}\tAs of {date}\n", 2),
        ("value in one text only", "t\ta\tJahr {year}\tYear\n", 1),
        ("two dots", "t\ta\tT\tT\nt.n.x\talways\tN\tN\n", 2),
        ("blank in key", "my table\ta\tT\tT\n", 1),
        ("formula as key", "=SUM(A1)\ta\tT\tT\n", 1),
    ]

    @Test("a broken catalogue is refused with its line", arguments: broken.indices)
    func refused(_ i: Int) {
        let b = Self.broken[i]
        TestSupport.expectRefused(b.name, path: "x.tsv", line: b.line) { _ = try ReportTables.parse(b.text, path: "x.tsv") }
    }

    @Test("comments, blank lines and CRLF line ends are read; a huge catalogue is read whole")
    func tolerant() throws {
        let small = try ReportTables.parse("# head\r\n\r\nt\ta b+\tTitel {y}\tTitle {y}\r\nt.n\tnamed\tN[ {m}]\tN[ {m}]\r\nt.a\talways\tA\tA\r\nt.sheet\t-\tS\tS\r\nu\t-\tU\tU\r\n")
        #expect(small.map(\.key) == ["t", "u"])
        #expect(small[0].columnKeys == "a b+" && small[0].title.names == ["y"] && small[0].notes.map(\.id) == ["n", "a"] && small[0].notes.map(\.always) == [false, true] && small[0].sheet?.en == "S")
        #expect(small[1].columnKeys == nil && small[1].notes.isEmpty && small[1].sheet == nil)
        let huge = (0..<20_000).map { "t\($0)\ta\tTitel \($0)\tTitle \($0)\nt\($0).n\talways\tN {v}\tN {v}" }.joined(separator: "\n")
        #expect(try ReportTables.parse(huge).count == 20_000)
    }
}

import Foundation
import GRDB
import Testing
@testable import PruefstandCore

/// Code lists (`kind: codes`, issue 14): code → name by dimension, `Store.codeNames`. Expected values by hand.
@Suite("Code lists: names next to codes")
struct CodeListTests {
    static let kapitel = """
        kind: codes
        dimension: kapitel
        scheme: kameral
        columns: { code: Kapitel, name: Name }
        text: { normalize: nfc }
        """

    @Test("a Kapitel list: names in NFC, soft hyphens removed, white space collapsed and trimmed; codes as written with their leading zeros")
    func normalised() throws {
        // "fu" + U+0308 (decomposed ü), a soft hyphen at the end, a leading space as Schleswig-Holstein writes it.
        let text = "Kapitel,Name\n0200,Behörde d. Sen. fu\u{0308}r Kinder\n0270,Hochschulen -Baumaßnahmen\u{AD}\n0101,\" Landtag \"\n0102,\"Ausgleich für Landes-\nverbände,\n  Status-quo\"\n"
        let (s, store, _) = try AdversarialSupport.importText(text, kind: .codes, mapping: Self.kapitel, onError: .abort)
        #expect(s.rowsRead == 4 && s.rowsImported == 4 && s.rowsRejected == 0)
        let names = try store.codeNames(dimension: "kapitel")
        #expect(names == ["0200": "Behörde d. Sen. für Kinder", "0270": "Hochschulen -Baumaßnahmen", "0101": "Landtag",
                          "0102": "Ausgleich für Landes- verbände, Status-quo"])
        #expect(names["0200"]?.unicodeScalars.count == 26)
        #expect(try store.codeNames(dimension: "product").isEmpty)
        let scheme = try store.read { try String.fetchAll($0, sql: "SELECT DISTINCT scheme || '/' || dimension FROM v_code_names") }
        #expect(scheme == ["kameral/kapitel"])
    }

    @Test("without text.normalize a name is stored as written (decomposed stays decomposed)")
    func asWritten() throws {
        let text = "Kapitel,Name\n0200,fu\u{0308}r\n"
        let (_, store, _) = try AdversarialSupport.importText(text, kind: .codes, mapping: Self.kapitel.replacingOccurrences(of: "text: { normalize: nfc }", with: ""), onError: .abort)
        #expect(try store.codeNames(dimension: "kapitel")["0200"]?.unicodeScalars.map(\.value) == [0x66, 0x75, 0x308, 0x72])
    }

    /// Each hostile row with the reason it must be rejected for; the good rows around them are stored.
    static let hostile: [(row: String, reason: String)] = [
        ("0100,Zweiter Name", "occurs twice in this list (first in line 2) with another name (line 2: \"Erster Name\")"),
        ("0100,Erster Name", "occurs twice in this list (first in line 2) with the same name"),
        ("0300,", "empty; text required"),
        ("0301,\u{AD}", "empty after normalisation"),
        ("0302,a\u{1B}b", "control character U+001B"),
        ("0303,\(String(repeating: "x", count: 1_001))", "1001 characters; a name has at most 1000"),
        ("0304,\(String(repeating: "y", count: 10_001))", "longer than 10000 bytes"),
        (",Ohne Code", "empty; text required"),
    ]

    @Test("hostile rows are rejected each with its reason; read = imported + rejected", arguments: hostile.indices)
    func hostileRows(_ i: Int) throws {
        let c = Self.hostile[i]
        let text = "Kapitel,Name\n0100,Erster Name\n\(c.row)\n0400,=HYPERLINK(\"http://x\";\"y\")\n0500,\(String(repeating: "z", count: 1_000))\n"
        let (s, store, _) = try AdversarialSupport.importText(text, kind: .codes, mapping: Self.kapitel)
        #expect(s.rowsRead == 4 && s.rowsImported == 3 && s.rowsRejected == 1)
        #expect(s.rejects.first?.line == 3)
        #expect(s.rejects.first?.reason.contains(c.reason) == true, "\(s.rejects.first?.reason ?? "no reject")")
        let names = try store.codeNames(dimension: "kapitel")
        #expect(names["0100"] == "Erster Name")
        #expect(names["0500"]?.count == 1_000)
    }

    @Test("a formula-like name is stored as text and leaves a CSV export neutralised")
    func formulaName() throws {
        let text = "Kapitel,Name\n0400,=HYPERLINK(\"http://x\";\"y\")\n0401,+1+1\n"
        let (_, store, dir) = try AdversarialSupport.importText(text, kind: .codes, mapping: Self.kapitel, onError: .abort)
        #expect(try store.codeNames(dimension: "kapitel")["0400"] == "=HYPERLINK(\"http://x\";\"y\")")
        let out = "\(dir)/names.csv"
        _ = try StoreExport.run(store: store, name: "v_code_names", to: out)
        let csv = try String(contentsOfFile: out, encoding: .utf8)
        #expect(csv.contains("'=HYPERLINK"))
        #expect(csv.contains("'+1+1"))
    }

    @Test("the latest import names a code; another dimension keeps its own names")
    func latestWins() throws {
        let (store, dir) = try TestSupport.tempStore()
        _ = try AdversarialSupport.importText("Kapitel,Name\n0100,Alt\n0200,Bleibt\n", kind: .codes, mapping: Self.kapitel, onError: .abort, name: "a.csv", store: (store, dir))
        _ = try AdversarialSupport.importText("Kapitel,Name\n0100,Neu\n", kind: .codes, mapping: Self.kapitel, onError: .abort, name: "b.csv", store: (store, dir))
        _ = try AdversarialSupport.importText("code,name\n0100,Produkt\n", kind: .codes, mapping: "kind: codes\ndimension: produkt\n", onError: .abort, name: "c.csv", store: (store, dir))
        #expect(try store.codeNames(dimension: "kapitel") == ["0100": "Neu", "0200": "Bleibt"])
        #expect(try store.codeNames(dimension: "product") == ["0100": "Produkt"])
    }

    @Test("a code given at two levels is no duplicate; a dimension column sorts rows into dimensions")
    func levelsAndDimensionColumn() throws {
        let text = "code,name,dimension,level\n614,Zuweisungen (Art),konto,kontenart\n614,Zuweisungen (Konto),account,konto\n11,Innere Verwaltung,product,produktbereich\n"
        let (s, store, _) = try AdversarialSupport.importText(text, kind: .codes, mapping: "kind: codes\ncolumns: { dimension: dimension }\n", onError: .abort)
        #expect(s.rowsImported == 3)
        #expect(try store.codeNames(dimension: "account") == ["614": "Zuweisungen (Konto)"])
        #expect(try store.codeNames(dimension: "product") == ["11": "Innere Verwaltung"])
        let bad = "code,name,dimension\n1,x,planet\n"
        let (b, _, _) = try AdversarialSupport.importText(bad, kind: .codes, mapping: "kind: codes\ncolumns: { dimension: dimension }\n")
        #expect(b.rowsRejected == 1 && b.rejects.first?.reason.contains("not one of account") == true)
    }

    @Test("a headerless file takes its column names from the mapping; every line is data")
    func headerless() throws {
        let text = "\"11\",\"Innere Verwaltung\"\n\"12.60\",\"Brandschutz\"\n"
        let mapping = "kind: codes\ndimension: product\nformat: { column_names: [code, name] }\n"
        let (s, store, _) = try AdversarialSupport.importText(text, kind: .codes, mapping: mapping, onError: .abort)
        #expect(s.rowsRead == 2 && s.rowsImported == 2)
        #expect(try store.read { try Int.fetchAll($0, sql: "SELECT sourceLine FROM codeName ORDER BY id") } == [1, 2])
        #expect(try store.codeNames(dimension: "product") == ["11": "Innere Verwaltung", "12.60": "Brandschutz"])
    }

    static let badMappings: [(yaml: String, message: String)] = [
        ("kind: codes\n", "names its dimension"),
        ("kind: codes\ndimension: planet\n", "dimension must be one of"),
        ("kind: plan\ndimension: product\n", "dimension applies to the codes kind"),
        ("kind: codes\ndimension: product\ntext: { normalize: nfd }\n", "normalize must be nfc"),
        ("kind: codes\ndimension: product\nfixed: { dimension: account }\n", "given twice"),
        ("kind: codes\ndimension: product\nformat: { column_names: [code, Code] }\n", "each named once"),
        ("kind: codes\ndimension: product\njson: { levels: [ { level: a, name: t, children: c } ] }\n", "the last level has no children"),
        ("kind: codes\ndimension: product\njson: { levels: [ { level: a, name: t }, { level: b, name: t } ] }\n", "names its children key"),
    ]

    @Test("a wrong code-list mapping is refused naming the key", arguments: badMappings.indices)
    func badMapping(_ i: Int) throws {
        let c = Self.badMappings[i]
        #expect { _ = try Mapping.parse(try StrictYAML.parse(c.yaml, file: "m.yaml")) } throws: { "\($0)".contains(c.message) }
    }
}

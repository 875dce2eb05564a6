import Foundation
import GRDB
import Testing
@testable import PruefstandCore

/// The strict JSON reader of code trees (`json:`, issue 14) and the tree walk. Expected values by hand.
@Suite("JSON code trees: a strict reader with limits")
struct StrictJSONTests {
    static let hostile: [(json: String, message: String)] = [
        ("{\"11\": {\"t\": \"a\"}, \"11\": {\"t\": \"b\"}}", "given twice in one object"),
        (String(repeating: "[", count: 65) + String(repeating: "]", count: 65), "nested deeper than 64 levels"),
        ("{\"11\": {\"t\": \"a\"}} x", "text after the JSON value"),
        ("{\"11\": {\"t\": \"a\"}", "unexpected end of the file"),
        ("{\"11\": {\"t\": \"a\tb\"}}", "control character inside a string"),
        ("{\"11\": {\"t\": \"\\ud800\"}}", "unpaired surrogate"),
        ("{\"11\": {\"t\": \"\\x41\"}}", "unknown escape"),
        ("{\"11\": {\"t\": \"\\u00g1\"}}", "four hex digits"),
        ("{\"11\": {\"n\": 012}}", "leading zero"),
        ("{\"11\": {\"n\": 1.}}", "without digits after"),
        ("{\"11\": {\"t\": nul}}", "unknown word"),
        ("{11: {}}", "expected a key in quotes"),
        ("{\"11\" {}}", "expected ':'"),
        ("", "unexpected end of the file"),
    ]

    @Test("malformed or hostile JSON is refused with its line, never half read", arguments: hostile.indices)
    func hostileJSON(_ i: Int) throws {
        let c = Self.hostile[i]
        #expect { _ = try StrictJSON.parse(Array(c.json.utf8), path: "x.json") } throws: { "\($0)".contains(c.message) }
    }

    @Test("bytes that are not UTF-8 inside a string are refused")
    func badUTF8() throws {
        let bytes: [UInt8] = Array("{\"a\": \"".utf8) + [0xC3, 0x28] + Array("\"}".utf8)
        #expect { _ = try StrictJSON.parse(bytes, path: "x.json") } throws: { "\($0)".contains("not valid UTF-8") }
    }

    @Test("a file above the size limit is refused before it is parsed")
    func sizeLimit() throws {
        #expect { _ = try StrictJSON.parse(Array("{\"a\": 1}".utf8), path: "x.json", maxBytes: 4) } throws: { "\($0)".contains("at most 4 are read") }
    }

    @Test("valid JSON: keys in file order with their lines, escapes and surrogate pairs decoded, numbers as written")
    func valid() throws {
        let text = "\u{FEFF}{\"b\": 1.50e+2,\n \"a\": [\"x\\u00fc\\ud83d\\ude00\\n\", true, null, -0]}"
        guard case .object(let m) = try StrictJSON.parse(Array(text.utf8), path: "x.json") else { Issue.record("no object"); return }
        #expect(m.map(\.key) == ["b", "a"])
        #expect(m.map(\.line) == [1, 2])
        guard case .number(let n) = m[0].value, case .array(let a) = m[1].value, case .string(let s) = a[0] else { Issue.record("shape"); return }
        #expect(n == "1.50e+2")
        #expect(s == "xü😀\n")
        #expect(a.count == 4)
    }

    static let tree = """
        kind: codes
        dimension: product
        scheme: bw-2016
        json:
          levels:
            - { level: produktbereich, name: titel, children: gruppen }
            - { level: produktgruppe, name: titel, children: produkte }
            - { level: produkt, name: titel }
        """

    @Test("a code tree imports one row per entry in file order, with its level; an entry without a name is rejected with its path")
    func treeImport() throws {
        let json = """
            {"52": {"titel": "Bauen", "ziele": "", "gruppen": {"52.10": {"titel": "Bauordnung", "produkte": {
               "52.10.06": {"titel": "Bautechnische Prüfung"}, "52.10.07": {"beschreibung": "kein Titel"}}}}},
             "11": {"titel": "Innere Verwaltung", "gruppen": {}}}
            """
        let (s, store, _) = try AdversarialSupport.importText(json, kind: .codes, mapping: Self.tree, name: "p.json")
        #expect(s.rowsRead == 5 && s.rowsImported == 4 && s.rowsRejected == 1)
        #expect(s.rejects.first?.line == 4)
        #expect(s.rejects.first?.rawRecord == "52 > 52.10 > 52.10.07: (no text at the level's name key)")
        let rows = try store.read { try Row.fetchAll($0, sql: "SELECT sourceLine, level, code, scheme FROM codeName ORDER BY sourceLine") }
        #expect(rows.map { "\($0[0] as Int) \($0[1] as String) \($0[2] as String)" } == ["1 produktbereich 52", "2 produktgruppe 52.10", "3 produkt 52.10.06", "5 produktbereich 11"])
        #expect(rows.allSatisfy { ($0[3] as String) == "bw-2016" })
    }

    @Test("a tree not shaped as the levels say is refused naming the entry and line")
    func treeShape() throws {
        for (json, message) in [("[1, 2]", "at the top: expected an object"), ("{\"52\": \"Bauen\"}", "produktbereich 52 is not an object"),
                                ("{\"52\": {\"titel\": \"B\",\n \"gruppen\": [1]}}", "at 52: expected an object of code → produktgruppe entries")] {
            #expect { _ = try AdversarialSupport.importText(json, kind: .codes, mapping: Self.tree, name: "p.json") } throws: { "\($0)".contains(message) }
        }
    }
}

import Foundation
import GRDB
import Testing
@testable import PruefstandCore

/// Staffing lists as published (issue 14): group rows (a grade with a number of posts and their summed
/// FTE, no post id), grades of other pay schemes mapped to the pay-cost table's grades, a root post that
/// reports to a marker, vacancy derived from another column. Expected posts and FTE shares by hand.
@Suite("Staffing lists as published")
struct StaffingListTests {
    /// Modelled on a municipal Stellenplan with a post list: line 2 the Oberbürgermeister (reports to `-`),
    /// line 3 the Kämmerei's head, line 4 three posts EG 9b with 2,5 FTE together (no id), line 5 a TV-L
    /// grade, line 6 twelve Erzieher posts S 8a with 11,5 FTE, line 7 a professor's W 2 post.
    static let list = """
        Stelle;Organisationseinheit;Bezeichnung;Besoldungs-/Entgeltgruppe;Anzahl;VZÄ;Stelleninhaber;Führungsstelle;Vorgesetztenstelle
        OB;01;Oberbürgermeister;B 8;;1;Dr. A. Beispiel;ja;-
        20-1;20;Leitung Kämmerei;A 15;;1;N.N.;ja;OB
        ;20;Sachbearbeitung Haushalt;E 9b;3;2,5;;nein;20-1
        20-5;20;Controlling;TV-L E 13;;0,5;B. Muster;nein;20-1
        ;51;Erzieherin/Erzieher;S 8a;12;11,5;;nein;OB
        40-7;40;Stiftungsprofessur;W 2;1;1;C. Probe;nein;OB
        """

    static let mapping = """
        kind: positions
        format: { delimiter: ";" }
        columns: { position_id: Stelle, org_unit: Organisationseinheit, title: Bezeichnung, pay_grade: Besoldungs-/Entgeltgruppe,
                   fte: VZÄ, status: Stelleninhaber, is_leadership: Führungsstelle, supervisor_id: Vorgesetztenstelle }
        groups: { posts: Anzahl }
        root_marker: '-'
        values:
          pay_grade: { 'TV-L E 13': EG 13, 'W 2': A 14, '*': '=' }
          status: { 'N.N.': vacant, '': occupied, '*': occupied }
        """

    @Test("group rows become their posts with the summed FTE shared exactly; other grades mapped; the root reports to the marker")
    func publishedList() throws {
        let (s, store, _) = try AdversarialSupport.importText(Self.list, kind: .positions, mapping: Self.mapping)
        #expect(s.rowsRead == 6 && s.rowsImported == 6 && s.rowsRejected == 0, "\(s.text(.en))")
        // 1 + 1 + 3 + 1 + 12 + 1 posts.
        #expect(s.recordsStored == 19)
        let rows = try store.read { try Row.fetchAll($0, sql: "SELECT positionId, payGrade, fteUnits, status, supervisorId FROM position ORDER BY sourceLine, rowid") }
        let byId = Dictionary(uniqueKeysWithValues: rows.map { ($0[0] as String, $0) })
        // 2,5 FTE on 3 posts: 25,000 units = 8,334 + 8,333 + 8,333.
        #expect(["20-G4.1", "20-G4.2", "20-G4.3"].map { byId[$0]?[2] as Int64? } == [8_334, 8_333, 8_333])
        // 11,5 FTE on 12 posts: 115,000 units = 9,584 × 4 + 9,583 × 8 (115,000 = 12 × 9,583 + 4).
        let erzieher = (1...12).map { byId["51-G6.\($0)"]?[2] as Int64? }
        #expect(erzieher == Array(repeating: 9_584, count: 4) + Array(repeating: 9_583, count: 8))
        #expect(try AdversarialSupport.count(store, "SELECT sum(fteUnits) FROM position") == 10_000 + 10_000 + 25_000 + 5_000 + 115_000 + 10_000)
        #expect(byId["20-5"]?[1] as String? == "EG 13" && byId["40-7"]?[1] as String? == "A 14" && byId["51-G6.1"]?[1] as String? == "S 8a")
        #expect(byId["OB"]?[4] as String? == nil, "the root has no supervisor")
        #expect(byId["20-1"]?[3] as String? == "vacant" && byId["OB"]?[3] as String? == "occupied")
        #expect(byId["20-G4.1"]?[4] as String? == "20-1")
    }

    @Test("without root_marker the root's '-' is a missing supervisor, and every post below it is rejected")
    func withoutRootMarker() throws {
        let (s, _, _) = try AdversarialSupport.importText(Self.list, kind: .positions, mapping: Self.mapping.replacingOccurrences(of: "root_marker: '-'\n", with: ""))
        #expect(s.rowsRead == 6 && s.rowsRejected == 6 && s.rowsImported == 0, "\(s.text(.en))")
        #expect(s.rejects.first { $0.line == 2 }?.reason == "supervisor position - does not exist")
        #expect(s.balanced)
    }

    @Test("a group row whose supervisor is rejected is one rejected row, its posts all taken out")
    func groupRowRejectedLate() throws {
        let text = "Stelle;Organisationseinheit;Bezeichnung;Besoldungs-/Entgeltgruppe;Anzahl;VZÄ;Stelleninhaber;Führungsstelle;Vorgesetztenstelle\n;20;SB;EG 9b;3;3;;nein;X9\n"
        let (s, store, _) = try AdversarialSupport.importText(text, kind: .positions, mapping: Self.mapping)
        #expect(s.rowsRead == 1 && s.rowsRejected == 1 && s.rowsImported == 0 && s.recordsStored == 0)
        #expect(try AdversarialSupport.count(store, "SELECT count(*) FROM position") == 0)
    }

    struct Bad: CustomTestStringConvertible, Sendable {
        var name: String, line: String, reason: String
        var testDescription: String { name }
    }

    @Test("hostile group rows are rejected with the reason", arguments: [
        Bad(name: "zero posts", line: ";20;SB;EG 9b;0;1;;nein;", reason: "not a number of posts"),
        Bad(name: "negative posts", line: ";20;SB;EG 9b;-3;1;;nein;", reason: "not a number of posts"),
        Bad(name: "10,001 posts", line: ";20;SB;EG 9b;10001;1;;nein;", reason: "not a number of posts"),
        Bad(name: "a 20-digit number of posts", line: ";20;SB;EG 9b;99999999999999999999;1;;nein;", reason: "not a number of posts"),
        Bad(name: "posts as text", line: ";20;SB;EG 9b;drei;1;;nein;", reason: "not a number of posts"),
        Bad(name: "summed FTE zero", line: ";20;SB;EG 9b;3;0;;nein;", reason: "not a summed FTE"),
        Bad(name: "summed FTE with five decimals", line: ";20;SB;EG 9b;3;1,00001;;nein;", reason: "not a summed FTE"),
        Bad(name: "summed FTE 999999", line: ";20;SB;EG 9b;3;999999;;nein;", reason: "not a summed FTE"),
        Bad(name: "more than 2 FTE per post", line: ";20;SB;EG 9b;3;7;;nein;", reason: "7 FTE on 3 posts is more than 2 per post"),
        Bad(name: "less than a unit per post", line: ";20;SB;EG 9b;3;0,0002;;nein;", reason: "less than 0,0001 per post"),
        Bad(name: "a post id with several posts", line: "P1;20;SB;EG 9b;3;3;;nein;", reason: "is one post, but the number of posts says 3"),
        Bad(name: "neither id nor posts", line: ";20;SB;EG 9b;;1;;nein;", reason: "neither a post nor a group row"),
        Bad(name: "a grade of another scheme the map lets through", line: "P1;20;SB;W 3;;1;;nein;", reason: "not a pay grade"),
    ])
    func hostile(_ b: Bad) throws {
        let text = "Stelle;Organisationseinheit;Bezeichnung;Besoldungs-/Entgeltgruppe;Anzahl;VZÄ;Stelleninhaber;Führungsstelle;Vorgesetztenstelle\n" + b.line + "\n"
        let (s, store, _) = try AdversarialSupport.importText(text, kind: .positions, mapping: Self.mapping)
        #expect(s.rowsRead == 1 && s.rowsRejected == 1, "\(s.text(.en))")
        #expect(s.rejects.first?.reason.contains(b.reason) == true, "\(s.rejects.first?.reason ?? "none")")
        #expect(try AdversarialSupport.count(store, "SELECT count(*) FROM position") == 0)
    }

    @Test("staffing mapping errors", arguments: [
        ("kind: ledger\ngroups: { posts: Anzahl }\n", "apply to the positions kind"),
        ("kind: positions\ngroups: { posts: '' }\n", "posts names the column"),
        ("kind: positions\ngroups: { anzahl: X }\n", "anzahl"),
        ("kind: plan\nroot_marker: '-'\n", "root_marker applies to positions"),
        ("kind: positions\nroot_marker: []\n", "one or more non-empty values"),
        ("kind: positions\nroot_marker: ['']\n", "one or more non-empty values"),
        ("kind: positions\nvalues: { pay_grade: { 'W 2': W 2 } }\n", "W 2 is not a pay grade of the pay-cost table"),
    ])
    func mappingErrors(_ yaml: String, _ message: String) {
        #expect { _ = try Mapping.parse(try StrictYAML.parse(yaml, file: "m.yaml")) } throws: { "\($0)".contains(message) }
    }

    @Test("a missing posts column stops nothing: every row then needs a post id")
    func noPostsColumn() throws {
        let text = "Stelle;Organisationseinheit;Bezeichnung;Besoldungs-/Entgeltgruppe;VZÄ;Stelleninhaber;Führungsstelle;Vorgesetztenstelle\nP1;20;SB;EG 9b;1;;nein;\n;20;SB;EG 9b;1;;nein;\n"
        let (s, _, _) = try AdversarialSupport.importText(text, kind: .positions, mapping: Self.mapping)
        #expect(s.rowsImported == 1 && s.rowsRejected == 1)
        #expect(s.rejects.first?.field == "position_id")
    }
}

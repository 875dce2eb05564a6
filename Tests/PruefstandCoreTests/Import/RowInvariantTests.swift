import Foundation
import GRDB
import Testing
@testable import PruefstandCore

/// Row rules (`invariants:`, issue 14): a published sum row must equal its terms in every value column; a
/// violation is a finding of the import. Figures by hand.
@Suite("Row rules between lines: invariants")
struct RowInvariantTests {
    static let mapping = """
        kind: plan
        scheme: { name: nkf-nrw, lines: ergebnisplan, products: undotted }
        format: { delimiter: ";", numbers: de }
        fixed: { product: '00' }
        split: { Wert: '^(?<account>\\d{2}) [-=] (?<description>.+)$' }
        subtotals: [ { column: Wert, matches: ' = ' } ]
        unpivot: { pattern: '^Plan (\\d{4})$', kind: plan }
        invariants:
          line: Wert
          tolerance: whole-euros
          rules: ['10 = 01 + 02', '18 = 10 - 17', '17 = 11']
        """

    /// 2026: 10 = 100 + 50 = 150 holds; 18 = 150 - 40 = 110 but 111 is printed: 1 € off, within the bound of
    /// ⌊(2 + 1) / 2⌋ = 1 €. 2027: 10 = 10 + 5 = 15, but 20 is printed: a finding (5 € off, bound 1 €); 18 = 20 - 4
    /// = 16 holds (the published 10 counts). 17 = 11 holds in both years.
    @Test("a row rule that holds, one within rounding, one violated: the violation is a finding, the detail is imported")
    func findings() throws {
        let text = """
            Wert;Plan 2026;Plan 2027
            01 - Steuern;100;10
            02 - Zuwendungen;50;5
            10 = ordentliche Erträge;150;20
            11 - Personal;40;4
            17 = ordentliche Aufwendungen;40;4
            18 = Ergebnis;111;16
            """
        let (s, store, _) = try AdversarialSupport.importText(text, kind: .plan, mapping: Self.mapping, onError: .abort)
        #expect(s.status == "committed")
        #expect(s.rowsImported == 3 && s.skipped["subtotal row"] == 3)
        #expect(s.invariantsChecked == 6)
        #expect(s.invariantsWithinTolerance == 1)
        #expect(s.invariantFindings == [InvariantFinding(rule: "10 = 01 + 02", group: "", line: 4, column: "Plan 2027", publishedCents: 2_000, computedCents: 1_500)])
        #expect(s.text(.en).contains("FINDING line 4, column Plan 2027: rule 10 = 01 + 02 does not hold: published 20,00 €, computed 15,00 €"))
        #expect(s.text(.de).contains("BEFUND Zeile 4, Spalte Plan 2027: Regel 10 = 01 + 02 gilt nicht: veröffentlicht 20,00 €, berechnet 15,00 €, Differenz 5,00 €"), "\(s.text(.de))")
        #expect(try store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM budgetLine WHERE product = '00' AND productLevel = 'gesamt'") } == 6)
    }

    @Test("exact tolerance: 1 € off is a finding too")
    func exact() throws {
        let text = "Wert;Plan 2026\n01 - Steuern;100\n02 - Zuwendungen;50\n10 = ordentliche Erträge;151\n"
        let (s, _, _) = try AdversarialSupport.importText(text, kind: .plan, mapping: Self.mapping.replacingOccurrences(of: "whole-euros", with: "exact"), onError: .abort)
        #expect(s.invariantFindings.map(\.publishedCents) == [15_100])
        #expect(s.invariantFindings.map(\.computedCents) == [15_000])
    }

    @Test("rules within groups: each Teilplan checked on its own; a line given twice in a group is a warning")
    func groups() throws {
        let mapping = Self.mapping.replacingOccurrences(of: "fixed: { product: '00' }", with: "columns: { product: Teilplan }")
            .replacingOccurrences(of: "line: Wert", with: "line: Wert\n  group: [Teilplan]")
        let text = "Teilplan;Wert;Plan 2026\n0101;01 - Steuern;1\n0101;10 = Erträge;1\n0102;01 - Steuern;2\n0102;10 = Erträge;5\n0102;10 = Erträge;2\n"
        let (s, _, _) = try AdversarialSupport.importText(text, kind: .plan, mapping: mapping, onError: .abort)
        #expect(s.invariantsChecked == 2)
        #expect(s.invariantFindings.map(\.group) == ["0102"])
        #expect(s.invariantFindings.map(\.line) == [5])
        #expect(s.warnings.contains { $0.contains("line 6 (0102): line number 10 occurs again (first in line 5)") })
        #expect(s.text(.de).contains("Warnung: Zeile 6 (0102): Zeilennummer 10 kommt noch einmal vor (zuerst in Zeile 5); die Regeln nehmen die erste"), "\(s.text(.de))")
    }

    static let rules: [(text: String, parsed: String?)] = [
        ("21 = 19 - 20", "21:+19,-20"), ("10 = 01+02+03", "10:+1,+2,+3"), ("5 = -4 + 3", "5:-4,+3"),
        ("21 = 19 -", nil), ("21 = ", nil), ("= 19", nil), ("21 = 19 + + 20", nil), ("21 = 19 20", nil), ("21 = x", nil),
        ("21 = 19 = 20", nil), ("21 = 19 * 2", nil), ("21 = 123456", nil), ("21 = - - 3", nil),
    ]

    @Test("the rule grammar: NN = NN ± NN …; anything else is refused", arguments: rules.indices)
    func grammar(_ i: Int) {
        let c = Self.rules[i]
        let r = RowInvariants.parseRule(c.text)
        #expect(r.map { "\($0.target):" + $0.terms.map { ($0.sign > 0 ? "+" : "-") + String($0.line) }.joined(separator: ",") } == c.parsed)
    }

    @Test("a bad invariants block is refused naming the key; a column the header lacks stops the import")
    func badMapping() throws {
        for (yaml, message) in [("rules: ['21 = 19 *']", "is not of the form"), ("tolerance: cents", "tolerance must be exact or whole-euros"), ("rules: []", "rules lists 1 to 1,000")] {
            let text = Self.mapping.replacingOccurrences(of: "tolerance: whole-euros", with: yaml.hasPrefix("tolerance") ? yaml : "tolerance: whole-euros")
                .replacingOccurrences(of: "rules: ['10 = 01 + 02', '18 = 10 - 17', '17 = 11']", with: yaml.hasPrefix("rules") ? yaml : "rules: ['10 = 01 + 02']")
            #expect { _ = try Mapping.parse(try StrictYAML.parse(text, file: "m.yaml")) } throws: { "\($0)".contains(message) }
        }
        #expect { _ = try Mapping.parse(try StrictYAML.parse("kind: orgunits\ninvariants: { line: A, rules: ['1 = 2'] }\n", file: "m.yaml")) } throws: {
            "\($0)".contains("invariants apply to kinds with amounts")
        }
        #expect { _ = try AdversarialSupport.importText("Wert;Plan 2026\n01 - Steuern;1\n", kind: .plan, mapping: Self.mapping.replacingOccurrences(of: "line: Wert", with: "line: Zeile")) } throws: {
            "\($0)".contains("invariants name the column \"Zeile\"")
        }
    }
}

import Foundation
import GRDB
import Testing
@testable import PruefstandCore

/// Column rules (`invariants.columns`, issue 14): a published balance column must equal its terms in every row;
/// a violation is a finding of the import, never a crash and never silent. Figures by hand.
@Suite("Column rules within a row: invariants.columns")
struct ColumnInvariantTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/column-invariants").path

    static func importFixture(_ name: String) throws -> (ImportSummary, Store) {
        let (store, _) = try TestSupport.tempStore()
        let mapping = try Mapping.load(path: "\(fixtures)/ergebnisplan.mapping.yaml")
        var options = ImportOptions()
        options.onError = .abort
        let s = try Importer(store: store).run(kind: .plan, path: "\(fixtures)/\(name)", mapping: mapping, options: options)
        return (s, store)
    }

    /// Every row: 120.500 − 480.250 = −359.750 and 130.000 − 500.000 = −370.000 (01); 95.000 − 210.400 = −115.400,
    /// 100.000 − 220.000 = −120.000 (02); 40.250 − 310.000 = −269.750, 45.000 − 320.000 = −275.000 (03);
    /// 12.000 − 88.500 = −76.500, 15.000 − 90.000 = −75.000 (04): 4 rows × 2 rules = 8 values, all exact.
    /// Stored: the Aufwendungen only, positive: 2024 480.250 + 210.400 + 310.000 + 88.500 = 1.089.150 €,
    /// 2025 500.000 + 220.000 + 320.000 + 90.000 = 1.130.000 €.
    @Test("a consistent Ergebnisplan: every column rule holds, the Aufwendungen are stored, Saldo is read and not stored")
    func consistent() throws {
        let (s, store) = try Self.importFixture("ergebnisplan-consistent.csv")
        #expect(s.status == "committed" && s.rowsImported == 4 && s.recordsStored == 8)
        #expect(s.columnRulesChecked == 8 && s.columnRulesWithinTolerance == 0 && s.columnRuleViolations == 0)
        #expect(s.columnFindings.isEmpty && !s.text(.en).contains("FINDING"))
        #expect(s.invariantsChecked == nil)
        let sums = try store.read { try Row.fetchAll($0, sql: "SELECT fiscalYear, sum(amountCents) AS c FROM budgetLine GROUP BY 1 ORDER BY 1") }
        #expect(sums.map { [$0["fiscalYear"] as Int64, $0["c"] as Int64] } == [[2024, 108_915_000], [2025, 113_000_000]])
    }

    /// Line 3 (02), Plan 2025: published −102.000, computed 100.000 − 220.000 = −120.000, difference 18.000 €.
    /// Line 5 (04), Ergebnis 2024: published −76.000, computed 12.000 − 88.500 = −76.500, difference 500 € (beyond
    /// the whole-euro bound of ⌊(2 + 1) / 2⌋ = 1 €). The rows are imported all the same.
    @Test("two inconsistent rows: two findings with file, line, rule, published and computed; the import succeeds")
    func twoInconsistent() throws {
        let (s, store) = try Self.importFixture("ergebnisplan-two-inconsistent.csv")
        #expect(s.status == "committed" && s.rowsImported == 4 && s.recordsStored == 8)
        #expect(s.columnRulesChecked == 8 && s.columnRuleViolations == 2)
        let file = "\(Self.fixtures)/ergebnisplan-two-inconsistent.csv"
        #expect(s.columnFindings == [
            ColumnFinding(file: file, line: 3, rule: "Plan 2025 Saldo = Plan 2025 Erträge + Plan 2025 Aufwendungen",
                          publishedCents: -10_200_000, computedCents: -12_000_000, problem: nil),
            ColumnFinding(file: file, line: 5, rule: "Ergebnis 2024 Saldo = Ergebnis 2024 Erträge + Ergebnis 2024 Aufwendungen",
                          publishedCents: -7_600_000, computedCents: -7_650_000, problem: nil),
        ])
        let text = s.text(.en)
        #expect(text.contains("FINDING ergebnisplan-two-inconsistent.csv, line 3: rule Plan 2025 Saldo = Plan 2025 Erträge + Plan 2025 Aufwendungen does not hold: published -102.000,00 €, computed -120.000,00 €, difference 18.000,00 €"))
        #expect(text.contains("8 values checked, 6 exact, 0 within the tolerance, 2 violated"))
        #expect(try AdversarialSupport.count(store, "SELECT count(*) FROM budgetLine") == 8)
    }

    static let plain = """
        kind: plan
        format: { delimiter: ";", numbers: de }
        columns: { product: Produkt, account: Konto, fiscal_year: Jahr, plan_amount: Ansatz }
        invariants:
          tolerance: exact
          columns: ['plan_amount = Teil A + Teil B']
        """
    static let header = "Produkt;Konto;Jahr;Ansatz;Teil A;Teil B\n"

    @Test("a mapped field's name stands for its column; exact tolerance: 1 cent off is a finding")
    func fieldNames() throws {
        // 10,00 = 4,00 + 6,00 holds; 10,01 ≠ 4,00 + 6,00.
        let text = Self.header + "01.11.01;52110000;2026;10,00;4,00;6,00\n01.11.01;52120000;2026;10,01;4,00;6,00\n"
        let (s, _, _) = try AdversarialSupport.importText(text, kind: .plan, mapping: Self.plain, onError: .abort)
        #expect(s.rowsImported == 2 && s.columnRulesChecked == 2)
        #expect(s.columnFindings.map(\.line) == [3])
        #expect(s.columnFindings.map(\.publishedCents) == [1_001] && s.columnFindings.map(\.computedCents) == [1_000])
    }

    static let saldo = plain.replacingOccurrences(of: "plan_amount = Teil A + Teil B", with: "Saldo = Teil A + Teil B")
    static let saldoHeader = "Produkt;Konto;Jahr;Ansatz;Saldo;Teil A;Teil B\n"

    /// Largest accepted cell 900.000.000.000.000 € (9·10¹⁶ cents): 900.000.000.000.000 = 899.999.999.999.999 + 1
    /// holds; a cell of 10²¹ € is not an amount: the rule cannot be checked in that row (a finding), and the row's
    /// stored amount (Ansatz) is unaffected, so it is imported. A text cell (`n/a`) in a term: a finding too.
    @Test("hostile cells: the largest amounts, a number beyond the limit, a text cell in a term column; empty cells")
    func hostileCells() throws {
        let text = Self.saldoHeader
            + "01.11.01;52110000;2026;5;900.000.000.000.000;899.999.999.999.999;1\n"
            + "01.11.01;52120000;2026;5;5;1.000.000.000.000.000.000.000;1\n"
            + "01.11.01;52130000;2026;5;5;n/a;1\n"
            + "01.11.01;52140000;2026;5;5;;5\n"
            + "01.11.01;52150000;2026;5;;1;2\n"
        let (s, _, _) = try AdversarialSupport.importText(text, kind: .plan, mapping: Self.saldo, onError: .abort)
        #expect(s.status == "committed" && s.rowsImported == 5)
        // Rows 2 and 5 checked (row 5: the empty Teil A counts 0, 5 = 0 + 5); rows 3 and 4 not checkable; row 6
        // has no Saldo: not checked.
        #expect(s.columnRulesChecked == 2 && s.columnRuleViolations == 2 && s.columnRulesUnreadable == 2)
        #expect(s.columnFindings.map(\.line) == [3, 4])
        #expect(s.columnFindings.map(\.computedCents) == [nil, nil])
        #expect(s.columnFindings[1].problem == "Teil A holds \"n/a\", not an amount")
        #expect(s.text(.en).contains("FINDING input.csv, line 4: rule Saldo = Teil A + Teil B cannot be checked: Teil A holds \"n/a\", not an amount"))
        #expect(s.text(.de).contains("BEFUND input.csv, Zeile 4: Regel Saldo = Teil A + Teil B nicht prüfbar: Teil A enthält „n/a“, keinen Betrag"), "\(s.text(.de))")
    }

    /// 100 terms each at the largest cell, 9·10¹⁶ cents: computed 9·10¹⁸ (below Int64.max ≈ 9.22·10¹⁸); the
    /// published −9·10¹⁶ differs by −9.09·10¹⁸: a finding, no trap.
    @Test("100 terms at the largest amount: no overflow, a finding")
    func hundredLargestTerms() throws {
        let names = (1...100).map { "T\($0)" }
        let yaml = Self.plain.replacingOccurrences(of: "['plan_amount = Teil A + Teil B']", with: "['Saldo = \(names.joined(separator: " + "))']")
        let text = "Produkt;Konto;Jahr;Ansatz;Saldo;" + names.joined(separator: ";") + "\n"
            + "01.11.01;52110000;2026;5;-900.000.000.000.000;" + Array(repeating: "900.000.000.000.000", count: 100).joined(separator: ";") + "\n"
        let (s, _, _) = try AdversarialSupport.importText(text, kind: .plan, mapping: yaml, onError: .abort)
        #expect(s.status == "committed" && s.columnRulesChecked == 1)
        #expect(s.columnFindings.map(\.computedCents) == [9_000_000_000_000_000_000])
        #expect(s.columnFindings.map(\.publishedCents) == [-90_000_000_000_000_000])
    }

    @Test("1,000 rules are checked in every row; an empty target cell is not checked")
    func thousandRules() throws {
        let rules = (0..<1_000).map { _ in "'Ansatz = Teil A + Teil B'" }.joined(separator: ", ")
        let mapping = Self.plain.replacingOccurrences(of: "['plan_amount = Teil A + Teil B']", with: "[\(rules)]")
        let text = Self.header + "01.11.01;52110000;2026;3;1;2\n01.11.01;52120000;2026;3;1;1\n"
        let (s, _, _) = try AdversarialSupport.importText(text, kind: .plan, mapping: mapping, onError: .abort)
        #expect(s.columnRulesChecked == 2_000 && s.columnRuleViolations == 1_000)
        #expect(s.columnFindings.count == 1_000 && Set(s.columnFindings.map(\.line)) == [3])
        let over = Self.plain.replacingOccurrences(of: "['plan_amount = Teil A + Teil B']", with: "[\(rules), 'Ansatz = Teil A']")
        #expect { _ = try Mapping.parse(try StrictYAML.parse(over, file: "m.yaml")) } throws: { "\($0)".contains("columns lists 1 to 1,000 rules") }
    }

    static let refused: [(rule: String, message: String)] = [
        ("", "needs exactly one '='"), ("Saldo", "needs exactly one '='"), ("Saldo =", "names no column right of '='"),
        ("= Erträge", "names no column left of '='"), ("Saldo = Erträge +", "ends with an operator"),
        ("Saldo = + Erträge", "has an operator without a column before it"), ("Saldo = A = B", "needs exactly one '='"),
        ("Saldo = Erträge + Erträge", "names the column \"Erträge\" twice"), ("Saldo = Saldo - Aufwendungen", "names the column \"Saldo\" twice"),
        ("Saldo = " + (0...100).map { "T\($0)" }.joined(separator: " + "), "has more than 100 terms"),
    ]

    @Test("a malformed column rule is a mapping error naming the rule", arguments: refused.indices)
    func refusedRules(_ i: Int) {
        let c = Self.refused[i]
        let yaml = Self.plain.replacingOccurrences(of: "['plan_amount = Teil A + Teil B']", with: "['\(c.rule)']")
        #expect { _ = try Mapping.parse(try StrictYAML.parse(yaml, file: "m.yaml")) } throws: { "\($0)".contains(c.message) && "\($0)".contains("m.yaml") }
    }

    static let grammar: [(text: String, parsed: String)] = [
        ("Saldo = Erträge - Aufwendungen", "Saldo:+Erträge,-Aufwendungen"),
        ("Saldo 2017 = - VE-Anschlag 2017 + Anschlag 2017", "Saldo 2017:-VE-Anschlag 2017,+Anschlag 2017"),
        ("S = -A", "S:-A"), ("S=A", "S:+A"),
    ]

    @Test("the rule grammar: operators between spaces, a leading minus", arguments: grammar.indices)
    func ruleGrammar(_ i: Int) throws {
        let r = try ColumnRule.parse(Self.grammar[i].text).get()
        #expect(r.target + ":" + r.terms.map { ($0.sign > 0 ? "+" : "-") + $0.column }.joined(separator: ",") == Self.grammar[i].parsed)
    }

    @Test("a column the header lacks, or one column named twice through its field, stops the import naming the mapping's line")
    func unknownColumn() throws {
        let text = Self.header.replacingOccurrences(of: "\n", with: ";Bearbeiter\n") + "01.11.01;52110000;2026;3;1;2;Max Muster\n"
        for (rule, message) in [("Saldo = Teil A", "names \"Saldo\", which is neither a header"),
                                ("plan_amount = Ansatz + Teil A", "names one column twice"),
                                ("Teil A = Teil B + Bearbeiter", "names \"Bearbeiter\", a column of personal data")] {
            let yaml = Self.plain.replacingOccurrences(of: "plan_amount = Teil A + Teil B", with: rule)
            #expect { _ = try AdversarialSupport.importText(text, kind: .plan, mapping: yaml) } throws: { e in
                guard case PruefstandError.config(let path, let line, _, let m) = e else { return false }
                return path.hasSuffix("mapping.yaml") && line == 6 && m.en.contains(message)
            }
        }
    }

    @Test("invariants need rules or columns; line and group belong to rules")
    func invariantsBlock() {
        for (block, message) in [("invariants: { tolerance: exact }", "need rules (between rows, with line) or columns"),
                                 ("invariants: { line: Wert, columns: ['A = B'] }", "line and group belong to rules"),
                                 ("invariants: { rules: ['1 = 2'] }", "rules (between rows) need line")] {
            #expect { _ = try Mapping.parse(try StrictYAML.parse("kind: plan\n\(block)\n", file: "m.yaml")) } throws: { "\($0)".contains(message) }
        }
    }
}

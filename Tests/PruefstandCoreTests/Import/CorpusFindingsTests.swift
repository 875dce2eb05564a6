import Foundation
import GRDB
import Testing
@testable import PruefstandCore

/// Found by the bad-input corpus (`Fixtures/bad-input/ledger--duplicate-header.csv`): a header that names a
/// field twice. The import took the first column and reported the second as "not used", so a file whose
/// real amounts stood in the second column imported the wrong figures with exit 0.
@Suite("Adversarial import: a field named by two columns")
struct AmbiguousHeaderTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var kind: ImportKind
        var csv: String
        var mapping: String?
        var columns: (Int, Int)
        var field: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "the same header twice", kind: .ledger,
             csv: AdversarialSupport.ledgerHeader + ",amount\n" + AdversarialSupport.ledgerRow(1, amount: "1.00") + ",2.00\n",
             mapping: nil, columns: (9, 10), field: "amount"),
        Case(name: "two accepted names of one field (Betrag and amount)", kind: .ledger,
             csv: AdversarialSupport.ledgerHeader + ",Betrag\n" + AdversarialSupport.ledgerRow(1, amount: "1.00") + ",2.00\n",
             mapping: nil, columns: (9, 10), field: "amount"),
        Case(name: "a mapped header that two columns carry", kind: .plan,
             csv: "Jahr;Produkt;Konto;Ansatz;Ansatz\n2026;01.01.01;521100;1,00;2,00\n",
             mapping: "kind: plan\nformat: { delimiter: \";\", numbers: de }\ncolumns: { fiscal_year: Jahr, product: Produkt, account: Konto, plan_amount: Ansatz }\n",
             columns: (4, 5), field: "plan_amount"),
    ]

    @Test("is refused naming both columns and the field; nothing is stored", arguments: cases)
    func refused(_ c: Case) throws {
        let (store, dir) = try TestSupport.tempStore()
        #expect {
            _ = try AdversarialSupport.importText(c.csv, kind: c.kind, mapping: c.mapping, onError: .quarantine, store: (store, dir))
        } throws: { error in
            let text = "\(error)"
            return text.contains("columns \(c.columns.0) (") && text.contains("and \(c.columns.1) (")
                && text.contains("both name the field \(c.field)")
        }
        #expect(try AdversarialSupport.count(store, "SELECT count(*) FROM importRun") == 0)
    }

    @Test("a column that another field names is not ambiguous (header names are matched once)")
    func distinctFieldsStillImport() throws {
        let csv = AdversarialSupport.ledgerHeader + "\n" + AdversarialSupport.ledgerRow(1, amount: "1.00") + "\n"
        let (s, _, _) = try AdversarialSupport.importText(csv, kind: .ledger, onError: .abort)
        #expect(s.rowsImported == 1)
    }
}

/// Found by the bad-input corpus (`Fixtures/bad-input/ledger--regex-bomb.csv`): a mapping whose filter leaves
/// out every row was refused with "no data rows after the header", though the file had rows.
@Suite("Adversarial import: every row left out by the mapping")
struct AllRowsFilteredTests {
    @Test("the refusal says how many rows were left out and by what")
    func filteredOut() throws {
        let csv = [AdversarialSupport.ledgerHeader, AdversarialSupport.ledgerRow(1, amount: "1.00"),
                   AdversarialSupport.ledgerRow(2, amount: "2.00")].joined(separator: "\n") + "\n"
        let mapping = "kind: ledger\nfilters:\n  - { column: description, matches: \"^Nothing\" }\n"
        #expect {
            _ = try AdversarialSupport.importText(csv, kind: .ledger, mapping: mapping, onError: .abort)
        } throws: { error in
            "\(error)".contains("every row after the header was left out (2 filtered by mapping)")
        }
    }

    @Test("a file with a header only keeps the old message")
    func headerOnly() throws {
        #expect {
            _ = try AdversarialSupport.importText(AdversarialSupport.ledgerHeader + "\n", kind: .ledger, onError: .abort)
        } throws: { error in "\(error)".contains("no data rows after the header") }
    }
}

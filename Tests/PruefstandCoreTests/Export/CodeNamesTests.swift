import Foundation
import Testing
@testable import PruefstandCore

/// Names beside codes (issue 16): every code column of a report table gets a name column right after it.
/// Expected values are written by hand from the fixtures below.
@Suite("Export: names beside codes")
struct CodeNamesTests {
    static let names: CodeNames = {
        var n = CodeNames()
        n.set("product", ["16.01.01": "Steuern, allgemeine Zuweisungen", "16": "Allgemeine Finanzwirtschaft", "05.02.01": "Hilfe zur Pflege"])
        n.set("account", ["401300": "Gewerbesteuer", "533100": "Leistungen nach SGB XII"])
        n.set("org_unit", ["FB20": "FB 20 Finanzen"])
        return n
    }()

    static let variance = ReportTable(key: "variance", de: "Plan-Ist", en: "Plan vs actual", columns: [
        .init("product", de: "Produkt", en: "Product", kind: .text), .init("account", de: "Konto", en: "Account", kind: .text),
        .init("plan", de: "Plan", en: "Plan", kind: .money), .init("actual", de: "Ist", en: "Actual", kind: .money),
        .init("variance", de: "Abweichung", en: "Variance", kind: .money),
    ], rows: [
        [.text("16.01.01"), .text("401300"), .money(Money(cents: 100)), .money(Money(cents: 150)),
         .formula("={col:actual}{r}-{col:plan}{r}", cached: .money(Money(cents: 50)))],
        [.text("99.99.99"), .text("533100"), .money(Money(cents: 1)), .money(Money(cents: 1)), .empty],
        [.text("05.02.01"), .text("999999"), .money(.zero), .money(.zero), .empty],
    ])

    @Test("product and account get a name column each, right after the code; an unknown code leaves its name empty")
    func besideCodes() {
        let t = Self.variance.withNames(Self.names)
        #expect(t.columns.map(\.key) == ["product", "product_name", "account", "account_name", "plan", "actual", "variance"])
        #expect(t.columns[1].titleDE == "Produkt (Bezeichnung)" && t.columns[3].titleEN == "Account (name)")
        #expect(t.rows[0].prefix(4) == [.text("16.01.01"), .text("Steuern, allgemeine Zuweisungen"), .text("401300"), .text("Gewerbesteuer")])
        #expect(t.rows[1][1] == .empty && t.rows[1][3] == .text("Leistungen nach SGB XII"))
        #expect(t.rows[2][1] == .text("Hilfe zur Pflege") && t.rows[2][3] == .empty)
        // The formula still names its columns by key, so it follows the shifted columns in the workbook.
        #expect(t.rows[0][6] == .formula("={col:actual}{r}-{col:plan}{r}", cached: .money(Money(cents: 50))))
        // CSV: the name column beside the code.
        #expect(CSVWriter.cli(t).hasPrefix("product,product_name,account,account_name,plan,actual,variance\n16.01.01,\"Steuern, allgemeine Zuweisungen\",401300,Gewerbesteuer,1.00,1.50,0.50\n"))
    }

    @Test("a composite column (16.01.01 / 401300) gets the names joined the same way; a product area is found among the products")
    func compositeAndLevels() {
        let t = ReportTable(key: "largest", de: "G", en: "L", columns: [
            .init("row", de: "Produkt / Konto", en: "Product / account", kind: .text), .init("product_area", de: "PB", en: "Area", kind: .text),
        ], rows: [[.text("16.01.01 / 401300"), .text("16")], [.text("16.01.01 / 000000"), .text("17")]])
        let named = t.withNames(Self.names, composite: ["row": ["product", "account"]])
        #expect(named.columns.map(\.key) == ["row", "row_name", "product_area", "product_area_name"])
        #expect(named.rows[0] == [.text("16.01.01 / 401300"), .text("Steuern, allgemeine Zuweisungen / Gewerbesteuer"), .text("16"), .text("Allgemeine Finanzwirtschaft")])
        #expect(named.rows[1] == [.text("16.01.01 / 000000"), .text("Steuern, allgemeine Zuweisungen / –"), .text("17"), .empty])
    }

    @Test("no names, or a table that already names its codes (a name column after the code): unchanged")
    func unchanged() {
        #expect(Self.variance.withNames(CodeNames()).columns.count == 5)
        let summary = ReportTable(key: "s", de: "S", en: "S", columns: [
            .init("org_unit", de: "OE", en: "Unit", kind: .text), .init("name", de: "Name", en: "Name", kind: .text),
        ], rows: [[.text("FB20"), .text("Finanzen")]])
        #expect(summary.withNames(Self.names).columns.map(\.key) == ["org_unit", "name"])
    }

    @Test("the store's name book holds the org units' and cost centers' names from their files")
    func storeBook() throws {
        let store = try Store.inMemory()
        try store.write { db in
            try db.execute(sql: """
                INSERT INTO importRun (id, kind, sourcePath, sha256, byteCount, startedAt, finishedAt, rowsRead, rowsImported,
                  rowsRejected, controlReadCents, controlStoredCents, controlFileTotalCents, onError, engineVersion)
                VALUES (1, 'orgunits', 'o.csv', 'ab', 1, '2026-01-05T10:00:00Z', '2026-01-05T10:00:01Z', 1, 1, 0, 0, 0, NULL, 'abort', '0');
                INSERT INTO orgUnit (orgUnitId, importId, sourceLine, name, parentId, category) VALUES ('FB20', 1, 2, 'FB 20 Finanzen', NULL, 'finance');
                INSERT INTO costCenter (costCenterId, importId, sourceLine, name, orgUnitId) VALUES ('2010', 1, 3, 'Haushalt', 'FB20');
                """)
        }
        let book = try store.codeNameBook()
        #expect(book.name(of: "FB20", in: "org_unit") == "FB 20 Finanzen")
        #expect(book.name(of: " 2010 ", in: "cost_center") == "Haushalt")
        #expect(book.name(of: "FB21", in: "org_unit") == nil)
    }
}

import Foundation
import GRDB
import Testing
@testable import PruefstandCore

/// Plans by line (Köln's layout, issue 14): a split cuts the line number out of a text column, subtotal
/// rows are counted and never imported, the NKF scheme's line lists give the side. Figures by hand.
@Suite("Split, subtotals and plan lines")
struct SplitSubtotalTests {
    static let mapping = """
        kind: plan
        scheme: { name: nkf-nrw, lines: ergebnisplan, products: undotted, extra_areas: ['18'] }
        format: { delimiter: ";", numbers: de }
        columns: { product: Teilplan }
        split: { Zeile: '^(?<account>\\d{2}) [-=] (?<description>.+)$' }
        subtotals: [ { column: Zeile, matches: ' = ' } ]
        unpivot: { pattern: '^Plan (\\d{4})$', kind: plan }
        """

    /// Line 2 Steuern (revenue) 1.000, line 3 Personal (expense) 400, line 4 the sum 17 (400: a subtotal,
    /// not imported), line 5 area 18 Zuwendungen (revenue) 50, line 6 no line number (rejected), line 7
    /// line 29 (not an Ergebnisplan line: rejected).
    @Test("a Köln-style plan: lines as accounts, sides by line, one subtotal row counted, bad lines rejected")
    func koelnStyle() throws {
        let text = """
            Teilplan;Zeile;Plan 2026
            0101;01 - Steuern;1.000
            0101;11 - Personal;400
            0101;17 = ordentliche Aufwendungen;400
            1801;02 - Zuwendungen;50
            0101;Unsinn;3
            0101;29 - gibt es nicht;7
            """
        let (s, store, _) = try AdversarialSupport.importText(text, kind: .plan, mapping: Self.mapping)
        #expect(s.rowsRead == 5 && s.rowsImported == 3 && s.rowsRejected == 2)
        #expect(s.skipped["subtotal row"] == 1)
        #expect(s.subtotalFileCents == 40_000)
        #expect(s.rejects.map(\.line) == [6, 7])
        #expect(s.rejects[0].reason.contains("does not match the mapping's split pattern"))
        #expect(s.rejects[1].reason.contains("not a line of the ergebnisplan"))
        let rows = try store.read { try Row.fetchAll($0, sql: "SELECT product, account, side, amountCents, productArea, productLevel, description FROM budgetLine ORDER BY sourceLine") }
        #expect(rows.map { "\($0[0] as String)/\($0[1] as String)/\($0[2] as String)/\($0[3] as Int64)" } == ["0101/01/revenue/100000", "0101/11/expense/40000", "1801/02/revenue/5000"])
        #expect(rows.map { $0[4] as String } == ["01", "01", "18"])
        #expect(rows.allSatisfy { ($0[5] as String) == "produktgruppe" })
        #expect(rows.map { $0[6] as String } == ["Steuern", "Personal", "Zuwendungen"])
    }

    @Test("without extra_areas a city's own Produktbereich 18 is rejected, naming the option")
    func ownArea() throws {
        let text = "Teilplan;Zeile;Plan 2026\n1801;02 - Zuwendungen;50\n"
        let (s, _, _) = try AdversarialSupport.importText(text, kind: .plan, mapping: Self.mapping.replacingOccurrences(of: ", extra_areas: ['18']", with: ""))
        #expect(s.rowsImported == 0 && s.rowsRejected == 1)
        #expect(s.rejects.first?.reason.contains("extra_areas") == true)
    }

    @Test("a missing split column stops the import and names it")
    func missingSplitColumn() throws {
        let text = "Teilplan;Text;Plan 2026\n0101;01 - Steuern;1\n"
        #expect { _ = try AdversarialSupport.importText(text, kind: .plan, mapping: Self.mapping, onError: .abort) } throws: {
            "\($0)".contains("split column Zeile")
        }
    }

    @Test("mapping errors of split, subtotals and the NKF options", arguments: [
        ("kind: plan\nsplit: { Zeile: '^(?<nummer>\\d{2})' }\n", "names no field of plan"),
        ("kind: plan\ncolumns: { account: Konto }\nsplit: { Zeile: '^(?<account>\\d{2})' }\n", "cannot also be a column"),
        ("kind: plan\nsplit: { A: '^(?<account>\\d{2})', B: '^(?<account>\\d{3})' }\n", "comes from two splits"),
        ("kind: plan\nscheme: { name: kameral, lines: ergebnisplan }\n", "apply to the nkf-nrw scheme"),
        ("kind: plan\nscheme: { name: nkf-nrw, lines: bilanz }\n", "ergebnisplan or finanzplan"),
        ("kind: plan\nscheme: { name: nkf-nrw, products: dotted }\n", "products takes undotted"),
        ("kind: plan\nscheme: { name: nkf-nrw, extra_areas: ['05'] }\n", "18–99"),
        ("kind: plan\nsubtotals: [ { column: Zeile } ]\n", "equals, not_equals, matches or not_empty"),
    ])
    func mappingErrors(_ yaml: String, _ message: String) {
        #expect { _ = try Mapping.parse(try StrictYAML.parse(yaml, file: "m.yaml")) } throws: { "\($0)".contains(message) }
    }

    struct Line: CustomTestStringConvertible, Sendable {
        var lines: NKFNRWScheme.Lines, line: String, side: String?
        var testDescription: String { "\(lines.rawValue) line \(line): \(side ?? "no side")" }
    }
    /// §§ 2, 3 KomHVO NRW: Ergebnisplan 01–09, 19, 23 Erträge; 11–16, 20, 24, 27 Aufwendungen; the sums and
    /// balances (10, 17, 18, 21, 22, 25, 26, 28) none. Finanzplan 01–05, 15, 16 in; 07–12, 18, 19 out.
    @Test(arguments: [
        Line(lines: .ergebnisplan, line: "01", side: "revenue"), Line(lines: .ergebnisplan, line: "23", side: "revenue"),
        Line(lines: .ergebnisplan, line: "11", side: "expense"), Line(lines: .ergebnisplan, line: "27", side: "expense"),
        Line(lines: .ergebnisplan, line: "17", side: nil), Line(lines: .ergebnisplan, line: "28", side: nil),
        Line(lines: .finanzplan, line: "16", side: "revenue"), Line(lines: .finanzplan, line: "07", side: "expense"),
        Line(lines: .finanzplan, line: "14", side: nil),
    ])
    func lineSides(_ c: Line) {
        let scheme = NKFNRWScheme(lines: c.lines, undotted: true, extraAreas: [])
        var line = c.line
        #expect(line.withUTF8 { scheme.side(account: $0) }?.rawValue == c.side)
    }
}

@Suite("The city's code scheme in the manifest")
struct ManifestSchemeTests {
    /// A manifest's `scheme:` applies to plan inputs whose mapping names none; a mapping's own scheme wins;
    /// other kinds keep theirs.
    @Test("scheme: kameral in the manifest reaches a plan input without a mapping and one whose mapping names no scheme, not one that names its own")
    func manifestScheme() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pruefstand-manifest-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try "kind: plan\ncolumns: { product: Kapitel }\n".write(toFile: "\(dir)/plain.yaml", atomically: true, encoding: .utf8)
        try "kind: plan\nscheme: free\n".write(toFile: "\(dir)/own.yaml", atomically: true, encoding: .utf8)
        let text = """
            name: T
            plan_year: 2026
            scheme: kameral
            inputs:
              - { kind: plan, file: a.csv }
              - { kind: plan, file: b.csv, mapping: plain.yaml }
              - { kind: plan, file: c.csv, mapping: own.yaml }
              - { kind: orgunits, file: o.csv }
            """
        let m = try Manifest.parse(try StrictYAML.parse(text, file: "\(dir)/pruefstand.yaml"), folder: dir)
        let schemes = try m.inputs.map { try m.mapping(for: $0)?.scheme.name ?? "none" }
        #expect(schemes == ["kameral", "kameral", "free", "none"])
        #expect {
            _ = try Manifest.parse(try StrictYAML.parse("name: T\nplan_year: 2026\nscheme: bayern\ninputs: []\n", file: "\(dir)/pruefstand.yaml"), folder: dir)
        } throws: { "\($0)".contains("unknown code scheme 'bayern'") }
    }
}

@Suite("Migration v4-code-schemes")
struct CodeSchemeMigrationTests {
    /// A store of the two earlier migrations with three plan lines (revenue 431100, expense 501100 with a
    /// one-digit Produktgruppe, a class-6 account) migrates: the lines keep every value v_plan shows, and get
    /// nkf-nrw, the side of their class (none for 6) and their NKF place, worked out by hand.
    @Test("an existing store migrates: v_plan unchanged, scheme, side and place filled in for the old lines")
    func migratesOldLines() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pruefstand-mig-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let queue = try DatabaseQueue(path: "\(dir)/old.sqlite")
        try queue.write { db in
            try Schema.apply("v1-core", db)
            try Schema.apply("v2-review", db)
            try db.execute(sql: "CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY); INSERT INTO grdb_migrations VALUES ('v1-core'), ('v2-review')")
            try db.execute(sql: """
                INSERT INTO importRun VALUES (1, 'plan', 'p.csv', 'x', 1, NULL, NULL, 't', 't', 3, 3, 0, NULL, NULL, NULL, 'abort', '0');
                INSERT INTO budgetLine (id, importId, sourceLine, fiscalYear, kind, product, account, amountCents) VALUES
                  (1, 1, 2, 2026, 'plan', '01.11.01', '431100', 100), (2, 1, 3, 2026, 'actual', '02.1.01', '501100', 250),
                  (3, 1, 4, 2026, 'plan', '03.10', '681100', 7);
                """)
        }
        let before = try queue.read { try String.fetchAll($0, sql: "SELECT budget_line_id || '|' || kind || '|' || product || '|' || product_group || '|' || product_area || '|' || account || '|' || amount_cents FROM v_plan ORDER BY 1") }
        try Store.migrate(queue)
        let after = try queue.read { try String.fetchAll($0, sql: "SELECT budget_line_id || '|' || kind || '|' || product || '|' || product_group || '|' || product_area || '|' || account || '|' || amount_cents FROM v_plan ORDER BY 1") }
        #expect(after == before && after.count == 3)
        let codes = try queue.read { try String.fetchAll($0, sql: "SELECT scheme || '|' || coalesce(side, '-') || '|' || product_level || '|' || product_area || '|' || product_group FROM v_plan_codes ORDER BY budget_line_id") }
        #expect(codes == ["nkf-nrw|revenue|produkt|01|01.11", "nkf-nrw|expense|produkt|02|02.1", "nkf-nrw|-|produktgruppe|03|03.10"])
        // The new kinds are accepted; others still are not.
        try queue.write { db in
            try db.execute(sql: "INSERT INTO budgetLine (importId, sourceLine, fiscalYear, kind, product, account, amountCents) VALUES (1, 5, 2026, 'commitment', '01.11.01', '501100', 1)")
            #expect(throws: DatabaseError.self) {
                try db.execute(sql: "INSERT INTO budgetLine (importId, sourceLine, fiscalYear, kind, product, account, amountCents) VALUES (1, 6, 2026, 'wish', '01.11.01', '501100', 1)")
            }
        }
    }
}

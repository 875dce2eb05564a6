import Foundation
import GRDB
import Testing
@testable import PruefstandCore

/// Reject reasons and import warnings in the chosen language (issue 16: one language per report). Each case makes
/// one row fail for one reason class; the German and English fragments are written here, as a German controller
/// and an English reader would expect them, not copied from the program. Each language is checked where the
/// reason is shown: the import summary, the rejects file (`--rejects-dir`), the store (`v_rejects.reason` and
/// `reason_de`, both kept whatever the language) and the workbook's rejected-rows table.
@Suite("Reject reasons in German and English (issue 16)")
struct RejectReasonLanguageTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var kind: ImportKind
        var rows: [String]
        var de: String
        var en: String
        var testDescription: String { name }
    }

    static let ledger = "fiscal_year,posting_date,document_id,product,cost_center,account,description,vendor,amount"
    static func posting(year: String = "2024", date: String = "2024-01-02", product: String = "01.01.01", account: String = "501200",
                        description: String = "Miete", amount: String = "12.50") -> String {
        "\(year),\(date),X-1,\(product),KST1,\(account),\(description),,\(amount)"
    }
    static let positions = "position_id,org_unit,supervisor_id,title,pay_grade,fte,status,is_leadership"
    static let taxRates = "municipality,ags,fiscal_year,grundsteuer_a,grundsteuer_b,gewerbesteuer"

    static let cases: [Case] = [
        Case(name: "an amount that is no number", kind: .ledger, rows: [ledger, posting(amount: "zwölf")],
             de: "ungültiger Betrag: keine Zahl", en: "bad amount: not a number"),
        Case(name: "an amount with three decimals", kind: .ledger, rows: [ledger, posting(amount: "1.2345")],
             de: "mehr als zwei Nachkommastellen", en: "more than two decimals"),
        Case(name: "an amount with two signs", kind: .ledger, rows: [ledger, posting(amount: "--5")],
             de: "zwei Vorzeichen", en: "two signs"),
        Case(name: "a day that does not exist", kind: .ledger, rows: [ledger, posting(date: "2024-02-30")],
             de: "ungültiges Datum: diesen Tag gibt es nicht", en: "bad date: no such day"),
        Case(name: "a fiscal year out of range", kind: .ledger, rows: [ledger, posting(year: "1800")],
             de: "Jahr 1800 außerhalb", en: "year 1800 outside"),
        Case(name: "a posting date outside its fiscal year's window, the window's dates in the language's form", kind: .ledger,
             rows: [ledger, posting(date: "2030-01-02")],
             de: "außerhalb des Zeitraums des Haushaltsjahres 2024 (01.01.2023 bis 31.12.2025", en: "outside the window of fiscal year 2024 (2023-01-01 to 2025-12-31"),
        Case(name: "a product code of no scheme", kind: .ledger, rows: [ledger, posting(product: "1.1")],
             de: "kein Produktcode", en: "not a product code"),
        Case(name: "an NKF account of two digits", kind: .ledger, rows: [ledger, posting(account: "12")],
             de: "kein NKF-Konto (6 bis 8 Ziffern)", en: "not an NKF account (6 to 8 digits)"),
        Case(name: "a required value left empty", kind: .ledger, rows: [ledger, posting(account: "")],
             de: "leer; NKF-Konto", en: "empty; NKF account"),
        Case(name: "a row with one field too many", kind: .ledger, rows: [ledger, posting() + ",7"],
             de: "9 Felder wie in der Kopfzeile erwartet, 10 gefunden", en: "expected 9 fields as in the header, found 10"),
        Case(name: "text after a closing quote", kind: .ledger, rows: [ledger, posting(description: "\"Miete\"x")],
             de: "Text nach einem schließenden Anführungszeichen", en: "text after a closing quote"),
        Case(name: "a quote not closed before the end of the file", kind: .ledger, rows: [ledger, posting(description: "\"Miete")],
             de: "bis zum Dateiende nicht geschlossen", en: "not closed before the end of the file"),
        Case(name: "a pay grade that is none", kind: .positions, rows: [positions, "P1,FB1,,Leitung,EG 99,1,occupied,ja"],
             de: "keine Entgelt- oder Besoldungsgruppe", en: "not a pay grade"),
        Case(name: "an FTE share above two", kind: .positions, rows: [positions, "P1,FB1,,Leitung,EG 9b,3,occupied,ja"],
             de: "kein Stellenanteil in VZÄ (0,5, 1)", en: "not an FTE share (0.5, 1)"),
        Case(name: "a position id twice in one file", kind: .positions,
             rows: [positions, "P1,FB1,,Leitung,A 15,1,occupied,ja", "P1,FB1,,Leitung,A 15,1,occupied,ja"],
             de: "position_id P1 steht zweimal in dieser Datei (zuerst in Zeile 2)", en: "position_id P1 occurs twice in this file (first in line 2)"),
        Case(name: "a supervisor that does not exist", kind: .positions, rows: [positions, "P2,FB1,P9,Sachbearbeitung,EG 9b,1,occupied,nein"],
             de: "Vorgesetztenstelle P9 gibt es nicht", en: "supervisor position P9 does not exist"),
        Case(name: "a vacancy of a position not in the plan", kind: .vacancies,
             rows: ["position_id,expected_date,reason,refill_requested", "P7,2026-05-01,retirement,ja"],
             de: "Stelle P7 steht nicht im Stellenplan", en: "position P7 is not in the position plan"),
        Case(name: "a code twice in a code list", kind: .codes,
             rows: ["code,name,dimension,level", "01,Innere Verwaltung,product,produktbereich", "01,Innere Verwaltung,product,produktbereich"],
             de: "Produkt-Code 01 (produktbereich) steht zweimal in dieser Liste (zuerst in Zeile 2) mit demselben Namen",
             en: "product code 01 (produktbereich) occurs twice in this list (first in line 2) with the same name"),
        Case(name: "a Gewerbesteuer Hebesatz below the statutory minimum", kind: .taxrates,
             rows: [taxRates, "Hagen,05914000,2024,300,750,180"],
             de: "liegt unter dem Mindesthebesatz von 200 %", en: "is below the minimum of 200 %"),
        Case(name: "an AGS of seven digits", kind: .taxrates, rows: [taxRates, "Hagen,0591400,2024,300,750,500"],
             de: "kein Amtlicher Gemeindeschlüssel (8 Ziffern", en: "not an Amtlicher Gemeindeschlüssel (8 digits"),
    ]

    @Test("each reason class in the summary, the rejects file, the store and the workbook table, in German and in English",
          arguments: cases, Language.allCases)
    func reasonInEachPlace(_ c: Case, _ lang: Language) throws {
        let (s, store, _) = try AdversarialSupport.importText(c.rows.joined(separator: "\n") + "\n", kind: c.kind) { $0.language = lang }
        #expect(s.rowsRejected == 1, "\(s.text(.en))")
        let (want, other) = lang == .de ? (c.de, c.en) : (c.en, c.de)
        let summary = s.text(lang)
        #expect(summary.contains(want) && !summary.contains(other), "\(summary)")
        let file = try String(contentsOfFile: try #require(s.rejectsFile), encoding: .utf8)
        #expect(file.contains(want) && !file.contains(other), "\(file)")
        let stored = try store.read { try Row.fetchOne($0, sql: "SELECT reason, reason_de FROM v_rejects") }
        #expect((stored?["reason"] as String?)?.contains(c.en) == true && (stored?["reason_de"] as String?)?.contains(c.de) == true,
                "\(String(describing: stored))")
        let table = try #require(try RejectedRowsSection(store: store).tables(lang: lang).first)
        let column = try #require(table.columns.firstIndex { $0.key == "reason" })
        guard case .text(let shown)? = table.rows.first?[column] else { Issue.record("no reason cell: \(table.rows)"); return }
        #expect(shown.contains(want) && !shown.contains(other), "\(shown)")
    }

    @Test("a warning in German and English: a plan under the free scheme names the analyses it cannot feed", arguments: Language.allCases)
    func warning(_ lang: Language) throws {
        let (s, _, _) = try AdversarialSupport.importText("fiscal_year,product,account,plan_amount\n2026,A-1,X,5\n", kind: .plan,
                                                          mapping: "kind: plan\nscheme: free\n")
        let (want, other) = lang == .de
            ? ("Warnung: Schema free: diese Auswertungen können die importierten Zeilen nicht nutzen: Plan/Ist nach Produktbereich",
               "these analyses cannot use")
            : ("warning: scheme free: these analyses cannot use the imported lines: plan/actual by product area", "Auswertungen")
        #expect(s.text(lang).contains(want) && !s.text(lang).contains(other), "\(s.text(lang))")
        #expect(s.warnings.count == 1 && s.warningsDE.count == 1, "the English list stays as it was; the German one beside it")
    }

    /// A store made before `v7-reject-reasons-de`: its rejected rows have only the English reason, and show it in
    /// both languages after the store is migrated.
    @Test("an old store's rejected rows keep their English reason and show it under --lang de")
    func oldStore() throws {
        let dir = try TestSupport.tempDir("old-rejects")
        let before = Schema.migrations.prefix { $0.id != "v7-reject-reasons-de" }
        #expect(before.count == Schema.migrations.count - 1, "v7 is the migration under test")
        do {
        let queue = try DatabaseQueue(path: dir.appendingPathComponent("old.sqlite").path)
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
            for (id, _) in before {
                try Schema.apply(id, db)
                try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES (?)", arguments: [id])
            }
            try db.execute(sql: """
                INSERT INTO importRun (id, kind, sourcePath, sha256, byteCount, startedAt, finishedAt, rowsRead, rowsImported,
                  rowsRejected, onError, engineVersion) VALUES (1, 'ledger', 'alt.csv', 'ab', 10, 't', 't', 2, 1, 1, 'quarantine', '0.1.0');
                INSERT INTO rejectedRow (importId, line, "column", field, value, reason, rawRecord)
                  VALUES (1, 3, 9, 'amount', 'zwölf', 'bad amount: not a number', 'amount=zwölf');
                """)
        }
        try Store.migrate(queue)
        let rows = try queue.read { try Row.fetchAll($0, sql: "SELECT reason, reason_de, line FROM v_rejects") }
        #expect(rows.count == 1 && rows[0]["reason"] as String? == "bad amount: not a number" && (rows[0]["reason_de"] as String?) == nil)
        }
        let store = try Store.open(path: dir.appendingPathComponent("old.sqlite").path)
        for lang in Language.allCases {
            let table = try #require(try RejectedRowsSection(store: store).tables(lang: lang).first)
            #expect(table.rows.count == 1 && table.rows[0].contains(.text("bad amount: not a number")), "\(lang): \(table.rows)")
        }
        // A new import into the migrated store keeps both.
        let (s, _, _) = try AdversarialSupport.importText([Self.ledger, Self.posting(amount: "zwölf")].joined(separator: "\n") + "\n",
                                                          kind: .ledger, name: "neu.csv", store: (store, dir.path))
        #expect(s.rowsRejected == 1)
        let both = try store.read { try String.fetchAll($0, sql: "SELECT reason || ' | ' || coalesce(reason_de, '-') FROM v_rejects ORDER BY import_id") }
        #expect(both == ["bad amount: not a number | -", "bad amount: not a number | ungültiger Betrag: keine Zahl"])
    }

    /// Hostile values in reasons: a municipality that looks like a formula, with control characters, or 1 MB long.
    /// The reason quotes the name in both languages; the rejects CSV neutralises it (a leading `'`), the workbook
    /// writes it as text (never a formula), and the long value is cut in the store.
    @Test("a formula-looking, control-character or 1 MB value in a reason stays neutralised in CSV and text in the workbook",
          arguments: Language.allCases)
    func hostileReasons(_ lang: Language) throws {
        let formula = "=HYPERLINK(\"http://evil.example\",\"klick\")"
        let bell = "Glock\u{07}enstadt\u{1B}[31m"
        let huge = String(repeating: "=A1+", count: 262_144)   // 1 MB
        let rows = [Self.taxRates, "\"\(formula.replacingOccurrences(of: "\"", with: "\"\""))\",,2024,300,750,500",
                    "\"\(formula.replacingOccurrences(of: "\"", with: "\"\""))\",,2024,300,750,500",
                    "\(bell),,2024,300,750,500", "\(bell),,2024,300,750,500", "\(huge),,2024,300,750,500"]
        let (s, store, dir) = try AdversarialSupport.importText(rows.joined(separator: "\n") + "\n", kind: .taxrates) { $0.language = lang }
        #expect(s.rowsRead == 5 && s.rowsImported == 2 && s.rowsRejected == 3, "\(s.text(.en))")
        let twice = lang == .de ? "2024 steht zweimal in der Datei (zuerst in Zeile 2)" : "2024 occurs twice (first in line 2)"
        let reasons = s.rejects.map { $0.reason(lang) }
        #expect(reasons.first == "\(formula) \(twice)", "\(reasons)")
        #expect(reasons.count == 3 && reasons[1].hasPrefix(bell) && reasons[2] == (lang == .de ? "länger als 10.000 Bytes" : "longer than 10000 bytes"))
        // The rejects CSV: each reason that starts like a formula has the guard's quote in front.
        let csv = ExportTestSupport.parseCSV(try String(contentsOfFile: try #require(s.rejectsFile), encoding: .utf8), separator: ",")
        let reasonColumn = try #require(csv.first?.firstIndex(of: "reason"))
        #expect(csv.count == 4 && csv[1][reasonColumn] == "'\(formula) \(twice)", "\(csv.map { $0[reasonColumn] })")
        #expect(csv.allSatisfy { $0.count == csv[0].count }, "the control characters and the long value keep the file's shape")
        // The store: both languages, the long value cut to 200 characters.
        let stored = try store.read { try Row.fetchAll($0, sql: "SELECT reason, reason_de, length(value) AS n FROM v_rejects ORDER BY line") }
        #expect(stored.count == 3 && (stored[0]["reason"] as String).hasPrefix(formula) && (stored[0]["reason_de"] as String).hasPrefix(formula))
        #expect(stored[2]["n"] as Int == 200)
        // The workbook: every reason cell is text, no cell a formula.
        let out = URL(fileURLWithPath: dir).appendingPathComponent("rejects-\(lang.rawValue).xlsx")
        let b = ReportBuilder(title: "T", lang: lang)
        try b.add(RejectedRowsSection(store: store))
        _ = try b.writeWorkbook(to: out.path)
        let sheet = try #require(try ExportTestSupport.cells(out).first { $0.name == (lang == .de ? "Abgewiesene Zeilen" : "Rejected rows") })
        #expect(sheet.cells.values.allSatisfy { $0.f == nil }, "a formula in the workbook")
        let texts = sheet.cells.values.filter { $0.t == "s" || $0.t == "inlineStr" || $0.t == "str" }.compactMap(\.v)
        #expect(texts.contains("\(formula) \(twice)"), "\(texts.sorted().prefix(20))")
    }
}

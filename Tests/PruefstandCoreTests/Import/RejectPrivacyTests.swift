import Foundation
import GRDB
import Testing
@testable import PruefstandCore

/// Nothing lost, nothing private (issue 14): a rejected row keeps the fields the mapping reads and the
/// reason, never the line's other columns. The personal values below are written into the file by the
/// test; the oracle is their absence, searched in every table of the store, the rejects CSV and the
/// workbook's rejects sheet.
@Suite("Rejected rows keep no personal data")
struct RejectPrivacyTests {
    static let secrets = ["Erika Mustermann", "erika.mustermann@hagen.de", "02331 207-1234", "12.04.1970",
                          "Maximilian", "Brien", "Jonas Beispiel", "jonas@example.org", "0171 5550000", "01.02.1985", "Vacant-Nachbar"]

    /// Line 2 good; 3 a pay grade that does not exist; 4 an FTE that is text; 5 a stray quote in the name
    /// column; 6 a status that the value map does not name; 7 a supervisor that does not exist (a late
    /// reject through the hierarchy check); 8 good, vacant by the name column.
    static let staffing = """
        Stelle;OE;Bezeichnung;Entgeltgruppe;Stellenanteil;Stelleninhaber;Führungsstelle;Vorgesetzte Stelle;E-Mail;Telefon;Geburtsdatum
        P1;10;Amtsleitung;EG 15;1;Erika Mustermann;ja;;erika.mustermann@hagen.de;02331 207-1234;12.04.1970
        P2;10;Sachbearbeitung;EG 99;1;Jonas Beispiel;nein;P1;jonas@example.org;0171 5550000;01.02.1985
        P3;10;Sachbearbeitung;EG 9b;abc;Jonas Beispiel;nein;P1;jonas@example.org;0171 5550000;01.02.1985
        P4;10;Sachbearbeitung;EG 9b;1;"Maximilian" Brien;nein;P1;jonas@example.org;0171 5550000;01.02.1985
        P5;10;Sachbearbeitung;EG 9b;1;Vacant-Nachbar;nein;P1;jonas@example.org;0171 5550000;01.02.1985
        P6;10;Sachbearbeitung;EG 9b;1;Jonas Beispiel;nein;P99;jonas@example.org;0171 5550000;01.02.1985
        P7;10;Sachbearbeitung;EG 9b;0,5;Vacant;nein;P1;;;
        """

    /// Vacancy derived from the name column: `Vacant` → vacant, a name → occupied (but not the name
    /// `Vacant-Nachbar`, which the map does not name: the row is rejected without the name).
    static let mapping = """
        kind: positions
        format: { delimiter: ";", numbers: de }
        columns: { position_id: Stelle, org_unit: OE, title: Bezeichnung, pay_grade: Entgeltgruppe, fte: Stellenanteil,
                   status: Stelleninhaber, is_leadership: Führungsstelle, supervisor_id: Vorgesetzte Stelle }
        values:
          status: { Vacant: vacant, 'Erika*': occupied, 'Jonas*': occupied, 'Maximilian*': occupied }
        """

    @Test("a staffing file's names, e-mails, phones and birth dates reach neither the store, nor the rejects CSV, nor the workbook")
    func nothingPrivate() throws {
        let (s, store, dir) = try AdversarialSupport.importText(Self.staffing, kind: .positions, mapping: Self.mapping)
        #expect(s.rowsRead == 7 && s.rowsImported == 2 && s.rowsRejected == 5, "\(s.text(.en))")
        #expect(s.rejects.map(\.line).sorted() == [3, 4, 5, 6, 7])
        // Every text of every table.
        let dump: [String] = try store.read { db in
            let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
            var all: [String] = []
            for t in tables {
                let columns = try Row.fetchAll(db, sql: "PRAGMA table_info(\"\(t)\")").map { $0["name"] as String }
                for c in columns {
                    all += try String.fetchAll(db, sql: "SELECT CAST(\"\(c)\" AS TEXT) FROM \"\(t)\" WHERE \"\(c)\" IS NOT NULL")
                }
            }
            return all
        }
        let stored = dump.joined(separator: "\n")
        #expect(stored.contains("EG 99"), "the rejected grade is kept as a mapped field")
        let csv = try String(contentsOfFile: try #require(s.rejectsFile), encoding: .utf8)
        #expect(csv.hasPrefix("file,line,column,field,value,reason,mapped_fields"))
        let out = URL(fileURLWithPath: dir).appendingPathComponent("report.xlsx")
        let b = ReportBuilder(title: "T", lang: .de)
        try b.add(RejectedRowsSection(store: store))
        _ = try b.writeWorkbook(to: out.path)
        let workbook = try ExportTestSupport.dump(out)
        #expect(workbook.contains("Gelesene Felder") && workbook.contains("EG 99"))
        for secret in Self.secrets {
            #expect(!stored.contains(secret), "store holds \(secret)")
            #expect(!csv.contains(secret), "rejects CSV holds \(secret)")
            #expect(!workbook.contains(secret), "workbook holds \(secret)")
            #expect(!s.text(.en).contains(secret), "summary holds \(secret)")
        }
        // The mapped fields of line 3, in file order; the name column as its mapped value.
        let line3 = try #require(s.rejects.first { $0.line == 3 })
        #expect(line3.rawRecord == "position_id=P2; org_unit=10; title=Sachbearbeitung; pay_grade=EG 99; fte=1; status=occupied; is_leadership=nein; supervisor_id=P1")
        let line6 = try #require(s.rejects.first { $0.line == 6 })
        #expect(line6.value == nil && line6.reason.contains("(personal data)") && line6.rawRecord.contains("status=(personal data, not kept)"))
        // Shown in the output's language (issue 16): the marker, not the value, changes.
        #expect(line6.rawRecord(.de).contains("status=(personenbezogene Daten, nicht gespeichert)") && !line6.rawRecord(.de).contains("not kept"))
        #expect(line6.rawRecord(.en) == line6.rawRecord)
        #expect(s.droppedPersonalColumns == ["E-Mail", "Telefon", "Geburtsdatum"])
    }

    @Test("a refused import says why in its first line and counts no record as stored")
    func refusedInOneLine() throws {
        let (s, store, _) = try AdversarialSupport.importText(Self.staffing, kind: .positions, mapping: Self.mapping, onError: .abort)
        #expect(s.status == "aborted")
        #expect(try AdversarialSupport.count(store, "SELECT count(*) FROM position") == 0)
        let lines = s.text(.en).split(separator: "\n").map(String.init)
        #expect(lines[0].hasPrefix("NOT imported positions from") && lines[0].hasSuffix("5 of 7 rows rejected (--on-error abort); nothing stored"), "\(lines[0])")
        for line in lines where line.contains("nothing stored") || line.contains("rolled back") {
            #expect(!line.contains("imported ") || line.hasPrefix("NOT imported"), "\(line)")
            #expect(!line.contains("records stored") && !line.contains("in store"), "\(line)")
        }
        #expect(!s.text(.en).contains("records stored") && !s.text(.en).contains("= imported"))
    }

    @Test("control totals before and after the sign rules: the file's own net figure is stated")
    func controlTotalsBothWays() throws {
        // Revenue written negative (SAP style): the file nets −1.000 + 400 = −600,00; stored +1.000 + 400 = 1.400,00.
        let text = "fiscal_year,product,account,plan_amount\n2026,01.11.01,401100,-1000\n2026,01.11.01,501100,400\n"
        let (s, _, _) = try AdversarialSupport.importText(text, kind: .plan, mapping: "kind: plan\nsign: { revenue_negative: true }\n")
        #expect(s.controlReadFileCents == -60_000 && s.controlReadCents == 140_000)
        #expect(s.text(.en).contains("as the file writes them (before the sign rules revenue_negative): read EUR -600.00, after them EUR 1,400.00"), "\(s.text(.en))")
        #expect(s.text(.de).contains("wie die Datei sie schreibt (vor den Vorzeichenregeln revenue_negative): gelesen -600,00 €, danach 1.400,00 €"), "\(s.text(.de))")
    }
}

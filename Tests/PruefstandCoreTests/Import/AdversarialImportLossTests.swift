import Foundation
import GRDB
import Testing
@testable import PruefstandCore

/// The adversarial tester's import findings (issue 19), continued from `AdversarialImportTests.swift`: rows lost
/// by a replace, total rows or dangling links, and imports that hung or wrote bad output. Helpers in `AdversarialSupport`.
@Suite("Adversarial import: replace, total rows, dangling links (issue 19)")
struct ImportDataLossTests {
    static let positions = """
        position_id,org_unit,supervisor_id,title,pay_grade,fte,status,is_leadership
        P1,FB1,,Leitung,A 15,1,occupied,ja
        P2,FB1,P1,Sachbearbeitung,EG 9b,1,occupied,nein
        P3,FB1,P1,Sachbearbeitung,EG 9b,0.5,vacant,nein
        """

    @Test("--replace --on-error quarantine with the same positions file keeps the position list")
    func replaceSameFile() throws {
        let (store, dir) = try TestSupport.tempStore()
        let (first, _, _) = try AdversarialSupport.importText(Self.positions + "\n", kind: .positions, store: (store, dir))
        #expect(first.rowsImported == 3)
        let (again, _, _) = try AdversarialSupport.importText(Self.positions + "\n", kind: .positions, store: (store, dir)) { $0.replace = true }
        #expect(again.status == "committed")
        #expect(again.rowsImported == 3 && again.rowsRejected == 0, "\(again.rejects.map(\.message))")
        #expect(try AdversarialSupport.count(store, "SELECT count(*) FROM position") == 3)
        #expect(try AdversarialSupport.count(store, "SELECT count(*) FROM importRun") == 1)
        #expect(try AdversarialSupport.count(store, "SELECT count(*) FROM position WHERE importId = \(again.importId ?? -1)") == 3)
    }

    @Test("a replacement that would import fewer rows than the import it replaces changes nothing")
    func replaceKindWithNothing() throws {
        let (store, dir) = try TestSupport.tempStore()
        _ = try AdversarialSupport.importText(Self.positions + "\n", kind: .positions, store: (store, dir))
        // Every row bad (no pay grade "X"): with --replace-kind and quarantine this used to empty the list.
        let bad = Self.positions.replacingOccurrences(of: "EG 9b", with: "X").replacingOccurrences(of: "A 15", with: "X")
        #expect {
            try AdversarialSupport.importText(bad + "\n", kind: .positions, name: "bad.csv", store: (store, dir)) { $0.replaceKind = true }
        } throws: { e in "\(e)".contains("bad.csv") && "\(e)".contains("nothing") }
        #expect(try AdversarialSupport.count(store, "SELECT count(*) FROM position") == 3)
    }

    @Test("an org unit named Gesamt-… is a data row: no row is taken for a total and nothing after it is dropped")
    func gesamtIsData() throws {
        let csv = """
            org_unit,name,parent_id,category
            VV,Verwaltungsvorstand,,leadership
            Gesamt-PR,Gesamtpersonalrat,VV,administration
            FB1,Finanzen,VV,finance
            FB2,Personal,VV,hr
            Total-IT,IT-Dienste,VV,it
            """
        let (s, store, _) = try AdversarialSupport.importText(csv + "\n", kind: .orgunits, onError: .abort)
        #expect(s.status == "committed")
        #expect(s.rowsRead == 5 && s.rowsImported == 5, "\(s.skipped) \(s.rejects.map(\.message))")
        #expect(s.skipped["total row"] == nil && s.skipped["footer after total row"] == nil)
        #expect(try AdversarialSupport.count(store, "SELECT count(*) FROM orgUnit") == 5)
    }

    @Test("a plan row labelled Summe whose amount is not the sum above is data (rejected), not the total; rows after it are read")
    func unprovenTotalRow() throws {
        // Rows above sum to 300.00; the Summe row says 999.00, so it is not proven and is read as data.
        let csv = "fiscal_year,product,account,plan_amount\n2025,01.11.01,501100,100.00\n2025,01.11.01,501200,200.00\nSumme,,,999.00\n2025,01.11.01,501300,50.00\n"
        let (s, _, _) = try AdversarialSupport.importText(csv, kind: .plan)
        #expect(s.rowsRead == 4 && s.rowsImported == 3 && s.rowsRejected == 1)
        #expect(s.fileTotalCents == nil)
        #expect(s.rejects.first?.line == 4)
        #expect(s.rejects.first?.reason.contains("total") == true, "\(s.rejects.first?.reason ?? "")")
        #expect(s.controlStoredCents == 35_000)
    }

    @Test("a proven total row is skipped and reconciles; a data row after it is still read")
    func provenTotalRow() throws {
        let csv = "fiscal_year,product,account,plan_amount\n2025,01.11.01,501100,100.00\n2025,01.11.01,501200,200.00\nTotal,,,300.00\nErstellt mit XY,,,\n"
        let (s, _, _) = try AdversarialSupport.importText(csv, kind: .plan, onError: .abort)
        #expect(s.status == "committed" && s.rowsRead == 2 && s.fileTotalCents == 30_000)
        #expect(s.skipped["total row"] == 1 && s.skipped["footer after total row"] == 1)
        // A valid data row after the total is data, and the total then no longer reconciles.
        let more = csv + "2025,01.11.01,501300,50.00\n"
        let (store, dir) = try TestSupport.tempStore()
        #expect { try AdversarialSupport.importText(more, kind: .plan, onError: .abort, store: (store, dir)) }
            throws: { "\($0)".contains("total row says 300,00 €") }
        #expect(try AdversarialSupport.count(store, "SELECT count(*) FROM budgetLine") == 0)
    }

    @Test("a total row adds up the amounts as the file writes them, before the mapping's sign rules")
    func totalRowWithSignRules() throws {
        // SAP style: revenue (account 4…) booked negative. The file's Summe is 100.00 − 50.00 = 50.00; stored
        // are 100.00 expense and 50.00 revenue, 150.00 in all.
        let csv = "fiscal_year,posting_date,document_id,product,account,amount\n2025,2025-01-02,B1,01.11.01,521100,100.00\n2025,2025-01-02,B2,01.11.01,431100,-50.00\nSumme,,,,,50.00\n"
        let (s, _, _) = try AdversarialSupport.importText(csv, kind: .ledger, mapping: "kind: ledger\nsign: { revenue_negative: true }\n", onError: .abort)
        #expect(s.status == "committed" && s.rowsRead == 2 && s.fileTotalCents == 5_000 && s.skipped["total row"] == 1)
        #expect(s.controlStoredCents == 15_000)
        #expect(s.text(.en).contains("matches the rows read"))
    }

    @Test("a mapping can name the total row's line; then it is the total whatever its label")
    func totalRowByLine() throws {
        let csv = "fiscal_year,product,account,plan_amount\n2025,01.11.01,501100,100.00\n2025,01.11.01,501200,200.00\nAlles zusammen,,,300.00\n"
        let (s, _, _) = try AdversarialSupport.importText(csv, kind: .plan, mapping: "kind: plan\ntotal_row: { line: 4 }\n", onError: .abort)
        #expect(s.status == "committed" && s.rowsRead == 2 && s.fileTotalCents == 30_000)
    }

    @Test("a rejected supervisor takes its whole subtree with it, each reject naming the rejected parent")
    func supervisorSubtree() throws {
        // P1's supervisor P9 does not exist (late reject); P2 reports to P1, P3 to P2; P4 reports to P5 whose
        // row is bad (pay grade), so P5 never reaches the store; P6 is fine.
        let csv = """
            position_id,org_unit,supervisor_id,title,pay_grade,fte,status,is_leadership
            P1,FB1,P9,Leitung,A 15,1,occupied,ja
            P2,FB1,P1,Gruppe,EG 12,1,occupied,ja
            P3,FB1,P2,Sachbearbeitung,EG 9b,1,occupied,nein
            P5,FB1,,Leitung,EG 99,1,occupied,ja
            P4,FB1,P5,Sachbearbeitung,EG 9b,1,occupied,nein
            P6,FB1,,Leitung,A 14,1,occupied,ja
            """
        let (s, store, _) = try AdversarialSupport.importText(csv + "\n", kind: .positions)
        #expect(s.rowsRead == 6 && s.rowsImported == 1 && s.rowsRejected == 5)
        let byLine = Dictionary(uniqueKeysWithValues: s.rejects.map { ($0.line, $0.reason) })
        #expect(byLine[3]?.contains("P1") == true && byLine[3]?.contains("rejected") == true, "\(byLine)")
        #expect(byLine[4]?.contains("P2") == true && byLine[4]?.contains("rejected") == true, "\(byLine)")
        #expect(byLine[6]?.contains("P5") == true && byLine[6]?.contains("rejected") == true, "\(byLine)")
        #expect(try AdversarialSupport.count(store, """
            SELECT count(*) FROM position p WHERE coalesce(p.supervisorId, '') <> ''
              AND NOT EXISTS (SELECT 1 FROM position q WHERE q.positionId = p.supervisorId)
            """) == 0)
    }

    @Test("a rejected parent org unit takes its children with it, to a fixed point")
    func orgUnitSubtree() throws {
        let csv = """
            org_unit,name,parent_id,category
            A,Amt A,X,line
            B,Amt B,A,line
            C,Amt C,B,line
            D,Amt D,,unbekannt
            E,Amt E,D,line
            F,Amt F,,line
            """
        let (s, store, _) = try AdversarialSupport.importText(csv + "\n", kind: .orgunits)
        #expect(s.rowsImported == 1 && s.rowsRejected == 5, "\(s.rejects.map(\.message))")
        #expect(s.rejects.first { $0.line == 4 }?.reason.contains("B") == true)
        #expect(s.rejects.first { $0.line == 6 }?.reason.contains("D") == true)
        #expect(try AdversarialSupport.count(store, """
            SELECT count(*) FROM orgUnit o WHERE o.parentId IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM orgUnit p WHERE p.orgUnitId = o.parentId)
            """) == 0)
    }
}

@Suite("Adversarial import: hangs, formulas, disk full (issue 19)", .timeLimit(.minutes(2)))
struct ImportHangAndOutputTests {
    @Test("a named pipe as input is refused at once with a clear error (it used to block forever)",
          arguments: ["pipe.csv", "pipe.xlsx"])
    func namedPipe(_ name: String) throws {
        let (store, dir) = try TestSupport.tempStore()
        let fifo = "\(dir)/\(name)"
        #expect(mkfifo(fifo, 0o600) == 0)
        final class Box: @unchecked Sendable { var message = "" }
        let box = Box()
        let finished = AdversarialSupport.finishes(within: 10) {
            var options = ImportOptions(); options.rejectsDirectory = dir
            do { _ = try Importer(store: store).run(kind: .ledger, path: fifo, mapping: nil, options: options) }
            catch { box.message = "\(error)" }
        }
        if !finished {
            // Unblock the reader so the test process can end.
            let fd = open(fifo, O_WRONLY | O_NONBLOCK); if fd >= 0 { close(fd) }
            Issue.record("the import of a named pipe did not return within 10 s")
            return
        }
        #expect(box.message.contains(fifo) && box.message.contains("named pipe"), "\(box.message)")
    }

    @Test("a directory and a character device are refused with a clear error", arguments: ["dir", "/dev/zero", "dev.xlsx"])
    func notARegularFile(_ which: String) throws {
        let (store, dir) = try TestSupport.tempStore()
        var path = which
        if which == "dir" { path = "\(dir)/sub.csv"; try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) }
        if which == "dev.xlsx" { path = "\(dir)/dev.xlsx"; #expect(symlink("/dev/zero", path) == 0) }
        let p = path
        final class Box: @unchecked Sendable { var message = "" }
        let box = Box()
        let finished = AdversarialSupport.finishes(within: 10) {
            var options = ImportOptions(); options.rejectsDirectory = dir
            do { _ = try Importer(store: store).run(kind: .ledger, path: p, mapping: nil, options: options) }
            catch { box.message = "\(error)" }
        }
        #expect(finished)
        #expect(box.message.contains(p) && (box.message.contains("directory") || box.message.contains("device")), "\(box.message)")
    }

    @Test("a mapping file that is a named pipe is refused at once")
    func mappingPipe() throws {
        let (_, dir) = try TestSupport.tempStore()
        let fifo = "\(dir)/mapping.yaml"
        #expect(mkfifo(fifo, 0o600) == 0)
        final class Box: @unchecked Sendable { var message = "" }
        let box = Box()
        let finished = AdversarialSupport.finishes(within: 10) {
            do { _ = try Mapping.load(path: fifo) } catch { box.message = "\(error)" }
        }
        if !finished { let fd = open(fifo, O_WRONLY | O_NONBLOCK); if fd >= 0 { close(fd) } }
        #expect(finished)
        #expect(box.message.contains("named pipe"), "\(box.message)")
    }

    @Test("a filter regex that exhausts the regex engine is a row error, never a silently dropped row")
    func regexEngineLimit() throws {
        // `(?:a|b)*c` matches the long value below, but every repetition of the group is one backtracking
        // frame: the engine's stack gives out and it reports no match.
        let long = String(repeating: "ab", count: 2_000_000) + "c"
        let csv = "fiscal_year,posting_date,document_id,product,account,amount,Code\n2025,2025-01-02,B1,01.11.01,521100,1.00,\(long)\n2025,2025-01-02,B2,01.11.01,521100,2.00,abc\n"
        let mapping = "kind: ledger\nfilters:\n  - { column: Code, matches: '^(?:a|b)*c$' }\n"
        let (s, _, _) = try AdversarialSupport.importText(csv, kind: .ledger, mapping: mapping)
        #expect(s.skipped["filtered by mapping"] == nil, "a row was dropped by a filter that could not be evaluated")
        #expect(s.rowsRead == 2 && s.rowsImported == 1 && s.rowsRejected == 1)
        #expect(s.rejects.first?.reason.contains("regular expression") == true, "\(s.rejects.first?.reason ?? "")")
    }

    @Test("the rejects CSV neutralises formulas behind combining marks, spaces and invisible characters")
    func rejectsFormulaGuard() throws {
        // Bad amounts, so each value is the `value` cell of a reject; the last row's raw record starts with one.
        let values = ["=\u{301}HYPERLINK(1)", "\u{FEFF}=cmd", "\u{200B}@SUM(A1)", "\u{A0}+1+1", "\u{FF1D}1+1", "=1", "\u{2060}-2"]
        let rows = values.enumerated().map { i, v in "2025,2025-01-02,B\(i),01.11.01,K1,521100,t,V,\(v)" }
            + ["=\u{301}1,2025-01-02,B9,01.11.01,K1,521100,t,V,1.00"]
        let csv = ([AdversarialSupport.ledgerHeader] + rows).joined(separator: "\n") + "\n"
        let (s, _, _) = try AdversarialSupport.importText(csv, kind: .ledger)
        #expect(s.rowsRejected == values.count + 1)
        let text = try String(contentsOfFile: try #require(s.rejectsFile), encoding: .utf8)
        let fields = ExportTestSupport.parseCSV(text, separator: ",").dropFirst().flatMap { $0 }
        for v in values + ["=\u{301}1"] {
            #expect(!fields.contains { $0.hasPrefix(v) }, "\(v.unicodeScalars.map { String($0.value, radix: 16) }) reached the CSV unguarded")
            #expect(fields.contains { $0.hasPrefix("'" + v) }, "\(v.unicodeScalars.map { String($0.value, radix: 16) }) is not in the CSV with a guard")
        }
        #expect(SpreadsheetFormula.needsGuard("=\u{301}x") && SpreadsheetFormula.needsGuard(" =x") && SpreadsheetFormula.needsGuard("\u{FEFF}=x"))
        #expect(SpreadsheetFormula.needsGuard("\u{200B}\u{2060}-x") && SpreadsheetFormula.needsGuard("\t") && SpreadsheetFormula.needsGuard("\r1"))
        #expect(!SpreadsheetFormula.needsGuard("Miete =") && !SpreadsheetFormula.needsGuard("") && !SpreadsheetFormula.needsGuard("   "))
        #expect(CSVWriter.needsNeutralizing(" =1+1") && CSVWriter.needsNeutralizing("\u{FEFF}=1"))
    }

    @Test("a full disk during an import names the input, the store and what to do, and leaves the store unchanged")
    func diskFull() throws {
        let (store, dir) = try TestSupport.tempStore()
        let lines = [AdversarialSupport.ledgerHeader] + (1...20_000).map { AdversarialSupport.ledgerRow($0, amount: "\($0).25") }
        // The store may grow by only a few pages: SQLite then reports SQLITE_FULL, exactly as on a full disk.
        let pages = try store.read { try Int.fetchOne($0, sql: "PRAGMA page_count") } ?? 0
        try store.writer.writeWithoutTransaction { try $0.execute(sql: "PRAGMA max_page_count = \(pages + 20)") }
        #expect {
            try AdversarialSupport.importText(lines.joined(separator: "\n") + "\n", kind: .ledger, name: "big.csv", store: (store, dir))
        } throws: { e in
            let m = "\(e)"
            return m.contains("big.csv") && m.contains(store.path) && m.contains("full") && m.lowercased().contains("free space")
                && !m.hasPrefix("SQLite error") && m.contains("Nothing was imported")
        }
        try store.writer.writeWithoutTransaction { try $0.execute(sql: "PRAGMA max_page_count = 1073741823") }
        #expect(try AdversarialSupport.count(store, "SELECT count(*) FROM importRun") == 0)
        #expect(try AdversarialSupport.count(store, "SELECT count(*) FROM posting") == 0)
    }
}

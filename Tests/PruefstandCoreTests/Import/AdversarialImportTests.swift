import Foundation
import GRDB
import Testing
@testable import PruefstandCore

/// The import-side findings of the adversarial tester (issue 19), one test each: inputs that crashed the
/// import, hung it, lost rows or gave wrong numbers. Expected figures are worked out by hand in the comments.
enum AdversarialSupport {
    /// Writes `text` as a file in a fresh store's folder and imports it; the mapping is YAML text.
    static func importText(_ text: String, kind: ImportKind, mapping yaml: String? = nil, onError: OnError = .quarantine,
                           name: String = "input.csv", store given: (Store, String)? = nil,
                           configure: (inout ImportOptions) -> Void = { _ in }) throws -> (ImportSummary, Store, String) {
        let (store, dir) = try given ?? TestSupport.tempStore()
        let path = "\(dir)/\(name)"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let mapping = try yaml.map { try Mapping.parse(try StrictYAML.parse($0, file: "\(dir)/mapping.yaml")) }
        var options = ImportOptions()
        options.onError = onError
        options.rejectsDirectory = dir
        configure(&options)
        let s = try Importer(store: store).run(kind: kind, path: path, mapping: mapping, options: options)
        return (s, store, dir)
    }

    static func count(_ store: Store, _ sql: String) throws -> Int { try store.read { try Int.fetchOne($0, sql: sql) } ?? -1 }

    static let ledgerHeader = "fiscal_year,posting_date,document_id,product,cost_center,account,description,vendor,amount"
    static func ledgerRow(_ i: Int, amount: String) -> String { "2025,2025-01-02,B\(i),01.11.01,K1,521100,Text \(i),V,\(amount)" }

    /// Runs `body` on a thread and waits at most `seconds`; false if it did not finish (a hang).
    static func finishes(within seconds: Double, _ body: @escaping @Sendable () -> Void) -> Bool {
        let done = DispatchSemaphore(value: 0)
        Thread { body(); done.signal() }.start()
        return done.wait(timeout: .now() + seconds) == .success
    }
}

@Suite("Adversarial import: arithmetic and ranges (issue 19)")
struct ImportArithmeticTests {
    @Test("a thousand-euro unit on a large amount rejects the row (no overflow trap)")
    func thousandEuroUnit() throws {
        // 100,000,000,000,000 TEUR = 10^17 € = 10^19 cents: beyond Int64 (9.2 · 10^18) and far beyond the limit.
        let csv = [AdversarialSupport.ledgerHeader, AdversarialSupport.ledgerRow(1, amount: "100000000000000"),
                   AdversarialSupport.ledgerRow(2, amount: "1.5")].joined(separator: "\n") + "\n"
        let (s, _, _) = try AdversarialSupport.importText(csv, kind: .ledger, mapping: "kind: ledger\nunit: teur\n")
        #expect(s.rowsRead == 2 && s.rowsImported == 1 && s.rowsRejected == 1)
        #expect(s.rejects.first?.line == 2)
        #expect(s.rejects.first?.reason.contains("too large") == true, "\(s.rejects.first?.reason ?? "none")")
        #expect(s.controlStoredCents == 150_000)   // 1.5 TEUR = 1,500.00 €
    }

    @Test("amounts each within the limit whose sum passes the 64-bit range stop the import with a file error",
          arguments: [ImportKind.ledger, .plan, .paycosts])
    func totalsBeyondInt64(_ kind: ImportKind) throws {
        // 120 rows of 800 trillion euros (8 · 10^16 cents each, under the single-value limit of 9 · 10^16):
        // together 9.6 · 10^18 cents, more than Int64.max (9.22 · 10^18).
        let amount = "800000000000000.00"
        var lines: [String]
        switch kind {
        case .ledger: lines = [AdversarialSupport.ledgerHeader] + (1...120).map { AdversarialSupport.ledgerRow($0, amount: amount) }
        case .plan: lines = ["fiscal_year,product,account,plan_amount"] + (1...120).map { "2025,01.11.01,\(500000 + $0),\(amount)" }
        default:
            let grades = (1...15).map { "EG \($0)" } + (2...16).map { "A \($0)" }
            lines = ["fiscal_year,pay_grade,annual_salary,employer_on_costs,source"]
                + (0..<120).map { "\(2000 + $0 / 30),\(grades[$0 % 30]),\(amount),1.00,TVöD" }
        }
        let (store, dir) = try TestSupport.tempStore()
        #expect {
            try AdversarialSupport.importText(lines.joined(separator: "\n") + "\n", kind: kind, store: (store, dir))
        } throws: { e in
            let m = "\(e)"
            return m.contains("input.csv") && m.contains("900") && m.contains("total")
        }
        #expect(try AdversarialSupport.count(store, "SELECT count(*) FROM importRun") == 0)
    }

    @Test("rejected rows whose readable amounts sum past the limit also stop with a file error, not a trap")
    func rejectedAmountsBeyondInt64() throws {
        // The year is bad, the amount readable: the control total of amounts read would overflow.
        let lines = [AdversarialSupport.ledgerHeader]
            + (1...120).map { "20x5,2025-01-02,B\($0),01.11.01,K1,521100,t,V,800000000000000.00" }
        #expect { try AdversarialSupport.importText(lines.joined(separator: "\n") + "\n", kind: .ledger) }
            throws: { "\($0)".contains("total") }
    }

    @Test("a wide plan whose year column says 20266 is refused before anything is stored")
    func unpivotYearOutOfRange() throws {
        let csv = "Produkt;Sachkonto;Plan 2025;Plan 20266\n01.11.01;501100;1000,00;1100,00\n"
        let mapping = """
            kind: plan
            format: { delimiter: ";", numbers: de }
            columns: { product: Produkt, account: Sachkonto }
            unpivot: { pattern: '^(Ist|Plan)\\s+(\\d+)$', kinds: { Plan: plan } }
            """
        let (store, dir) = try TestSupport.tempStore()
        #expect { try AdversarialSupport.importText(csv, kind: .plan, mapping: mapping, store: (store, dir)) }
            throws: { e in "\(e)".contains("20266") && "\(e)".contains("Plan 20266") }
        #expect(try AdversarialSupport.count(store, "SELECT count(*) FROM budgetLine") == 0)
    }

    @Test("a fixed fiscal year of 20266 in a mapping is a mapping error naming the key")
    func fixedYearOutOfRange() throws {
        let csv = "posting_date,document_id,product,account,amount\n2025-01-02,B1,01.11.01,521100,1.00\n"
        #expect {
            try AdversarialSupport.importText(csv, kind: .ledger, mapping: "kind: ledger\nfixed: { fiscal_year: 20266 }\n")
        } throws: { e in "\(e)".contains("fixed.fiscal_year") && "\(e)".contains("20266") }
    }

    @Test("dates far out (2199, 2250) are rejected where they enter, with the accepted range")
    func farDates() throws {
        let csv = """
            position_id,expected_date,reason,refill_requested
            P1,31.12.2199,Ruhestand,ja
            P1,2250-01-01,Ruhestand,ja
            P1,31.12.2099,Ruhestand,ja
            """
        let (store, dir) = try TestSupport.tempStore()
        _ = try AdversarialSupport.importText("""
            position_id,org_unit,title,pay_grade,fte,status,is_leadership
            P1,FB1,Leitung,EG 9b,1,occupied,nein
            """, kind: .positions, name: "pos.csv", store: (store, dir))
        let (s, _, _) = try AdversarialSupport.importText(csv + "\n", kind: .vacancies, store: (store, dir))
        #expect(s.rowsImported == 1 && s.rowsRejected == 2)
        #expect(s.rejects.allSatisfy { $0.reason.contains("1900") && $0.reason.contains("2100") }, "\(s.rejects.map(\.reason))")
        #expect(try store.read { try String.fetchOne($0, sql: "SELECT expectedDate FROM vacancy") } == "2099-12-31")
    }

    @Test("calendar arithmetic past 2200 does not trap")
    func calendarArithmeticBeyondRange() {
        let d = CivilDate(year: 2199, month: 11, day: 30)!
        let later = d.adding(months: 26)
        #expect(later.year == 2202 && later.month == 1 && later.day == 30)
        #expect(d.months(until: later) == 26)
    }
}

@Suite("Adversarial import: lax parsing (issue 19)")
struct ImportLaxParsingTests {
    @Test("thousands separators must group by three, whatever the separator",
          arguments: ["1 23 456,00", "1'23'456,00", "12 34,00", "1 234.567,00", "1.234 567,00", "1\u{A0}23\u{A0}456,00"])
    func badGrouping(_ text: String) {
        guard case .failure = ValueParsers.cents(text, style: .german) else {
            Issue.record("\(text.debugDescription) was read as \(ValueParsers.cents(text, style: .german))"); return
        }
    }

    @Test("a no-break space (U+00A0, U+202F) groups thousands as the docs say",
          arguments: [("1\u{A0}234,56", Int64(123_456)), ("1\u{202F}234\u{202F}567,89", 123_456_789),
                      ("-1\u{A0}000\u{A0}000,00\u{A0}€", -100_000_000), ("12\u{A0}345", 1_234_500)])
    func noBreakSpaceGroups(_ text: String, _ cents: Int64) {
        #expect(ValueParsers.cents(text, style: .german) == .success(cents))
    }

    @Test("accounting parentheses mean negative; a sign inside them is an error")
    func parentheses() {
        #expect(ValueParsers.cents("(5,00)", style: .german) == .success(-500))
        #expect(ValueParsers.cents("(5,00 €)", style: .german) == .success(-500))
        for bad in ["(-5,00)", "(+5,00)", "(5,00-)", "-(5,00)", "(5,00", "5,00)", "((5,00))"] {
            guard case .failure = ValueParsers.cents(bad, style: .german) else {
                Issue.record("\(bad) was read as \(ValueParsers.cents(bad, style: .german))"); continue
            }
        }
    }

    @Test("a date followed by anything but a time is not a date",
          arguments: ["2025-01-3 1", "31.01.2025 x", "2025-01-31 1", "2025-01-31 25:00", "31.01.2025 10:61", "2025-01-31T", "2025-01-31  10:00"])
    func dateTail(_ text: String) {
        guard case .failure = ValueParsers.date(text, style: .auto) else {
            Issue.record("\(text.debugDescription) was read as \(ValueParsers.date(text, style: .auto))"); return
        }
    }

    @Test("a time after the date is still ignored", arguments: ["2025-01-31 00:00:00", "2025-01-31T10:15", "31.01.2025 23:59", "2025-01-31 10:15:30.250"])
    func dateWithTime(_ text: String) {
        #expect(ValueParsers.date(text, style: .auto) == .success(CivilDate(year: 2025, month: 1, day: 31)!))
    }

    @Test("unit cents takes whole numbers of cents only: 199.99 and -0.99 are row errors, not 199 and 0")
    func unitCents() throws {
        let csv = [AdversarialSupport.ledgerHeader, AdversarialSupport.ledgerRow(1, amount: "199.99"),
                   AdversarialSupport.ledgerRow(2, amount: "-0.99"), AdversarialSupport.ledgerRow(3, amount: "19999"),
                   AdversarialSupport.ledgerRow(4, amount: "-5.00")].joined(separator: "\n") + "\n"
        let (s, _, _) = try AdversarialSupport.importText(csv, kind: .ledger, mapping: "kind: ledger\nunit: cents\n")
        #expect(s.rowsImported == 2 && s.rowsRejected == 2)
        #expect(s.rejects.map(\.line) == [2, 3])
        #expect(s.rejects.allSatisfy { $0.reason.contains("whole number of cents") }, "\(s.rejects.map(\.reason))")
        #expect(s.controlStoredCents == 19_994)   // 19999 cents + (−5 cents)
    }

    @Test("an import reads a no-break-space grouped amount and rejects a badly grouped one")
    func importGrouping() throws {
        let csv = "Jahr;Datum;Beleg;Produkt;Konto;Betrag\n2025;02.01.2025;B1;01.11.01;521100;1\u{A0}234,56\n2025;02.01.2025;B2;01.11.01;521100;1 23 456,00\n"
        let (s, _, _) = try AdversarialSupport.importText(csv, kind: .ledger)
        #expect(s.rowsImported == 1 && s.rowsRejected == 1)
        #expect(s.rejects.first?.line == 3)
        #expect(s.controlStoredCents == 123_456)
    }
}

import Foundation
import GRDB
import Testing
@testable import PruefstandCore

/// The fiscal calendar of a ledger mapping (issue 14): the fiscal year from the posting date with a
/// declared first month, and the window of accepted posting dates as a mapping setting. Expected years and
/// windows worked out by hand from the calendar.
@Suite("Fiscal year from the posting date, and the posting window")
struct FiscalCalendarTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String, mapping: String, date: String, year: Int?, accepted: Bool
        var testDescription: String { name }
    }

    static let ledgerHeader = "fiscal_year,posting_date,document_id,product,cost_center,account,description,vendor,amount"
    static let noYearHeader = "posting_date,document_id,product,cost_center,account,description,vendor,amount"

    static let cases: [Case] = [
        // Default: 12 months either side of the calendar fiscal year (the rule before the setting).
        Case(name: "default: 1 January of the year before is accepted", mapping: "", date: "2024-01-01", year: 2025, accepted: true),
        Case(name: "default: 31 December two years before is not", mapping: "", date: "2023-12-31", year: 2025, accepted: false),
        Case(name: "default: 31 December of the year after is accepted", mapping: "", date: "2026-12-31", year: 2025, accepted: true),
        Case(name: "default: 1 January two years after is not", mapping: "", date: "2027-01-01", year: 2025, accepted: false),
        // A window of 0 months before and 3 after (a closing period to 31 March).
        Case(name: "window 0/3: the fiscal year's first day", mapping: "fiscal_year: { window: { months_before: 0, months_after: 3 } }", date: "2025-01-01", year: 2025, accepted: true),
        Case(name: "window 0/3: the day before it is refused", mapping: "fiscal_year: { window: { months_before: 0, months_after: 3 } }", date: "2024-12-31", year: 2025, accepted: false),
        Case(name: "window 0/3: 31 March after the year is accepted", mapping: "fiscal_year: { window: { months_before: 0, months_after: 3 } }", date: "2026-03-31", year: 2025, accepted: true),
        Case(name: "window 0/3: 1 April after the year is refused", mapping: "fiscal_year: { window: { months_before: 0, months_after: 3 } }", date: "2026-04-01", year: 2025, accepted: false),
        // A year from July: fiscal year 2025 is 1 July 2025 – 30 June 2026; with 3 months after, to 30 September 2026.
        Case(name: "July year 2025 with 0/3: 30 September 2026 is accepted", mapping: "fiscal_year: { first_month: 7, window: { months_before: 0, months_after: 3 } }", date: "2026-09-30", year: 2025, accepted: true),
        Case(name: "July year 2025 with 0/3: 1 October 2026 is refused", mapping: "fiscal_year: { first_month: 7, window: { months_before: 0, months_after: 3 } }", date: "2026-10-01", year: 2025, accepted: false),
        Case(name: "July year 2025 with 0/3: 30 June 2025 is refused", mapping: "fiscal_year: { first_month: 7, window: { months_before: 0, months_after: 3 } }", date: "2025-06-30", year: 2025, accepted: false),
        // From the posting date: named by the year it starts in (default) or ends in.
        Case(name: "from the date, July year: 30 June 2025 is fiscal year 2024", mapping: "fiscal_year: { from_posting_date: true, first_month: 7 }", date: "2025-06-30", year: 2024, accepted: true),
        Case(name: "from the date, July year: 1 July 2025 is fiscal year 2025", mapping: "fiscal_year: { from_posting_date: true, first_month: 7 }", date: "2025-07-01", year: 2025, accepted: true),
        Case(name: "from the date, July year named by its end: 1 July 2025 is 2026", mapping: "fiscal_year: { from_posting_date: true, first_month: 7, named_by: end }", date: "2025-07-01", year: 2026, accepted: true),
        Case(name: "from the date, July year named by its end: 30 June 2025 is 2025", mapping: "fiscal_year: { from_posting_date: true, first_month: 7, named_by: end }", date: "2025-06-30", year: 2025, accepted: true),
        Case(name: "from the date, calendar year: 31 December 2025 is 2025", mapping: "fiscal_year: { from_posting_date: true }", date: "2025-12-31", year: 2025, accepted: true),
        Case(name: "from the date: a posting of 1985 has a fiscal year before 1990 and is refused", mapping: "fiscal_year: { from_posting_date: true }", date: "1985-05-05", year: nil, accepted: false),
    ]

    @Test("a posting's fiscal year and window", arguments: cases)
    func calendar(_ c: Case) throws {
        let fromDate = c.mapping.contains("from_posting_date")
        let row = fromDate ? "\(c.date),B1,01.11.01,K1,521100,T,V,1,00" : "\(c.year!),\(c.date),B1,01.11.01,K1,521100,T,V,1,00"
        let text = (fromDate ? Self.noYearHeader : Self.ledgerHeader).replacingOccurrences(of: ",", with: ";") + "\n"
            + row.replacingOccurrences(of: ",", with: ";").replacingOccurrences(of: ";1;00", with: ";1,00") + "\n"
        let (s, store, _) = try AdversarialSupport.importText(text, kind: .ledger, mapping: "kind: ledger\nformat: { delimiter: ';', numbers: de }\n" + c.mapping + "\n")
        #expect(s.rowsRead == 1)
        #expect(s.rowsImported == (c.accepted ? 1 : 0), "\(s.rejects.first?.message ?? "")")
        if c.accepted, let year = c.year {
            #expect(try AdversarialSupport.count(store, "SELECT fiscalYear FROM posting") == year)
        }
        if !c.accepted {
            let reason = try #require(s.rejects.first?.reason)
            #expect(reason.contains(fromDate ? "outside 1990–2100" : "outside the window of fiscal year \(c.year!)"), "\(reason)")
        }
    }

    @Test("the window's message names its days and the setting")
    func windowMessage() throws {
        let text = Self.ledgerHeader + "\n2025,2026-04-01,B1,01.11.01,K1,521100,T,V,1.00\n"
        let (s, _, _) = try AdversarialSupport.importText(text, kind: .ledger, mapping: "kind: ledger\nfiscal_year: { window: { months_before: 0, months_after: 3 } }\n")
        #expect(s.rejects.first?.reason == "posting date lies outside the window of fiscal year 2025 (2025-01-01 to 2026-03-31: 0 months before and 3 after it; the mapping's fiscal_year.window sets them)")
    }

    /// Rows of two fiscal years taking turns: each posting date is checked against its own row's year (the
    /// importer keeps the window of the last year seen). Default windows, by hand: 2025 takes 2024-01-01 to
    /// 2026-12-31, 2023 takes 2022-01-01 to 2024-12-31; lines 4 and 5 lie in the other year's window only.
    @Test("rows of two fiscal years taking turns: each date against its own year's window")
    func windowPerRowYear() throws {
        let text = Self.ledgerHeader + "\n" + [("2025", "2026-06-30"), ("2023", "2022-06-30"), ("2025", "2022-06-30"),
                                               ("2023", "2026-06-30"), ("2025", "2024-01-01")].enumerated()
            .map { "\($1.0),\($1.1),B\($0),01.11.01,K1,521100,T,V,1.00" }.joined(separator: "\n") + "\n"
        let (s, store, _) = try AdversarialSupport.importText(text, kind: .ledger, mapping: "kind: ledger\n")
        #expect(s.rowsRead == 5 && s.rowsImported == 3)
        #expect(s.rejects.map(\.line) == [4, 5])
        #expect(s.rejects.map { $0.reason.contains("window of fiscal year \($0.line == 4 ? 2025 : 2023)") } == [true, true], "\(s.rejects.map(\.reason))")
        let lines = try store.read { try Int.fetchAll($0, sql: "SELECT sourceLine FROM posting ORDER BY sourceLine") }
        #expect(lines == [2, 3, 6])
    }

    @Test("hostile and wrong fiscal calendars are mapping errors", arguments: [
        ("kind: ledger\nfiscal_year: { first_month: 13 }\n", "first_month must be a month"),
        ("kind: ledger\nfiscal_year: { first_month: 0 }\n", "first_month must be a month"),
        ("kind: ledger\nfiscal_year: { first_month: 99999999999999999999 }\n", "fiscal_year"),
        ("kind: ledger\nfiscal_year: { window: { months_after: 121 } }\n", "months_after must be 0–120"),
        ("kind: ledger\nfiscal_year: { window: { months_before: -1 } }\n", "months_before must be 0–120"),
        ("kind: ledger\nfiscal_year: { named_by: middle }\n", "named_by must be start"),
        ("kind: ledger\nfiscal_year: { from_posting_date: vielleicht }\n", "fiscal_year"),
        ("kind: ledger\nfiscal_year: { window: 3 }\n", "window"),
        ("kind: ledger\nfiscal_year: { last_month: 6 }\n", "last_month"),
        ("kind: ledger\ncolumns: { fiscal_year: Jahr }\nfiscal_year: { from_posting_date: true }\n", "cannot also be a column"),
        ("kind: ledger\nfixed: { fiscal_year: 2025 }\nfiscal_year: { from_posting_date: true }\n", "cannot also be a column"),
        ("kind: plan\nfiscal_year: { first_month: 7 }\n", "applies to the ledger kind"),
    ])
    func mappingErrors(_ yaml: String, _ message: String) {
        #expect { _ = try Mapping.parse(try StrictYAML.parse(yaml, file: "m.yaml")) } throws: { "\($0)".contains(message) }
    }

    @Test("with the year from the posting date a file without a fiscal-year column imports, and a Jahr column is not taken for it")
    func noYearColumn() throws {
        let text = "Jahr;" + Self.noYearHeader.replacingOccurrences(of: ",", with: ";") + "\n1999;2025-06-30;B1;01.11.01;K1;521100;T;V;2,00\n1999;2025-07-01;B2;01.11.01;K1;521100;T;V;3,00\n"
        let (s, store, _) = try AdversarialSupport.importText(text, kind: .ledger, mapping: "kind: ledger\nformat: { delimiter: ';', numbers: de }\nfiscal_year: { from_posting_date: true, first_month: 7 }\n")
        #expect(s.rowsImported == 2 && s.ignoredColumns == ["Jahr"])
        let years = try store.read { try Int.fetchAll($0, sql: "SELECT fiscalYear FROM posting ORDER BY sourceLine") }
        #expect(years == [2024, 2025])
    }
}

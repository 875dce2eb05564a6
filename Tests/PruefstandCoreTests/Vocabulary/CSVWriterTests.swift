import Foundation
import Testing
@testable import PruefstandCore

@Suite("Export: CSV writer")
struct CSVWriterTests {
    typealias S = ExportTestSupport

    static let table = ReportTable(key: "t", de: "T", en: "T", columns: [
        .init("name", de: "Name", en: "Name", kind: .text),
        .init("amount", de: "Betrag", en: "Amount", kind: .money),
        .init("share", de: "Anteil", en: "Share", kind: .percent),
        .init("day", de: "Tag", en: "Day", kind: .date),
        .init("n", de: "Anzahl", en: "Count", kind: .integer),
    ], rows: [
        [.text("Müller, \"Hans\""), .money(Money(cents: 123_456)), .percent(Decimal(string: "0.125")!), .date(CivilDate(year: 2025, month: 3, day: 1)!), .integer(-7)],
        [.text(S.hyperlink), .formula("B1*2", cached: .money(Money(cents: -5))), .empty, .empty, .integer(0)],
        [.text(S.atSum), .money(.zero), .percent(1), .date(CivilDate(year: 2024, month: 12, day: 31)!), .text("-1")],
        [.text("\tTab"), .money(Money(cents: 100)), .percent(0), .empty, .integer(1_000_000)],
    ])

    @Test("rfc4180: comma, decimal point, ISO dates, CRLF, quotes only where needed, injection neutralised")
    func rfc4180() {
        let text = String(decoding: CSVWriter.render(Self.table, dialect: .rfc4180), as: UTF8.self)
        #expect(text == [
            #"name,amount,share,day,n"#,
            #""Müller, ""Hans""",1234.56,0.125,2025-03-01,-7"#,
            #""'=HYPERLINK(""http://x"",""y"")",-0.05,,,0"#,
            #"'@SUM(1),0.00,1,2024-12-31,'-1"#,
            "'\tTab,1.00,0,,1000000",
        ].map { $0 + "\r\n" }.joined())
        let lf = String(decoding: CSVWriter.render(Self.table, dialect: .rfc4180, lineEnding: .lf), as: UTF8.self)
        #expect(!lf.contains("\r\n") && lf.hasPrefix("name,amount,share,day,n\n"))
    }

    @Test("excel-de: BOM, semicolon, decimal comma, German dates, CRLF")
    func excelDE() {
        let bytes = CSVWriter.render(Self.table, dialect: .excelDE)
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        #expect(text == [
            #"name;amount;share;day;n"#,
            #""Müller, ""Hans""";1234,56;0,125;01.03.2025;-7"#,
            #""'=HYPERLINK(""http://x"",""y"")";-0,05;;;0"#,
            #"'@SUM(1);0,00;1;31.12.2024;'-1"#,
            "'\tTab;1,00;0;;1000000",
        ].map { $0 + "\r\n" }.joined())
    }

    @Test("Neutralising prefixes = + - @ tab and CR, also behind spaces and invisible characters (issue 19, SpreadsheetFormula)", arguments: [
        ("=1+1", "'=1+1"), ("+49", "'+49"), ("-5", "'-5"), ("@SUM(1)", "'@SUM(1)"), ("\tx", "'\tx"), ("\rx", "'\rx"),
        ("Summe", "Summe"), ("", ""), (" =1", "' =1"), ("'=1", "'=1"), ("=\u{301}1", "'=\u{301}1"), ("\u{FEFF}=1", "'\u{FEFF}=1"),
    ])
    func neutralise(input: String, expected: String) {
        #expect(CSVWriter.neutralized(input) == expected)
    }

    @Test("excel-de: text a spreadsheet would read as a number or date is quoted with a leading tab; other text, rfc4180 and ISO dates are left alone (issue 16)", arguments: [
        ("05.02.01", "\"\t05.02.01\"", "05.02.01"), ("401300", "\"\t401300\"", "401300"), ("0815", "\"\t0815\"", "0815"),
        ("16.01.01 / 401300", "\"\t16.01.01 / 401300\"", "16.01.01 / 401300"), ("12:30", "\"\t12:30\"", "12:30"),
        ("1,5", "\"\t1,5\"", "\"1,5\""), ("2025-03-01", "2025-03-01", "2025-03-01"), ("Amt 10", "Amt 10", "Amt 10"),
        ("-5", "'-5", "'-5"), ("A-12.01", "A-12.01", "A-12.01"), ("", "", ""),
    ])
    func codesKeptAsText(text: String, excelDE: String, rfc4180: String) {
        let t = ReportTable(key: "t", de: "T", en: "T", columns: [.init("code", de: "Code", en: "Code", kind: .text)], rows: [[.text(text)]])
        let de = String(decoding: CSVWriter.render(t, dialect: .excelDE).dropFirst(3), as: UTF8.self)
        #expect(de == "code\r\n" + excelDE + "\r\n")
        #expect(CSVWriter.cli(t) == "code\n" + rfc4180 + "\n")
    }

    @Test("The report's CSV directory holds one file per table, named by key")
    func reportCSV() throws {
        let dir = try S.tempDir("csvdir")
        let files = try S.sampleBuilder(store: try S.store()).writeCSV(to: dir.path, dialect: .rfc4180)
        #expect(files.map { ($0 as NSString).lastPathComponent } == [
            "overview_key_figures.csv", "overview_consolidation_path.csv", "overview_relief_scenarios.csv",
            "overview_top_variances.csv", "plan_actual.csv", "review.csv", "assumptions.csv", "projection.csv",
            "audit_trail.csv", "rejected_rows.csv"])
        let plan = try String(contentsOfFile: dir.appendingPathComponent("plan_actual.csv").path, encoding: .utf8)
        #expect(plan.hasPrefix("product,vendor,plan,actual,variance,variance_share,posted_on,postings,over\r\n"
            + "01.11.01 Verwaltungssteuerung,\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",1000.00,1234.56,234.56,0.23456,2025-03-31,1234,ja\r\n"))
    }
}

@Suite("Export: small groups and hashes")
struct SmallGroupProtectionTests {
    static let staff = ReportTable(key: "staff", de: "Personal", en: "Staff", columns: [
        .init("unit", de: "Bereich", en: "Unit", kind: .text),
        .init("persons", de: "Personen", en: "Persons", kind: .integer, total: true),
        .init("fte", de: "VZÄ", en: "FTE", kind: .fte, total: true),
        .init("cost", de: "Kosten", en: "Cost", kind: .money, total: true),
    ], rows: [
        [.text("Amt 10"), .integer(12), .decimal(Decimal(string: "10.5")!), .money(Money(euros: 700_000))],
        [.text("Amt 20"), .integer(2), .decimal(Decimal(string: "1.5")!), .money(Money(euros: 90_000))],
        [.text("Amt 30"), .integer(1), .decimal(1), .money(Money(euros: 60_000))],
        [.text("Amt 40"), .integer(3), .decimal(3), .money(Money(euros: 150_000))],
    ])

    @Test("Aggregating: groups of 2 and 1 persons become one row of 3 persons (1,5 + 1 = 2,5 VZÄ, 150.000 €)")
    func aggregate() throws {
        let t = try SmallGroupProtection.apply(to: Self.staff, countColumn: "persons")
        #expect(t.rows.count == 3)
        #expect(t.rows[2] == [.text("Übrige Gruppen (je < 3 Personen)"), .integer(3), .decimal(Decimal(string: "2.5")!), .money(Money(euros: 150_000))])
        #expect(t.notes.last?.contains("weniger als 3 Personen") == true)
    }

    @Test("With k = 4 the combined small groups (2 + 1 + 3 = 6) may be shown; with k = 7 they are suppressed too")
    func aggregateK() throws {
        let t4 = try SmallGroupProtection.apply(to: Self.staff, countColumn: "persons", k: 4)
        #expect(t4.rows.count == 2 && t4.rows[1][1] == .integer(6))
        let t7 = try SmallGroupProtection.apply(to: Self.staff, countColumn: "persons", k: 7, lang: .en)
        #expect(t7.rows[1] == [.text("Other groups (each < 7 persons)"), .text("< 7"), .empty, .empty])
    }

    @Test("Suppressing keeps the rows but blanks the small groups' figures")
    func suppress() throws {
        let t = try SmallGroupProtection.apply(to: Self.staff, countColumn: "persons", mode: .suppress)
        #expect(t.rows.count == 4)
        #expect(t.rows[1] == [.text("Amt 20"), .text("< 3"), .empty, .empty])
        #expect(t.rows[3] == Self.staff.rows[3])
    }

    @Test("SHA-256 of the FIPS 180-4 examples")
    func sha256() {
        #expect(SHA256.hex(of: Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex(of: []) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(of: Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }
}

/// The rejects CSV of an import goes through the same writer and rule (issue 19: it missed `=` followed
/// by a combining mark, which Swift sees as one character that is not `=`).
@Suite("Export: one neutralisation rule for every CSV")
struct OneCSVRuleTests {
    @Test("a leading = followed by a combining mark is neutralised, in CSVWriter and in the rejects file", arguments: [
        "=\u{301}cmd|' /C calc'!A0", "+\u{301}1", "@\u{20DD}SUM(1)", "-\u{300}1",
    ])
    func combiningMark(_ hostile: String) throws {
        #expect(CSVWriter.neutralized(hostile) == "'" + hostile)
        let (store, dir) = try TestSupport.tempStore()
        let file = dir + "/ledger.csv"
        let csv = "fiscal_year,posting_date,document_id,product,cost_center,account,description,vendor,amount\n"
            + "2025,2025-01-02,B1,01.01.01,KST1,501200,ok,,10.00\n"
            + "2025,2025-01-02,B2,01.01.01,KST1,501200,bad,,\"\(hostile)\"\n"
        try csv.write(toFile: file, atomically: true, encoding: .utf8)
        var options = ImportOptions()
        options.onError = .quarantine
        options.rejectsDirectory = dir
        let summary = try Importer(store: store).run(kind: .ledger, path: file, mapping: nil, options: options)
        let rejects = try #require(summary.rejectsFile)
        let rows = ExportTestSupport.parseCSV(try String(contentsOfFile: rejects, encoding: .utf8), separator: ",")
        let value = try #require(rows.dropFirst().first?[4])
        #expect(value == "'" + hostile, "rejects value \(value.debugDescription)")
        for field in rows.dropFirst().flatMap({ $0 }) {
            #expect(!SpreadsheetFormula.needsGuard(field) || field.hasPrefix("'"), "not neutralised: \(field.debugDescription)")
        }
    }
}

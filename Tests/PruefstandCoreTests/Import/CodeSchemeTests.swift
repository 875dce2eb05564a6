import Foundation
import GRDB
import Testing
@testable import PruefstandCore

/// Code schemes (issue 14): each scheme's rules as data-driven cases worked out by hand.
@Suite("Code schemes")
struct CodeSchemeTests {
    struct Code: CustomTestStringConvertible, Sendable {
        var scheme: String, code: String, valid: Bool
        var testDescription: String { "\(scheme): \(code) is \(valid ? "" : "not ")a product code" }
    }
    static let products: [Code] = [
        Code(scheme: "nkf-nrw", code: "01.11.01", valid: true), Code(scheme: "nkf-nrw", code: "17.01", valid: true),
        Code(scheme: "nkf-nrw", code: "18.01.01", valid: false), Code(scheme: "nkf-nrw", code: "111101", valid: false),
        Code(scheme: "bw-2016", code: "11.10.01", valid: true), Code(scheme: "bw-2016", code: "61", valid: true),
        Code(scheme: "bw-2016", code: "36.50", valid: true), Code(scheme: "bw-2016", code: "13.10.01", valid: false),
        Code(scheme: "bw-2016", code: "11.1.01", valid: false), Code(scheme: "bw-2016", code: "62", valid: false),
        Code(scheme: "kameral", code: "0101", valid: true), Code(scheme: "kameral", code: "01010", valid: true),
        Code(scheme: "kameral", code: "010", valid: false), Code(scheme: "kameral", code: "0101-119 01", valid: false),
        Code(scheme: "free", code: "Profitcenter 4711 / alt", valid: true), Code(scheme: "free", code: "31-35", valid: true),
    ]

    @Test(arguments: products)
    func product(_ c: Code) throws {
        let scheme = try #require(CodeSchemes.named(c.scheme))
        var code = c.code
        let problem = code.withUTF8 { scheme.productProblem($0)?.en }
        #expect((problem == nil) == c.valid, "\(problem ?? "valid")")
    }

    struct Side: CustomTestStringConvertible, Sendable {
        var scheme: String, account: String, side: String?
        var testDescription: String { "\(scheme): account \(account) is \(side ?? "on no side")" }
    }
    static let sides: [Side] = [
        Side(scheme: "nkf-nrw", account: "431100", side: "revenue"), Side(scheme: "nkf-nrw", account: "501100", side: "expense"),
        Side(scheme: "nkf-nrw", account: "681100", side: nil),
        Side(scheme: "bw-2016", account: "3011", side: "revenue"), Side(scheme: "bw-2016", account: "4011", side: "expense"),
        Side(scheme: "bw-2016", account: "5011", side: "revenue"), Side(scheme: "bw-2016", account: "5311", side: nil),
        Side(scheme: "kameral", account: "11901", side: "revenue"), Side(scheme: "kameral", account: "36101", side: "revenue"),
        Side(scheme: "kameral", account: "42201", side: "expense"), Side(scheme: "kameral", account: "97206", side: "expense"),
        Side(scheme: "free", account: "431100", side: nil),
    ]

    @Test(arguments: sides)
    func side(_ c: Side) throws {
        let scheme = try #require(CodeSchemes.named(c.scheme))
        var account = c.account
        #expect(account.withUTF8 { scheme.side(account: $0) }?.rawValue == c.side)
        #expect(scheme.side(account: c.account)?.rawValue == c.side)
    }

    /// The ledger's side (issue 18: the audit's payments and the prior year's expenses ask the scheme): NKF books
    /// the Finanzrechnung's Einzahlungen (class 6) and Auszahlungen (class 7) beside classes 4 and 5
    /// (NKF-Kontenrahmen NRW); the other schemes' ledger side is their plan side.
    static let ledgerSides: [Side] = [
        Side(scheme: "nkf-nrw", account: "431100", side: "revenue"), Side(scheme: "nkf-nrw", account: "681100", side: "revenue"),
        Side(scheme: "nkf-nrw", account: "501100", side: "expense"), Side(scheme: "nkf-nrw", account: "783100", side: "expense"),
        Side(scheme: "nkf-nrw", account: "091100", side: nil), Side(scheme: "nkf-nrw", account: "881100", side: nil),
        Side(scheme: "nkf-nrw", account: "", side: nil),
        Side(scheme: "bw-2016", account: "3011", side: "revenue"), Side(scheme: "bw-2016", account: "7011", side: nil),
        Side(scheme: "kameral", account: "42201", side: "expense"), Side(scheme: "free", account: "501100", side: nil),
    ]

    @Test(arguments: ledgerSides)
    func ledgerSide(_ c: Side) throws {
        let scheme = try #require(CodeSchemes.named(c.scheme))
        #expect(scheme.ledgerSide(account: c.account)?.rawValue == c.side)
    }

    /// Bremen's check digit, by hand: 0010.11904 → digits 0 0 1 0 1 1 9 0 4 × weights 7 8 9 4 5 6 7 8 9
    /// = 9 + 5 + 6 + 63 + 36 = 119, 119 mod 11 = 9; 0010.42715 → 9 + 20 + 12 + 49 + 8 + 45 = 143, mod 11 = 0;
    /// 0010.11905 → 119 + 9 = 128, mod 11 = 7.
    @Test("the weighted-mod11 check digit of Bremen's Haushaltsstellen", arguments: [("001011904", 9), ("001042715", 0), ("001011905", 7)])
    func checkDigit(_ digits: String, _ expected: Int) {
        #expect(KameralScheme.checkDigit(digits, .weightedMod11) == expected)
    }

    @Test("a Haushaltsstelle splits into Einzelplan, Kapitel and Titel by the mapping's pattern")
    func haushaltsstelle() throws {
        let nds = try KameralScheme(code: #"^(?<kapitel>\d{4})-(?<gruppierung>\d{3}) (?<zaehlnummer>\d{2})$"#, checkDigit: nil)
        #expect(nds.place(product: "0101-119 01") == CodePlace(level: "haushaltsstelle", area: "01", group: "0101"))
        #expect(nds.derivedAccount(product: "0101-119 01") == "11901")
        let hb = try KameralScheme(code: #"^(?<kapitel>\d{4})\.(?<titel>\d{5})-(?<check>\d)$"#, checkDigit: .weightedMod11)
        #expect(hb.derivedAccount(product: "0010.11904-9") == "11904")
        #expect(hb.derivedAccount(product: "0010.11904-8") == nil)
        var wrong = "0010.11904-8"
        let problem = wrong.withUTF8 { hb.productProblem($0)?.en }
        #expect(problem?.contains("check digit 8 is wrong") == true && problem?.contains("gives 9") == true)
        #expect(KameralScheme().place(product: "01010") == CodePlace(level: "kapitel", area: "01", group: "01010"))
        #expect(NKFNRWScheme().place(product: "01.1.01") == CodePlace(level: "produkt", area: "01", group: "01.1"))
    }

    @Test("a code pattern without the groups the scheme needs is refused")
    func badPatterns() {
        #expect(throws: SchemeError.self) { try KameralScheme(code: #"^(?<titel>\d{5})$"#, checkDigit: nil) }
        #expect(throws: SchemeError.self) { try KameralScheme(code: #"^(?<kapitel>\d{4})$"#, checkDigit: nil) }
        #expect(throws: SchemeError.self) { try KameralScheme(code: #"^(?<kapitel>\d{4})(?<titel>\d{5})$"#, checkDigit: .weightedMod11) }
    }

    @Test("every scheme in the registry has a unique name, and only free text says what it cannot support")
    func registry() {
        #expect(Set(CodeSchemes.names).count == CodeSchemes.all.count)
        #expect(CodeSchemes.names == ["nkf-nrw", "bw-2016", "kameral", "free"])
        #expect(CodeSchemes.all.filter { !$0.unsupportedAnalyses.isEmpty }.map(\.name) == ["free"])
    }
}

@Suite("Value maps and schemes in mappings")
struct ValueMapImportTests {
    @Test("a value map: exact keys, the longest prefix, a catch-all; case and spaces do not matter")
    func valueMap() {
        let m = ValueMap(name: "values.side", entries: [("E", "revenue"), ("EINN.*", "revenue"), ("EIN*", "expense"), ("A", "expense")])
        #expect(m.map(" e ") == "revenue")
        #expect(m.map("EINN.KONSU") == "revenue")
        #expect(m.map("EINX") == "expense")
        #expect(m.map("AUSG.PERS") == nil)
        let all = ValueMap(name: "values.status", entries: [("Vacant*", "vacant"), ("unbesetzt", "vacant"), ("*", "occupied")])
        #expect(all.map("VACANT (seit 2025)") == "vacant")
        #expect(all.map("Erika Mustermann") == "occupied")
    }

    static let kameralMapping = """
        kind: plan
        scheme: { name: kameral, code: '^(?<kapitel>\\d{4})\\.(?<titel>\\d{5})-(?<check>\\d)$', check_digit: weighted-mod11 }
        columns: { product: Hst, side: Aggregat }
        values: { side: { 'EINN*': revenue, 'AUSG*': expense } }
        sign: { revenue_negative: true }
        unpivot: { pattern: 'Betrag (\\d{4})', kind: plan }
        """

    /// By hand: line 2 revenue 100 written −100 (revenue_negative) → stored 100 on the revenue side; line 3
    /// expense 250; line 4 a wrong check digit; line 5 an Art the map does not name.
    @Test("a cameral plan with a side column: signs by side, a wrong check digit and an unmapped value are row errors")
    func kameralImport() throws {
        let text = """
            Hst,Aggregat,Betrag 2026
            0010.11904-9,EINN.KONSU,-100
            0010.42715-0,AUSG.PERS,250
            0010.11904-8,EINN.KONSU,5
            0010.42715-0,SONST,7
            """
        let (s, store, _) = try AdversarialSupport.importText(text, kind: .plan, mapping: Self.kameralMapping)
        #expect(s.rowsRead == 4 && s.rowsImported == 2 && s.rowsRejected == 2)
        #expect(s.rejects.map(\.line) == [4, 5])
        #expect(s.rejects[0].reason.contains("check digit 8 is wrong"))
        #expect(s.rejects[1].reason.contains("\"SONST\" is not in the value map values.side"))
        let rows = try store.read { try Row.fetchAll($0, sql: "SELECT account, side, amountCents, productGroup, scheme FROM budgetLine ORDER BY sourceLine") }
        #expect(rows.map { $0[0] as String } == ["11904", "42715"])
        #expect(rows.map { $0[1] as String } == ["revenue", "expense"])
        #expect(rows.map { $0[2] as Int64 } == [10_000, 25_000])
        #expect(rows.map { $0[3] as String } == ["0010", "0010"])
        #expect(rows.allSatisfy { ($0[4] as String) == "kameral" })
        // Read as the file writes it: −100 + 250 = 150 €. In a wide file the year cells of a row rejected for
        // another field are not read as amounts (as before this issue), so 5 and 7 are not counted.
        #expect(s.controlReadFileCents == 15_000)
    }

    @Test("mapping errors: unknown scheme, code for another scheme, a scheme for the ledger, a map to an invalid value, an empty map",
          arguments: [
            ("kind: plan\nscheme: hessen\n", "unknown code scheme 'hessen'"),
            ("kind: plan\nscheme: { name: free, code: '^(?<kapitel>\\d{4})$' }\n", "apply to the kameral scheme"),
            ("kind: ledger\nscheme: kameral\n", "nkf-nrw scheme only"),
            ("kind: plan\nvalues: { side: { E: income } }\n", "side takes expense, revenue, not income"),
            ("kind: plan\nvalues: { side: {} }\n", "at least one entry"),
            ("kind: plan\nvalues: { colour: { a: b } }\n", "unknown key 'colour'"),
            ("kind: plan\nscheme: { name: kameral, code: '^(?<kapitel>(\\d+)+)$' }\n", "exponential time"),
            ("kind: plan\nunpivot: { pattern: 'Ansatz (\\d{4})', kind: plan, kinds: { Ansatz: plan } }\n", "either kind"),
          ])
    func mappingErrors(_ yaml: String, _ message: String) {
        #expect {
            _ = try Mapping.parse(try StrictYAML.parse(yaml, file: "m.yaml"))
        } throws: { "\($0)".contains(message) }
    }

    @Test("hostile codes: a 20 kB product under the free scheme is rejected by length; NKF files import as before")
    func hostileCodes() throws {
        let long = String(repeating: "x", count: 20_000)
        let text = "fiscal_year,product,account,plan_amount\n2026,\(long),1,5\n2026,ok,1,5\n"
        let (s, _, _) = try AdversarialSupport.importText(text, kind: .plan, mapping: "kind: plan\nscheme: free\n")
        #expect(s.rowsRead == 2 && s.rowsImported == 1)
        #expect(s.rejects.first?.reason.contains("longer than 10000 bytes") == true)
        #expect(s.warnings.contains { $0.contains("scheme free") })
        let (n, store, _) = try AdversarialSupport.importText("fiscal_year,product,account,plan_amount\n2026,01.11.01,431100,5\n2026,01.11.01,501100,7\n", kind: .plan)
        #expect(n.rowsImported == 2 && n.warnings.isEmpty)
        let sides = try store.read { try String.fetchAll($0, sql: "SELECT side || '/' || scheme || '/' || productGroup FROM budgetLine ORDER BY sourceLine") }
        #expect(sides == ["revenue/nkf-nrw/01.11", "expense/nkf-nrw/01.11"])
    }
}

@Suite("Value maps on kinds and statuses")
struct ValueMapFieldTests {
    /// By hand: `Rechnung` → actual, `Anschlag` → plan; a third word is a row error.
    @Test("kind recoding: Rechnung is actual, Anschlag is plan, an unknown word rejects the row")
    func kindRecoding() throws {
        let text = "fiscal_year,product,account,plan_amount,Wertart\n2025,01.11.01,501100,10,Rechnung\n2026,01.11.01,501100,20,Anschlag\n2026,01.11.01,501100,30,Nachtrag\n"
        let yaml = "kind: plan\ncolumns: { kind: Wertart }\nvalues: { kind: { Rechnung: actual, Ergebnis: actual, Anschlag: plan, Soll: plan } }\n"
        let (s, store, _) = try AdversarialSupport.importText(text, kind: .plan, mapping: yaml)
        #expect(s.rowsImported == 2 && s.rowsRejected == 1)
        #expect(s.rejects.first?.reason.contains("\"Nachtrag\" is not in the value map values.kind") == true)
        let kinds = try store.read { try String.fetchAll($0, sql: "SELECT kind FROM budgetLine ORDER BY sourceLine") }
        #expect(kinds == ["actual", "plan"])
    }

    /// A published staffing list that writes `Vacant` in the status column, or nothing but a name: the map
    /// says vacant for `Vacant…`/`unbesetzt`, occupied for anything else.
    @Test("vacancy from status text: Vacant… and unbesetzt are vacant, any other text occupied")
    func vacancyFromStatus() throws {
        let text = """
            position_id,org_unit,title,pay_grade,fte,Besetzung,is_leadership
            P1,OE1,Leitung,EG 12,1,Frau Beispiel,ja
            P2,OE1,Sachbearbeitung,EG 9a,1,Vacant since 2025,nein
            P3,OE1,Sachbearbeitung,EG 9a,0.5,unbesetzt,nein
            """
        let yaml = "kind: positions\ncolumns: { status: Besetzung }\nvalues: { status: { 'Vacant*': vacant, unbesetzt: vacant, '*': occupied } }\n"
        let (s, store, _) = try AdversarialSupport.importText(text, kind: .positions, mapping: yaml)
        #expect(s.rowsImported == 3, "\(s.rejects.map(\.message))")
        let status = try store.read { try String.fetchAll($0, sql: "SELECT status FROM position ORDER BY positionId") }
        #expect(status == ["occupied", "vacant", "vacant"])
    }
}

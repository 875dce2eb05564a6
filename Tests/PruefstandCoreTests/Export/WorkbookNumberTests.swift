import Foundation
import PropertyBased
import Testing
@testable import PruefstandCore

/// The workbook's numbers and formulas on the fast paths of issue 18: a decimal cell's double read from the
/// `Decimal`'s words (not from `NSDecimalNumber`'s text), formula templates compiled once per column. The
/// oracle for doubles is the old path itself, the text `NSDecimalNumber` prints read by `Double(_:)`
/// (a correctly rounded parse); formulas are written out by hand.
@Suite("Export: workbook numbers and formulas")
struct WorkbookNumberTests {
    static let posix = Locale(identifier: "en_US_POSIX")

    /// The double the workbook stored before issue 18 (the text of the exact decimal, parsed).
    static func viaText(_ d: Decimal) -> Double {
        Double(NSDecimalNumber(decimal: d).description(withLocale: posix))!
    }

    static func same(_ a: Double, _ b: Double) -> Bool { a.bitPattern == b.bitPattern }

    @Test("The Decimal reader agrees with the public API on this Foundation (else the fast path is off)")
    func readable() {
        #expect(DecimalWords.readable)
    }

    /// Rounding edges: 2^53 and its neighbours (the last exact integers, then a halfway case that rounds to
    /// even), powers of ten at and past 10^22 (the last exact one), tenths and thirds that no double holds,
    /// 38-digit mantissas from division, the largest and smallest exponents, signs and zero.
    static let edges: [String] = [
        "0", "1", "-1", "0.1", "-0.1", "0.3", "2.675", "1.005", "123.45", "-123.45", "0.000001",
        "9007199254740992", "9007199254740993", "9007199254740994", "9007199254740995", "-9007199254740993",
        "900719925474099.3", "0.9007199254740993", "4503599627370497.5",
        "1e22", "1e23", "1e-22", "1e-23", "9007199254740992e22", "9007199254740992e-22", "9007199254740993e-22",
        "123456789012345678901234567890", "0.123456789012345678901234567890123456",
        "340282366920938463463374607431768211455", "1e127", "1e-127", "-3.4028236692093846346337460743176821145e-80",
    ]

    @Test("Hand-picked decimals at the rounding edges give the double of their text", arguments: edges)
    func edgeCases(text: String) throws {
        let d = try #require(Decimal(string: text, locale: Self.posix))
        #expect(Self.same(ReportTableRenderer.double(d), Self.viaText(d)), "\(text)")
        #expect(ReportTableRenderer.exactDouble(d) != nil, "the fast path takes \(text)")
    }

    @Test("Quotients with 38-digit mantissas (shares, percents) give the double of their text")
    func quotients() {
        for (a, b) in [(1, 3), (2, 3), (-2, 3), (1, 7), (22, 7), (-1, 9_999_999), (123_456_789, 1_000_003), (1, 1 << 40)] {
            let d = Decimal(a) / Decimal(b)
            #expect(Self.same(ReportTableRenderer.double(d), Self.viaText(d)), "\(a)/\(b)")
        }
    }

    @Test("NaN stays on the old path")
    func nan() {
        #expect(ReportTableRenderer.exactDouble(.nan) == nil)
        #expect(ReportTableRenderer.double(.nan).isNaN)
    }

    /// Random decimals over the whole range: 1 to 38 digits, exponents −60…60, either sign, and the
    /// quotient of two of them (a full 38-digit mantissa).
    @Test("Random decimals give the same double as their text, to the bit")
    func randomDecimals() async {
        let digits = Gen.int(in: 0...9).array(of: 1...38)
        await propertyCheck(count: 500, input: digits, Gen.int(in: -60...60), Gen.bool(), digits) { a, exponent, negative, b in
            let text = (negative ? "-" : "") + a.map(String.init).joined() + "e" + String(exponent)
            guard let d = Decimal(string: text, locale: Self.posix) else { return }
            #expect(Self.same(ReportTableRenderer.double(d), Self.viaText(d)), "\(text)")
            guard let divisor = Decimal(string: b.map(String.init).joined(), locale: Self.posix), divisor != 0 else { return }
            let q = d / divisor
            guard !q.isNaN else { return }
            #expect(Self.same(ReportTableRenderer.double(q), Self.viaText(q)), "\(text) / \(b)")
        }
    }

    // MARK: Formula templates

    /// A table of three money columns and four rows with totals; sheet rows: title 0, note 1, blank 2,
    /// header 3, data 4…7 (Excel rows 5…8), totals 8 (Excel row 9). The other table has no note: title 0,
    /// blank 1, header 2, data 3…4 (Excel rows 4…5).
    static func table() -> (ReportTableRenderer, ReportTable, TablePlacement) {
        var t = ReportTable(key: "t", de: "T", en: "T", columns: [
            .init("name", de: "Name", en: "Name", kind: .text),
            .init("plan", de: "Plan", en: "Plan", kind: .money, total: true),
            .init("actual", de: "Ist", en: "Actual", kind: .money, total: true),
        ], notes: ["Eine Notiz"])
        t.rows = ["a", "b", "c", "d"].map { [.text($0), .money(.zero), .money(.zero)] }
        var other = ReportTable(key: "o", de: "Andere's", en: "Other", columns: [.init("x", de: "X", en: "X", kind: .money)])
        other.rows = [[.money(.zero)], [.money(.zero)]]
        var r = ReportTableRenderer(lang: .de, documentTitle: "D", dateText: "1.1.2026")
        let p = TablePlacement(table: t, sheetName: "T")
        r.register(t, placement: p)
        r.register(other, placement: TablePlacement(table: other, sheetName: "Andere's"))
        return (r, t, p)
    }

    static let templates: [(String, Int, String)] = [
        ("={col:actual}{r}-{col:plan}{r}", 4, "=C5-B5"),
        ("={col:actual}{r}-{col:plan}{r}", 7, "=C8-B8"),
        ("=IF({col:plan}{r}=0,\"\",({col:actual}{r}-{col:plan}{r})/{col:plan}{r})", 5, "=IF(B6=0,\"\",(C6-B6)/B6)"),
        ("={col:plan}{r-1}+{col:plan}{r+2}", 5, "=B5+B8"),
        ("=SUM({col:plan}{first}:{col:plan}{last})/{col:plan}{total}", 6, "=SUM(B5:B8)/B9"),
        ("={range:o:x}", 4, "='Andere''s'!$A$4:$A$5"),
        ("={ref:o:x:1}*{ref:t:actual:c}*{ref:t:plan:total}", 4, "='Andere''s'!$A$5*'T'!$C$7*'T'!$B$9"),
        ("={sheet:o}!A1", 4, "='Andere''s'!A1"),
        ("{r:ignored}", 6, "7"),
        ("no placeholders", 4, "no placeholders"),
    ]

    @Test("Compiled templates resolve to the references written out by hand, row by row", arguments: templates)
    func compiled(template: String, row: Int, expected: String) throws {
        let (r, t, p) = Self.table()
        #expect(try r.resolve(template, table: t, placement: p, row: row) == expected)
        // One compiled template serves every row of its column.
        let c = r.compile(template, table: t, placement: p)
        #expect(try c.resolve(row: row) == expected)
    }

    static let broken: [(String, Int, String)] = [
        ("={col:plan}{r+1}", 7, "{r+1} points outside the table's rows"),
        ("={col:plan}{r-1}", 4, "{r-1} points outside the table's rows"),
        ("={r+1}{col:nope}", 7, "{r+1} points outside the table's rows"),   // the first placeholder that fails, as read
        ("={r+1}{col:nope}", 4, "no column nope"),
        ("={col:plan}{r", 4, "unclosed '{'"),
        ("={r+x}", 4, "bad row offset {r+x}"),
        ("={what}", 4, "unknown placeholder {what}"),
        ("={ref:o:x:9}", 4, "table o has no row 9"),
    ]

    @Test("A broken template fails on the row that reaches it, naming the first placeholder that fails", arguments: broken)
    func brokenTemplates(template: String, row: Int, message: String) {
        let (r, t, p) = Self.table()
        #expect(throws: PruefstandError.other("table t: formula \"\(template)\": \(message)")) {
            try r.resolve(template, table: t, placement: p, row: row)
        }
        #expect(throws: PruefstandError.other("table t: formula \"\(template)\": \(message)")) {
            try r.compile(template, table: t, placement: p).resolve(row: row)
        }
    }

    @Test("A template that fails only on some rows still resolves on the others")
    func failsOnlyWhereItMust() throws {
        let (r, t, p) = Self.table()
        let c = r.compile("={col:plan}{r+1}", table: t, placement: p)
        #expect(try c.resolve(row: 6) == "=B8")
        #expect(throws: PruefstandError.self) { try c.resolve(row: 7) }
    }
}

import Foundation
import Testing
@testable import PruefstandCore

/// The column catalogue (`Resources/report-columns.tsv`, read by `ReportColumns`): complete, every use resolves,
/// every entry used, and the reader refuses a broken file with its line.
@Suite("Vocabulary: report column catalogue")
struct ReportColumnsTests {
    static let sources = TestSupport.repoRoot.appendingPathComponent("Sources")
    static let cataloguePath = TestSupport.repoRoot.appendingPathComponent(ReportColumns.sourcePath)

    /// Every (table, key) a source file names (`ReportColumns.list("k1 k2+", table: "t")`) or a table's line of the
    /// table catalogue lists (`report-tables.tsv`, file named so).
    static func uses() throws -> [(file: String, table: String, key: String)] {
        let list = try NSRegularExpression(pattern: #"ReportColumns\.list\("([^"]*)", table: "(\w+)"\)"#)
        var out: [(String, String, String)] = []
        for (file, text) in try TestSupport.swiftFiles(below: sources) {
            let ns = text as NSString
            func words(_ s: String) -> [String] { s.split(separator: " ").map { $0.hasSuffix("+") ? String($0.dropLast()) : String($0) } }
            for m in list.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
                for k in words(ns.substring(with: m.range(at: 1))) { out.append((file, ns.substring(with: m.range(at: 2)), k)) }
            }
        }
        for e in ReportTables.entries {
            for k in (e.columnKeys ?? "").split(separator: " ") {
                out.append((ReportTables.sourcePath, e.key, k.hasSuffix("+") ? String(k.dropLast()) : String(k)))
            }
        }
        return out
    }

    @Test("the shipped catalogue, read line by line here, is what ReportColumns holds: five fields, both titles, a known kind")
    func shippedCatalogue() throws {
        let text = try String(contentsOf: Self.cataloguePath, encoding: .utf8)
        var expected: [String: [String]] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") && !line.isEmpty {
            let f = line.components(separatedBy: "\t")
            #expect(f.count == 5, "\(line)")
            #expect(expected[f[0]] == nil, "\(f[0]) twice")
            expected[f[0]] = f
        }
        #expect(expected.count > 150)
        #expect(Set(ReportColumns.catalogue.keys) == Set(expected.keys))
        for (key, f) in expected {
            let c = try #require(ReportColumns.catalogue[key])
            #expect(c.key == key.components(separatedBy: ".").last!)
            #expect(c.kind.rawValue == f[1])
            #expect(c.titleDE == f[3] && !f[3].isEmpty, "\(key): German title")
            #expect(c.titleEN == f[4] && !f[4].isEmpty, "\(key): English title")
            #expect(c.isInput == f[2].contains("input"))
            #expect(!c.total, "\(key): a total is the table's choice (key+), not the catalogue's")
        }
    }

    @Test("every column key a table lists is in the catalogue, and every catalogue entry is listed by some table")
    func usesAndEntries() throws {
        let uses = try Self.uses()
        #expect(uses.count > 200)
        var used = Set<String>()
        for u in uses {
            let qualified = "\(u.table).\(u.key)"
            let entry = ReportColumns.catalogue[qualified] != nil ? qualified : u.key
            #expect(ReportColumns.catalogue[entry] != nil, "\(u.file): column \(u.key) of \(u.table) is not in the catalogue")
            used.insert(entry)
        }
        let unused = Set(ReportColumns.catalogue.keys).subtracting(used)
        #expect(unused.isEmpty, "catalogue entries no table lists: \(unused.sorted())")
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var table: String, keys: String
        var expected: [(key: String, de: String, en: String, kind: ReportTable.Kind, total: Bool, input: Bool, flag: ReportTable.Flag?)]
        var testDescription: String { "\(table): \(keys)" }
    }
    // Titles as the sheets showed them before the catalogue (issue 18), written out by hand.
    static let cases: [Case] = [
        Case(table: "review_departments", keys: "department fte+ positions+", expected: [
            ("department", "Fachbereich", "Department", .text, false, false, nil), ("fte", "VZÄ", "FTE", .fte, true, false, nil),
            ("positions", "Stellen", "Positions", .integer, true, false, nil)]),
        Case(table: "review_refill_sources", keys: "year", expected: [("year", "Jahr", "Year", .text, false, false, nil)]),
        Case(table: "projection", keys: "year interest_rate", expected: [
            ("year", "Jahr", "Year", .integer, false, false, nil),
            ("interest_rate", "Zinssatz Liquiditätskredite (Annahme)", "Interest rate on liquidity loans (assumption)", .percent, false, true, nil)]),
        Case(table: "audit_trail", keys: "control_difference rows_read+", expected: [
            ("control_difference", "Differenz gelesen − gespeichert", "Difference read − stored", .money, false, false, .notZero),
            ("rows_read", "Zeilen gelesen", "Rows read", .integer, true, false, nil)]),
        Case(table: "scenario_relief", keys: "relief+", expected: [("relief", "Entlastung", "Relief", .money, true, false, nil)]),
        Case(table: "projection", keys: "relief", expected: [("relief", "Altschuldenentlastung", "Old-debt relief", .money, false, false, nil)]),
        Case(table: "chart_montecarlo", keys: "p10", expected: [("p10", "10 % ungünstiger (P10)", "10 % worse (P10)", .money, false, false, nil)]),
        Case(table: "scenario_montecarlo", keys: "p10", expected: [("p10", "P10", "P10", .money, false, false, nil)]),
    ]

    @Test("a table's key list gives the columns in order, the table's own words first, + as its total", arguments: cases)
    func lookup(_ c: Case) {
        let columns = ReportColumns.list(c.keys, table: c.table)
        #expect(columns.count == c.expected.count)
        for (got, want) in zip(columns, c.expected) {
            #expect(got.key == want.key && got.titleDE == want.de && got.titleEN == want.en && got.kind == want.kind)
            #expect(got.total == want.total && got.isInput == want.input && got.flag == want.flag && got.choices == nil)
        }
    }

    /// Broken catalogues of both tab-separated resources (one line reader, `TabSeparated`): the report columns', and
    /// the labels' (`labels: …`, `Labels.parse`).
    static let broken: [(name: String, text: String, line: Int)] = [
        ("four fields", "# c\nkey\ttext\t-\tDe\n", 2),
        ("six fields", "key\ttext\t-\tDe\tEn\tmore\n", 1),
        ("unknown kind", "a\ttext\t-\tA\tA\nkey\tcurrency\t-\tDe\tEn\n", 2),
        ("unknown option", "key\tmoney\ttotal\tDe\tEn\n", 1),
        ("empty German title", "key\tmoney\t-\t\tEn\n", 1),
        ("empty English title", "\n\nkey\tmoney\t-\tDe\t\n", 3),
        ("key twice", "key\tmoney\t-\tDe\tEn\nkey\ttext\t-\tDe\tEn\n", 2),
        ("blank in key", "my key\tmoney\t-\tDe\tEn\n", 1),
        ("two dots", "a.b.c\tmoney\t-\tDe\tEn\n", 1),
        ("formula as key", "=SUM(A1)\tmoney\t-\tDe\tEn\n", 1),
        ("space-separated", "key text - De En\n", 1),
        ("labels: four fields", "a.b\tDe\tEn\tmore\n", 1),
        ("labels: no group", "# c\nab\tDe\tEn\n", 2),
        ("labels: empty value", "a.\tDe\tEn\n", 1),
        ("labels: two dots", "a.b.c\tDe\tEn\n", 1),
        ("labels: no English", "a.b\tDe\t\n", 1),
        ("labels: twice", "a.b\tDe\tEn\r\na.b\tDe2\tEn2\r\n", 2),
    ]

    @Test("a broken catalogue is refused with its line", arguments: broken.indices)
    func refused(_ i: Int) {
        let b = Self.broken[i]
        TestSupport.expectRefused(b.name, path: "x.tsv", line: b.line) {
            _ = b.name.hasPrefix("labels: ") ? try Labels.parse(b.text, path: "x.tsv").count : try ReportColumns.parse(b.text, path: "x.tsv").count
        }
    }

    @Test("comments, blank lines and CRLF line ends are read; a huge catalogue is read whole")
    func tolerant() throws {
        let small = try ReportColumns.parse("# head\r\n\r\nk\tmoney\tinput,flag=nonEmpty\tDe\tEn\r\nt.k\ttext\t-\tD2\tE2\r\n")
        #expect(small.count == 2 && small["k"]?.titleEN == "En" && small["k"]?.isInput == true && small["k"]?.flag == .nonEmpty)
        #expect(small["t.k"]?.key == "k" && small["t.k"]?.titleDE == "D2")
        #expect(try Labels.parse("# head\r\n\r\ng.v\tDe\tEn\r\n") == ["g.v": Phrase(de: "De", en: "En")])
        let huge = (0..<50_000).map { "k\($0)\ttext\t-\tTitel \($0)\tTitle \($0)" }.joined(separator: "\n")
        #expect(try ReportColumns.parse(huge).count == 50_000)
    }
}

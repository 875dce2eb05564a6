import Foundation
import GRDB
import Testing
@testable import PruefstandCore

/// Monthly exports, corrections and re-exports (issue 20): every posting counted once. The postings are
/// tuples made here; the expected counts and cents are computed from these tuples in the test (the
/// oracle), never read from the program.
enum LoadModeSupport {
    struct Posting: Equatable {
        var month: Int, day: Int, doc: String, account: String, text: String, cents: Int64
        var date: String { String(format: "2025-%02d-%02d", month, day) }
    }

    /// 3 months of 100 postings each; amounts vary so that sums tell rows apart.
    static func year(_ n: Int = 300) -> [Posting] {
        (0..<n).map { (i: Int) -> Posting in
            let magnitude = Int64(1000 + (i * 137) % 9001)
            let sign: Int64 = i % 17 == 0 ? -1 : 1
            let account = i % 2 == 0 ? "521100" : "531700"
            return Posting(month: 1 + i % 3, day: 1 + (i * 7) % 28, doc: String(format: "B%05d", i), account: account,
                           text: "Vorgang \(i); \"Nr\" \(i)", cents: magnitude * sign)
        }
    }

    enum Style: String, CaseIterable, CustomTestStringConvertible {
        case lf, crlf, bom, quotedCRLF = "quoted-crlf-bom", excelDE = "excel-de-windows-1252"
        var testDescription: String { rawValue }
    }

    /// The postings as a CSV file in one of several ways to save the same content.
    static func csv(_ rows: [Posting], style: Style = .lf) -> Data {
        let de = style == .excelDE
        let sep = de ? ";" : ","
        let nl = style == .lf || style == .bom ? "\n" : "\r\n"
        let quoteAll = style == .quotedCRLF
        func field(_ s: String) -> String {
            quoteAll || s.contains(sep) || s.contains("\"") ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
        }
        func amount(_ c: Int64) -> String {
            (c < 0 ? "-" : "") + "\(c.magnitude / 100)" + (de ? "," : ".") + String(format: "%02d", Int(c.magnitude % 100))
        }
        var text = (de ? "Haushaltsjahr;Buchungsdatum;Belegnummer;Produkt;Kostenstelle;Sachkonto;Buchungstext;Kreditor;Betrag"
                       : AdversarialSupport.ledgerHeader) + nl
        for p in rows {
            let date = de ? String(format: "%02d.%02d.2025", p.day, p.month) : p.date
            text += ["2025", date, p.doc, "01.11.01", "K1", p.account, p.text, "Müller & Söhne", amount(p.cents)].map(field).joined(separator: sep) + nl
        }
        var data = (style == .bom || style == .quotedCRLF) ? Data([0xEF, 0xBB, 0xBF]) : Data()
        data.append(text.data(using: de ? .windowsCP1252 : .utf8)!)
        return data
    }

    static func file(_ rows: [Posting], _ dir: String, _ name: String, style: Style = .lf) throws -> String {
        let path = "\(dir)/\(name)"
        try csv(rows, style: style).write(to: URL(fileURLWithPath: path))
        return path
    }

    static func run(_ store: Store, _ path: String, mode: ImportMode = .append, period: String? = nil, source: String? = nil,
                    mapping: String? = nil, dir: String) throws -> ImportSummary {
        var o = ImportOptions()
        o.rejectsDirectory = dir
        o.mode = mode
        o.period = try period.map { try ImportPeriod.parse($0).get() }
        o.source = source
        let m = try mapping.map { try Mapping.parse(try StrictYAML.parse($0, file: "\(dir)/mapping.yaml")) }
        return try Importer(store: store).run(kind: .ledger, path: path, mapping: m, options: o)
    }

    /// Count and cents of the stored postings per month, from the postings and from the monthly totals.
    static func months(_ store: Store) throws -> (postings: [Int: (Int, Int64)], totals: [Int: (Int, Int64)]) {
        try store.read { db in
            var p: [Int: (Int, Int64)] = [:], t: [Int: (Int, Int64)] = [:]
            for r in try Row.fetchAll(db, sql: "SELECT month, count(*) AS n, sum(amount_cents) AS c FROM v_ledger GROUP BY month") {
                p[r["month"]] = (r["n"], r["c"])
            }
            for r in try Row.fetchAll(db, sql: "SELECT month, sum(postingCount) AS n, sum(amountCents) AS c FROM postingTotal GROUP BY month") {
                t[r["month"]] = (r["n"], r["c"])
            }
            return (p, t)
        }
    }

    static func expectMonths(_ store: Store, _ rows: [Posting], _ comment: Comment? = nil) throws {
        var want: [Int: (Int, Int64)] = [:]
        for r in rows { want[r.month, default: (0, 0)].0 += 1; want[r.month, default: (0, 0)].1 += r.cents }
        let (p, t) = try months(store)
        for m in Set(want.keys).union(p.keys).union(t.keys) {
            #expect(p[m]?.0 == want[m]?.0 && p[m]?.1 == want[m]?.1, "postings of month \(m): \(String(describing: p[m])) ≠ \(String(describing: want[m]))")
            #expect(t[m]?.0 == want[m]?.0 && t[m]?.1 == want[m]?.1, "monthly totals of month \(m): \(String(describing: t[m])) ≠ \(String(describing: want[m]))")
        }
    }

    static func snapshot(_ store: Store) throws -> [Int64] {
        try store.read { db in
            [try Int64.fetchOne(db, sql: "SELECT count(*) FROM posting")!, try Int64.fetchOne(db, sql: "SELECT coalesce(sum(amountCents), 0) FROM posting")!,
             try Int64.fetchOne(db, sql: "SELECT count(*) FROM importRun")!, try Int64.fetchOne(db, sql: "SELECT count(*) FROM importHistory")!,
             try Int64.fetchOne(db, sql: "SELECT coalesce(sum(amountCents), 0) FROM postingTotal")!]
        }
    }
}

@Suite("Load modes: every posting counted once (issue 20)")
struct LoadModeTests {
    typealias S = LoadModeSupport

    @Test("a re-saved file is refused as already imported", arguments: S.Style.allCases.filter { $0 != .lf })
    func resaved(_ style: S.Style) throws {
        let (store, dir) = try TestSupport.tempStore()
        let rows = S.year()
        _ = try S.run(store, try S.file(rows, dir, "ledger.csv"), dir: dir)
        let before = try S.snapshot(store)
        let again = try S.file(rows, dir, "ledger-\(style.rawValue).csv", style: style)
        #expect(try SHA256.file(at: again) != SHA256.file(at: "\(dir)/ledger.csv"), "the bytes differ")
        do {
            _ = try S.run(store, again, dir: dir)
            Issue.record("the re-saved file was imported again")
        } catch let PruefstandError.alreadyImported(_, _, id) {
            #expect(id == 1)
        }
        #expect(try S.snapshot(store) == before)
        try S.expectMonths(store, rows)
    }

    @Test("a year-to-date export after a monthly one adds only the new postings and reports the skipped ones")
    func yearToDate() throws {
        let (store, dir) = try TestSupport.tempStore()
        let rows = S.year()
        let january = rows.filter { $0.month == 1 }
        _ = try S.run(store, try S.file(january, dir, "jan.csv"), dir: dir)
        // The export to date leaves one January posting out (the one at index 3).
        let ytd = rows.enumerated().filter { $0.offset != 3 }.map(\.element)
        let s = try S.run(store, try S.file(ytd, dir, "ytd.csv"), dir: dir)
        let skipped = january.filter { $0 != rows[3] }
        let added = ytd.filter { $0.month != 1 }
        #expect(s.effect.skipped == skipped.count && s.effect.skippedCents == skipped.reduce(0) { $0 + $1.cents })
        #expect(s.effect.added == added.count && s.effect.addedCents == added.reduce(0) { $0 + $1.cents })
        #expect(s.rowsRead == ytd.count && s.rowsImported + s.rowsRejected == s.rowsRead)
        #expect(s.text(.en).contains("skipped \(skipped.count)") && s.text(.en).contains("document B00000"))
        // Every posting once: January as first imported (with index 3), the rest from the export.
        try S.expectMonths(store, rows)
        #expect(try store.read { try Int.fetchOne($0, sql: "SELECT count(DISTINCT document_id) FROM v_ledger") } == rows.count)
    }

    @Test("a changed posting inside an overlap stops append, naming the document; nothing is stored",
          arguments: ["amount", "account", "date"])
    func changedPosting(_ what: String) throws {
        let (store, dir) = try TestSupport.tempStore()
        let rows = S.year()
        let january = rows.filter { $0.month == 1 }
        _ = try S.run(store, try S.file(january, dir, "jan.csv"), dir: dir)
        let before = try S.snapshot(store)
        var ytd = rows
        switch what {
        case "amount": ytd[6].cents += 1
        case "account": ytd[6].account = "541100"
        default: ytd[6].day += 1
        }
        do {
            _ = try S.run(store, try S.file(ytd, dir, "ytd.csv"), dir: dir)
            Issue.record("the changed posting was imported")
        } catch let PruefstandError.input(_, _, message) {
            #expect(message.en.contains("document \(rows[6].doc)"), "\(message)")
            #expect(message.en.contains(what == "date" ? "posting_date" : what), "\(message)")
        }
        #expect(try S.snapshot(store) == before)
    }

    @Test("replace-period of a corrected month changes exactly that month and reconciles removed + kept + added with the file")
    func replacePeriod() throws {
        let (store, dir) = try TestSupport.tempStore()
        let rows = S.year()
        _ = try S.run(store, try S.file(rows, dir, "ytd.csv"), dir: dir)
        let oldFeb = rows.filter { $0.month == 2 }
        // The corrected February: two postings cancelled, one amount corrected, one account moved, two new.
        var feb = Array(oldFeb.dropFirst(2))
        feb[0].cents = 4711
        feb[5].account = "541100"
        feb.append(S.Posting(month: 2, day: 28, doc: "B90000", account: "521100", text: "Nachbuchung", cents: 12_345))
        feb.append(S.Posting(month: 2, day: 1, doc: "B90001", account: "521100", text: "Nachbuchung", cents: -500))
        let s = try S.run(store, try S.file(feb, dir, "feb.csv"), mode: .replacePeriod, period: "2025-02", dir: dir)
        // The oracle: kept = in both, identical; removed = the old ones not kept; added = the file's not kept.
        let kept = feb.filter { oldFeb.contains($0) }, removed = oldFeb.filter { !feb.contains($0) }, added = feb.filter { !oldFeb.contains($0) }
        func cents(_ a: [S.Posting]) -> Int64 { a.reduce(0) { $0 + $1.cents } }
        #expect(kept.count == oldFeb.count - 4 && removed.count == 4 && added.count == 4)
        let r = try #require(s.replacement)
        #expect(r.removed == removed.count && r.removedCents == cents(removed))
        #expect(r.kept == kept.count && r.keptCents == cents(kept))
        #expect(s.effect.added == added.count && s.effect.addedCents == cents(added))
        #expect(r.kept + s.effect.added == feb.count && r.keptCents + s.effect.addedCents == cents(feb))
        #expect(r.removed + r.kept == oldFeb.count)
        // January and March exactly as before; February exactly the file.
        try S.expectMonths(store, rows.filter { $0.month != 2 } + feb)
        #expect(s.text(.en).contains("removed \(removed.count)"))
    }

    @Test("a replace-period file with a posting outside its period is refused; nothing changes")
    func outsidePeriod() throws {
        let (store, dir) = try TestSupport.tempStore()
        let rows = S.year()
        _ = try S.run(store, try S.file(rows, dir, "ytd.csv"), dir: dir)
        let before = try S.snapshot(store)
        var feb = rows.filter { $0.month == 2 }
        feb[3].month = 3
        #expect(throws: PruefstandError.self) { try S.run(store, try S.file(feb, dir, "feb.csv"), mode: .replacePeriod, period: "2025-02", dir: dir) }
        #expect(try S.snapshot(store) == before)
    }

    @Test("a period is replaced only within its source; another source's postings with the same document ids stay")
    func sources() throws {
        let (store, dir) = try TestSupport.tempStore()
        let rows = S.year()
        _ = try S.run(store, try S.file(rows, dir, "a.csv"), source: "Kernhaushalt", dir: dir)
        var other = rows.filter { $0.month == 1 }
        for i in other.indices { other[i].cents += 1 }
        let s = try S.run(store, try S.file(other, dir, "b.csv"), source: "Eigenbetrieb", dir: dir)
        #expect(s.effect.added == other.count && s.effect.skipped == 0)
        _ = try S.run(store, try S.file(Array(rows.filter { $0.month == 1 }.prefix(10)), dir, "c.csv"), mode: .replacePeriod,
                      period: "2025-01", source: "Kernhaushalt", dir: dir)
        try S.expectMonths(store, rows.filter { $0.month != 1 } + Array(rows.filter { $0.month == 1 }.prefix(10)) + other)
    }

    @Test("a document of several postings without line numbers: each posting is known by its place in the document")
    func repeatedDocuments() throws {
        let (store, dir) = try TestSupport.tempStore()
        let base = S.Posting(month: 1, day: 5, doc: "B1", account: "521100", text: "Teil", cents: 100)
        var two = [base, base]
        two[1].cents = 200
        _ = try S.run(store, try S.file(two, dir, "one.csv"), dir: dir)
        var three = two
        three.append(S.Posting(month: 1, day: 6, doc: "B1", account: "521100", text: "Teil", cents: 300))
        let s = try S.run(store, try S.file(three, dir, "two.csv"), dir: dir)
        #expect(s.effect.skipped == 2 && s.effect.added == 1 && s.effect.addedCents == 300)
        try S.expectMonths(store, three)
    }

    @Test("a key declared in the mapping identifies postings of a system without document ids")
    func declaredKey() throws {
        let (store, dir) = try TestSupport.tempStore()
        let rows = S.year()
        let mapping = "kind: ledger\nidentity: [posting_date, account, description]\n"
        _ = try S.run(store, try S.file(rows.filter { $0.month == 1 }, dir, "jan.csv"), mapping: mapping, dir: dir)
        // The document ids of the second export are new numbers: the declared key still finds January.
        var ytd = rows
        for i in ytd.indices { ytd[i].doc = "N" + ytd[i].doc }
        let s = try S.run(store, try S.file(ytd, dir, "ytd.csv"), mapping: mapping, dir: dir)
        #expect(s.effect.skipped == rows.filter { $0.month == 1 }.count)
        try S.expectMonths(store, rows)
    }

    @Test("the history keeps each import's effect, also of an import that a later one replaced; store info shows it")
    func history() throws {
        let (store, dir) = try TestSupport.tempStore()
        let rows = S.year()
        let path = try S.file(rows, dir, "ytd.csv")
        _ = try S.run(store, path, dir: dir)
        let s = try S.run(store, path, mode: .replace, dir: dir)
        #expect(s.effect.replaced == rows.count && s.effect.replacedImports == [1])
        let h = try store.read { try Row.fetchAll($0, sql: "SELECT * FROM v_import_history ORDER BY history_id") }
        #expect(h.count == 2 && (h[0]["import_id"] as Int64) == 1 && (h[1]["replaced_imports"] as String) == "1")
        #expect((h[0]["added_cents"] as Int64) == rows.reduce(0) { $0 + $1.cents })
        let info = try StoreInfo.text(store: store, .en)
        #expect(info.contains("import 1 ledger from \(path)") && info.contains("replacing import 1"))
        let table = try AuditTrailSection(store: store).tables(lang: .en)[0]
        #expect(table.rows.count == 2, "the replaced import stays on the audit trail")
        #expect(table.columns.contains { $0.key == "added" })
    }

    @Test("periods", arguments: [
        ("2025", "2025"), ("2025-03", "2025-03-01..2025-03-31"), ("2024-02", "2024-02-01..2024-02-29"),
        ("2025-01..2025-03", "2025-01-01..2025-03-31"), ("2025-03-01..2025-03-15", "2025-03-01..2025-03-15"), ("span", "span"),
        ("2025-13", nil), ("2025-03..2025-01", nil), ("25-03", nil), ("2025-02-30", nil), ("1900", nil), ("", nil), ("2025..2026..2027", nil),
        ("2025-03-01..", nil), ("x", nil),
    ] as [(String, String?)])
    func periods(_ text: String, _ expected: String?) {
        switch ImportPeriod.parse(text) {
        case .success(let p): #expect(p.description == expected)
        case .failure: #expect(expected == nil)
        }
    }

    @Test("hostile load settings are refused with a reason", arguments: [
        "kind: ledger\nidentity: [nope]\n", "kind: ledger\nidentity: []\n", "kind: ledger\nidentity: [amount, amount]\n",
        "kind: ledger\nsource: \"a\\u0000b\"\n", "kind: ledger\nsource: \"\(String(repeating: "x", count: 65))\"\n",
        "kind: plan\nidentity: [account]\n",
    ])
    func hostileMapping(_ yaml: String) {
        #expect(throws: PruefstandError.self) { try Mapping.parse(try StrictYAML.parse(yaml, file: "m.yaml")) }
    }

    @Test("replace-period needs a ledger and a period; a period needs replace-period")
    func modeChecks() throws {
        let (store, dir) = try TestSupport.tempStore()
        let path = try S.file(S.year(10), dir, "l.csv")
        #expect(throws: PruefstandError.self) { try S.run(store, path, mode: .replacePeriod, dir: dir) }
        #expect(throws: PruefstandError.self) { try S.run(store, path, mode: .append, period: "2025", dir: dir) }
        #expect(try S.snapshot(store) == [0, 0, 0, 0, 0])
    }
}

@Suite("Load modes in the manifest (issue 20)")
struct LoadModeManifestTests {
    @Test("an input's mode, period and source are read and checked where they enter", arguments: [
        ("{ kind: ledger, file: ledger-2024.csv, mode: replace-period, period: 2024-03, source: SAP }", true),
        ("{ kind: ledger, file: ledger-2024.csv, mode: append }", true),
        ("{ kind: ledger, file: ledger-2024.csv, mode: replace-period }", false),
        ("{ kind: ledger, file: ledger-2024.csv, period: 2024-03 }", false),
        ("{ kind: ledger, file: ledger-2024.csv, mode: replace-period, period: 2024-13 }", false),
        ("{ kind: ledger, file: ledger-2024.csv, mode: sometimes }", false),
        ("{ kind: plan, file: plan.csv, mode: replace-period, period: 2024 }", false),
        ("{ kind: ledger, file: ledger-2024.csv, source: \"\" }", false),
    ])
    func manifest(_ input: String, _ valid: Bool) throws {
        let dir = try TestCity.make(scale: 0.002)
        let text = TestCity.manifest().replacingOccurrences(of: "  - { kind: ledger, file: ledger-2024.csv }", with: "  - " + input)
        #expect(text.contains(input))
        let load = { try Manifest.parse(try StrictYAML.parse(text, file: dir + "/pruefstand.yaml"), folder: dir) }
        if valid {
            let m = try load()
            let i = try #require(m.inputs.first { $0.file.hasPrefix("ledger-2024") })
            if input.contains("replace-period") {
                #expect(i.mode == .replacePeriod && i.period == .dates(CivilDate(year: 2024, month: 3, day: 1)!, CivilDate(year: 2024, month: 3, day: 31)!) && i.source == "SAP")
            } else {
                #expect(i.mode == .append && i.period == nil)
            }
        } else {
            #expect(throws: PruefstandError.self) { try load() }
        }
    }
}

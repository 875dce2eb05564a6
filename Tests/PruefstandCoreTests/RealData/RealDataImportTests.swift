import Foundation
import GRDB
import Testing
@testable import PruefstandCore

/// One real published export, its mapping in `Datasets/realdata/` and its independent oracle.
struct RealDataCase: CustomTestStringConvertible, Sendable {
    var file: String
    var mapping: String
    var oracle: String
    /// Kinds the oracle reports that the store has no kind for yet (Verpflichtungsermächtigung,
    /// Haushaltssoll): the mapping leaves their columns out, and the test checks they are exactly these.
    var notImported: Set<String> = []
    /// Why `mapping suggest` is not expected to give a mapping that imports this file unchanged (nil: it is).
    var suggestLimit: String? = nil
    var testDescription: String { file }

    static let all: [RealDataCase] = [
        RealDataCase(file: "niedersachsen/haushalt-niedersachsen.csv", mapping: "niedersachsen-haushalt-niedersachsen.yaml", oracle: "niedersachsen.py"),
        RealDataCase(file: "schleswig-holstein/hh17_csv.csv", mapping: "schleswig-holstein-hh17_csv.yaml", oracle: "schleswig_holstein.py"),
        RealDataCase(file: "bremen/Haushaltsdaten_2016-2017.csv", mapping: "bremen-Haushaltsdaten_2016-2017.csv.yaml", oracle: "bremen.py"),
        RealDataCase(file: "bremen/Haushaltsdaten_2016-2017.xls", mapping: "bremen-Haushaltsdaten_2016-2017.xls.yaml", oracle: "bremen.py"),
        RealDataCase(file: "bremen/Haushalt_Land_und_Stadtgemeinde_Bremen_2016.xlsx", mapping: "bremen-Haushalt_Land_und_Stadtgemeinde_Bremen_2016.xlsx.yaml",
                     oracle: "bremen.py"),
        RealDataCase(file: "koeln/teilergebnisplan.csv", mapping: "koeln-teilergebnisplan.yaml", oracle: "koeln.py"),
        RealDataCase(file: "koeln/ergebnisplan_produktbereiche.csv", mapping: "koeln-ergebnisplan_produktbereiche.yaml", oracle: "koeln.py"),
        RealDataCase(file: "koeln/bezirke_produktgruppen.csv", mapping: "koeln-bezirke_produktgruppen.yaml", oracle: "koeln.py"),
        RealDataCase(file: "koeln/teilfinanzplan.csv", mapping: "koeln-teilfinanzplan.yaml", oracle: "koeln.py"),
        RealDataCase(file: "koeln/finanzplan_produktbereiche.csv", mapping: "koeln-finanzplan_produktbereiche.yaml", oracle: "koeln.py"),
        RealDataCase(file: "koeln/gesamtergebnisplan.csv", mapping: "koeln-gesamtergebnisplan.yaml", oracle: "koeln.py",
                     suggestLimit: "no product column: the whole city's plan needs `fixed: { product: '00' }`, which suggest does not propose"),
        RealDataCase(file: "brandenburg/haushalt-brandenburg.csv", mapping: "brandenburg-haushalt-brandenburg.yaml", oracle: "brandenburg.py"),
        RealDataCase(file: "brandenburg/Maschinenlesbarer_Haushalt_2017-2018.xlsx", mapping: "brandenburg-Maschinenlesbarer_Haushalt_2017-2018.yaml",
                     oracle: "brandenburg.py"),
    ]
}

/// What an oracle (`RealData/oracles/*.py`, Python standard library only, nothing from the project) computes
/// from a file: row counts and totals by year, kind and side.
struct RealDataOracle {
    var detailRows: Int
    var subtotalRows: Int
    /// `"YEAR|kind|side"` → cents, revenue and expense each positive on its side.
    var detailTotals: [String: Int64]
    /// `"YEAR|kind"` → the signed sum as the file writes it.
    var fileSums: [String: Int64]
    /// `"LINE LABEL|YEAR|kind"` → the subtotal rows' own sums.
    var subtotalTotals: [String: Int64]
    /// Row rules the oracle checked (Köln): values checked, within rounding, and each violation as
    /// `"COLUMN|rule|published|computed"`; nil when the oracle checks none.
    var invariants: (checked: Int, withinRounding: Int, violations: Set<String>)?

    static func run(_ script: String, on path: String) throws -> RealDataOracle {
        let dir = TestSupport.repoRoot.appendingPathComponent("Tests/PruefstandCoreTests/RealData/oracles").path
        let (status, out) = try TestSupport.shell("python3 '\(dir)/\(script)' '\(path)'")
        guard status == 0, let json = try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any],
              let rows = json["rows"] as? [String: Int] else { throw OracleFailed(script: script, output: String(out.prefix(500))) }
        func cents(_ key: String) -> [String: Int64] {
            ((json[key] as? [String: Any]) ?? [:]).compactMapValues { ($0 as? NSNumber)?.int64Value }
        }
        var invariants: (Int, Int, Set<String>)?
        if let inv = json["invariants"] as? [String: Any], let checked = inv["checked"] as? Int, let within = inv["within_rounding"] as? Int,
           let violations = inv["violations"] as? [[String: Any]] {
            invariants = (checked, within, Set(violations.map { v in
                "\(v["column"] ?? "")|\(v["rule"] ?? "")|\((v["published_cents"] as? NSNumber)?.int64Value ?? 0)|\((v["computed_cents"] as? NSNumber)?.int64Value ?? 0)"
            }))
        }
        return RealDataOracle(detailRows: rows["detail"] ?? -1, subtotalRows: rows["subtotal"] ?? -1,
                              detailTotals: cents("detail_totals_cents"), fileSums: cents("file_sums_cents"),
                              subtotalTotals: cents("subtotal_totals_cents"), invariants: invariants)
    }
    struct OracleFailed: Error, CustomStringConvertible {
        var script: String, output: String
        var description: String { "oracle \(script) failed: \(output)" }
    }
}

@Suite("Real published exports import through a mapping and reconcile with the oracles (issue 14)", .serialized)
struct RealDataImportTests {
    @Test("the file imports through its mapping: every row, the year totals by kind and side as the oracle computes them",
          RealData.enabled, arguments: RealDataCase.all)
    func importsAndReconciles(_ c: RealDataCase) throws {
        let path = try RealData.file(c.file)
        let oracle = try RealDataOracle.run(c.oracle, on: path)
        let mapping = try Mapping.load(path: TestSupport.repoRoot.appendingPathComponent("Datasets/realdata/\(c.mapping)").path)
        let (store, dir) = try TestSupport.tempStore()
        var options = ImportOptions()
        options.onError = .abort
        options.rejectsDirectory = dir
        let s = try Importer(store: store).run(kind: .plan, path: path, mapping: mapping, options: options)

        #expect(s.status != "aborted", "\(s.rejects.first?.message ?? "")")
        #expect(s.rowsRejected == 0)
        #expect(s.rowsRead == oracle.detailRows)
        #expect(s.rowsImported == oracle.detailRows)
        // Subtotal rows (sums of the rows above them) are counted and their amounts stated, never imported.
        #expect((s.skipped["subtotal row"] ?? 0) == oracle.subtotalRows)
        #expect((s.subtotalFileCents ?? 0) == oracle.subtotalTotals.values.reduce(0, +))

        let stored = try store.read { db in
            try Row.fetchAll(db, sql: "SELECT fiscalYear, kind, side, sum(amountCents) AS c FROM budgetLine GROUP BY 1, 2, 3")
                .reduce(into: [String: Int64]()) { out, r in
                    out["\(r[0] as Int)|\(r[1] as String)|\((r[2] as String?) ?? "none")"] = r["c"]
                }
        }
        let expected = oracle.detailTotals.filter { key, _ in !c.notImported.contains(String(key.split(separator: "|")[1])) }
        #expect(stored == expected)
        let leftOut = Set(oracle.detailTotals.keys.map { String($0.split(separator: "|")[1]) }).subtracting(stored.keys.map { String($0.split(separator: "|")[1]) })
        #expect(leftOut == c.notImported)
        // The control total as the file writes it: the sum of the oracle's signed year sums.
        let fileSum = oracle.fileSums.filter { key, _ in !c.notImported.contains(String(key.split(separator: "|")[1])) }.values.reduce(0, +)
        #expect(s.controlReadFileCents == fileSum)
        #expect(s.controlStoredCents == s.controlImportedCents)
        // Row rules the mapping declares: the same values checked and the same violations as the oracle finds.
        if mapping.invariants != nil, let inv = oracle.invariants {
            #expect(s.invariantsChecked == inv.checked)
            #expect(s.invariantsWithinTolerance == inv.withinRounding)
            let found = Set(s.invariantFindings.map { "\($0.column)|\($0.rule)|\($0.publishedCents)|\($0.computedCents)" })
            #expect(found == inv.violations)
        }
    }

    /// The .xls goes through LibreOffice in the import and in the oracle; the .csv of the same table does not:
    /// the stored totals of the .xls must be those of the .csv's oracle too, and both SHA-256 are recorded.
    @Test("the Bremen .xls, converted by LibreOffice, stores the totals the .csv's oracle computes; original and converted SHA-256 recorded",
          RealData.enabled)
    func xlsAgainstCSV() throws {
        let xls = try RealData.file("bremen/Haushaltsdaten_2016-2017.xls")
        let csvOracle = try RealDataOracle.run("bremen.py", on: try RealData.file("bremen/Haushaltsdaten_2016-2017.csv"))
        let mapping = try Mapping.load(path: TestSupport.repoRoot.appendingPathComponent("Datasets/realdata/bremen-Haushaltsdaten_2016-2017.xls.yaml").path)
        let (store, dir) = try TestSupport.tempStore()
        var options = ImportOptions()
        options.rejectsDirectory = dir
        let s = try Importer(store: store).run(kind: .plan, path: xls, mapping: mapping, options: options)
        #expect(s.rowsImported == csvOracle.detailRows)
        #expect(s.skipped["blank"] == 22)
        let stored = try store.read { db in
            try Row.fetchAll(db, sql: "SELECT fiscalYear, kind, side, sum(amountCents) AS c FROM budgetLine GROUP BY 1, 2, 3")
                .reduce(into: [String: Int64]()) { $0["\($1[0] as Int)|\($1[1] as String)|\($1[2] as String)"] = $1["c"] }
        }
        #expect(stored == csvOracle.detailTotals)
        let (status, sum) = try TestSupport.shell("sha256sum '\(xls)'")
        #expect(status == 0 && sum.hasPrefix(s.sha256))
        #expect(s.convertedSha256?.count == 64 && s.convertedSha256 != s.sha256)
    }

    @Test("the BW scheme's Produktbereiche are those of the published framework (Code for Karlsruhe extraction)", RealData.enabled)
    func bwAreas() throws {
        let folder = try RealData.file("schemes-bw")
        let dir = TestSupport.repoRoot.appendingPathComponent("Tests/PruefstandCoreTests/RealData/oracles").path
        let (status, out) = try TestSupport.shell("python3 '\(dir)/bw_scheme.py' '\(folder)'")
        #expect(status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any]
        let areas = try #require(json?["produktbereiche"] as? [String])
        #expect(areas.count == 21)
        #expect(Set(BW2016Scheme.areaNames.keys) == Set(areas))
    }

    @Test("a cameral Haushaltsstelle is stored as written, with Einzelplan, Kapitel and Titel from the file's own columns",
          RealData.enabled)
    func kameralPlaces() throws {
        // Niedersachsen writes Einzelplan and Kapitel in columns of their own: the scheme's split of the
        // Haushaltsstelle must agree with them on every row (checked with the sqlite3 shell from the file).
        let path = try RealData.file("niedersachsen/haushalt-niedersachsen.csv")
        let mapping = try Mapping.load(path: TestSupport.repoRoot.appendingPathComponent("Datasets/realdata/niedersachsen-haushalt-niedersachsen.yaml").path)
        let (store, dir) = try TestSupport.tempStore()
        var options = ImportOptions()
        options.rejectsDirectory = dir
        _ = try Importer(store: store).run(kind: .plan, path: path, mapping: mapping, options: options)
        let csv = "\(dir)/places.csv"
        try store.read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT DISTINCT product, productArea, productGroup, account, productLevel FROM budgetLine ORDER BY product")
            try rows.map { "\($0[0] as String);\($0[1] as String);\($0[2] as String);\($0[3] as String);\($0[4] as String)" }
                .joined(separator: "\n").appending("\n").write(toFile: csv, atomically: true, encoding: .utf8)
        }
        let (status, out) = try TestSupport.shell("""
            sqlite3 :memory: -cmd '.mode csv' -cmd '.separator ;' -cmd ".import '\(path)' f" \
              -cmd "CREATE TABLE p(product, area, kapitel, titel, level)" -cmd ".import '\(csv)' p" \
              "SELECT count(*), sum(trim(f.Einzelplan) = p.area AND f.Kapitel = p.kapitel AND p.level = 'haushaltsstelle' AND replace(substr(f.Haushaltsstelle, 6), ' ', '') = p.titel) FROM p JOIN f ON f.Haushaltsstelle = p.product"
            """)
        #expect(status == 0)
        // sqlite3's .import joins the 31 records that end in a bare CR with their neighbours (6,225 of 6,256
        // Haushaltsstellen come out whole); every one it reads must agree.
        let parts = out.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ";").compactMap { Int($0) }
        #expect(parts.count == 2 && parts[0] == parts[1] && parts[0] >= 6_200, "rows, agreeing: \(out)")
    }
}

import Foundation
import Testing
@testable import PruefstandCore

/// Every CSV the tool writes goes through one writer with one neutralisation rule (issue 19): a text that
/// a spreadsheet could run (`=`, `+`, `-`, `@`, tab, CR first) gets a leading apostrophe, and a field
/// with CR, LF, separator or quote is quoted. Checked with Python's csv module as the reader.
@Suite("CLI CSV: hostile cell content", .serialized, .enabled(if: CrashSafetyTests.binary != nil, "the pruefstand binary is built beside the tests"))
struct CLICSVTests {
    static let city: Result<(dir: String, db: String), Error> = Result {
        let dir = try TestCity.make(hostile: true)
        let db = dir + "/city.sqlite"
        let r = try TestCity.run(["run", dir, "--db", db, "--quiet"])
        guard r.status == 0 else { throw PruefstandError.other("run failed: \(r.err)") }
        return (dir, db)
    }

    /// A relief scenario whose name and description are hostile (paths absolute into the repository).
    static func hostileScenario(_ dir: String) throws -> String {
        let repo = TestCity.repo.path
        var text = try String(contentsOfFile: repo + "/Datasets/musterstadt/scenarios/kita-minus-20.yaml", encoding: .utf8)
        text = text.replacingOccurrences(of: "name: kita-minus-20", with: "name: '=HYPERLINK(\"http://x\",\"y\")'")
        text = text.replacingOccurrences(of: "description: Kita-Elternbeiträge 20 % niedriger ab 2027", with: "description: \"@SUM(1)\\rzweite Zeile\"")
        text = text.replacingOccurrences(of: "baseline: [../../../Parameters/nrw, parameters]",
                                          with: "baseline: [\(repo)/Parameters/nrw, \(repo)/Datasets/musterstadt/scenarios/parameters]")
        text = text.replacingOccurrences(of: "city: stadt.yaml", with: "city: \(repo)/Datasets/musterstadt/scenarios/stadt.yaml")
        text = text.replacingOccurrences(of: "projection: ../controlling/projection.yaml", with: "projection: \(repo)/Datasets/musterstadt/controlling/projection.yaml")
        let path = dir + "/hostile-scenario.yaml"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Python's csv module reads `text`: every section (tables separated by an empty line) is one table
    /// with the header's width; no field starts with = + - @ tab or CR unless it is a number.
    /// Prints a JSON object: {"ok": bool, "problems": [...], "fields": [every field]}.
    static let checker = """
    import csv, io, json, re, sys
    text = open(sys.argv[1], encoding='utf-8-sig', newline='').read()
    delim = sys.argv[2]
    rows = list(csv.reader(io.StringIO(text, newline=''), delimiter=delim))
    problems, fields, sections, cur = [], [], [], []
    for r in rows:
        if r == []:
            if cur: sections.append(cur); cur = []
        else: cur.append(r)
    if cur: sections.append(cur)
    number = re.compile(r'^-?[0-9]+([.,][0-9]+)?$')
    for s in sections:
        width = len(s[0])
        for i, r in enumerate(s[1:], 2):
            if len(r) != width: problems.append('row %d has %d fields, header %d: %r' % (i, len(r), width, r[:4]))
            for f in r:
                fields.append(f)
                if f and f[0] in '=+-@\\t\\r' and not number.match(f): problems.append('not neutralised: %r' % f)
    print(json.dumps({'ok': not problems, 'problems': problems[:10], 'fields': fields, 'sections': len(sections)}))
    """

    struct Check: Decodable { var ok: Bool; var problems: [String]; var fields: [String]; var sections: Int }

    static func check(_ csvText: String, delimiter: String = ",", dir: String) throws -> Check {
        let file = dir + "/out-\(UUID().uuidString.prefix(6)).csv"
        try Data(csvText.utf8).write(to: URL(fileURLWithPath: file))
        let script = dir + "/check_csv.py"
        if !FileManager.default.fileExists(atPath: script) { try checker.write(toFile: script, atomically: true, encoding: .utf8) }
        let r = try TestSupport.runProcess(URL(fileURLWithPath: "/usr/bin/env"), ["python3", script, file, delimiter])
        guard r.status == 0 else { throw PruefstandError.other("check_csv.py: \(r.err)") }
        return try JSONDecoder().decode(Check.self, from: Data(r.out.utf8))
    }

    static let commands: [(name: String, args: [String], expects: [String])] = [
        ("review", ["review", "--as-of", "2026-01-01", "--format", "csv"], ["'=HYPERLINK(\"http://x\",\"y\")", "a\rb"]),
        ("review summary", ["review", "--as-of", "2026-01-01", "--format", "csv", "--table", "summary"], []),
        ("audit", ["audit", "--format", "csv", "--parameters", TestCity.repo.path + "/Datasets/musterstadt/controlling/audit.yaml"], ["'"]),
        ("variance by cost centre", ["variance", "--by", "cost-center", "--format", "csv"], ["'=HYPERLINK(\"http://x\",\"y\")", "'@SUM(1)", "'+1", "'-1", "a\rb"]),
        ("variance by product and account", ["variance", "--format", "csv"], []),
        ("projection", ["projection", "--format", "csv", "--scenario", TestCity.repo.path + "/Datasets/musterstadt/controlling/projection.yaml"], []),
    ]

    @Test("review (list and summary), audit, variance and projection --format csv: one table each, read by Python's csv as one table, values neutralised, CR quoted",
          arguments: [0, 1, 2, 3, 4, 5])
    func command(_ i: Int) throws {
        let (dir, db) = try Self.city.get()
        let c = Self.commands[i]
        var args = c.args + ["--db", db]
        if c.name == "projection" { args += ["--relief", try Self.hostileScenario(dir)] }
        if c.name.hasPrefix("review") { args += ["--rules", TestCity.repo.path + "/Datasets/musterstadt/rules/review.yaml"] }
        let r = try TestCity.run(args)
        #expect(r.status == 0, "\(c.name): \(r.err)")
        let result = try Self.check(r.out, dir: dir)
        #expect(result.ok, "\(c.name): \(result.problems)")
        for e in c.expects { #expect(result.fields.contains { $0.hasPrefix(e) || $0.contains(" " + e) || $0 == e }, "\(c.name): no field \(e.debugDescription)") }
        #expect(result.sections == 1, "\(c.name): \(result.sections) tables in one stream")
        #expect(!r.out.contains("\n\n"), "\(c.name): an empty line in the stream")
    }

    @Test("scenario run (every table), diff and montecarlo --format csv: values neutralised, CR quoted",
          arguments: ["effects", "relief", "typical_cases", "assumptions", "tornado", "diff", "diff-inputs", "diff-results", "montecarlo", "montecarlo-balance"])
    func scenario(_ table: String) throws {
        let (dir, _) = try Self.city.get()
        let file = try Self.hostileScenario(dir)
        let args: [String]
        switch table {
        case "diff", "diff-inputs", "diff-results":
            args = ["scenario", "diff", file, TestCity.repo.path + "/Datasets/musterstadt/scenarios/kita-minus-20.yaml", "--format", "csv",
                    "--table", table == "diff" ? "parameters" : String(table.dropFirst(5))]
        case "montecarlo", "montecarlo-balance":
            args = ["scenario", "montecarlo", file, "--draws", "50", "--format", "csv",
                    "--budget", TestCity.repo.path + "/Datasets/musterstadt/scenarios/haushalt-basis.yaml",
                    "--table", table == "montecarlo" ? "bands" : "balance"]
        default: args = ["scenario", "run", file, "--format", "csv", "--table", table]
        }
        let r = try TestCity.run(args)
        #expect(r.status == 0, "\(table): \(r.err)")
        let result = try Self.check(r.out, dir: dir)
        #expect(result.ok, "\(table): \(result.problems)")
        #expect(result.sections == 1, "\(table): \(result.sections) tables in one stream")
        if ["effects", "relief", "typical_cases", "tornado", "montecarlo"].contains(table) {
            #expect(result.fields.contains("'=HYPERLINK(\"http://x\",\"y\")"), "\(table): the scenario's name is neutralised")
        }
    }

    @Test("report --csv and export .csv (both dialects) with the same hostile store: values neutralised, CR quoted")
    func reportAndExport() throws {
        let (dir, db) = try Self.city.get()
        let csvDir = dir + "/report-csv"
        let r = try TestCity.run(["report", "--db", db, "--out", dir + "/r.xlsx", "--csv", csvDir, "--dialect", "rfc4180"])
        #expect(r.status == 0, "\(r.err)")
        var all: [String] = []
        for f in try FileManager.default.contentsOfDirectory(atPath: csvDir) where f.hasSuffix(".csv") {
            let c = try Self.check(try String(contentsOfFile: csvDir + "/" + f, encoding: .utf8), dir: dir)
            #expect(c.ok, "\(f): \(c.problems)")
            all += c.fields
        }
        #expect(all.contains { $0.hasPrefix("'=") })
        for (view, dialect, sep) in [("v_ledger", "rfc4180", ","), ("v_org_units", "excel-de", ";"), ("v_positions", "rfc4180", ",")] {
            let out = dir + "/\(view).csv"
            let e = try TestCity.run(["export", view, "--db", db, "--out", out, "--dialect", dialect])
            #expect(e.status == 0, "\(e.err)")
            let c = try Self.check(try String(contentsOfFile: out, encoding: .utf8), delimiter: sep, dir: dir)
            #expect(c.ok, "\(view): \(c.problems)")
            #expect(c.fields.contains { $0.hasPrefix("'=HYPERLINK") || $0.hasPrefix("'=cmd") })
        }
    }
}

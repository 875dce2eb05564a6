import Foundation
import Testing
@testable import PruefstandCore

/// Names beside codes, end to end (issue 16): a city with a code list (`codes.csv`) and org units runs the
/// main job; in the excel-de CSV of the plan/actual table every product and account has its name from the
/// code list, and every review case its org unit's name from `orgunits.csv`. The oracle is Python's csv
/// module reading the input files and the written CSV (codes compared after stripping the excel-de tab).
@Suite("End to end: names beside codes", .serialized, .enabled(if: CrashSafetyTests.binary != nil, "the pruefstand binary is built beside the tests"))
struct NamesEndToEndTests {
    static let oracle = """
    import csv, json, sys
    city, out = sys.argv[1], sys.argv[2]
    def rows(path, delim):
        with open(path, encoding='utf-8-sig', newline='') as f: return list(csv.DictReader(f, delimiter=delim))
    codes = {(r['dimension'], r['code']): r['name'] for r in rows(city + '/codes.csv', ',')}
    units = {r['org_unit']: r['name'] for r in rows(city + '/orgunits.csv', ',')}
    problems, checked = [], 0
    for r in rows(out + '/variance.csv', ';'):
        for dim in ('product', 'account'):
            code = r[dim].strip()
            want = codes.get((dim, code), '')
            if r[dim + '_name'] != want: problems.append('%s %s: %r, code list %r' % (dim, code, r[dim + '_name'], want))
            checked += 1
    for r in rows(out + '/review.csv', ';'):
        code = r['org_unit'].strip()
        if r['org_unit_name'] != units.get(code, ''): problems.append('org unit %s: %r' % (code, r['org_unit_name']))
        checked += 1
    print(json.dumps({'problems': problems[:10], 'checked': checked}))
    """

    struct Result: Decodable { var problems: [String]; var checked: Int }

    @Test("the plan/actual CSV names every product and account from the code list; the review names every org unit")
    func namesInCSV() throws {
        let manifest = TestCity.manifest().replacingOccurrences(of: "  - { kind: plan, file: plan.csv }\n",
                                                                 with: "  - { kind: plan, file: plan.csv }\n  - { kind: codes, file: codes.csv }\n")
        let dir = try TestCity.make(manifest: manifest)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try TestCity.run(["run", dir, "--db", dir + "/city.sqlite", "--quiet"])
        #expect(r.status == 0, "\(r.err)")
        let script = dir + "/names_oracle.py"
        try Self.oracle.write(toFile: script, atomically: true, encoding: .utf8)
        let o = try TestSupport.runProcess(URL(fileURLWithPath: "/usr/bin/env"), ["python3", script, dir, dir + "/out/csv"])
        #expect(o.status == 0, "\(o.err)")
        let result = try JSONDecoder().decode(Result.self, from: Data(o.out.utf8))
        #expect(result.problems.isEmpty, "\(result.problems)")
        #expect(result.checked > 100)
        // Without the code list the product and account columns stay unnamed (no empty name columns).
        let plain = try TestCity.make()
        defer { try? FileManager.default.removeItem(atPath: plain) }
        #expect(try TestCity.run(["run", plain, "--db", plain + "/city.sqlite", "--quiet"]).status == 0)
        let header = try String(contentsOfFile: plain + "/out/csv/variance.csv", encoding: .utf8).components(separatedBy: "\r\n")[0]
        #expect(header.trimmingCharacters(in: CharacterSet(charactersIn: "\u{FEFF}")) == "product;account;plan;actual;variance;variance_share;annual_plan;forecast_run_rate;forecast_seasonal;flagged")
    }
}

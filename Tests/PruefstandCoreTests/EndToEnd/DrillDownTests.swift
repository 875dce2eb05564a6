import Foundation
import Testing
@testable import PruefstandCore

/// Drill-down (issue 16), end to end: in the workbook of a small Musterstadt, the largest variance lines of
/// the plan/actual sheet link (internal hyperlinks) to the postings behind them. A Python oracle follows
/// every link with openpyxl and checks, against `ledger-2025.csv` read by itself, that the target row names
/// the same product and account and states the number and total of that line's postings.
@Suite("End to end: variance lines link to their postings", .serialized, .enabled(if: CrashSafetyTests.binary != nil, "the pruefstand binary is built beside the tests"))
struct DrillDownTests {
    static let oracle = """
    import csv, io, json, re, sys
    from decimal import Decimal
    import openpyxl
    city, book = sys.argv[1], sys.argv[2]
    count, total = {}, {}
    text = open(city + '/ledger-2025.csv', encoding='cp1252', newline='').read()
    for r in csv.DictReader(io.StringIO(text), delimiter=';'):
        k = (r['Produkt'], r['Sachkonto'])
        count[k] = count.get(k, 0) + 1
        total[k] = total.get(k, 0) + int(Decimal(r['Betrag'].replace(',', '.')) * 100)
    wb = openpyxl.load_workbook(book)
    ws = wb['Plan-Ist-Vergleich']
    header = next(r for r in ws.iter_rows() if r[0].value == 'Produkt')
    col = {c.value: c.column - 1 for c in header}
    problems, links = [], 0
    for row in ws.iter_rows(min_row=header[0].row + 1):
        for c in row:
            if not c.hyperlink: continue
            links += 1
            product, account = row[col['Produkt']].value, row[col['Konto']].value
            sheet, ref = c.hyperlink.location.rsplit('!', 1)
            target = wb[sheet.strip("'")]
            r = int(re.sub('[A-Z]', '', ref))
            cells = [x.value for x in target[r]]
            if cells[0] != '%s / %s' % (product, account): problems.append('%s: target %r' % (c.coordinate, cells[0]))
            th = next(x for x in target.iter_rows() if 'Beleg' in [y.value for y in x])
            m = re.match(r'(\\d+) Buchungen', str(cells[[y.value for y in th].index('Beleg')]))
            want = (count.get((product, account), 0), total.get((product, account), 0))
            got = (int(m.group(1)) if m else None, int(round(Decimal(str(cells[-1])) * 100)))
            if want != got: problems.append('%s %s/%s: ledger %s, sheet %s' % (c.coordinate, product, account, want, got))
    print(json.dumps({'problems': problems, 'links': links}))
    """

    struct Result: Decodable { var problems: [String]; var links: Int }

    @Test("the ten largest variance lines link to their postings; count and total agree with the ledger file")
    func links() throws {
        let dir = try TestCity.make(manifest: TestCity.manifest(extra: "controlling:\n  variance_year: 2025\n"))
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try TestCity.run(["run", dir, "--db", dir + "/city.sqlite", "--quiet"])
        #expect(r.status == 0, "\(r.err)")
        let script = dir + "/drill_oracle.py"
        try Self.oracle.write(toFile: script, atomically: true, encoding: .utf8)
        let o = try TestSupport.runProcess(URL(fileURLWithPath: "/usr/bin/env"), ["python3", script, dir, dir + "/out/city.xlsx"])
        #expect(o.status == 0, "\(o.err)")
        let result = try JSONDecoder().decode(Result.self, from: Data(o.out.utf8))
        #expect(result.links == 10)
        #expect(result.problems.isEmpty, "\(result.problems.prefix(10))")
    }
}

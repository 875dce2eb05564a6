import Foundation
import Testing
@testable import PruefstandCore

@Suite("Controlling: plan vs actual")
struct VarianceTests {
    static let generated = ControllingFixture.casesURL.appendingPathComponent("variance-generated")

    @Test("the generator's ledger and plan: CSV by product and account equals the Decimal oracle to the cent")
    func generatedProductAccount() throws {
        let store = try ControllingFixture.store(ledgerCSV: Self.generated.appendingPathComponent("ledger.csv"),
                                                 planCSV: Self.generated.appendingPathComponent("plan.csv"))
        let report = try VarianceAnalysis.run(store, VarianceOptions(dimension: .productAccount, includeDrivers: false))
        let expected = try String(contentsOf: Self.generated.appendingPathComponent("expected-product-account.csv"), encoding: .utf8)
        let actual = report.csv()
        let e = expected.split(separator: "\n"), a = actual.split(separator: "\n")
        #expect(a.count == e.count)
        for (i, (x, y)) in zip(e, a).enumerated() where x != y {
            Issue.record("line \(i + 1): expected \(x), got \(y)")
            break
        }
        #expect(report.year == 2025)
    }

    @Test("the generator's ledger: year to date through June by product area equals the integer oracle")
    func generatedAreaYearToDate() throws {
        let store = try ControllingFixture.store(ledgerCSV: Self.generated.appendingPathComponent("ledger.csv"),
                                                 planCSV: Self.generated.appendingPathComponent("plan.csv"))
        let report = try VarianceAnalysis.run(store, VarianceOptions(year: 2025, dimension: .productArea, throughMonth: 6,
                                                                     phasing: .even, includeDrivers: false))
        let expected = try ControllingFixture.csvRecords(Self.generated.appendingPathComponent("expected-area-ytd6.csv")).dropFirst()
        let rows = Dictionary(uniqueKeysWithValues: report.rows.map { ($0.keys[0], $0) })
        #expect(rows.count == expected.count)
        for e in expected {
            let r = try #require(rows[e[0]], "area \(e[0])")
            #expect(r.plan.plainString == e[1], "plan \(e[0])")
            #expect(r.actual.plainString == e[2], "actual \(e[0])")
            #expect(r.variance.plainString == e[3], "variance \(e[0])")
            #expect(r.forecastRunRate.plainString == e[4], "forecast \(e[0])")
        }
    }

    static var binary: URL { TestSupport.binaryLocation }

    @Test("end to end: `pruefstand variance --format csv` on a store file prints the hand-computed CSV",
          .enabled(if: FileManager.default.isExecutableFile(atPath: binary.path), "the pruefstand binary is built"))
    func endToEnd() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pruefstand-controlling-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("store.sqlite").path
        _ = try Self.handStore(path: path)
        let run = try TestSupport.runProcess(Self.binary, ["variance", "--db", path, "--by", "product,account", "--format", "csv"])
        #expect(run.status == 0)
        // Full year 2025: 501100 10.00 − 100.05 = −90.05 (−90.0049 % → −90.0);
        // 521100 1,000.00 − 1,200.00 = −200.00 (−16.667 % → −16.7). Larger variance (−90.05) first.
        #expect(run.out == """
            product,account,plan,actual,variance,variance_pct
            01.01.01,501100,100.05,10.00,-90.05,-90.0
            01.01.01,521100,1200.00,1000.00,-200.00,-16.7

            """)
    }

    /// A hand-made ledger. Plan 2025: 01.01.01/521100 = 1,200.00 €, 01.01.01/501100 = 100.05 €.
    /// Prior year 521100: Jan 300 (KST1, vendor A), Feb 100 (KST2, B), Mar–Dec 80 each (KST1, A).
    /// 2025 521100: Jan 500 (KST1, A), Feb 400 (KST2, B), Mar 100 (KST1, A); 501100: Jan 10.00 (KST3, C).
    static func handStore(path: String? = nil) throws -> Store {
        typealias P = ControllingFixture.Posting
        var postings = [
            P(date: "2024-01-10", product: "01.01.01", account: "521100", amountCents: 30_000, vendor: "A", costCenter: "KST1"),
            P(date: "2024-02-10", product: "01.01.01", account: "521100", amountCents: 10_000, vendor: "B", costCenter: "KST2"),
        ]
        for m in 3...12 {
            postings.append(P(date: "2024-\(m < 10 ? "0" : "")\(m)-10", product: "01.01.01", account: "521100", amountCents: 8_000, vendor: "A", costCenter: "KST1"))
        }
        postings += [
            P(date: "2025-01-15", product: "01.01.01", account: "521100", amountCents: 50_000, vendor: "A", costCenter: "KST1"),
            P(date: "2025-02-15", product: "01.01.01", account: "521100", amountCents: 40_000, vendor: "B", costCenter: "KST2"),
            P(date: "2025-03-15", product: "01.01.01", account: "521100", amountCents: 10_000, vendor: "A", costCenter: "KST1"),
            P(date: "2025-01-20", product: "01.01.01", account: "501100", amountCents: 1_000, vendor: "C", costCenter: "KST3"),
        ]
        return try ControllingFixture.store(
            postings: postings,
            plan: [(2025, "01.01.01", "521100", 120_000), (2025, "01.01.01", "501100", 10_005)],
            costCenters: [("KST1", "OE-A"), ("KST2", "OE-A"), ("KST3", "OE-B")], path: path)
    }

    @Test("hand example through March, even phasing: 1,200.00/12×3 = 300.00; 100.05 € = 10005 ct → 833×3+3 = 25.02 €")
    func handEven() throws {
        let options = VarianceOptions(year: 2025, dimension: .productAccount, throughMonth: 3, phasing: .even,
                                      thresholds: VarianceThresholds(absolute: Money(euros: 500), percent: 50))
        let report = try VarianceAnalysis.run(try Self.handStore(), options)
        #expect(report.rows.map(\.keys) == [["01.01.01", "521100"], ["01.01.01", "501100"]])
        let material = report.rows[0], personnel = report.rows[1]
        #expect(material.plan == Money(cents: 30_000))
        #expect(material.actual == Money(cents: 100_000))
        #expect(material.variance == Money(cents: 70_000))
        #expect(material.variancePercentString == "233.3")          // 700/300 = 2.3333
        #expect(material.forecastRunRate == Money(cents: 400_000))    // 1,000 × 12/3
        #expect(material.forecastSeasonal == Money(cents: 250_000))   // 1,000 × 1,200/480 (prior Jan–Mar 300+100+80)
        #expect(material.flagged)                                     // 700 ≥ 500 and 233 % ≥ 50 %
        #expect(personnel.plan == Money(cents: 2_502))
        #expect(personnel.variance == Money(cents: -1_502))
        #expect(personnel.variancePercentString == "-60.0")           // -15.02/25.02 = -0.6003
        #expect(personnel.forecastSeasonal == Money(cents: 4_000))    // no prior year: run rate 10 × 4
        #expect(!personnel.flagged)                                   // 15.02 < 500
        // Vendors through March: A 600 (prior 380), B 400 (prior 100): B +300 leads, A +220.
        let vendors = material.drivers.filter { $0.kind == .vendor }
        #expect(vendors.map(\.key) == ["B", "A"])
        #expect(vendors.map(\.amount) == [Money(cents: 30_000), Money(cents: 22_000)])
    }

    @Test("hand example, seasonal phasing: plan 1,200 split 300/100/80… like the prior year, so Jan–Mar = 480.00")
    func handSeasonal() throws {
        let report = try VarianceAnalysis.run(try Self.handStore(),
                                              VarianceOptions(year: 2025, dimension: .product, throughMonth: 3, phasing: .seasonal))
        #expect(report.rows.count == 1)
        #expect(report.rows[0].plan == Money(cents: 48_000 + 2_502))   // 480.00 + 25.02 (no prior: even)
        #expect(report.rows[0].actual == Money(cents: 101_000))
        #expect(report.rows[0].annualPlan == Money(cents: 130_005))
    }

    @Test("hand example by cost centre and org unit: the plan follows the prior year's actuals (1,100 / 100), else this year's")
    func handCostCenters() throws {
        let store = try Self.handStore()
        let cc = try VarianceAnalysis.run(store, VarianceOptions(year: 2025, dimension: .costCenter))
        let byCC = Dictionary(uniqueKeysWithValues: cc.rows.map { ($0.keys[0], $0) })
        #expect(byCC["KST1"]?.plan == Money(cents: 110_000))
        #expect(byCC["KST1"]?.actual == Money(cents: 60_000))
        #expect(byCC["KST2"]?.plan == Money(cents: 10_000))
        #expect(byCC["KST2"]?.actual == Money(cents: 40_000))
        #expect(byCC["KST3"]?.plan == Money(cents: 10_005))
        #expect(byCC["KST3"]?.actual == Money(cents: 1_000))
        let ou = try VarianceAnalysis.run(store, VarianceOptions(year: 2025, dimension: .orgUnit))
        let byOU = Dictionary(uniqueKeysWithValues: ou.rows.map { ($0.keys[0], $0) })
        #expect(byOU["OE-A"]?.plan == Money(cents: 120_000))
        #expect(byOU["OE-A"]?.actual == Money(cents: 100_000))
        #expect(byOU["OE-B"]?.plan == Money(cents: 10_005))
        #expect(cc.totalPlan == Money(cents: 130_005))
    }

    @Test("account group and product group keys: 521100 → 52, 01.01.01 → 01.01")
    func groupKeys() throws {
        let store = try Self.handStore()
        let ag = try VarianceAnalysis.run(store, VarianceOptions(year: 2025, dimension: .accountGroup))
        #expect(Set(ag.rows.map { $0.keys[0] }) == ["52", "50"])
        let pg = try VarianceAnalysis.run(store, VarianceOptions(year: 2025, dimension: .productGroup))
        #expect(pg.rows.map(\.keys) == [["01.01"]])
        #expect(pg.rows[0].variance == Money(cents: 101_000 - 130_005))
    }

    @Test("percent rounds half away from zero: 1/8 = 12.5 %, -1/8 = -12.5 %, 1/2000 = 0.1 %, -1/3000 = -0.0 %")
    func percentRounding() {
        func row(_ plan: Int64, _ actual: Int64) -> VarianceRow {
            VarianceRow(keys: [], plan: Money(cents: plan), annualPlan: .zero, actual: Money(cents: actual),
                        forecastRunRate: .zero, forecastSeasonal: .zero, flagged: false, drivers: [])
        }
        #expect(row(800, 900).variancePercentString == "12.5")
        #expect(row(800, 700).variancePercentString == "-12.5")
        #expect(row(200_000, 200_100).variancePercentString == "0.1")   // 0.05 % rounds up
        #expect(row(300_000, 299_999).variancePercentString == "-0.0")
        #expect(row(0, 5).variancePercentString == "")
    }

    @Test("report table: variance and variance % are formulas with the engine's values cached")
    func reportTable() throws {
        let report = try VarianceAnalysis.run(try Self.handStore(), VarianceOptions(year: 2025, throughMonth: 3))
        let table = report.reportTables()[0]
        let v = table.columns.firstIndex { $0.key == "variance" }!
        guard case let .formula(f, cached) = table.rows[0][v] else { Issue.record("no formula"); return }
        #expect(f == "={col:actual}{r}-{col:plan}{r}")
        #expect(cached == .money(Money(cents: 70_000)))
        #expect(report.largestVariancesTable().rows.count == 2)
    }

    @Test("JSON output parses and carries money as decimal strings, quotes escaped")
    func json() throws {
        let report = try VarianceAnalysis.run(try Self.handStore(), VarianceOptions(year: 2025, throughMonth: 3))
        let text = ControllingFormat.json(report.jsonObject())
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        let rows = try #require(object?["rows"] as? [[String: Any]])
        #expect(rows.first?["variance"] as? String == "700.00")
        #expect(rows.last?["variance_pct"] as? String == "-60.0")
        #expect(ControllingFormat.json(["a": "x\"y\n", "b": [Int64(1), 2]]) == "{\n  \"a\": \"x\\\"y\\n\",\n  \"b\": [1, 2]\n}\n")
    }
}

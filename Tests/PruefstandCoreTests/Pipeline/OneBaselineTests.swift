import Foundation
import Testing
@testable import PruefstandCore

/// One budget, one answer (issue 15): `scenario solve`, `scenario montecarlo`, the projection and the main job's
/// "largest affordable relief" all run over the consolidation projection of the store. The oracle is the
/// annual result computed here from the store's plan lines (growth 0, no measures, no debt: every year's
/// result is Σ revenue − Σ expenses of the plan).
@Suite("one budget baseline")
struct OneBaselineTests {
    static let projectionYAML = """
        name: {de: Test, en: Test}
        reference_period: "plan year + 3"
        years: 3
        default_growth_rate: {unit: share, values: [{from: 2000, value: 0, source: "test: no growth"}]}
        equity:
          ausgleichsruecklage: {unit: EUR, values: [{from: 2000, value: 0, source: "test"}]}
          allgemeine_ruecklage: {unit: EUR, values: [{from: 2000, value: 0, source: "test"}]}
        measures: []
        """

    static func scenarioYAML(projection: String) -> String {
        """
        name: gewst-test
        description: Gewerbesteuer 520 → 490 % ab 2027 (test)
        baseline: ["{repo}/Parameters/nrw", "{repo}/Datasets/musterstadt/scenarios/parameters"]
        city: "{repo}/Datasets/musterstadt/scenarios/stadt.yaml"
        projection: \(projection)
        solve: {lever: gewerbesteuer.hebesatz, balanced_from: 2027}
        years: {from: 2026, to: 2029}
        models: [gewerbesteuer]
        overrides:
          gewerbesteuer.hebesatz:
            - {from: 2027, value: 490, source: test}
        distributions:
          seed: 1
          draws: 200
          parameters:
            gewerbesteuer.elastizitaet: {distribution: triangular, min: -0.9, mode: -0.3, max: 0, source: test}
        """
    }

    /// Plan of 2026: revenue and expense lines whose difference is the surplus (negative: a deficit).
    static func plan(surplusEuros: Int64) -> [(year: Int, product: String, account: String, cents: Int64)] {
        [(2026, "01.01.01", "401300", 60_000_000_00), (2026, "01.01.02", "405100", 40_000_000_00),
         (2026, "01.01.01", "501100", 70_000_000_00), (2026, "01.01.02", "541100", 30_000_000_00 - surplusEuros * 100)]
    }

    @Test("solve, Monte Carlo, the projection and the workbook answer over the same store baseline",
          arguments: [Int64(3_000_000), 40_000_000, -1_000_000])
    func oneAnswer(surplusEuros: Int64) throws {
        let dir = try writeTemporaryFiles(["projection.yaml": Self.projectionYAML, "s.yaml": Self.scenarioYAML(projection: "projection.yaml")])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let db = dir + "/store.sqlite", scenarioFile = dir + "/s.yaml", projectionFile = dir + "/projection.yaml"
        let lines = Self.plan(surplusEuros: surplusEuros)
        let store = try ControllingFixture.store(postings: [], plan: lines, path: db)
        // Oracle: the plan's result, the same in every year (growth 0).
        let planResult = Money(cents: lines.filter { $0.account.hasPrefix("4") }.map(\.cents).reduce(0, +)
                                    - lines.filter { $0.account.hasPrefix("5") }.map(\.cents).reduce(0, +))
        #expect(planResult == Money(euros: surplusEuros))
        let projection = try StoreProjection(store: store, projectionFile: projectionFile)
        #expect(try projection.annualResults(with: []) == [2026: planResult, 2027: planResult, 2028: planResult, 2029: planResult])

        let engine = try ScenarioEngine.load(file: scenarioFile)
        func feasible(_ h: Decimal) throws -> Bool {
            let p = try engine.parameters.overriding("gewerbesteuer.hebesatz", with: [DatedValue(validFrom: 2027, value: h, source: "oracle")])
            let net = try engine.evaluate(baseline: engine.baseline, parameters: p).netByYear
            return (2027...2029).allSatisfy { planResult + (net[$0] ?? .zero) >= .zero }
        }
        let solved = try ScenarioSolver.solve(engine, lever: "gewerbesteuer.hebesatz", balancedFrom: 2027, projection: projection)
        if surplusEuros < 0 {
            #expect(solved.value == nil)
        } else {
            let v = try #require(solved.value)
            #expect(try feasible(v))
            if v > 200 { #expect(try !feasible(v - 1)) }
        }

        // The main job (workbook): the same answer and the same projection.
        let settings = RunSettings(projectionScenario: projectionFile, scenarioFiles: [scenarioFile], language: .en)
        let r = try ReportAssembly.analyse(store: store, settings: settings)
        #expect(r.affordable.map(\.solution.value) == [solved.value])
        #expect(r.baseline?.contains("consolidation projection over the store") == true)
        #expect(r.projection?.balancedYear == ScenarioSolver.balanceYear([2026: planResult, 2027: planResult, 2028: planResult, 2029: planResult]))

        // Monte Carlo: the store's horizon (not a typed-in budget's), and its balance year agrees where no draw can flip it.
        let mc = try ScenarioMonteCarlo.run(engine, projection: projection)
        #expect(mc.years == [2026, 2027, 2028, 2029])
        let central = try projection.annualResults(with: try engine.run().budgetEffects)
        if surplusEuros > 20_000_000 || surplusEuros < 0 {
            #expect(mc.balanceP10 == ScenarioSolver.balanceYear(central))
            #expect(mc.balanceP90 == ScenarioSolver.balanceYear(central))
        }

        // The command line over the store file gives the same answer and names the baseline.
        if FileManager.default.isExecutableFile(atPath: pruefstandBinary.path) {
            let cli = try runPruefstand(["scenario", "solve", scenarioFile, "--target", "balanced-from", "2027",
                                         "--lever", "gewerbesteuer.hebesatz", "--db", db, "--lang", "en"])
            #expect(cli.status == (solved.value == nil ? 1 : 0), "\(cli.err)")
            if let v = solved.value { #expect(cli.out.contains("from 2027: \(v) % from 2027"), "\(cli.out)") }
            #expect(cli.out.contains("budget: consolidation projection over the store"))
            let mcCLI = try runPruefstand(["scenario", "montecarlo", scenarioFile, "--db", db, "--format", "csv", "--table", "balance"])
            #expect(mcCLI.status == 0, "\(mcCLI.err)")
            #expect(mcCLI.out.contains("balance_year_p50,\(mc.balanceP50.map(String.init) ?? "none")\n"))
            #expect(mcCLI.out.contains("baseline,\"Konsolidierungsprojektion über den Store (Plan 2026, 2026–2029"), "\(mcCLI.out)")
        }
    }

    @Test("a typed-in budget is used only when given explicitly; a scenario's 'budget:' key is refused with what to do")
    func budgetOnlyExplicit() throws {
        let dir = try writeTemporaryFiles(["s.yaml": Self.scenarioYAML(projection: "projection.yaml").replacingOccurrences(of: "projection: projection.yaml", with: "budget: b.yaml")])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect { try Scenario.load(file: dir + "/s.yaml") } throws: { "\($0)".contains("--budget FILE") && "\($0)".contains(":5") || "\($0)".contains("line 5") }
    }
}

import Foundation
import Testing
@testable import PruefstandCore

/// Nothing counted twice (issue 15): scenarios merge, conflicts are errors, measures and reliefs on one rate
/// are not a sum, implemented measures are in the plan, review savings and a freeze on the same positions count once.
@Suite("combining relief scenarios and measures")
struct ReliefCombinationTests {
    static func scenario(_ name: String, _ overrides: String, models: String = "[gewerbesteuer, kita]", extra: String = "") -> String {
        """
        name: \(name)
        description: \(name)
        baseline: ["{repo}/Parameters/nrw", "{repo}/Datasets/musterstadt/scenarios/parameters"]
        city: "{repo}/Datasets/musterstadt/scenarios/stadt.yaml"
        years: {from: 2026, to: 2029}
        models: \(models)
        \(extra)
        overrides:
        \(overrides)
        """
    }
    static let gewst490 = "  gewerbesteuer.hebesatz:\n    - {from: 2027, value: 490, source: test}"
    static let gewst480 = "  gewerbesteuer.hebesatz:\n    - {from: 2028, value: 480, source: test}"
    static let kita10 = "  kita.beitragssenkung:\n    - {from: 2027, value: 0.1, source: test}"

    @Test("a scenario file given twice is an error, also through a second path to the same file")
    func duplicate() throws {
        let dir = try writeTemporaryFiles(["a.yaml": Self.scenario("a", Self.gewst490)])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for second in [dir + "/a.yaml", dir + "/./a.yaml"] {
            #expect { try ReliefCombination.combine(files: [dir + "/a.yaml", second]) } throws: { "\($0)".contains("given twice") }
        }
    }

    @Test("two scenarios setting the same parameter for the same year: an error naming both files and lines")
    func conflictingRates() throws {
        let dir = try writeTemporaryFiles(["a.yaml": Self.scenario("a", Self.gewst490), "b.yaml": Self.scenario("b", Self.gewst480)])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect { try ReliefCombination.combine(files: [dir + "/a.yaml", dir + "/b.yaml"]) } throws: { e in
            let t = "\(e)"
            return t.contains("\(dir)/b.yaml:10") && t.contains("\(dir)/a.yaml:10") && t.contains("2028") && t.contains("gewerbesteuer.hebesatz")
        }
    }

    @Test("different levers merge into one scenario: the combined net effect is each one's once (independent models)")
    func mergeOnce() throws {
        let dir = try writeTemporaryFiles(["a.yaml": Self.scenario("a", Self.gewst490), "b.yaml": Self.scenario("b", Self.kita10)])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let a = try ScenarioEngine.load(file: dir + "/a.yaml").run().netByYear
        let b = try ScenarioEngine.load(file: dir + "/b.yaml").run().netByYear
        let combined = try ReliefCombination.combine(files: [dir + "/a.yaml", dir + "/b.yaml"])
        #expect(combined.scenario.overrides.keys.sorted() == ["gewerbesteuer.hebesatz", "kita.beitragssenkung"])
        let c = try combined.run().netByYear
        for y in 2026...2029 { #expect(c[y] == (a[y] ?? .zero) + (b[y] ?? .zero), "\(y)") }
    }

    static func projection(_ measures: [ConsolidationMeasure]) -> (ProjectionModel, Money) {
        let base = ProjectionBase(year: 2026, revenueByGroup: ["40": Money(euros: 100_000_000)], expenseByGroup: ["50": Money(euros: 90_000_000)])
        return (ProjectionModel(base: base, scenario: ProjectionScenario(years: 2, measures: measures)), Money(euros: 10_000_000))
    }

    @Test("a measure raising the rate a relief cuts: an error unless the relief replaces it; then it leaves the projection")
    func measureAndRelief() throws {
        let hsk = ConsolidationMeasure(id: "HSK-03", description: "Gewerbesteuer +10", yearlySaving: Money(euros: 2_000_000), kind: .revenue,
                                       status: .planned, probability: 1, startYear: 2027, raisesRate: "gewerbesteuer.hebesatz")
        let dir = try writeTemporaryFiles(["a.yaml": Self.scenario("a", Self.gewst490),
                                           "r.yaml": Self.scenario("r", Self.gewst490, extra: "replaces_measures: [HSK-03]")])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (model, planResult) = Self.projection([hsk])
        let a = try ScenarioEngine.load(file: dir + "/a.yaml")
        #expect { try ReliefCombination.measures(for: a, in: model.scenario, baseYear: 2026) } throws: { e in
            "\(e)".contains("HSK-03") && "\(e)".contains("replaces_measures") && "\(e)".contains("a.yaml:10")
        }
        var logged: [String] = []
        let r = try ScenarioEngine.load(file: dir + "/r.yaml")
        let without = try ReliefCombination.measures(for: r, in: model.scenario, baseYear: 2026) { logged.append($0) }
        #expect(without.measures.isEmpty)
        #expect(logged.contains { $0.contains("HSK-03") })
        // Oracle: without the measure every year is the plan's result (growth 0).
        let results = try ProjectionModel(base: model.base, scenario: without).annualResults(with: [])
        #expect(results == [2026: planResult, 2027: planResult, 2028: planResult])
        #expect(try model.annualResults(with: [])[2027] == planResult + Money(euros: 2_000_000))
    }

    @Test("a measure implemented before the plan year is in the plan and not added again",
          arguments: [(ConsolidationMeasure.Status.implemented, 2025, false), (.implemented, 2026, true), (.decided, 2025, true), (.planned, 2027, true)])
    func implementedMeasure(status: ConsolidationMeasure.Status, start: Int, added: Bool) throws {
        let m = ConsolidationMeasure(id: "M", description: "m", yearlySaving: Money(euros: 700_000), kind: .expense, status: status,
                                     probability: 1, startYear: start)
        let (model, planResult) = Self.projection([m])
        let r = try model.annualResults(with: [])
        for y in 2026...2028 {
            let expected = planResult + (added && start <= y ? Money(euros: 700_000) : .zero)
            #expect(r[y] == expected, "\(status) \(start) \(y)")
        }
        #expect(try model.project().reportTables()[1].rows[0].last == .text(added ? "ja" : "nein: umgesetzt vor 2026, im Plan enthalten"))
    }

    @Test("review savings and a freeze on the same positions count once: the larger of the two",
          arguments: [(Int64(300_000), Int64(1_000_000)), (1_500_000, 1_500_000), (0, 1_000_000)])
    func reviewOverlap(reviewSaving: Int64, expectedTotal: Int64) throws {
        let freeze = ConsolidationMeasure(id: "HSK-01", description: "Wiederbesetzungssperre", yearlySaving: Money(euros: 1_000_000), kind: .expense,
                                          status: .decided, probability: 1, startYear: 2026, samePositionsAsReview: true)
        let (model, planResult) = Self.projection([freeze])
        let review = BudgetEffect(source: "review:decided", description: "no refill", fiscalYear: 2027, expenseChange: Money(euros: -reviewSaving))
        let r = try model.annualResults(with: [review])
        #expect(r[2027] == planResult + Money(euros: expectedTotal))
        #expect(r[2026] == planResult + Money(euros: 1_000_000))
        // Without the mark, both count (the old sum).
        var plain = freeze; plain.samePositionsAsReview = false
        #expect(try Self.projection([plain]).0.annualResults(with: [review])[2027] == planResult + Money(euros: 1_000_000 + reviewSaving))
    }

    @Test("projection --relief: the same file twice and two conflicting rates stop with exit 1",
          .enabled(if: FileManager.default.isExecutableFile(atPath: pruefstandBinary.path)))
    func projectionCLI() throws {
        let dir = try writeTemporaryFiles(["a.yaml": Self.scenario("a", Self.gewst490), "b.yaml": Self.scenario("b", Self.gewst480),
                                           "p.yaml": OneBaselineTests.projectionYAML])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let db = dir + "/store.sqlite"
        _ = try ControllingFixture.store(postings: [], plan: OneBaselineTests.plan(surplusEuros: 1_000_000), path: db)
        let ok = try runPruefstand(["projection", "--scenario", dir + "/p.yaml", "--relief", dir + "/a.yaml", "--db", db, "--format", "csv"])
        #expect(ok.status == 0, "\(ok.err)")
        for (second, text) in [(dir + "/a.yaml", "given twice"), (dir + "/b.yaml", "also set by")] {
            let r = try runPruefstand(["projection", "--scenario", dir + "/p.yaml", "--relief", dir + "/a.yaml", "--relief", second, "--db", db])
            #expect(r.status == 1, "\(r.out)")
            #expect(r.err.contains(text), "\(r.err)")
        }
    }
}

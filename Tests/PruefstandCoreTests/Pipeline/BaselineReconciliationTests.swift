import Foundation
import Testing
@testable import PruefstandCore

/// Each model's base-year revenue is reconciled with the plan accounts of its tax in the store (issue 15).
@Suite("baseline reconciliation with the plan in the store")
struct BaselineReconciliationTests {
    @Test("the Gewerbesteuer base against the plan accounts 4013…: a warning beyond the tolerance",
          arguments: [Int64(160_000_000), 100_000_000, 0])
    func gewerbesteuer(planEuros: Int64) throws {
        // Two lines on the Gewerbesteuer account, one on another account (must not count), and a line of another year.
        let half = planEuros * 100 / 2
        let store = try ControllingFixture.store(postings: [], plan: [
            (2026, "16.01.01", "401300", half), (2026, "16.01.02", "401300", planEuros * 100 - half),
            (2026, "16.01.01", "401200", 66_000_000_00), (2025, "16.01.01", "401300", 1_00), (2026, "16.01.01", "501100", 1_00),
        ])
        let engine = try ScenarioEngine.load(file: "\(repoRoot)/Datasets/musterstadt/scenarios/gewst-490-ab-2027.yaml")
        let result = try engine.run()
        let lines = try BaselineReconciliation.run(engine, result: result, store: store, planYear: 2026)
        let line = try #require(lines.first)
        #expect(lines.count == 1 && line.model == .gewerbesteuer && line.accounts == ["401300"])
        #expect(line.planRevenue == Money(euros: planEuros))
        let model = result.effects.first { $0.model == .gewerbesteuer && $0.year == 2026 }!.baselineRevenue
        #expect(line.modelRevenue == model)
        // Oracle: |model − plan| > 5 % of the plan (the tolerance in stadt.yaml); no plan at all is always a warning.
        let beyond = planEuros == 0 ? true : abs(Double(model.cents - planEuros * 100)) > 0.05 * Double(planEuros * 100)
        #expect(line.exceedsTolerance == beyond)
        #expect(line.text(.en).contains("WARNING") == beyond)
    }

    @Test("the main job reconciles once per city and model and puts the lines on the assumptions sheet")
    func mainJob() throws {
        let store = try ControllingFixture.store(postings: [], plan: [(2026, "16.01.01", "401300", 100_000_000_00), (2026, "16.01.01", "501100", 90_000_000_00)])
        let dir = "\(repoRoot)/Datasets/musterstadt"
        let settings = RunSettings(planYear: 2026, projectionScenario: "\(dir)/controlling/projection.yaml",
                                   scenarioFiles: ["\(dir)/scenarios/gewst-490-ab-2027.yaml", "\(dir)/scenarios/kombi.yaml"], language: .en)
        var log: [String] = []
        let r = try ReportAssembly.analyse(store: store, settings: settings) { log.append($0) }
        // gewst-490 runs the Gewerbesteuer; kombi all four models (fees have no plan accounts): 3 lines, none twice.
        #expect(r.reconciliation.map(\.model).sorted { $0.rawValue < $1.rawValue } == [.gewerbesteuer, .grundsteuer, .kita])
        #expect(log.filter { $0.hasPrefix("Baseline reconciliation Gewerbesteuer 2026") }.count == 1)
        #expect(log.contains { $0.hasPrefix("Baseline reconciliation Grundsteuer B 2026") && $0.contains("WARNING") })   // no plan on 4012
    }

    @Test("hostile plan_accounts are refused with file, line and key",
          arguments: [("tolerance: 2", "between 0 and 1"), ("tolerance: -0.1", "between 0 and 1"), ("kita: [\"4326' OR 1=1\"]", "digits"),
                      ("kita: [\"1234567890123\"]", "digits"), ("schluesselzuweisungen: [\"41x1\"]", "digits"), ("gewerbesteuer: 4013", "list"), ("colour: red", "unknown key")])
    func hostile(_ line: String, _ message: String) throws {
        var text = "plan_accounts:\n  tolerance: 0.05\n  tolerance_source: test\n"
        text = line.hasPrefix("tolerance:") ? text.replacingOccurrences(of: "  tolerance: 0.05\n", with: "  \(line)\n") : text + "  \(line)\n"
        let root = try StrictYAML.parse(text, file: "stadt.yaml")
        #expect { try PlanAccounts.parse(try root.dictionary(allowed: ["plan_accounts"])["plan_accounts"]) } throws: { e in
            "\(e)".contains(message) && "\(e)".contains("stadt.yaml:")
        }
    }
}

import Foundation
import Testing
@testable import PruefstandCore

/// The Kita model keeps each year's fee rules and revenue of one evaluation (`KitaModel.RulesMemo`, for the main
/// job's speed): the kept values must be the values computed afresh, for every scenario, year and parameter.
@Suite("Kita rules memo: the same figures as computed afresh")
struct KitaRulesMemoTests {
    static let musterstadt = "\(repoRoot)/Datasets/musterstadt"

    /// Musterstadt's Kita scenarios: a fee cut, an exemption threshold, a combination.
    static let scenarios = ["kita-minus-20.yaml", "kita-befreiung-50000.yaml", "kombi.yaml"]

    /// The scenario's parameters and each Kita assumption moved inside its range (as the tornado does).
    static func parameterSets(_ engine: ScenarioEngine) throws -> [(label: String, baseline: ParameterSet, parameters: ParameterSet)] {
        var out: [(label: String, baseline: ParameterSet, parameters: ParameterSet)] = [("central", engine.baseline, engine.parameters)]
        for key in engine.baseline.keys.sorted() where key.hasPrefix("kita.") {
            let current = try engine.baseline.value(key, engine.scenario.years.lowerBound)
            let range = engine.baseline[key]!.range ?? 0...1
            let other = current == range.upperBound ? range.lowerBound : (current + range.upperBound) / 2
            let (b, p) = try engine.withAssumption(key, other, source: "test")
            out.append((key, b, p))
        }
        return out
    }

    @Test("rules and annual revenue per year equal fresh ones", arguments: scenarios)
    func memoEqualsFresh(file: String) throws {
        let engine = try ScenarioEngine.load(file: "\(Self.musterstadt)/scenarios/\(file)")
        let kita = try #require(engine.city.kita)
        let years = (engine.scenario.years.lowerBound - 1)...engine.scenario.years.upperBound
        for (label, b, p) in try Self.parameterSets(engine) {
            let sides: [(ParameterSet, Scenario.KitaLevers?)] = [(b, nil), (p, engine.scenario.kitaLevers)]
            for (params, levers) in sides {
                let memo = KitaModel.RulesMemo(city: engine.city, parameters: params, levers: levers)
                // Asked twice and out of order: a kept value must not depend on what was asked before.
                for y in Array(years.reversed()) + Array(years) {
                    let fresh = try KitaModel.rules(city: engine.city, parameters: params, levers: levers, year: y)
                    let kept = try memo.rules(y)
                    #expect(kept.threshold == fresh.threshold && kept.cut == fresh.cut && kept.siblingDiscount == fresh.siblingDiscount
                            && kept.bracketCuts == fresh.bracketCuts && kept.exemptShare == fresh.exemptShare, "\(file) \(label) \(y)")
                    for c in kita.enrollment.cells {
                        for sibling in [false, true] {
                            #expect(kept.monthlyFee(age: c.age, hours: c.hours, bracket: c.bracket, sibling: sibling)
                                    == fresh.monthlyFee(age: c.age, hours: c.hours, bracket: c.bracket, sibling: sibling))
                        }
                    }
                    #expect(try memo.annualRevenue(y) == KitaModel.annualRevenue(kita.enrollment, rules: fresh), "\(file) \(label) \(y)")
                }
            }
        }
    }

    @Test("a whole evaluation equals each year's detail computed on its own", arguments: scenarios)
    func runEqualsYearByYear(file: String) throws {
        let engine = try ScenarioEngine.load(file: "\(Self.musterstadt)/scenarios/\(file)")
        for (label, b, p) in try Self.parameterSets(engine) {
            let run = try KitaModel.run(city: engine.city, baseline: b, scenario: p, levers: engine.scenario.kitaLevers, years: engine.scenario.years)
            #expect(run.effects.count == engine.scenario.years.count)
            for effect in run.effects {
                // No memo given: `detail` computes every rule set of the year afresh.
                let d = try KitaModel.detail(city: engine.city, baseline: b, scenario: p, levers: engine.scenario.kitaLevers, year: effect.year)
                #expect(effect.baselineRevenue == d.revB && effect.scenarioRevenue == d.revS && effect.compensationChange == d.compS - d.compB,
                        "\(file) \(label) \(effect.year)")
                // The calendar year's revenue by hand: 7/12 of the Kita year before, 5/12 of its own.
                let before = KitaModel.annualRevenue(engine.city.kita!.enrollment,
                                                     rules: try KitaModel.rules(city: engine.city, parameters: p, levers: engine.scenario.kitaLevers, year: effect.year - 1))
                let own = KitaModel.annualRevenue(engine.city.kita!.enrollment,
                                                  rules: try KitaModel.rules(city: engine.city, parameters: p, levers: engine.scenario.kitaLevers, year: effect.year))
                let factor = engine.city.kita!.revenueFactor
                let revenue = before.multiplied(by: Decimal(7) / 12) + own.multiplied(by: Decimal(5) / 12)
                #expect(d.revS0 == (factor == 1 ? revenue : revenue.multiplied(by: factor)), "\(file) \(label) \(effect.year)")
            }
        }
    }
}

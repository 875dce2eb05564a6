import Foundation

/// Derives a relief model's base-year revenue from the plan accounts in the store (issue 15): the documented
/// calibration option (`calibrate: plan` in the scenario, or `--calibrate`).
///
/// For each model of the scenario whose plan accounts the city data name (`plan_accounts:`), the factor is
/// plan ÷ the model's baseline revenue in the plan year from the city data; the city's base is scaled by it
/// (`CityData.scaled`: Messbeträge, Kita fee revenue, fee quantities), so the model's baseline revenue in the
/// plan year meets the plan (up to a cent per class) and every scenario effect scales with it. Without the
/// option the city data are used as they are and `BaselineReconciliation` warns beyond the tolerance.
///
///     let (calibrated, lines) = try BaselineCalibration.calibrate(engine, store: store, planYear: 2026)
public struct BaselineCalibration: Sendable, Hashable {
    public var model: ScenarioModelKind
    public var year: Int
    /// The model's baseline revenue in the plan year from the city data, before calibration.
    public var cityRevenue: Money
    public var planRevenue: Money
    public var accounts: [String]
    /// plan ÷ city revenue, rounded to 12 decimal places.
    public var factor: Decimal

    public func text(_ lang: Language) -> String {
        let (plan, city) = (NumberText.euros(planRevenue, lang), NumberText.euros(cityRevenue, lang))
        let f = NumberText.decimal(factor.scenarioRounded(6), lang)
        return lang == .de
            ? "Modellbasis \(model.label(.de)): aus dem Plan \(year) kalibriert (Konten \(accounts.joined(separator: ", ")): \(plan); Stadtdaten \(city); Faktor \(f))"
            : "Model base \(model.label(.en)): calibrated to the plan \(year) (accounts \(accounts.joined(separator: ", ")): \(plan); city data \(city); factor \(f))"
    }

    /// The engine with each model's base derived from the plan, and one line per calibrated model.
    ///
    /// Errors (exit 1): city data without `plan_accounts`, a model whose accounts hold no plan in that year,
    /// or a model revenue of zero (nothing to scale).
    public static func calibrate(_ engine: ScenarioEngine, store: Store, planYear: Int) throws -> (engine: ScenarioEngine, lines: [BaselineCalibration]) {
        guard let pa = engine.city.planAccounts else {
            throw PruefstandError.config(path: engine.city.file, line: nil, key: "plan_accounts",
                message: "calibration to the plan needs the plan accounts of each model in the city data (plan_accounts:, see docs/scenarios.md)")
        }
        // The city data's baseline revenue in the plan year (the plan year need not be a scenario year).
        var one = engine.scenario
        one.years = planYear...planYear
        let base = try ScenarioEngine(scenario: one, city: engine.city, baseline: engine.baseline).run()
        var factors: [ScenarioModelKind: Decimal] = [:], lines: [BaselineCalibration] = []
        for m in engine.scenario.models {
            guard let accounts = pa.accounts[m], !accounts.isEmpty else { continue }
            let city = base.effects.filter { $0.model == m }.map(\.baselineRevenue).sum()
            let plan = try store.planTotal(year: planYear, accountPrefixes: accounts)
            guard plan.cents > 0, city.cents > 0 else {
                throw PruefstandError.config(path: engine.city.file, line: nil, key: "plan_accounts.\(m.rawValue)",
                    message: "cannot calibrate \(m.label(.en)) to the plan \(planYear): plan on \(accounts.joined(separator: ", ")) \(NumberText.euros(plan, .en)), city data \(NumberText.euros(city, .en)) (both must be above zero)")
            }
            var k = Decimal(plan.cents) / Decimal(city.cents), r = Decimal()
            NSDecimalRound(&r, &k, 12, .plain)
            factors[m] = r
            lines.append(BaselineCalibration(model: m, year: planYear, cityRevenue: city, planRevenue: plan, accounts: accounts, factor: r))
        }
        return (try ScenarioEngine(scenario: engine.scenario, city: engine.city.scaled(factors), baseline: engine.baseline), lines)
    }
}

import Foundation

/// Reconciles each relief model's base-year revenue with the plan accounts of its tax or fee in the store
/// (issue 15): the model's baseline revenue in the plan year against the plan on the accounts the city data
/// names (`plan_accounts:`); a difference beyond the stated tolerance is a warning in the log and on the
/// assumptions sheet. A model whose accounts are not named, or a plan year outside the scenario years, is
/// reported as not reconciled.
public struct BaselineReconciliation: Sendable, Hashable {
    public var model: ScenarioModelKind
    public var year: Int
    public var modelRevenue: Money
    public var planRevenue: Money
    public var accounts: [String]
    public var tolerance: Decimal
    /// Whether the model's base was derived from the plan (`calibrate: plan`); otherwise it is the city data's.
    public var calibrated = false

    /// (model − plan) ÷ plan; nil when the plan is zero.
    public var deviation: Decimal? {
        planRevenue.cents == 0 ? nil : Decimal((modelRevenue - planRevenue).cents) / Decimal(planRevenue.cents)
    }
    public var exceedsTolerance: Bool { deviation.map { abs($0) > tolerance } ?? (modelRevenue.cents != 0) }

    public func text(_ lang: Language) -> String {
        let pct = deviation.map { NumberText.percent($0, lang) } ?? "–"
        let tol = NumberText.percent(tolerance, lang)
        let (model, plan) = (NumberText.euros(modelRevenue, lang), NumberText.euros(planRevenue, lang))
        let head = lang == .de
            ? "Basisabgleich \(self.model.label(.de)) \(year): Modell \(model), Plan (Konten \(accounts.joined(separator: ", "))) \(plan), Abweichung \(pct)"
            : "Baseline reconciliation \(self.model.label(.en)) \(year): model \(model), plan (accounts \(accounts.joined(separator: ", "))) \(plan), deviation \(pct)"
        let basis = calibrated ? (lang == .de ? "; Basis aus dem Plan kalibriert" : "; base calibrated to the plan")
                               : (lang == .de ? "; Basis: Stadtdaten, nicht kalibriert (calibrate: plan leitet sie aus dem Plan ab)"
                                              : "; base: city data, not calibrated (calibrate: plan derives it from the plan)")
        if exceedsTolerance {
            return head + (lang == .de ? " — WARNUNG: mehr als die Toleranz von \(tol); Stadtdaten oder Plan prüfen"
                                       : " — WARNING: beyond the tolerance of \(tol); check the city data or the plan") + basis
        }
        return head + (lang == .de ? " (innerhalb der Toleranz von \(tol))" : " (within the tolerance of \(tol))") + basis
    }

    /// One line per model of the scenario whose plan accounts the city data names, for the plan year.
    public static func run(_ engine: ScenarioEngine, result: ScenarioResult, store: Store, planYear: Int) throws -> [BaselineReconciliation] {
        guard let pa = engine.city.planAccounts, engine.scenario.years.contains(planYear) else { return [] }
        return try engine.scenario.models.compactMap { m in
            guard let accounts = pa.accounts[m], !accounts.isEmpty else { return nil }
            let modelRevenue = result.effects.filter { $0.model == m && $0.year == planYear }.map(\.baselineRevenue).sum()
            return BaselineReconciliation(model: m, year: planYear, modelRevenue: modelRevenue,
                                          planRevenue: try store.planTotal(year: planYear, accountPrefixes: accounts),
                                          accounts: accounts, tolerance: pa.tolerance, calibrated: engine.city.calibration[m] != nil)
        }
    }
}

extension SchluesselzuweisungenBase {
    /// The plan of the Schlüsselzuweisungen in `planYear` on the accounts the city data name; nil when it names none.
    public static func read(city: CityData, store: Store, planYear: Int) throws -> SchluesselzuweisungenBase? {
        guard let accounts = city.planAccounts?.schluesselzuweisungen, !accounts.isEmpty else { return nil }
        return SchluesselzuweisungenBase(amount: try store.planTotal(year: planYear, accountPrefixes: accounts), planYear: planYear, accounts: accounts)
    }
}

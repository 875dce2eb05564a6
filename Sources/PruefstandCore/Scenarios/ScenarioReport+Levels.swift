import Foundation

extension ScenarioTables {
    /// The Umlage and GFG levels, not only their changes (issue 15): per model and year the Gewerbesteuerumlage
    /// paid and the tax's contribution to the Steuerkraft of the GFG, baseline and scenario, and the change of the
    /// Schlüsselzuweisungen. `scenario run` prints it (`--table levels`); the workbook lists the same figures as
    /// notes on the assumptions sheet (`levelNotes`).
    /// With `lang` the notes are in that language only (the command line's table); without, in both.
    public static func levels(_ result: ScenarioResult, schluesselzuweisungen sz: SchluesselzuweisungenBase? = nil, lang: Language? = nil) -> ReportTable {
        var t = ReportTable(table: "scenario_levels", lang: lang)
        if let sz {
            t.columns += ReportColumns.list("schluesselzuweisungen_baseline schluesselzuweisungen_scenario", table: "scenario_levels")
            t.notes += lang.map { [sz.text($0)] } ?? [sz.text(.de), sz.text(.en)]
        }
        let levelKinds = ScenarioModelRegistry.steuerkraftKinds
        for e in result.effects where levelKinds.contains(e.model) {
            var row: [ReportTable.Cell] = [.text(result.scenario.name), .text(e.model.rawValue), .integer(Int64(e.year)),
                                           .money(e.umlageBaseline), .money(e.umlageScenario), .money(e.steuerkraftBaseline), .money(e.steuerkraftScenario),
                                           .money(e.equalisationChange)]
            if let sz { row += [.money(sz.amount), .money(sz.amount + e.equalisationChange)] }
            t.rows.append(row)
        }
        return t
    }

    /// One line per Gewerbesteuer year of a scenario: the Umlage and the Steuerkraft, baseline → scenario, and the
    /// Schlüsselzuweisungen (baseline → scenario) when their plan is known.
    public static func levelNotes(_ result: ScenarioResult, lang: Language, schluesselzuweisungen sz: SchluesselzuweisungenBase? = nil) -> [String] {
        let umlageKinds = ScenarioModelRegistry.umlageKinds
        return result.effects.filter { umlageKinds.contains($0.model) }.map { e in
            let szText = sz.map { lang == .de ? "; Schlüsselzuweisungen \($0.amount.germanString) → \(($0.amount + e.equalisationChange).germanString)"
                                              : "; Schlüsselzuweisungen \(NumberText.euros($0.amount, .en)) → \(NumberText.euros($0.amount + e.equalisationChange, .en))" } ?? ""
            return lang == .de
                ? "\(result.scenario.name) \(e.year): Gewerbesteuerumlage \(e.umlageBaseline.germanString) → \(e.umlageScenario.germanString); Steuerkraft Gewerbesteuer (GFG) \(e.steuerkraftBaseline.germanString) → \(e.steuerkraftScenario.germanString); Δ Schlüsselzuweisungen \(e.equalisationChange.germanString)" + szText
                : "\(result.scenario.name) \(e.year): Gewerbesteuerumlage \(NumberText.euros(e.umlageBaseline, .en)) → \(NumberText.euros(e.umlageScenario, .en)); tax power from the trade tax (GFG) \(NumberText.euros(e.steuerkraftBaseline, .en)) → \(NumberText.euros(e.steuerkraftScenario, .en)); Δ Schlüsselzuweisungen \(NumberText.euros(e.equalisationChange, .en))" + szText
        }
    }
}

/// The level of the Schlüsselzuweisungen: the plan of the plan year on the accounts the city data name
/// (`plan_accounts: schluesselzuweisungen:`), held for every year with everything else in the GFG unchanged; the
/// scenario's level is that plus the scenario's change. Read from the store (`Store.planTotal`).
public struct SchluesselzuweisungenBase: Sendable, Hashable {
    public var amount: Money
    public var planYear: Int
    public var accounts: [String]
    public init(amount: Money, planYear: Int, accounts: [String]) { self.amount = amount; self.planYear = planYear; self.accounts = accounts }

    public func text(_ lang: Language) -> String {
        lang == .de
            ? "Schlüsselzuweisungen Basis: Plan \(planYear) auf den Konten \(accounts.joined(separator: ", ")) (\(amount.germanString)), in jedem Jahr bei sonst gleichem GFG; Szenario = Basis + Δ Schlüsselzuweisungen."
            : "Schlüsselzuweisungen baseline: the plan \(planYear) on accounts \(accounts.joined(separator: ", ")) (\(NumberText.euros(amount, .en))), every year with the GFG otherwise unchanged; scenario = baseline + Δ Schlüsselzuweisungen."
    }

}

import Foundation

extension ScenarioTables {
    /// The Umlage and GFG levels, not only their changes (issue 15): per model and year the Gewerbesteuerumlage
    /// paid and the tax's contribution to the Steuerkraft of the GFG, baseline and scenario, and the change of the
    /// Schlüsselzuweisungen. `scenario run` prints it (`--table levels`); the workbook lists the same figures as
    /// notes on the assumptions sheet (`levelNotes`).
    public static func levels(_ result: ScenarioResult) -> ReportTable {
        var t = ReportTable(key: "scenario_levels", de: "Umlage und Steuerkraft (GFG): Niveaus", en: "Levy and tax power (GFG): levels", columns: [
            .init("scenario", de: "Szenario", en: "Scenario", kind: .text),
            .init("model", de: "Modell", en: "Model", kind: .text),
            .init("year", de: "Jahr", en: "Year", kind: .integer),
            .init("umlage_baseline", de: "Gewerbesteuerumlage Basis", en: "Gewerbesteuerumlage baseline", kind: .money),
            .init("umlage_scenario", de: "Gewerbesteuerumlage Szenario", en: "Gewerbesteuerumlage scenario", kind: .money),
            .init("steuerkraft_baseline", de: "Steuerkraft (GFG) Basis", en: "Tax power (GFG) baseline", kind: .money),
            .init("steuerkraft_scenario", de: "Steuerkraft (GFG) Szenario", en: "Tax power (GFG) scenario", kind: .money),
            .init("equalisation_change", de: "Δ Schlüsselzuweisungen", en: "Δ Schlüsselzuweisungen", kind: .money),
        ], notes: [
            "Steuerkraft = Messbetrag × fiktiver Hebesatz / 100 (Gewerbesteuer: abzüglich Umlage); sie wirkt auf die Schlüsselzuweisungen der Folgejahre.",
            "Tax power = Messbetrag × fictive rate / 100 (trade tax: less the levy); it reaches the Schlüsselzuweisungen of the following years.",
        ])
        for e in result.effects where e.model == .gewerbesteuer || e.model == .grundsteuer {
            t.rows.append([.text(result.scenario.name), .text(e.model.rawValue), .integer(Int64(e.year)),
                           .money(e.umlageBaseline), .money(e.umlageScenario), .money(e.steuerkraftBaseline), .money(e.steuerkraftScenario),
                           .money(e.equalisationChange)])
        }
        return t
    }

    /// One line per Gewerbesteuer year of a scenario: the Umlage and the Steuerkraft, baseline → scenario.
    public static func levelNotes(_ result: ScenarioResult, lang: Language) -> [String] {
        result.effects.filter { $0.model == .gewerbesteuer }.map { e in
            lang == .de
                ? "\(result.scenario.name) \(e.year): Gewerbesteuerumlage \(e.umlageBaseline.germanString) → \(e.umlageScenario.germanString); Steuerkraft Gewerbesteuer (GFG) \(e.steuerkraftBaseline.germanString) → \(e.steuerkraftScenario.germanString); Δ Schlüsselzuweisungen \(e.equalisationChange.germanString)"
                : "\(result.scenario.name) \(e.year): Gewerbesteuerumlage \(e.umlageBaseline.plainString) → \(e.umlageScenario.plainString) EUR; tax power from the trade tax (GFG) \(e.steuerkraftBaseline.plainString) → \(e.steuerkraftScenario.plainString) EUR; Δ Schlüsselzuweisungen \(e.equalisationChange.plainString) EUR"
        }
    }
}

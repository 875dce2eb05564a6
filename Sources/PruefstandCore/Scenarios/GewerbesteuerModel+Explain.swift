import Foundation

extension GewerbesteuerModel {
    /// The computation tree for one year.
    public static func explain(city: CityData, baseline: ParameterSet, scenario: ParameterSet, year: Int, lang: Language) throws -> ComputationStep {
        let cur = try detail(city: city, baseline: baseline, scenario: scenario, year: year)
        let base = city.gewerbesteuer
        let L = lang
        let src = base.source
        var growthInputs: [ComputationInput] = []
        if year > base.year {
            for t in (base.year + 1)...year { growthInputs.append(try .parameter(scenario, GewerbesteuerKey.basiswachstum, t)) }
        }
        let messB = ComputationStep(
            de: "Messbetrag Basis \(year)", en: "Messbetrag baseline \(year)",
            formula: "Σ Klassen M_\(base.year) × Π(1 + g_t), t = \(base.year + 1)…\(year); Faktor \(cur.growthB.scenarioRounded(6))",
            result: cur.messB.scenarioText(L),
            inputs: [.data("Messbetrag \(base.year) (Summe der Klassen)", "Messbetrag \(base.year) (sum of classes)", base.total.scenarioText(L), source: src)] + growthInputs)
        let resp = ComputationStep(
            de: "Reaktion der Bemessungsgrundlage", en: "Base response",
            formula: "1 + ε × (h_S − h_B) / h_B = 1 + \(cur.ps.elastizitaet) × (\(cur.ps.hebesatz) − \(cur.pb.hebesatz)) / \(cur.pb.hebesatz)",
            result: "\(cur.response.scenarioRounded(8))",
            inputs: [try .parameter(scenario, GewerbesteuerKey.elastizitaet, year), try .parameter(baseline, GewerbesteuerKey.hebesatz, year),
                     try .parameter(scenario, GewerbesteuerKey.hebesatz, year)])
        let messS = ComputationStep(de: "Messbetrag Szenario \(year)", en: "Messbetrag scenario \(year)",
                                    formula: "Σ Klassen M_\(base.year) × Π(1 + g_t) × Reaktion (je Klasse auf Cent gerundet)",
                                    result: cur.messS.scenarioText(L), children: [resp])
        let revB = ComputationStep(de: "Aufkommen Basis", en: "Revenue baseline",
                                   formula: "Σ Klassen M_B × h_B / 100 = \(cur.messB.plainString) × \(cur.pb.hebesatz) / 100",
                                   result: cur.revB.scenarioText(L), inputs: [try .parameter(baseline, GewerbesteuerKey.hebesatz, year)], children: [messB])
        let revS = ComputationStep(de: "Aufkommen Szenario", en: "Revenue scenario",
                                   formula: "Σ Klassen M_S × h_S / 100 = \(cur.messS.plainString) × \(cur.ps.hebesatz) / 100",
                                   result: cur.revS.scenarioText(L), inputs: [try .parameter(scenario, GewerbesteuerKey.hebesatz, year)], children: [messS])
        let gross = ComputationStep(de: "Bruttoeffekt", en: "Gross effect", formula: "Aufkommen S − Aufkommen B",
                                    result: (cur.revS - cur.revB).scenarioText(L), children: [revB, revS])
        let uml = ComputationStep(
            de: "Änderung Gewerbesteuerumlage", en: "Change of Gewerbesteuerumlage",
            formula: "Aufkommen ÷ Hebesatz × V: \(cur.revS.plainString) / \(cur.ps.hebesatz) × \(cur.ps.umlageVervielfaeltiger) − \(cur.revB.plainString) / \(cur.pb.hebesatz) × \(cur.pb.umlageVervielfaeltiger)",
            result: "\((cur.umlS - cur.umlB).scenarioText(L)) (\(L == .de ? "Umlage Basis" : "levy baseline") \(cur.umlB.scenarioText(L)), \(L == .de ? "Szenario" : "scenario") \(cur.umlS.scenarioText(L)))",
            inputs: [try .parameter(scenario, GewerbesteuerKey.umlageVervielfaeltiger, year)])
        func sk(_ y: Int) throws -> Money { y >= base.year ? try detail(city: city, baseline: baseline, scenario: scenario, year: y).steuerkraftChange : .zero }
        let szChange = try equalisationChange(city: city, year: year, ps: cur.ps, steuerkraftChange: sk)
        let a = cur.ps.anteilVorjahr
        let sz = ComputationStep(
            de: "Änderung Schlüsselzuweisungen", en: "Change of Schlüsselzuweisungen",
            formula: city.receivesSchluesselzuweisungen
                ? "−q × (\(a) × ΔSteuerkraft_\(year - 1) + \(1 - a) × ΔSteuerkraft_\(year - 2)) = −\(cur.ps.ausgleichsquote) × (\(a) × \(try sk(year - 1).plainString) + \(1 - a) × \(try sk(year - 2).plainString)); ΔSteuerkraft = ΔMessbetrag × (fiktiver Hebesatz \(cur.ps.fiktiverHebesatz) − V \(cur.ps.umlageVervielfaeltiger)) / 100"
                : "keine Schlüsselzuweisungen (Steuerkraft über dem Bedarf): kein GFG-Effekt",
            result: "\(szChange.scenarioText(L)) (\(L == .de ? "Steuerkraft Gewerbesteuer \(year) Basis" : "tax power from the trade tax \(year) baseline") \(cur.steuerkraftB.scenarioText(L)), \(L == .de ? "Szenario" : "scenario") \(cur.steuerkraftS.scenarioText(L)))",
            inputs: [try .parameter(scenario, GFGKey.fiktiverHebesatzGewerbesteuer(kreisfrei: city.kreisfrei), year), try .parameter(scenario, GFGKey.ausgleichsquote, year),
                     try .parameter(scenario, GFGKey.anteilVorjahr, year)],
            noteDE: "Der GFG bewertet die Steuerkraft mit dem fiktiven Hebesatz, nicht mit dem eigenen. Eine Senkung des eigenen Hebesatzes (über oder unter dem fiktiven) senkt die Steuerkraft nicht; die Schlüsselzuweisungen gleichen daher nichts aus. Nur eine Änderung des Messbetrags (Elastizität) wirkt, verzögert.",
            noteEN: "The GFG values tax power at the fictive rate, not at the city's own rate. Cutting the city's rate (above or below the fictive one) does not lower its tax power, so the Schlüsselzuweisungen compensate nothing. Only a change of the base (elasticity) counts, with a delay.")
        let umlChange = cur.umlS - cur.umlB
        let net = (cur.revS - cur.revB) - umlChange + szChange
        var cases: [ComputationStep] = []
        for t in base.typicalCases {
            let a = assess(gewerbeertrag: t.gewerbeertrag, legalForm: t.legalForm, incomeTaxAttributable: t.incomeTaxAttributable, parameters: cur.pb)
            let b = assess(gewerbeertrag: t.gewerbeertrag, legalForm: t.legalForm, incomeTaxAttributable: t.incomeTaxAttributable, parameters: cur.ps)
            func line(_ x: GewerbesteuerAssessment, _ h: Decimal) -> String {
                "abgerundet \(x.roundedErtrag.plainString) − Freibetrag \(x.freibetragUsed.plainString) → × \(cur.pb.messzahl) % = Messbetrag \(x.messbetrag.plainString); × \(h) % = Steuer \(x.tax.plainString); § 35: min(\(cur.pb.anrechnungsfaktor) × Messbetrag, Steuer\(t.incomeTaxAttributable.map { ", ESt-Anteil \($0.plainString)" } ?? "")) = \(x.credit.plainString); netto \(x.netBurden.plainString)"
            }
            cases.append(ComputationStep(
                de: "Typischer Fall: \(t.name) (\(t.legalForm.label(.de)), Gewerbeertrag \(t.gewerbeertrag.germanString))",
                en: "Typical case: \(t.name) (\(t.legalForm.label(.en)), Gewerbeertrag \(t.gewerbeertrag.plainString) EUR)",
                formula: "B: \(line(a, cur.pb.hebesatz)) | S: \(line(b, cur.ps.hebesatz))",
                result: "\(L == .de ? "Entlastung brutto" : "gross relief") \((a.tax - b.tax).scenarioText(L)), \(L == .de ? "netto" : "net") \((a.netBurden - b.netBurden).scenarioText(L))",
                inputs: [try .parameter(scenario, GewerbesteuerKey.messzahl, year), try .parameter(scenario, GewerbesteuerKey.freibetrag, year),
                         try .parameter(scenario, GewerbesteuerKey.abrundung, year), try .parameter(scenario, FederalTaxKey.anrechnungsfaktor35, year),
                         .data("Gewerbeertrag", "Gewerbeertrag", t.gewerbeertrag.scenarioText(L), source: src)]))
        }
        return ComputationStep(de: "Gewerbesteuer \(year): Nettoeffekt für die Stadt", en: "Gewerbesteuer \(year): net effect for the city",
                               formula: "Brutto − ΔUmlage + ΔSchlüsselzuweisungen", result: net.scenarioText(L),
                               children: [gross, uml, sz] + cases)
    }
}

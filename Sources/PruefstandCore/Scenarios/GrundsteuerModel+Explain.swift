import Foundation

extension GrundsteuerModel {
    /// The computation tree for one year: bases, rates (residential and non-residential where the city
    /// differentiates), revenues, the GFG (no change), typical cases with a business's net burden.
    public static func explain(city: CityData, baseline: ParameterSet, scenario: ParameterSet, year: Int, lang: Language) throws -> ComputationStep {
        let d = try detail(city: city, baseline: baseline, scenario: scenario, year: year)
        let base = city.grundsteuerB
        let split = base.messbetragNichtwohnen != nil
        var growth: [ComputationInput] = []
        if year > base.year { for t in (base.year + 1)...year { growth.append(try .parameter(scenario, GrundsteuerBKey.basiswachstum, t)) } }
        var baseInputs: [ComputationInput] = [.data(split ? "Summe Messbeträge Wohngrundstücke \(base.year)" : "Summe Messbeträge \(base.year)",
                                                    split ? "Sum of Messbeträge residential \(base.year)" : "Sum of Messbeträge \(base.year)",
                                                    base.messbetrag.scenarioText(lang), source: base.source)]
        if let n = base.messbetragNichtwohnen {
            baseInputs.append(.data("Summe Messbeträge Nichtwohngrundstücke \(base.year)", "Sum of Messbeträge non-residential \(base.year)",
                                    n.scenarioText(lang), source: base.source))
        }
        let m = ComputationStep(de: "Messbetrag \(year)", en: "Messbetrag \(year)",
                                formula: split ? "M_\(base.year) × Π(1 + g_t), je Grundstücksart: Wohnen \(base.messbetrag.plainString), Nichtwohnen \(base.messbetragNichtwohnen!.plainString) × \(d.gS.scenarioRounded(6))"
                                               : "M_\(base.year) × Π(1 + g_t) = \(base.messbetrag.plainString) × \(d.gS.scenarioRounded(6))",
                                result: split ? "\(d.mWS.scenarioText(lang)) + \(d.mNS.scenarioText(lang))" : d.mWS.scenarioText(lang),
                                inputs: baseInputs + growth)
        func revenue(_ de: String, _ en: String, _ x: String, _ set: ParameterSet, mW: Money, mN: Money, h: Decimal, hn: Decimal, rev: Money) throws -> ComputationStep {
            var inputs: [ComputationInput] = [try .parameter(set, GrundsteuerBKey.hebesatz, year)]
            if split && set[GrundsteuerBKey.hebesatzNichtwohnen] != nil { inputs.append(try .parameter(set, GrundsteuerBKey.hebesatzNichtwohnen, year)) }
            return ComputationStep(de: de, en: en,
                                   formula: split ? "M_Wohnen × h_\(x) / 100 + M_Nichtwohnen × h_N\(x) / 100 = \(mW.plainString) × \(h) / 100 + \(mN.plainString) × \(hn) / 100"
                                                  : "M × h_\(x) / 100 = \(mW.plainString) × \(h) / 100",
                                   result: rev.scenarioText(lang), inputs: inputs)
        }
        let rb = try revenue("Aufkommen Basis", "Revenue baseline", "B", baseline, mW: d.mWB, mN: d.mNB, h: d.hB, hn: d.hnB, rev: d.revB)
        let rs = try revenue("Aufkommen Szenario", "Revenue scenario", "S", scenario, mW: d.mWS, mN: d.mNS, h: d.hS, hn: d.hnS, rev: d.revS)
        let gfg = ComputationStep(de: "Änderung Schlüsselzuweisungen", en: "Change of Schlüsselzuweisungen",
                                  formula: "−q × ΔMessbetrag × fiktiver Hebesatz / 100; ΔMessbetrag = 0", result: Money.zero.scenarioText(lang),
                                  inputs: [try .parameter(scenario, GFGKey.fiktiverHebesatzGrundsteuerB(kreisfrei: city.kreisfrei), year)],
                                  noteDE: "Die Steuerkraft wird mit dem fiktiven Hebesatz bewertet; eine Senkung des eigenen Hebesatzes wird nicht ausgeglichen.",
                                  noteEN: "Tax power is valued at the fictive rate; a cut of the city's own rate is not compensated.")
        var cases: [ComputationStep] = []
        for t in base.typicalCases {
            let hb = t.isResidential ? d.hB : d.hnB, hs = t.isResidential ? d.hS : d.hnS
            let b = tax(t, d.hB, d.hnB), s = tax(t, d.hS, d.hnS)
            var formula = "Messbetrag × h / 100: \(t.messbetrag.plainString) × \(hb) / 100 = \(b.plainString); × \(hs) / 100 = \(s.plainString)"
            var result = "\(lang == .de ? "Entlastung" : "relief") \((b - s).scenarioText(lang))"
            var inputs: [ComputationInput] = [.data("Messbetrag", "Messbetrag", t.messbetrag.scenarioText(lang), source: base.source)]
            if t.legalForm != nil {
                let nb = try netBurden(t, tax: b, parameters: baseline, year: year), ns = try netBurden(t, tax: s, parameters: scenario, year: year)
                formula += "; \(note(t, lang)): B \(nb.plainString), S \(ns.plainString)"
                result += ", \(lang == .de ? "netto" : "net") \((nb - ns).scenarioText(lang))"
                inputs += [try .parameter(scenario, GewerbesteuerKey.messzahl, year), try .parameter(scenario, GewerbesteuerKey.hebesatz, year)]
                inputs += t.legalForm!.hasIncomeTaxCredit
                    ? [try .parameter(scenario, FederalTaxKey.anrechnungsfaktor35, year),
                       .data("Grenzsteuersatz", "Marginal tax rate", "\(t.incomeTaxRate ?? 0)", unit: "share", source: t.incomeTaxRateSource ?? "")]
                    : [try .parameter(scenario, FederalTaxKey.koerperschaftsteuersatz, year), try .parameter(scenario, FederalTaxKey.solidaritaetszuschlagsatz, year)]
            }
            cases.append(ComputationStep(de: "Typischer Fall: \(t.name)", en: "Typical case: \(t.name)", formula: formula, result: result, inputs: inputs))
        }
        return ComputationStep(de: "Grundsteuer B \(year): Nettoeffekt", en: "Grundsteuer B \(year): net effect",
                               formula: "Aufkommen S − Aufkommen B", result: (d.revS - d.revB).scenarioText(lang), children: [m, rb, rs, gfg] + cases)
    }
}

import Foundation

/// Grundsteuer B: revenue = Messbetrag total × Hebesatz / 100, with base growth.
///
/// No Umlage applies. The GFG values the Grundsteuer B at its fictive rate, so a rate change
/// does not change the Schlüsselzuweisungen (the Messbetrag does not react to the rate here).
/// Tenants bear the Grundsteuer through the service charges (§ 2 Nr. 1 BetrKV).
public enum GrundsteuerModel {
    public static func run(city: CityData, baseline: ParameterSet, scenario: ParameterSet, years: ClosedRange<Int>)
        throws -> (effects: [ModelYearEffect], relief: [ReliefLine], typical: [TypicalCaseResult]) {
        var effects: [ModelYearEffect] = [], relief: [ReliefLine] = [], typical: [TypicalCaseResult] = []
        let base = city.grundsteuerB
        for year in years {
            let d = try detail(city: city, baseline: baseline, scenario: scenario, year: year)
            effects.append(ModelYearEffect(model: .grundsteuer, year: year, baselineRevenue: d.revB, scenarioRevenue: d.revS))
            relief.append(ReliefLine(model: .grundsteuer, year: year, group: "Grundsteuer B, alle Steuerpflichtigen",
                                     payers: nil, relief: d.revB - d.revS))
            for t in base.typicalCases {
                let b = t.messbetrag.multiplied(by: d.hB / 100), s = t.messbetrag.multiplied(by: d.hS / 100)
                let who: (String, String) = t.kind == "tenant"
                    ? ("über die Betriebskosten (§ 2 Nr. 1 BetrKV)", "through the service charges (§ 2 Nr. 1 BetrKV)")
                    : t.kind == "owner" ? ("Eigentümerhaushalt", "owner household") : ("Betrieb; als Betriebsausgabe abziehbar", "business; deductible expense")
                typical.append(TypicalCaseResult(model: .grundsteuer, year: year, name: t.name, baselineBurden: b, scenarioBurden: s,
                                                 baselineNetBurden: b, scenarioNetBurden: s, noteDE: who.0, noteEN: who.1))
            }
        }
        return (effects, relief, typical)
    }

    struct Detail { var mB: Money, mS: Money, hB: Decimal, hS: Decimal, revB: Money, revS: Money, gB: Decimal, gS: Decimal }

    static func detail(city: CityData, baseline: ParameterSet, scenario: ParameterSet, year: Int) throws -> Detail {
        let base = city.grundsteuerB
        guard year >= base.year else {
            throw PruefstandError.config(path: city.file, line: nil, key: "grundsteuer_b.year",
                                         message: "the Messbetrag data are for \(base.year) (after the 2025 reform); \(year) is not modelled")
        }
        let gB = try GewerbesteuerModel.growthFactor(baseline, key: ParameterKey.grundstWachstum, from: base.year, to: year)
        let gS = try GewerbesteuerModel.growthFactor(scenario, key: ParameterKey.grundstWachstum, from: base.year, to: year)
        let hB = try baseline.value(ParameterKey.grundstHebesatz, year), hS = try scenario.value(ParameterKey.grundstHebesatz, year)
        let mB = base.messbetrag.multiplied(by: gB), mS = base.messbetrag.multiplied(by: gS)
        return Detail(mB: mB, mS: mS, hB: hB, hS: hS, revB: mB.multiplied(by: hB / 100), revS: mS.multiplied(by: hS / 100), gB: gB, gS: gS)
    }

    public static func explain(city: CityData, baseline: ParameterSet, scenario: ParameterSet, year: Int, lang: Language) throws -> ComputationStep {
        typealias K = ParameterKey
        let d = try detail(city: city, baseline: baseline, scenario: scenario, year: year)
        let base = city.grundsteuerB
        var growth: [ComputationInput] = []
        if year > base.year { for t in (base.year + 1)...year { growth.append(try .parameter(scenario, K.grundstWachstum, t)) } }
        let m = ComputationStep(de: "Messbetrag \(year)", en: "Messbetrag \(year)",
                                formula: "M_\(base.year) × Π(1 + g_t) = \(base.messbetrag.plainString) × \(d.gS.scenarioRounded(6))",
                                result: d.mS.scenarioText(lang),
                                inputs: [.data("Summe Messbeträge \(base.year)", "Sum of Messbeträge \(base.year)", base.messbetrag.scenarioText(lang), source: base.source)] + growth)
        let rb = ComputationStep(de: "Aufkommen Basis", en: "Revenue baseline", formula: "M × h_B / 100 = \(d.mB.plainString) × \(d.hB) / 100",
                                 result: d.revB.scenarioText(lang), inputs: [try .parameter(baseline, K.grundstHebesatz, year)])
        let rs = ComputationStep(de: "Aufkommen Szenario", en: "Revenue scenario", formula: "M × h_S / 100 = \(d.mS.plainString) × \(d.hS) / 100",
                                 result: d.revS.scenarioText(lang), inputs: [try .parameter(scenario, K.grundstHebesatz, year)])
        let gfg = ComputationStep(de: "Änderung Schlüsselzuweisungen", en: "Change of Schlüsselzuweisungen",
                                  formula: "−q × ΔMessbetrag × fiktiver Hebesatz / 100; ΔMessbetrag = 0", result: Money.zero.scenarioText(lang),
                                  inputs: [try .parameter(scenario, K.gfgFiktivGrundStB(kreisfrei: city.kreisfrei), year)],
                                  noteDE: "Die Steuerkraft wird mit dem fiktiven Hebesatz bewertet; eine Senkung des eigenen Hebesatzes wird nicht ausgeglichen.",
                                  noteEN: "Tax power is valued at the fictive rate; a cut of the city's own rate is not compensated.")
        var cases: [ComputationStep] = []
        for t in base.typicalCases {
            let b = t.messbetrag.multiplied(by: d.hB / 100), s = t.messbetrag.multiplied(by: d.hS / 100)
            cases.append(ComputationStep(de: "Typischer Fall: \(t.name)", en: "Typical case: \(t.name)",
                                         formula: "Messbetrag × h / 100: \(t.messbetrag.plainString) × \(d.hB) / 100 = \(b.plainString); × \(d.hS) / 100 = \(s.plainString)",
                                         result: "\(lang == .de ? "Entlastung" : "relief") \((b - s).scenarioText(lang))",
                                         inputs: [.data("Messbetrag", "Messbetrag", t.messbetrag.scenarioText(lang), source: base.source)]))
        }
        return ComputationStep(de: "Grundsteuer B \(year): Nettoeffekt", en: "Grundsteuer B \(year): net effect",
                               formula: "Aufkommen S − Aufkommen B", result: (d.revS - d.revB).scenarioText(lang), children: [m, rb, rs, gfg] + cases)
    }
}

import Foundation

/// The Grundsteuer B Hebesatz and the fee rates as inputs (issue 16): for every scenario that runs the Grundsteuer
/// or the fee model, one input cell per stretch of years with the same rate (also where the scenario leaves the
/// rate as it is), and its rows follow them:
///
/// - Grundsteuer B (`GrundsteuerModel`, one base): scenario revenue `ROUND(Messbetrag × growth × h / 100, 2)` on
///   "Entlastung – Haushaltswirkung", relief `revenue_B − that`, the typical cases' tax `ROUND(Messbetrag × h / 100, 2)`
///   and a business's net burden `tax − ROUND(tax × income or corporate tax rate, 2) − ROUND(tax × Messzahl ×
///   Gewerbesteuer-Hebesatz, 2) (+ ROUND(tax × Messzahl × MIN(§ 35 factor, Gewerbesteuer-Hebesatz), 2))`, the
///   Gewerbesteuer-Hebesatz a reference to the Gewerbesteuer steps where the scenario has them.
/// - Fees (`FeeModel`): scenario revenue `Σ ROUND(rate × quantity, 2)`, an item's relief `ROUND(rate_B × quantity, 2)
///   − ROUND(rate × quantity, 2)`.
///
/// Stay values: differentiated Grundsteuer rates (two bases; named in the inputs sheet's note), and relief rows
/// the table leaves out because their relief is zero (a rate left unchanged): a changed input moves revenue, net
/// effect, path and typical cases, but adds no row to "Entlastung nach Gruppen".
extension ReliefFormulas {
    static func rateInputLabel(_ what: String, from: Int, scenario: String, lang: Language) -> String {
        "\(what) \(lang == .de ? "ab" : "from") \(from): \(scenario)"
    }

    /// One input per stretch of years with the same value of `key` in the scenario's years; year → the input's label.
    mutating func rateInputs(_ key: String, name: String, unit: String, engine e: ScenarioEngine, title: String, lang: Language) -> [Int: String] {
        let de = lang == .de
        var byYear: [Int: String] = [:], current: (value: Decimal, label: String)?
        for y in e.scenario.years {
            guard let v = try? e.parameters.dated(key, y) else { continue }
            if current?.value != v.value {
                let label = Self.rateInputLabel(name, from: y, scenario: title, lang: lang)
                current = (v.value, label)
                rateInputRows.append([.text(label), .decimal(v.value), .text(unit),
                                      .text((e.scenario.overrides[key] != nil ? (de ? "Szenario: " : "scenario: ") : (de ? "Basis: " : "baseline: ")) + v.source)])
            }
            byYear[y] = current!.label
        }
        return byYear
    }

    /// Grundsteuer B and fee inputs of scenario `i` and the cells that follow them.
    mutating func addRates(scenario i: Int, engine e: ScenarioEngine, result: ScenarioResult, lang: Language) {
        let de = lang == .de, title = result.scenario.displayTitle(lang)
        let rows = Self.reliefRows(result), relief = Self.positions(result.relief, model: \.model, year: \.year)
        var list: [CellEdit] = []
        if e.scenario.models.contains(.grundsteuer) {
            let base = e.city.grundsteuerB
            if base.messbetragNichtwohnen != nil || e.parameters[GrundsteuerBKey.hebesatzNichtwohnen] != nil {
                notExact.append(title + (de ? " (Grundsteuer B mit zwei Sätzen)" : " (Grundsteuer B with two rates)"))
            } else {
                let inputs = rateInputs(GrundsteuerBKey.hebesatz.key, name: de ? "Grundsteuer-B-Hebesatz" : "Grundsteuer B rate (Hebesatz)",
                                        unit: de ? "Prozent (Hebesatzpunkte)" : "percent (rate points)", engine: e, title: title, lang: lang)
                func h(_ y: Int) -> String { "{ref:whatif_inputs:value:\(inputs[y]!)}" }
                for (n, x) in result.effects.enumerated() where x.model == .grundsteuer {
                    guard inputs[x.year] != nil, let g = try? GewerbesteuerModel.growthFactor(e.parameters, key: GrundsteuerBKey.basiswachstum, from: base.year, to: x.year)
                    else { continue }
                    let revenue = "ROUND(\(base.messbetrag.multiplied(by: g).plainString)*\(h(x.year))/100,2)"
                    list.append(CellEdit(table: "scenario_effects", row: n, column: "scenario_revenue", cell: .formula("=" + revenue, cached: .money(x.scenarioRevenue))))
                    if let line = result.relief.firstIndex(where: { $0.model == .grundsteuer && $0.year == x.year }), let row = rows[line] {
                        list.append(CellEdit(table: "scenario_relief", row: row, column: "relief",
                                             cell: .formula("=\(x.baselineRevenue.plainString)-\(revenue)", cached: .money(result.relief[line].relief))))
                    }
                }
                let position = Self.positions(result.typicalCases, model: \.model, year: \.year)
                for (n, c) in result.typicalCases.enumerated() where c.model == .grundsteuer {
                    guard inputs[c.year] != nil, position[n] < base.typicalCases.count,
                          let net = try? businessNet(base.typicalCases[position[n]], engine: e, scenario: i, year: c.year) else { continue }
                    let t = base.typicalCases[position[n]]
                    list.append(CellEdit(table: "scenario_typical_cases", row: n, column: "scenario_burden",
                                         cell: .formula("=ROUND(\(t.messbetrag.plainString)*\(h(c.year))/100,2)", cached: .money(c.scenarioBurden))))
                    list.append(CellEdit(table: "scenario_typical_cases", row: n, column: "scenario_net_burden", cell: .formula(net, cached: .money(c.scenarioNetBurden))))
                }
            }
        }
        if e.scenario.models.contains(.fees), !e.city.fees.isEmpty {
            var items: [(schedule: FeeSchedule, item: FeeSchedule.Item, inputs: [Int: String])] = []
            for s in e.city.fees {
                for item in s.items {
                    items.append((s, item, rateInputs(item.rateParameter, name: (de ? "Gebühr " : "Fee ") + "\(s.name): \(item.name)",
                                                      unit: (de ? "Euro je Einheit (" : "euros per unit (") + item.unit + ")", engine: e, title: title, lang: lang)))
                }
            }
            func revenue(_ x: (schedule: FeeSchedule, item: FeeSchedule.Item, inputs: [Int: String]), _ y: Int) -> String? {
                x.inputs[y].map { "ROUND({ref:whatif_inputs:value:\($0)}*\(x.item.quantity),2)" }
            }
            for (n, x) in result.effects.enumerated() where x.model == .fees {
                let parts = items.compactMap { revenue($0, x.year) }
                guard parts.count == items.count else { continue }
                list.append(CellEdit(table: "scenario_effects", row: n, column: "scenario_revenue",
                                     cell: .formula("=" + parts.joined(separator: "+"), cached: .money(x.scenarioRevenue))))
            }
            for (n, line) in result.relief.enumerated() where line.model == .fees {
                guard let row = rows[n], relief[n] < items.count, let s = revenue(items[relief[n]], line.year),
                      let rateB = try? e.baseline.value(items[relief[n]].item.rateParameter, line.year) else { continue }
                let b = Money.rounding(rateB * items[relief[n]].item.quantity)
                list.append(CellEdit(table: "scenario_relief", row: row, column: "relief", cell: .formula("=\(b.plainString)-\(s)", cached: .money(line.relief))))
            }
        }
        edits[i, default: []] += list
    }

    /// A typical case's net Grundsteuer burden as a formula over its tax in the same row (`GrundsteuerModel.netBurden`).
    func businessNet(_ t: GrundsteuerBase.TypicalCase, engine e: ScenarioEngine, scenario i: Int, year: Int) throws -> String {
        let tax = "{col:scenario_burden}{r}"
        guard let form = t.legalForm else { return "=" + tax }
        let p = e.parameters, messzahl = try p.value(GewerbesteuerKey.messzahl, year) / 100
        // The Gewerbesteuer-Hebesatz / 100: the Gewerbesteuer steps' cell where the scenario has them, else its value.
        let hValue = try p.value(GewerbesteuerKey.hebesatz, year) / 100
        let hGew = stepRow[i]?[year].map { "({ref:\(Self.stepsKey):hebesatz_scenario:\($0)}/100)" } ?? "(\(hValue))"
        let gewst = "ROUND(\(tax)*(\(messzahl))*\(hGew),2)"
        if form.hasIncomeTaxCredit {
            return "=\(tax)-ROUND(\(tax)*(\(t.incomeTaxRate ?? 0)),2)-\(gewst)+ROUND(\(tax)*(\(messzahl))*MIN(\(try p.value(FederalTaxKey.anrechnungsfaktor35, year)),\(hGew)),2)"
        }
        let kst = try p.value(FederalTaxKey.koerperschaftsteuersatz, year) / 100 * (1 + (try p.value(FederalTaxKey.solidaritaetszuschlagsatz, year)) / 100)
        return "=\(tax)-ROUND(\(tax)*(\(kst)),2)-\(gewst)"
    }
}

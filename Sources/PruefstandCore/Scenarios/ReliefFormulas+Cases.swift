import Foundation

/// The relief by Kita income bracket and the typical cases as formulas over the inputs (issue 16): the fee cut of
/// the Kita steps and the Hebesatz of the Gewerbesteuer steps, with `ROUND(…,2)` where the models round.
///
/// - Relief of an income bracket (`KitaModel.run`): `ROUND(SUMPRODUCT((bracket = b) × ROUND(12 × (paying × (fee_B −
///   fee_S) + siblings × (sibling fee_B − sibling fee_S)) × (1 − exempt share_B), 2)) × growth_B × calibration, 2)`,
///   each fee `ROUND(table fee × ((1 − cut) × bracket factor), 2)`, a sibling fee `ROUND(fee × (1 − discount), 2)`;
///   baseline and scenario have their own bracket-factor column on "Entlastung – Kita-Belegung".
/// - A typical family's scenario burden (`KitaModel.run`): `12 × ROUND(table fee × ((1 − cut) × factor), 2)` (a
///   sibling: `12 × ROUND(ROUND(…, 2) × (1 − discount), 2)`); its net burden is the burden.
/// - A typical business (`GewerbesteuerModel.typicalCase`): tax `ROUND(Messbetrag × h_S / 100, 2)`, net burden
///   tax − `MIN(ROUND(Messbetrag × § 35 factor, 2), tax[, income tax attributable])` for owners with the credit.
///
/// The baseline burdens stay values (the baseline's rates are not inputs). The cached values are the models'.
extension ReliefFormulas {
    /// One cell of a scenario table (`table`, 0-based data row, column key) that becomes `cell`.
    struct CellEdit {
        var table: String, row: Int, column: String, cell: ReportTable.Cell
    }

    /// The row of `scenario_relief` of each relief line (nil for a line with no relief: the table leaves it out).
    static func reliefRows(_ result: ScenarioResult) -> [Int?] {
        var n = 0
        return result.relief.map { line in
            guard line.relief != .zero else { return nil }
            defer { n += 1 }
            return n
        }
    }

    /// Per line: its position among the lines of the same model and year (a Kita bracket, a Gewerbesteuer class, a case).
    static func positions<T>(_ items: [T], model: (T) -> ScenarioModelKind, year: (T) -> Int) -> [Int] {
        var seen: [String: Int] = [:]
        return items.map { x in
            let key = "\(model(x).rawValue) \(year(x))", k = seen[key, default: 0]
            seen[key] = k + 1
            return k
        }
    }

    func applyEdits(to tables: [ReportTable], scenario i: Int) -> [ReportTable] {
        guard let list = edits[i] else { return tables }
        var out = tables
        for edit in list {
            guard let t = out.firstIndex(where: { $0.key == edit.table }), let c = out[t].columns.firstIndex(where: { $0.key == edit.column }),
                  edit.row < out[t].rows.count else { continue }
            out[t].rows[edit.row][c] = edit.cell
        }
        return out
    }

    /// The column of the enrollment sheet holding these bracket factors (added when new).
    mutating func factorColumn(_ factors: [Decimal]) -> String {
        if !kitaFactors.contains(factors) { kitaFactors.append(factors) }
        return "{range:\(Self.kitaCellsKey):factor_\(kitaFactors.firstIndex(of: factors)! + 1)}"
    }

    /// The Kita relief by income bracket and the typical families of scenario `i` as formulas over the cut of its steps.
    mutating func addKitaCases(scenario i: Int, kita: KitaData, plan: KitaPlan, result: ScenarioResult) {
        guard let block = kitaStepRow[i] else { return }
        func range(_ col: String) -> String { "{range:\(Self.kitaCellsKey):\(col)}" }
        func lit(_ x: Decimal) -> String { "(\(x))" }
        var list: [CellEdit] = []
        let rows = Self.reliefRows(result), position = Self.positions(result.relief, model: \.model, year: \.year)
        for (n, line) in result.relief.enumerated() where line.model == .kita {
            guard let row = rows[n], let r = block[line.year], let d = plan.byYear[line.year] else { continue }
            let cut = "{ref:\(Self.kitaStepsKey):cut:\(r)}"
            let feeS = "ROUND(\(range("fee"))*((1-\(cut))*\(factorColumn(d.factors))),2)"
            let feeB = "ROUND(\(range("fee"))*(\(lit(1 - d.baseline.cut))*\(factorColumn(d.factorsBaseline))),2)"
            let sibS = "ROUND(\(feeS)*\(lit(1 - d.siblingDiscount)),2)", sibB = "ROUND(\(feeB)*\(lit(1 - d.baseline.siblingDiscount)),2)"
            let cells = "ROUND(12*(\(range("paying"))*(\(feeB)-\(feeS))+\(range("siblings"))*(\(sibB)-\(sibS)))*\(lit(1 - d.baseline.exemptShare)),2)"
            let formula = "=ROUND(SUMPRODUCT((\(range("bracket"))=\(position[n] + 1))*\(cells))*\(lit(d.growthBaseline * kita.revenueFactor)),2)"
            list.append(CellEdit(table: "scenario_relief", row: row, column: "relief", cell: .formula(formula, cached: .money(line.relief))))
            if let per = line.reliefPerPayer {
                list.append(CellEdit(table: "scenario_relief", row: row, column: "relief_per_payer",
                                     cell: .formula("=ROUND({col:relief}{r}/{col:payers}{r},2)", cached: .money(per))))
            }
        }
        // The typical families in the order the model lists them: those with a bracket for their income.
        let casePosition = Self.positions(result.typicalCases, model: \.model, year: \.year)
        for (n, c) in result.typicalCases.enumerated() where c.model == .kita {
            guard let r = block[c.year], let d = plan.byYear[c.year] else { continue }
            let families = kita.typicalFamilies.filter { d.baseline.table.bracket(forIncome: $0.income) != nil }
            guard casePosition[n] < families.count else { continue }
            let f = families[casePosition[n]]
            guard let bracket = d.rules.table.bracket(forIncome: f.income), let fee = d.rules.table.fee(age: f.age, hours: f.hours, bracket: bracket)
            else { continue }
            var monthly = "ROUND(\(fee.plainString)*((1-{ref:\(Self.kitaStepsKey):cut:\(r)})*\(lit(KitaPlan.factor(d.rules, bracket: bracket)))),2)"
            if f.isSibling { monthly = "ROUND(\(monthly)*\(lit(1 - d.siblingDiscount)),2)" }
            list.append(CellEdit(table: "scenario_typical_cases", row: n, column: "scenario_burden",
                                 cell: .formula("=12*\(monthly)", cached: .money(c.scenarioBurden))))
            list.append(CellEdit(table: "scenario_typical_cases", row: n, column: "scenario_net_burden",
                                 cell: .formula("={col:scenario_burden}{r}", cached: .money(c.scenarioNetBurden))))
        }
        edits[i, default: []] += list
    }

    /// The typical businesses of scenario `i`'s Gewerbesteuer as formulas over the Hebesatz of its steps.
    mutating func addBusinessCases(scenario i: Int, engine e: ScenarioEngine, result: ScenarioResult) {
        guard let block = stepRow[i] else { return }
        let businesses = e.city.gewerbesteuer.typicalCases
        let position = Self.positions(result.typicalCases, model: \.model, year: \.year)
        var list: [CellEdit] = []
        for (n, c) in result.typicalCases.enumerated() where c.model == .gewerbesteuer {
            guard let r = block[c.year], position[n] < businesses.count,
                  let ps = try? GewerbesteuerParameters(e.parameters, year: c.year, kreisfrei: e.city.kreisfrei) else { continue }
            let t = businesses[position[n]]
            let m = GewerbesteuerModel.assess(gewerbeertrag: t.gewerbeertrag, legalForm: t.legalForm,
                                              incomeTaxAttributable: t.incomeTaxAttributable, parameters: ps).messbetrag
            list.append(CellEdit(table: "scenario_typical_cases", row: n, column: "scenario_burden",
                                 cell: .formula("=ROUND(\(m.plainString)*{ref:\(Self.stepsKey):hebesatz_scenario:\(r)}/100,2)", cached: .money(c.scenarioBurden))))
            var net = "={col:scenario_burden}{r}"
            if t.legalForm.hasIncomeTaxCredit {
                let cap = t.incomeTaxAttributable.map { ",\($0.plainString)" } ?? ""
                net += "-MIN(ROUND(\(m.plainString)*(\(ps.anrechnungsfaktor)),2),{col:scenario_burden}{r}\(cap))"
            }
            list.append(CellEdit(table: "scenario_typical_cases", row: n, column: "scenario_net_burden",
                                 cell: .formula(net, cached: .money(c.scenarioNetBurden))))
        }
        edits[i, default: []] += list
    }
}

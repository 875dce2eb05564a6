import Foundation

extension KitaModel {
    /// The computation tree for one year.
    public static func explain(city: CityData, baseline: ParameterSet, scenario: ParameterSet, levers: Scenario.KitaLevers, year: Int, lang: Language) throws -> ComputationStep {
        guard let kita = city.kita else { throw PruefstandError.config(path: city.file, line: nil, key: "kita", message: "the city has no Kita data") }
        let d = try detail(city: city, baseline: baseline, scenario: scenario, levers: levers, year: year)
        let e = kita.enrollment
        var cells: [ComputationStep] = []
        for c in e.cells {
            let fb = d.rb.monthlyFee(age: c.age, hours: c.hours, bracket: c.bracket, sibling: false)
            let fs = d.rs.monthlyFee(age: c.age, hours: c.hours, bracket: c.bracket, sibling: false)
            let gb = d.rb.monthlyFee(age: c.age, hours: c.hours, bracket: c.bracket, sibling: true)
            let gs = d.rs.monthlyFee(age: c.age, hours: c.hours, bracket: c.bracket, sibling: true)
            let vb = d.rb.payable((fb * Int64(c.paying) + gb * Int64(c.siblings)) * 12), vs = d.rs.payable((fs * Int64(c.paying) + gs * Int64(c.siblings)) * 12)
            cells.append(ComputationStep(
                de: "Stufe \(c.bracket + 1), \(c.age.rawValue.uppercased()), \(c.hours) Std.", en: "Bracket \(c.bracket + 1), \(c.age.rawValue.uppercased()), \(c.hours) h",
                formula: "12 × (zahlend × Beitrag + Geschwister × Beitrag × (1 − Geschwisterermäßigung)) × (1 − befreit § 90 Abs. 4 SGB VIII): B 12 × (\(c.paying) × \(fb.plainString) + \(c.siblings) × \(gb.plainString)) × (1 − \(d.rb.exemptShare)) = \(vb.plainString); S 12 × (\(c.paying) × \(fs.plainString) + \(c.siblings) × \(gs.plainString)) × (1 − \(d.rs.exemptShare)) = \(vs.plainString); beitragsfrei (§ 50 Abs. 1 KiBiz): \(c.feeFree)",
                result: (vs - vb).scenarioText(lang)))
        }
        let rulesStep = ComputationStep(
            de: "Beitragsregeln", en: "Fee rules",
            formula: "Beitrag = Tabelle × (1 − Senkung) × (1 − Senkung der Stufe), 0 wenn Obergrenze der Stufe ≤ Befreiungsgrenze; auf Cent gerundet",
            result: "B: Grenze \(d.rb.threshold.plainString), Senkung \(d.rb.cut); S: Grenze \(d.rs.threshold.plainString), Senkung \(d.rs.cut), Stufen \(d.rs.bracketCuts.sorted { $0.key < $1.key }.map { "\($0.key + 1): \($0.value)" }.joined(separator: ", "))",
            inputs: [try .parameter(baseline, KitaKey.befreiungsgrenze, year), try .parameter(scenario, KitaKey.befreiungsgrenze, year),
                     try .parameter(scenario, KitaKey.beitragssenkung, year), try .parameter(scenario, KitaKey.geschwisterermaessigung, year),
                     try .parameter(scenario, KitaKey.befreitSGB8Anteil, year),
                     .data("Beitragstabelle", "Fee table", d.rs.table.file, source: d.rs.table.source),
                     .data("Belegung \(e.year)", "Enrollment \(e.year)", "\(e.totalChildren)", unit: "Kinder", source: e.source)]
                + leverInputs(levers, year: year))
        let growth = ComputationStep(de: "Belegungsentwicklung", en: "Enrollment growth", formula: "Π(1 + g_t) ab \(e.year + 1)",
                                     result: "B \(d.gB.scenarioRounded(6)), S \(d.gS.scenarioRounded(6))",
                                     inputs: year > e.year ? try ((e.year + 1)...year).map { try .parameter(scenario, KitaKey.belegungWachstum, $0) } : [])
        let comp = ComputationStep(de: "Landesausgleich Beitragsfreiheit", en: "State compensation for fee-free years",
                                   formula: "Summe Kindpauschalen Ü3 × Anteil × Belegungsfaktor: \(e.kindpauschalenUe3.plainString) × \(d.share)",
                                   result: "B \(d.compB.scenarioText(lang)), S \(d.compS.scenarioText(lang)), Δ \((d.compS - d.compB).scenarioText(lang))",
                                   inputs: [try .parameter(scenario, KitaKey.landesausgleichAnteilKindpauschalen, year),
                                            .data("Summe Kindpauschalen Ü3", "Sum of Kindpauschalen 3+", e.kindpauschalenUe3.scenarioText(lang), source: e.source)],
                                   noteDE: "Der Ausgleich hängt nicht von der Beitragstabelle der Stadt ab: eigene Senkungen werden nicht erstattet.",
                                   noteEN: "The compensation does not depend on the city's fee table: the city's own cuts are not reimbursed.")
        let gross = ComputationStep(de: "Bruttoeffekt", en: "Gross effect",
                                    formula: "Σ Zellen × Belegungsfaktor: \(d.revS0.plainString) × \(d.gS.scenarioRounded(6)) − \(d.revB0.plainString) × \(d.gB.scenarioRounded(6))",
                                    result: (d.revS - d.revB).scenarioText(lang), children: [rulesStep, growth] + cells)
        return ComputationStep(de: "Kita-Elternbeiträge \(year): Nettoeffekt", en: "Kita fees \(year): net effect",
                               formula: "Brutto + ΔLandesausgleich", result: ((d.revS - d.revB) + (d.compS - d.compB)).scenarioText(lang),
                               children: [gross, comp])
    }

    static func leverInputs(_ levers: Scenario.KitaLevers, year: Int) -> [ComputationInput] {
        var r: [ComputationInput] = []
        if let t = levers.newTable, let from = levers.newTableFrom, year >= from {
            r.append(.data("Neue Beitragstabelle ab \(from)", "New fee table from \(from)", t.file, source: levers.newTableSource ?? t.source))
        }
        for c in levers.bracketCuts where year >= c.from {
            r.append(.data("Senkung Stufe \(c.bracket + 1) ab \(c.from)", "Cut bracket \(c.bracket + 1) from \(c.from)", "\(c.cut)", unit: "share", source: c.source))
        }
        return r
    }
}

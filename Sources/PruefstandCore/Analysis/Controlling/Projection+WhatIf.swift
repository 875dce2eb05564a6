import Foundation

/// What-if in the workbook (issue 16): the projection's assumptions as input cells on one sheet and the
/// projection as formulas over them, so that a changed growth rate, measure probability or interest rate
/// recalculates the whole path in Excel or LibreOffice.
///
/// Every formula repeats the model's arithmetic step by step (`ProjectionModel`): a group's amount is
/// `ROUND(previous × (1 + rate), 2)` per year, a measure's expected saving `ROUND(saving × probability, 2)`,
/// interest `ROUND((loans − relief) × rate, 2)`; sums of cents are exact. The cached values are the model's
/// own results, so the file shows the same numbers as before and a recalculation agrees to the cent.
/// What stays a value: the plan (base year), the measures' yearly savings, the decided review savings and the
/// relief scenarios' effects (computed by the tax and fee models, not linear in one cell).
extension ProjectionResult {
    /// The workbook's tables: the inputs, the projection by account group, the projection and the measures
    /// (the latter two as in `reportTables`, with their derived cells as formulas over the inputs).
    public func workbookTables(base: ProjectionBase, effects: [BudgetEffect], lang: Language = .de) -> [ReportTable] {
        let de = lang == .de
        var tables = reportTables(lang: lang)
        let interestGroup = scenario.debt?.interestAccountGroup
        let revGroups = base.revenueByGroup.keys.sorted()
        let expGroups = base.expenseByGroup.keys.filter { $0 != interestGroup }.sorted()

        // 1. The inputs: growth rates, measure probabilities, interest rates.
        var inputRows: [[ReportTable.Cell]] = []
        var growthRow: [String: Int] = [:], probabilityRow: [String: Int] = [:], rateRow: [Int: Int] = [:]
        for g in (revGroups + expGroups) {
            growthRow[g] = inputRows.count
            let own = scenario.growthRates[g] != nil
            inputRows.append([.text(de ? "Wachstumsrate Kontengruppe \(g)" : "Growth rate account group \(g)"),
                              .percent(scenario.growthRate(forGroup: g)),
                              .text(de ? "pro Jahr" : "per year"),
                              .text(own ? (de ? "Projektionsdatei: growth_rates, Gruppe \(g)" : "projection file: growth_rates, group \(g)")
                                        : (de ? "Projektionsdatei: default_growth_rate" : "projection file: default_growth_rate"))])
        }
        for m in scenario.measures {
            probabilityRow[m.id] = inputRows.count
            inputRows.append([.text(de ? "Wahrscheinlichkeit \(m.id)" : "Probability \(m.id)"), .percent(m.probability),
                              .text(de ? "Anteil der jährlichen Wirkung" : "share of the yearly saving"),
                              .text((de ? "Maßnahme \(m.id): " : "measure \(m.id): ") + m.description)])
        }
        if let debt = scenario.debt {
            for y in years {
                rateRow[y.year] = inputRows.count
                inputRows.append([.text(de ? "Zinssatz Liquiditätskredite \(y.year)" : "Interest rate on liquidity loans \(y.year)"),
                                  .percent(debt.rate(in: y.year)), .text(de ? "pro Jahr" : "per year"),
                                  .text(de ? "Projektionsdatei: debt.interest_rates" : "projection file: debt.interest_rates")])
            }
        }
        let inputs = ReportTable(table: "whatif_inputs", lang: lang, values: ["base_year": String(baseYear)], rows: inputRows)

        // 2. The projection by account group: the model's step 1, one row per group, one column per year.
        let yearKeys = years.map { "y\($0.year)" }
        var lineRows: [[ReportTable.Cell]] = []
        var revTotalRow = 0, expTotalRow = 0
        func groupRows(_ groups: [String], _ amounts: [String: Money], side: String, total: String) -> Int {
            for g in groups {
                var row: [ReportTable.Cell] = [.text(g), .text(side), .formula("={ref:whatif_inputs:value:\(growthRow[g]!)}", cached: .percent(scenario.growthRate(forGroup: g)))]
                var m = amounts[g]!
                for (i, _) in years.enumerated() {
                    if i > 0 { m = m.multiplied(by: 1 + scenario.growthRate(forGroup: g)) }
                    row.append(i == 0 ? .money(m) : .formula("=ROUND({col:\(yearKeys[i - 1])}{r}*(1+{col:growth_rate}{r}),2)", cached: .money(m)))
                }
                lineRows.append(row)
            }
            var row: [ReportTable.Cell] = [.text(total), .empty, .empty]
            for (i, _) in years.enumerated() {
                let sum = groups.map { g in (0..<i).reduce(amounts[g]!) { m, _ in m.multiplied(by: 1 + scenario.growthRate(forGroup: g)) } }.sum()
                row.append(groups.isEmpty ? .formula("=0", cached: .money(.zero))
                                          : .formula("=SUM({col:\(yearKeys[i])}{r-\(groups.count)}:{col:\(yearKeys[i])}{r-1})", cached: .money(sum)))
            }
            lineRows.append(row)
            return lineRows.count - 1
        }
        let totals = Self.lineTotalLabels(lang)
        revTotalRow = groupRows(revGroups, base.revenueByGroup, side: de ? "Ertrag" : "Revenue", total: totals.revenue)
        expTotalRow = groupRows(expGroups, base.expenseByGroup, side: de ? "Aufwand" : "Expense", total: totals.expense)
        var lines = ReportTable(table: "projection_lines", lang: lang, values: ["base_year": String(baseYear)], rows: lineRows)
        lines.columns += years.map { .init("y\($0.year)", de: "\($0.year)", en: "\($0.year)", kind: .money) }

        // 3. The measures: probability from the inputs.
        if let mi = tables.firstIndex(where: { $0.key == "measures" }), let p = tables[mi].columns.firstIndex(where: { $0.key == "probability" }) {
            for (i, m) in scenario.measures.enumerated() {
                tables[mi].rows[i][p] = .formula("={ref:whatif_inputs:value:\(probabilityRow[m.id]!)}", cached: .percent(m.probability))
            }
        }

        // 4. The projection: revenue, expenses and measures from the lines and the measures.
        if let pi = tables.firstIndex(where: { $0.key == "projection" }) {
            var t = tables[pi]
            let col = { (key: String) in t.columns.firstIndex { $0.key == key } }
            for (i, y) in years.enumerated() {
                let f = measureFormulas(year: y.year, effects: effects)
                let revChange = effects.filter { $0.fiscalYear == y.year }.map(\.revenueChange).sum()
                let expChange = effects.filter { $0.fiscalYear == y.year }.map(\.expenseChange).sum()
                func constant(_ m: Money) -> String { m.cents == 0 ? "" : "+(\(m.plainString))" }
                if let c = col("revenue") {
                    t.rows[i][c] = .formula("={ref:projection_lines:y\(y.year):\(revTotalRow)}" + (f.revenue.isEmpty ? "" : "+" + f.revenue) + constant(revChange),
                                            cached: .money(y.revenue))
                }
                let expFormula = "={ref:projection_lines:y\(y.year):\(expTotalRow)}" + (f.expense.isEmpty ? "" : "-(" + f.expense + ")") + constant(expChange)
                if let c = col("expenses_before_interest") {
                    t.rows[i][c] = .formula(expFormula, cached: .money(y.expenses - y.interest))
                } else if let c = col("expenses"), y.interest.cents == 0 {
                    t.rows[i][c] = .formula(expFormula, cached: .money(y.expenses))
                }
                if let c = col("measures") {
                    let all = [f.revenue, f.expense].filter { !$0.isEmpty }.joined(separator: "+")
                    t.rows[i][c] = .formula("=" + (all.isEmpty ? "0" : all), cached: .money(y.measures))
                }
                if let c = col("interest_rate"), let r = rateRow[y.year] {
                    t.rows[i][c] = .formula("={ref:whatif_inputs:value:\(r)}", cached: .percent(scenario.debt!.rate(in: y.year)))
                }
            }
            if let c = col("interest_rate") { t.columns[c].isInput = false }
            t.notes = Array(t.notes.prefix(2)) + [de
                ? "Erträge, Aufwendungen, HSK-Maßnahmen, Zinsen, Jahresergebnis, Liquiditätskredite und Rücklagen sind Formeln über das Blatt Annahmen (Eingaben): eine geänderte Wachstumsrate, Wahrscheinlichkeit oder ein Zinssatz rechnet alle Jahre neu. Werte bleiben: weitere Effekte (beschlossene Stellen, Entlastung) und die Altschuldenentlastung."
                : "Revenue, expenses, measures, interest, annual result, liquidity loans and reserves are formulas over the sheet Assumptions (inputs): a changed growth rate, probability or interest rate recalculates every year. Values stay: other effects (decided positions, relief) and the old-debt relief."]
            tables[pi] = t
        }
        return [inputs, lines] + tables
    }

    /// The measures of `year` as formula terms over the measures table's expected savings, split by kind.
    /// A measure on the same positions as the review gives way to the year's decided review savings R:
    /// its term is `E − MIN(E, MAX(0, R − (earlier such measures' E)))`, the model's overlap rule.
    /// The first cells of the revenue and expense subtotal rows of "Projektion nach Kontengruppen" (formulas
    /// elsewhere find the rows by them).
    static func lineTotalLabels(_ lang: Language) -> (revenue: String, expense: String) {
        lang == .de ? ("Erträge zusammen", "Aufwendungen zusammen (ohne Zinsen)") : ("Revenue total", "Expenses total (before interest)")
    }

    /// `measureRow` maps a measure's id to its row in the measures table when this projection's measures are
    /// not that table's (a relief projection without the measures the relief replaces).
    func measureFormulas(year: Int, effects: [BudgetEffect], measureRow: [String: Int]? = nil) -> (revenue: String, expense: String) {
        let review = effects.filter { $0.fiscalYear == year && $0.source.hasPrefix(ReviewDecisions.effectSourcePrefix) }
            .map(\.resultChange).filter { $0.cents > 0 }.sum()
        var rev: [String] = [], exp: [String] = [], earlier: [String] = []
        for (i, m) in scenario.measures.enumerated() where m.startYear <= year && !m.isInPlan(baseYear: baseYear) {
            let e = "{ref:measures:expected_saving:\(measureRow?[m.id] ?? i)}"
            if m.samePositionsAsReview && m.kind == .expense {
                let used = earlier.isEmpty ? "" : "-(" + earlier.joined(separator: "+") + ")"
                exp.append("(\(e)-MIN(\(e),MAX(0,\(review.plainString)\(used))))")
                earlier.append(e)
            } else if m.kind == .expense {
                exp.append(e)
            } else {
                rev.append(e)
            }
        }
        return (rev.joined(separator: "+"), exp.joined(separator: "+"))
    }
}

import Foundation

/// The consolidation path with each relief scenario as formulas (issue 16): the relief's projection repeats the
/// baseline's formulas (the projection by account group, the measures the relief keeps, the decided review
/// savings) and adds the scenario's effects from the sheet "Entlastung – Haushaltswirkung" by reference, then
/// interest, result and liquidity loans follow year by year as on "Konsolidierungspfad". A changed growth
/// rate, probability, interest rate or Hebesatz therefore moves every relief path; the chart of the paths
/// refers to these cells. Cached values are the relief projections' own numbers.
enum ReliefPath {
    static let key = "projection_relief"

    /// The table, nil without a projection or without a scenario with a projection.
    static func table(_ r: AnalysisResults, lang: Language) -> ReportTable? {
        guard let base = r.projection, r.scenarios.contains(where: { $0.projection != nil }) else { return nil }
        let debt = base.scenario.debt
        let totals = ProjectionResult.lineTotalLabels(lang)
        var measureRow: [String: Int] = [:]
        for (i, m) in base.scenario.measures.enumerated() where measureRow[m.id] == nil { measureRow[m.id] = i }
        var rows: [[ReportTable.Cell]] = []
        var effectOffset = 0
        for run in r.scenarios {
            defer { effectOffset += run.result.effects.count }
            guard let p = run.projection else { continue }
            let title = run.result.scenario.displayTitle(lang)
            var loansStart = debt?.liquidityLoans ?? .zero
            for (i, y) in p.years.enumerated() {
                let f = p.measureFormulas(year: y.year, effects: r.reviewEffects, measureRow: measureRow)
                let own = r.reviewEffects.filter { $0.fiscalYear == y.year }
                func constant(_ m: Money) -> String { m.cents == 0 ? "" : "+(\(m.plainString))" }
                var revTerms = "", expTerms = ""
                for (n, e) in run.result.effects.enumerated() where e.year == y.year {
                    let row = effectOffset + n
                    revTerms += "+{ref:scenario_effects:gross:\(row)}+{ref:scenario_effects:equalisation_change:\(row)}+{ref:scenario_effects:compensation_change:\(row)}"
                    expTerms += "+{ref:scenario_effects:umlage_change:\(row)}"
                }
                let revenue = "={ref:projection_lines:y\(y.year):\(totals.revenue)}" + (f.revenue.isEmpty ? "" : "+" + f.revenue)
                    + constant(own.map(\.revenueChange).sum()) + revTerms
                let expenses = "={ref:projection_lines:y\(y.year):\(totals.expense)}" + (f.expense.isEmpty ? "" : "-(" + f.expense + ")")
                    + constant(own.map(\.expenseChange).sum()) + expTerms
                var row: [ReportTable.Cell] = [.text(title), .integer(Int64(y.year)), .formula(revenue, cached: .money(y.revenue))]
                if let debt {
                    row += [.formula(expenses, cached: .money(y.expenses - y.interest)),
                            .formula("={ref:projection:interest_rate:\(i)}", cached: .percent(debt.rate(in: y.year))),
                            i == 0 ? .money(loansStart) : .formula("={col:liquidity_loans_end}{r-1}", cached: .money(loansStart)),
                            .money(y.relief),
                            .formula("=ROUND(({col:liquidity_loans_start}{r}-{col:relief}{r})*{col:interest_rate}{r},2)", cached: .money(y.interest)),
                            .formula("={col:expenses_before_interest}{r}+{col:interest}{r}", cached: .money(y.expenses)),
                            .formula("={col:revenue}{r}-{col:expenses}{r}", cached: .money(y.annualResult)),
                            .formula("=MAX(0,{col:liquidity_loans_start}{r}-{col:relief}{r}-{col:annual_result}{r})", cached: .money(y.liquidityLoansEnd))]
                } else {
                    row += [.formula(expenses, cached: .money(y.expenses)), .formula("={col:revenue}{r}-{col:expenses}{r}", cached: .money(y.annualResult))]
                }
                rows.append(row)
                loansStart = y.liquidityLoansEnd
            }
        }
        // Without a debt model there is no interest, and the expenses are named so (report-columns.tsv).
        let withoutDebt = ReportColumns.list("scenario year revenue expenses annual_result", table: "projection_relief_without_debt")
        return ReportTable(table: key, lang: lang, columns: debt == nil ? withoutDebt : nil, rows: rows)
    }

    /// The chart of the paths with its cells as references: the baseline to "Konsolidierungspfad", each relief to
    /// its rows of `table` (same cached values).
    static func chart(_ page: ChartPage, _ r: AnalysisResults) -> ChartPage {
        guard let base = r.projection else { return page }
        var page = page
        var blocks: [[Int: Int]] = [[:]]   // per path column: year → row (path_0: the baseline's projection table)
        for (i, y) in base.years.enumerated() { blocks[0][y.year] = i }
        var next = 0
        for run in r.scenarios {
            guard let p = run.projection else { continue }
            var b: [Int: Int] = [:]
            for y in p.years { b[y.year] = next; next += 1 }
            blocks.append(b)
        }
        for (i, row) in page.table.rows.enumerated() {
            guard case .text(let yearText)? = row.first, let year = Int(yearText) else { continue }
            for k in blocks.indices where k + 1 < row.count {
                guard let target = blocks[k][year], case .money = row[k + 1] else { continue }
                let ref = k == 0 ? "={ref:projection:annual_result:\(target)}" : "={ref:\(key):annual_result:\(target)}"
                page.table.rows[i][k + 1] = .formula(ref, cached: row[k + 1])
            }
        }
        return page
    }
}

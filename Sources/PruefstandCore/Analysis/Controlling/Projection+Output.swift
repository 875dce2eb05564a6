import Foundation

extension ProjectionResult {
    /// The projection (years as rows) and the consolidation measures, for the workbook and terminal.
    public func reportTables(lang: Language = .de) -> [ReportTable] {
        let de = lang == .de
        let chained = scenario.debt != nil
        let projection = ReportTable(table: "projection", lang: lang, values: [
            "scenario": scenarioName, "base_year": String(baseYear), "year": String(balancedYear ?? years.last?.year ?? baseYear),
        ], notes: [balancedYear == nil ? "not_balanced" : "balanced"] + (chained ? ["formulas"] : []),
           columns: projectionColumns,
           rows: chained ? chainedRows() : plainRows())
        let measures = ReportTable(table: "measures", lang: lang, values: measureValues(lang), notes: measureNotes, rows: scenario.measures.map { m in
            [.text(m.id), .text(m.description), .text(m.kind == .expense ? (de ? "Aufwand" : "Expense") : (de ? "Ertrag" : "Revenue")),
             .text(de ? m.status.german : m.status.rawValue),
             .integer(Int64(m.startYear)), .money(m.yearlySaving), .percent(m.probability),
             .formula("=ROUND({col:yearly_saving}{r}*{col:probability}{r},2)", cached: .money(m.expectedSaving)),
             m.raisesRate.map { .text($0) } ?? .empty,
             .text(m.isInPlan(baseYear: baseYear) ? (de ? "nein: umgesetzt vor \(baseYear), im Plan enthalten" : "no: done before \(baseYear), in the plan")
                                                  : (de ? "ja" : "yes"))]
        })
        return [projection, measures]
    }

    /// The projection's columns without a debt model (values) and with one (years chained by formulas).
    var projectionColumns: [ReportTable.Column] {
        scenario.debt == nil
            ? ReportColumns.list("year revenue expenses interest annual_result measures effects relief liquidity_loans_end ausgleichsruecklage_end allgemeine_ruecklage_end gap_to_balance", table: "projection")
            : ReportColumns.list("year revenue expenses_before_interest interest_rate liquidity_loans_start relief interest expenses annual_result measures effects liquidity_loans_end ausgleichsruecklage_start ausgleichsruecklage_end allgemeine_ruecklage_start allgemeine_ruecklage_end gap_to_balance", table: "projection")
    }

    /// Without a debt model the projection is a table of values with the result and the gap as formulas.
    func plainRows() -> [[ReportTable.Cell]] {
        years.map { y in
            [.integer(Int64(y.year)), .money(y.revenue), .money(y.expenses), .money(y.interest),
             .formula("={col:revenue}{r}-{col:expenses}{r}", cached: .money(y.annualResult)),
             .money(y.measures), .money(y.effects), .money(y.relief), .money(y.liquidityLoansEnd),
             .money(y.ausgleichsruecklageEnd), .money(y.allgemeineRuecklageEnd),
             .formula("=MAX(0,{col:expenses}{r}-{col:revenue}{r})", cached: .money(y.gapToBalance))]
        }
    }

    /// The scenario's name (— for none).
    var scenarioName: String { scenario.name.isEmpty ? "—" : scenario.name }

    /// With a debt model every year follows from the one before by formulas: interest = (loans at the start
    /// − old-debt relief) × the year's interest rate, rounded to the cent; the deficit adds to the loans and
    /// draws on the Ausgleichsrücklage first, then the allgemeine Rücklage. Change an interest rate in the
    /// sheet and Excel or LibreOffice recomputes interest, result, loans and reserves of all later years.
    func chainedRows() -> [[ReportTable.Cell]] {
        let debt = scenario.debt!
        var rows: [[ReportTable.Cell]] = []
        var loansStart = debt.liquidityLoans, ausglStart = scenario.ausgleichsruecklage, allgStart = scenario.allgemeineRuecklage
        for (i, y) in years.enumerated() {
            let first = i == 0
            rows.append([
                .integer(Int64(y.year)),
                .money(y.revenue),
                .money(y.expenses - y.interest),
                .percent(debt.rate(in: y.year)),
                first ? .money(loansStart) : .formula("={col:liquidity_loans_end}{r-1}", cached: .money(loansStart)),
                .money(y.relief),
                .formula("=ROUND(({col:liquidity_loans_start}{r}-{col:relief}{r})*{col:interest_rate}{r},2)", cached: .money(y.interest)),
                .formula("={col:expenses_before_interest}{r}+{col:interest}{r}", cached: .money(y.expenses)),
                .formula("={col:revenue}{r}-{col:expenses}{r}", cached: .money(y.annualResult)),
                .money(y.measures), .money(y.effects),
                .formula("=MAX(0,{col:liquidity_loans_start}{r}-{col:relief}{r}-{col:annual_result}{r})", cached: .money(y.liquidityLoansEnd)),
                first ? .money(ausglStart) : .formula("={col:ausgleichsruecklage_end}{r-1}", cached: .money(ausglStart)),
                .formula("=IF({col:annual_result}{r}<0,{col:ausgleichsruecklage_start}{r}-MIN(MAX({col:ausgleichsruecklage_start}{r},0),-{col:annual_result}{r}),{col:ausgleichsruecklage_start}{r}+{col:annual_result}{r})",
                         cached: .money(y.ausgleichsruecklageEnd)),
                first ? .money(allgStart) : .formula("={col:allgemeine_ruecklage_end}{r-1}", cached: .money(allgStart)),
                .formula("=IF({col:annual_result}{r}<0,{col:allgemeine_ruecklage_start}{r}+{col:annual_result}{r}+MIN(MAX({col:ausgleichsruecklage_start}{r},0),-{col:annual_result}{r}),{col:allgemeine_ruecklage_start}{r})",
                         cached: .money(y.allgemeineRuecklageEnd)),
                .formula("=MAX(0,{col:expenses}{r}-{col:revenue}{r})", cached: .money(y.gapToBalance)),
            ])
            loansStart = y.liquidityLoansEnd; ausglStart = y.ausgleichsruecklageEnd; allgStart = y.allgemeineRuecklageEnd
        }
        return rows
    }

    /// The values the notes of the measures name, in `lang`.
    func measureValues(_ lang: Language) -> [String: String?] {
        let total = scenario.measures.map(\.yearlySaving).sum()
        let expected = scenario.measures.map(\.expectedSaving).sum()
        return ["count": String(scenario.measures.count), "total": NumberText.euros(total, lang), "expected": NumberText.euros(expected, lang),
                "share": total.cents == 0 ? nil : NumberText.percent(Decimal(expected.cents) / Decimal(total.cents), lang),
                "base_year": String(baseYear),
                "ids": scenario.measures.filter { $0.isInPlan(baseYear: baseYear) }.map(\.id).joined(separator: ", "),
                "measures": scenario.measures.filter { $0.raisesRate != nil }.map { "\($0.id) (\($0.raisesRate!))" }.joined(separator: ", ")]
    }

    /// The notes of the measures: none without a saving; the ones done before the base year and the rate increases
    /// where there are such.
    var measureNotes: [String] {
        guard scenario.measures.map(\.yearlySaving).sum().cents != 0 else { return [] }
        return ["effect"] + (scenario.measures.contains { $0.isInPlan(baseYear: baseYear) } ? ["in_plan"] : [])
            + (scenario.measures.contains { $0.raisesRate != nil } ? ["increases"] : [])
    }

    /// Overview: the consolidation path (year, annual result).
    public func pathTable() -> ReportTable {
        ReportTable(table: "consolidation_path", lang: nil, rows: years.map { [.integer(Int64($0.year)), .money($0.annualResult)] })
    }

    /// A JSON-ready dictionary (money as decimal strings).
    public func jsonObject() -> [String: Any] {
        [
            "scenario": scenario.name, "base_year": baseYear, "balanced_year": balancedYear.map { $0 as Any } ?? NSNull(),
            "years": years.map { y -> [String: Any] in
                [
                    "year": y.year, "revenue": y.revenue.plainString, "expenses": y.expenses.plainString,
                    "interest": y.interest.plainString, "annual_result": y.annualResult.plainString,
                    "measures": y.measures.plainString,
                    "measures_by_status": Dictionary(uniqueKeysWithValues: y.measuresByStatus.map { ($0.key.rawValue, $0.value.plainString) }),
                    "effects": y.effects.plainString, "relief": y.relief.plainString,
                    "liquidity_loans_end": y.liquidityLoansEnd.plainString,
                    "ausgleichsruecklage_end": y.ausgleichsruecklageEnd.plainString,
                    "allgemeine_ruecklage_end": y.allgemeineRuecklageEnd.plainString,
                    "gap_to_balance": y.gapToBalance.plainString, "balanced": y.isBalanced,
                ]
            },
        ]
    }
}

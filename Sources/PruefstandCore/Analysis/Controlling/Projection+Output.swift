import Foundation

extension ProjectionResult {
    /// The projection (years as rows) and the consolidation measures, for the workbook and terminal.
    public func reportTables(lang: Language = .de) -> [ReportTable] {
        let de = lang == .de
        let balanced = de
            ? balancedYear.map { "Haushaltsausgleich (Jahresergebnis ≥ 0) erstmals \($0)." } ?? "Kein Haushaltsausgleich bis \(years.last?.year ?? baseYear)."
            : balancedYear.map { "Balanced budget (annual result ≥ 0) first in \($0)." } ?? "No balanced budget by \(years.last?.year ?? baseYear)."
        var projection = scenario.debt == nil ? plainTable(balanced) : chainedTable(balanced)
        if !de {
            projection.notes = ["Scenario: \(scenarioName); base: plan \(baseYear).", balanced]
                + (scenario.debt == nil ? [] : ["Interest, expenses, annual result, liquidity loans and reserves are formulas: a changed interest rate (yellow cells) recalculates every later year."])
        }
        let measures = ReportTable(
            key: "measures", de: "Konsolidierungsmaßnahmen (HSK)", en: "Consolidation measures",
            columnKeys: "id description kind status start_year yearly_saving+ probability expected_saving+ rate_increase counted",
            rows: scenario.measures.map { m in
                [.text(m.id), .text(m.description), .text(m.kind == .expense ? (de ? "Aufwand" : "Expense") : (de ? "Ertrag" : "Revenue")),
                 .text(de ? m.status.german : m.status.rawValue),
                 .integer(Int64(m.startYear)), .money(m.yearlySaving), .percent(m.probability),
                 .formula("=ROUND({col:yearly_saving}{r}*{col:probability}{r},2)", cached: .money(m.expectedSaving)),
                 m.raisesRate.map { .text($0) } ?? .empty,
                 .text(m.isInPlan(baseYear: baseYear) ? (de ? "nein: umgesetzt vor \(baseYear), im Plan enthalten" : "no: done before \(baseYear), in the plan")
                                                      : (de ? "ja" : "yes"))]
            },
            notes: measuresNote(lang))
        return [projection, measures]
    }

    /// Without a debt model the projection is a table of values with the result and the gap as formulas.
    func plainTable(_ balanced: String) -> ReportTable {
        ReportTable(
            key: "projection", de: "Konsolidierungspfad", en: "Consolidation path",
            columnKeys: "year revenue expenses interest annual_result measures effects relief liquidity_loans_end ausgleichsruecklage_end"
                + " allgemeine_ruecklage_end gap_to_balance",
            rows: years.map { y in
                [.integer(Int64(y.year)), .money(y.revenue), .money(y.expenses), .money(y.interest),
                 .formula("={col:revenue}{r}-{col:expenses}{r}", cached: .money(y.annualResult)),
                 .money(y.measures), .money(y.effects), .money(y.relief), .money(y.liquidityLoansEnd),
                 .money(y.ausgleichsruecklageEnd), .money(y.allgemeineRuecklageEnd),
                 .formula("=MAX(0,{col:expenses}{r}-{col:revenue}{r})", cached: .money(y.gapToBalance))]
            },
            notes: [basisNote, balanced])
    }

    /// The scenario's name (— for none) and the first note of the projection in German.
    var scenarioName: String { scenario.name.isEmpty ? "—" : scenario.name }
    var basisNote: String { "Szenario: \(scenarioName); Basis: Plan \(baseYear)." }

    /// With a debt model every year follows from the one before by formulas: interest = (loans at the start
    /// − old-debt relief) × the year's interest rate, rounded to the cent; the deficit adds to the loans and
    /// draws on the Ausgleichsrücklage first, then the allgemeine Rücklage. Change an interest rate in the
    /// sheet and Excel or LibreOffice recomputes interest, result, loans and reserves of all later years.
    func chainedTable(_ balanced: String) -> ReportTable {
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
        return ReportTable(
            key: "projection", de: "Konsolidierungspfad", en: "Consolidation path",
            columnKeys: "year revenue expenses_before_interest interest_rate liquidity_loans_start relief interest expenses annual_result"
                + " measures effects liquidity_loans_end ausgleichsruecklage_start ausgleichsruecklage_end allgemeine_ruecklage_start"
                + " allgemeine_ruecklage_end gap_to_balance",
            rows: rows,
            notes: [basisNote, balanced,
                    "Zinsen, Aufwendungen, Jahresergebnis, Liquiditätskredite und Rücklagen sind Formeln: ein geänderter Zinssatz (gelbe Zellen) rechnet alle Folgejahre neu."])
    }

    func measuresNote(_ lang: Language = .de) -> [String] {
        let de = lang == .de
        let total = scenario.measures.map(\.yearlySaving).sum()
        let expected = scenario.measures.map(\.expectedSaving).sum()
        guard total.cents != 0 else { return [] }
        let share = NumberText.percent(Decimal(expected.cents) / Decimal(total.cents), lang)
        var notes = [de ? "\(scenario.measures.count) Maßnahmen, volle Wirkung \(total.germanString), erwartet \(expected.germanString) (\(share))."
                        : "\(scenario.measures.count) measures, full effect \(NumberText.euros(total, lang)), expected \(NumberText.euros(expected, lang)) (\(share))."]
        let inPlan = scenario.measures.filter { $0.isInPlan(baseYear: baseYear) }
        if !inPlan.isEmpty {
            let ids = inPlan.map(\.id).joined(separator: ", ")
            notes.append(de ? "Vor \(baseYear) umgesetzt und daher im Plan enthalten, nicht erneut gezählt: \(ids)."
                            : "Done before \(baseYear) and so already in the plan, not counted again: \(ids).")
        }
        let increases = scenario.measures.filter { $0.raisesRate != nil }
        if !increases.isEmpty {
            notes.append((de ? "Erhöhen einen Steuer- oder Gebührensatz (ein Entlastungsprogramm lehnt Erhöhungen ab): "
                             : "Raise a tax or fee rate (a relief programme refuses increases): ")
                         + increases.map { "\($0.id) (\($0.raisesRate!))" }.joined(separator: ", ") + ".")
        }
        return notes
    }

    /// Overview: the consolidation path (year, annual result).
    public func pathTable() -> ReportTable {
        ReportTable(key: "consolidation_path", de: "Konsolidierungspfad: Jahresergebnis", en: "Consolidation path: annual result",
                    columnKeys: "year annual_result",
                    rows: years.map { [.integer(Int64($0.year)), .money($0.annualResult)] })
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

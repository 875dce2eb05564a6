import Foundation

extension ProjectionResult {
    /// The projection (years as rows) and the consolidation measures, for the workbook and terminal.
    public func reportTables() -> [ReportTable] {
        let balanced = balancedYear.map { "Haushaltsausgleich (Jahresergebnis ≥ 0) erstmals \($0)." }
            ?? "Kein Haushaltsausgleich bis \(years.last?.year ?? baseYear)."
        let projection = ReportTable(
            key: "projection", de: "Konsolidierungspfad", en: "Consolidation path",
            columns: [
                .init("year", de: "Jahr", en: "Year", kind: .integer),
                .init("revenue", de: "Erträge", en: "Revenue", kind: .money),
                .init("expenses", de: "Aufwendungen (inkl. Zinsen)", en: "Expenses (incl. interest)", kind: .money),
                .init("interest", de: "Zinsen Liquiditätskredite", en: "Interest on liquidity loans", kind: .money),
                .init("annual_result", de: "Jahresergebnis", en: "Annual result", kind: .money),
                .init("measures", de: "davon HSK-Maßnahmen (erwartet)", en: "of which measures (expected)", kind: .money),
                .init("effects", de: "davon weitere Effekte", en: "of which other effects", kind: .money),
                .init("relief", de: "Altschuldenentlastung", en: "Old-debt relief", kind: .money),
                .init("liquidity_loans_end", de: "Liquiditätskredite Jahresende", en: "Liquidity loans at year end", kind: .money),
                .init("ausgleichsruecklage_end", de: "Ausgleichsrücklage Jahresende", en: "Equalisation reserve at year end", kind: .money),
                .init("allgemeine_ruecklage_end", de: "Allgemeine Rücklage Jahresende", en: "General reserve at year end", kind: .money),
                .init("gap_to_balance", de: "Lücke zum Ausgleich", en: "Gap to balance", kind: .money),
            ],
            rows: years.map { y in
                [.integer(Int64(y.year)), .money(y.revenue), .money(y.expenses), .money(y.interest),
                 .formula("={col:revenue}{r}-{col:expenses}{r}", cached: .money(y.annualResult)),
                 .money(y.measures), .money(y.effects), .money(y.relief), .money(y.liquidityLoansEnd),
                 .money(y.ausgleichsruecklageEnd), .money(y.allgemeineRuecklageEnd),
                 .formula("=MAX(0,{col:expenses}{r}-{col:revenue}{r})", cached: .money(y.gapToBalance))]
            },
            notes: ["Szenario: \(scenario.name.isEmpty ? "—" : scenario.name); Basis: Plan \(baseYear).", balanced])
        let measures = ReportTable(
            key: "measures", de: "Konsolidierungsmaßnahmen (HSK)", en: "Consolidation measures",
            columns: [
                .init("id", de: "Nr.", en: "Id", kind: .text),
                .init("description", de: "Maßnahme", en: "Measure", kind: .text),
                .init("kind", de: "Art", en: "Kind", kind: .text),
                .init("status", de: "Status", en: "Status", kind: .text),
                .init("start_year", de: "ab Jahr", en: "From year", kind: .integer),
                .init("yearly_saving", de: "Jährliche Wirkung", en: "Yearly saving", kind: .money, total: true),
                .init("probability", de: "Wahrscheinlichkeit", en: "Probability", kind: .percent),
                .init("expected_saving", de: "Erwartete Wirkung", en: "Expected saving", kind: .money, total: true),
            ],
            rows: scenario.measures.map { m in
                [.text(m.id), .text(m.description), .text(m.kind == .expense ? "Aufwand" : "Ertrag"), .text(m.status.german),
                 .integer(Int64(m.startYear)), .money(m.yearlySaving), .percent(m.probability),
                 .formula("=ROUND({col:yearly_saving}{r}*{col:probability}{r},2)", cached: .money(m.expectedSaving))]
            },
            notes: measuresNote())
        return [projection, measures]
    }

    func measuresNote() -> [String] {
        let total = scenario.measures.map(\.yearlySaving).sum()
        let expected = scenario.measures.map(\.expectedSaving).sum()
        guard total.cents != 0 else { return [] }
        let share = ControllingFormat.percentString(Decimal(expected.cents) / Decimal(total.cents)).replacingOccurrences(of: ".", with: ",")
        return ["\(scenario.measures.count) Maßnahmen, volle Wirkung \(total.germanString), erwartet \(expected.germanString) (\(share) %)."]
    }

    /// Overview: the consolidation path (year, annual result).
    public func pathTable() -> ReportTable {
        ReportTable(key: "consolidation_path", de: "Konsolidierungspfad: Jahresergebnis", en: "Consolidation path: annual result",
                    columns: [.init("year", de: "Jahr", en: "Year", kind: .integer),
                              .init("annual_result", de: "Jahresergebnis", en: "Annual result", kind: .money)],
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

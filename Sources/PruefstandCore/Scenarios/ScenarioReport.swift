import Foundation

/// The scenario's tables for the workbook and CSV.
extension ScenarioEngine {
    /// Relief scenarios, relief by group, typical cases, assumptions and (if given) tornado data.
    public func reportTables(_ result: ScenarioResult, tornado: [ScenarioSensitivity.Bar]? = nil, lang: Language = .de) -> [ReportTable] {
        var tables = [ScenarioTables.effects(result, lang: lang), ScenarioTables.relief(result, lang: lang),
                      ScenarioTables.typicalCases(result, lang: lang), ScenarioTables.assumptions(result.assumptions, lang: lang)]
        if let tornado { tables.append(ScenarioTables.tornado(tornado, scenario: scenario.displayTitle(lang), lang: lang)) }
        return tables
    }
}

/// Builders of the scenario `ReportTable`s.
public enum ScenarioTables {
    /// Per scenario, model and year: baseline and scenario revenue, gross, Umlage, Schlüsselzuweisungen,
    /// compensation, net. Gross and net are formulas, so auditors see how they are formed.
    public static func effects(_ result: ScenarioResult, lang: Language = .de) -> ReportTable {
        var t = ReportTable(table: "scenario_effects", lang: lang)
        for e in result.effects {
            t.rows.append([.text(result.scenario.displayTitle(lang)), .text(e.model.rawValue), .integer(Int64(e.year)),
                           .money(e.baselineRevenue), .money(e.scenarioRevenue),
                           .formula("{col:scenario_revenue}{r}-{col:baseline_revenue}{r}", cached: .money(e.gross)),
                           .money(e.umlageChange), .money(e.equalisationChange), .money(e.compensationChange),
                           .formula("{col:gross}{r}-{col:umlage_change}{r}+{col:equalisation_change}{r}+{col:compensation_change}{r}", cached: .money(e.net))])
        }
        return t
    }

    public static func relief(_ result: ScenarioResult, lang: Language) -> ReportTable {
        var t = ReportTable(table: "scenario_relief", lang: lang)
        for r in result.relief where r.relief != .zero {
            t.rows.append([.text(result.scenario.displayTitle(lang)), .text(r.model.rawValue), .integer(Int64(r.year)), .text(r.group),
                           r.payers.map { .integer(Int64($0)) } ?? .empty, .money(r.relief), r.reliefPerPayer.map { .money($0) } ?? .empty])
        }
        return t
    }

    public static func typicalCases(_ result: ScenarioResult, lang: Language) -> ReportTable {
        var t = ReportTable(table: "scenario_typical_cases", lang: lang)
        for c in result.typicalCases {
            t.rows.append([.text(result.scenario.displayTitle(lang)), .text(c.model.rawValue), .integer(Int64(c.year)), .text(c.name),
                           .money(c.baselineBurden), .money(c.scenarioBurden),
                           .formula("{col:baseline_burden}{r}-{col:scenario_burden}{r}", cached: .money(c.grossRelief)),
                           .money(c.baselineNetBurden), .money(c.scenarioNetBurden),
                           .formula("{col:baseline_net_burden}{r}-{col:scenario_net_burden}{r}", cached: .money(c.netRelief)),
                           .text(lang == .de ? c.noteDE : c.noteEN)])
        }
        return t
    }

    /// Every assumption: key, name, value, unit, valid from, source.
    public static func assumptions(_ rows: [AssumptionRow], lang: Language) -> ReportTable {
        var t = ReportTable(table: "scenario_assumptions", lang: lang)
        for r in rows {
            t.rows.append([.text(r.key), .text(lang == .de ? r.nameDE : r.nameEN), .decimal(r.value), .text(r.unit),
                           CivilDate(year: max(r.validFrom, 1900), month: 1, day: 1).map { .date($0) } ?? .empty, .text(r.source), .text(lang == .de ? Self.originDE[r.origin] ?? r.origin : r.origin)])
        }
        return t
    }

    /// Tornado data: each assumption at the low and high end of its range.
    /// The origin of an assumption in German.
    static let originDE = ["baseline": "Basis", "scenario": "Szenario", "scenario (law change)": "Szenario (Rechtsänderung)"]

    public static func tornado(_ bars: [ScenarioSensitivity.Bar], scenario: String, lang: Language) -> ReportTable {
        var t = ReportTable(table: "scenario_tornado", lang: lang)
        for b in bars {
            t.rows.append([.text(scenario), .text(b.key), .text(lang == .de ? b.nameDE : b.nameEN), .decimal(b.low), .decimal(b.high),
                           .money(b.netAtLow), .money(b.central), .money(b.netAtHigh), .money(b.swing), .text(b.source)])
        }
        return t
    }

    public static func monteCarlo(_ s: ScenarioMonteCarlo.Summary, scenario: String) -> ReportTable {
        func year(_ y: Int?) -> String { y.map(String.init) ?? "none" }
        // The run's line is the same in both languages (seed and draws are what a rerun needs).
        var t = ReportTable(table: "scenario_montecarlo", lang: .en, values: ["seed": String(s.seed), "draws": String(s.draws),
                                                                            "p10": year(s.balanceP10), "p50": year(s.balanceP50), "p90": year(s.balanceP90)])
        for (i, y) in s.years.enumerated() {
            t.rows.append([.text(scenario), .integer(Int64(y)), .money(s.p10[i]), .money(s.p50[i]), .money(s.p90[i]),
                           .percent(Decimal(string: String(format: "%.4f", s.shareBalanced[i]))!)])
        }
        return t
    }
}

extension ScenarioTables {
    /// The balance years of a Monte Carlo run and the budget baseline it ran on, as `key,value` rows
    /// (`balance_year_p10` … `baseline`); a year not reached within the horizon is `none`.
    public static func monteCarloBalance(_ s: ScenarioMonteCarlo.Summary, baseline: String) -> ReportTable {
        let year = { (y: Int?) -> ReportTable.Cell in y.map { .integer(Int64($0)) } ?? .text("none") }
        return ReportTable(table: "scenario_montecarlo_balance", lang: nil, rows: [
            [.text("balance_year_p10"), year(s.balanceP10)], [.text("balance_year_p50"), year(s.balanceP50)],
            [.text("balance_year_p90"), year(s.balanceP90)], [.text("baseline"), .text(baseline)],
        ])
    }
}

/// Plain renderings of a `ReportTable` for the command line (the workbook writer lives in Export).
public enum ScenarioText {
    static func cellText(_ c: ReportTable.Cell, csv: Bool, lang: Language) -> String {
        switch c {
        case .empty: return ""
        case let .text(s): return s
        case let .money(m): return csv ? m.plainString : NumberText.euros(m, lang)
        case let .integer(i): return "\(i)"
        case let .decimal(d): return csv ? "\(d)" : NumberText.decimal(d, lang)
        case let .percent(d): return csv ? "\(d)" : NumberText.decimal((d * 100).scenarioRounded(2), lang) + " %"
        case let .date(d): return csv ? d.description : NumberText.date(d, lang)
        case let .formula(_, cached): return cellText(cached, csv: csv, lang: lang)
        }
    }

    /// RFC 4180 CSV with the column keys as header; money as `1234.56`, percent as `12.5`; `\n` line ends.
    /// Deterministic. The one CSV writer's command-line form (`CSVWriter.cli`).
    public static func csv(_ t: ReportTable) -> String { CSVWriter.cli(t) }

    /// An aligned text table with title and notes.
    public static func table(_ t: ReportTable, lang: Language) -> String {
        let rows = t.rows.map { $0.map { cellText($0, csv: false, lang: lang) } }
        let (lines, widths) = t.alignedLines(header: t.columns.map { $0.title(lang) }, rows: rows, leftAligned: [.text])
        var out = "\(t.title(lang))\n"
        out += lines[0] + "\n" + widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
        for l in lines.dropFirst() { out += l + "\n" }
        for n in t.notes { out += "  \(n)\n" }
        return out
    }
}

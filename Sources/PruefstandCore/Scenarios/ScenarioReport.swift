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
        var t = ReportTable(key: "scenario_effects", de: "Entlastungsszenarien: Wirkung auf den Haushalt", en: "Relief scenarios: budget effect", columns: [
            .init("scenario", de: "Szenario", en: "Scenario", kind: .text),
            .init("model", de: "Modell", en: "Model", kind: .text),
            .init("year", de: "Jahr", en: "Year", kind: .integer),
            .init("baseline_revenue", de: "Ertrag Basis", en: "Revenue baseline", kind: .money),
            .init("scenario_revenue", de: "Ertrag Szenario", en: "Revenue scenario", kind: .money),
            .init("gross", de: "Bruttoeffekt", en: "Gross effect", kind: .money, total: true),
            .init("umlage_change", de: "Δ Gewerbesteuerumlage", en: "Δ Gewerbesteuerumlage", kind: .money, total: true),
            .init("equalisation_change", de: "Δ Schlüsselzuweisungen", en: "Δ Schlüsselzuweisungen", kind: .money, total: true),
            .init("compensation_change", de: "Δ Landesausgleich", en: "Δ State compensation", kind: .money, total: true),
            .init("net", de: "Nettoeffekt Stadt", en: "Net effect for the city", kind: .money, total: true),
        ], notes: [lang == .de
            ? "Brutto = Ertrag Szenario − Ertrag Basis; Netto = Brutto − Δ Umlage + Δ Schlüsselzuweisungen + Δ Landesausgleich."
            : "Gross = scenario revenue − baseline revenue; net = gross − Δ Umlage + Δ Schlüsselzuweisungen + Δ state compensation.",
            lang == .de ? "Vorzeichen: Wirkung auf den Haushalt der Stadt. Negativ = Kosten für die Stadt (weniger Ertrag, mehr Aufwand); die Entlastung der Zahlenden steht positiv auf dem Blatt „Entlastung nach Gruppen“."
                        : "Signs: effect on the city's budget. Negative = cost to the city (less revenue, more expense); the relief to payers is shown as a positive amount on the sheet \"Relief by group\".",
        ])
        t.sheetDE = "Entlastung – Haushaltswirkung"; t.sheetEN = "Relief – budget effect"
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
        var t = ReportTable(key: "scenario_relief", de: "Entlastung nach Gruppen", en: "Relief by group", columns: [
            .init("scenario", de: "Szenario", en: "Scenario", kind: .text),
            .init("model", de: "Modell", en: "Model", kind: .text),
            .init("year", de: "Jahr", en: "Year", kind: .integer),
            .init("group", de: "Gruppe", en: "Group", kind: .text),
            .init("payers", de: "Zahlende", en: "Payers", kind: .integer),
            .init("relief", de: "Entlastung", en: "Relief", kind: .money, total: true),
            .init("relief_per_payer", de: "Entlastung je Zahlendem", en: "Relief per payer", kind: .money),
        ], notes: [lang == .de ? "Vorzeichen: Entlastung = was die Gruppe weniger zahlt als ohne Szenario (positiv = Entlastung)."
                               : "Signs: relief = what the group pays less than without the scenario (positive = relief).",
                   lang == .de ? "Gewerbesteuer: Entlastung = Messbetrag der Klasse (Basis) × (h_B − h_S) / 100, ohne Verhaltensreaktion."
                               : "Gewerbesteuer: relief = class Messbetrag (baseline) × (h_B − h_S) / 100, before any behavioural response."])
        for r in result.relief where r.relief != .zero {
            t.rows.append([.text(result.scenario.displayTitle(lang)), .text(r.model.rawValue), .integer(Int64(r.year)), .text(r.group),
                           r.payers.map { .integer(Int64($0)) } ?? .empty, .money(r.relief), r.reliefPerPayer.map { .money($0) } ?? .empty])
        }
        return t
    }

    public static func typicalCases(_ result: ScenarioResult, lang: Language) -> ReportTable {
        var t = ReportTable(key: "scenario_typical_cases", de: "Typische Fälle", en: "Typical cases", columns: [
            .init("scenario", de: "Szenario", en: "Scenario", kind: .text),
            .init("model", de: "Modell", en: "Model", kind: .text),
            .init("year", de: "Jahr", en: "Year", kind: .integer),
            .init("case", de: "Fall", en: "Case", kind: .text),
            .init("baseline_burden", de: "Belastung Basis", en: "Burden baseline", kind: .money),
            .init("scenario_burden", de: "Belastung Szenario", en: "Burden scenario", kind: .money),
            .init("gross_relief", de: "Entlastung brutto", en: "Gross relief", kind: .money),
            .init("baseline_net_burden", de: "Nettobelastung Basis", en: "Net burden baseline", kind: .money),
            .init("scenario_net_burden", de: "Nettobelastung Szenario", en: "Net burden scenario", kind: .money),
            .init("net_relief", de: "Entlastung netto", en: "Net relief", kind: .money),
            .init("note", de: "Hinweis", en: "Note", kind: .text),
        ])
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
        var t = ReportTable(key: "scenario_assumptions", de: "Annahmen und Quellen", en: "Assumptions and sources", columns: [
            .init("key", de: "Parameter", en: "Parameter", kind: .text),
            .init("name", de: "Bezeichnung", en: "Name", kind: .text),
            .init("value", de: "Wert", en: "Value", kind: .decimal),
            .init("unit", de: "Einheit", en: "Unit", kind: .text),
            .init("valid_from", de: "Gültig ab", en: "Valid from", kind: .date),
            .init("source", de: "Quelle", en: "Source", kind: .text),
            .init("origin", de: "Herkunft", en: "Origin", kind: .text),
        ])
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
        var t = ReportTable(key: "scenario_tornado", de: "Sensitivität (Tornado)", en: "Sensitivity (tornado)", columns: [
            .init("scenario", de: "Szenario", en: "Scenario", kind: .text),
            .init("key", de: "Parameter", en: "Parameter", kind: .text),
            .init("name", de: "Bezeichnung", en: "Name", kind: .text),
            .init("low", de: "Wert niedrig", en: "Low value", kind: .decimal),
            .init("high", de: "Wert hoch", en: "High value", kind: .decimal),
            .init("net_at_low", de: "Nettoeffekt (Summe) bei niedrig", en: "Net effect (sum) at low", kind: .money),
            .init("central", de: "Nettoeffekt (Summe) zentral", en: "Net effect (sum) central", kind: .money),
            .init("net_at_high", de: "Nettoeffekt (Summe) bei hoch", en: "Net effect (sum) at high", kind: .money),
            .init("swing", de: "Spannweite", en: "Swing", kind: .money),
            .init("source", de: "Quelle der Spanne", en: "Source of the range", kind: .text),
        ])
        for b in bars {
            t.rows.append([.text(scenario), .text(b.key), .text(lang == .de ? b.nameDE : b.nameEN), .decimal(b.low), .decimal(b.high),
                           .money(b.netAtLow), .money(b.central), .money(b.netAtHigh), .money(b.swing), .text(b.source)])
        }
        return t
    }

    public static func monteCarlo(_ s: ScenarioMonteCarlo.Summary, scenario: String) -> ReportTable {
        var t = ReportTable(key: "scenario_montecarlo", de: "Monte Carlo: Jahresergebnis", en: "Monte Carlo: annual result", columns: [
            .init("scenario", de: "Szenario", en: "Scenario", kind: .text),
            .init("year", de: "Jahr", en: "Year", kind: .integer),
            .init("p10", de: "P10", en: "P10", kind: .money),
            .init("p50", de: "P50", en: "P50", kind: .money),
            .init("p90", de: "P90", en: "P90", kind: .money),
            .init("share_balanced", de: "Anteil ausgeglichen", en: "Share balanced", kind: .percent),
        ], notes: ["seed \(s.seed), draws \(s.draws); balance year P10 \(s.balanceP10.map(String.init) ?? "none") P50 \(s.balanceP50.map(String.init) ?? "none") P90 \(s.balanceP90.map(String.init) ?? "none")"])
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
        return ReportTable(key: "scenario_montecarlo_balance", de: "Ausgleichsjahr", en: "Balance year", columns: [
            .init("key", de: "Größe", en: "Key", kind: .text), .init("value", de: "Wert", en: "Value", kind: .text),
        ], rows: [
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
        let header = t.columns.map { $0.title(lang) }
        let rows = t.rows.map { $0.map { cellText($0, csv: false, lang: lang) } }
        var widths = header.map(\.count)
        for r in rows { for (i, c) in r.enumerated() where i < widths.count { widths[i] = max(widths[i], c.count) } }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, c in
                let kind = t.columns[i].kind
                let pad = String(repeating: " ", count: max(0, widths[i] - c.count))
                return kind == .text ? c + pad : pad + c
            }.joined(separator: "  ")
        }
        var out = "\(t.title(lang))\n"
        out += line(header) + "\n" + widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
        for r in rows { out += line(r) + "\n" }
        for n in t.notes { out += "  \(n)\n" }
        return out
    }
}

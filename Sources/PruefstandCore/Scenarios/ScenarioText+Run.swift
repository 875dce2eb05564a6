import Foundation

/// The terminal and machine forms of `scenario run`, `solve` and `montecarlo` (the command line only prints them).
extension ScenarioText {
    /// `scenario run --format json`: the scenario's name, title and summary in `lang`, its description, the
    /// effects per model and year as plain amounts (`1234.56`), and the model base when calibrated.
    public static func json(_ result: ScenarioResult, lang: Language, baseline: String?) throws -> String {
        let rows = result.effects.map { e in
            ["model": e.model.rawValue, "year": "\(e.year)", "baseline_revenue": e.baselineRevenue.plainString,
             "scenario_revenue": e.scenarioRevenue.plainString, "gross": e.gross.plainString, "umlage_change": e.umlageChange.plainString,
             "equalisation_change": e.equalisationChange.plainString, "compensation_change": e.compensationChange.plainString, "net": e.net.plainString,
             "umlage_baseline": e.umlageBaseline.plainString, "umlage_scenario": e.umlageScenario.plainString,
             "steuerkraft_baseline": e.steuerkraftBaseline.plainString, "steuerkraft_scenario": e.steuerkraftScenario.plainString]
        }
        struct Output: Encodable {
            var scenario: String, title: String, summary: String, description: String, effects: [[String: String]], baseline: String?
        }
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .sortedKeys]
        let s = result.scenario
        return String(decoding: try enc.encode(Output(scenario: s.name, title: s.displayTitle(lang), summary: s.displaySummary(lang),
                                                      description: s.description, effects: rows, baseline: baseline)), as: UTF8.self)
    }

    /// The table `scenario run --format csv --table KEY` writes (KEY without `scenario_`), nil for an unknown key.
    /// Its scenario column keeps the file's name (a key for scripts); tables for people show the title.
    public static func csvTable(_ tables: [ReportTable], key: String, scenario: Scenario, lang: Language) -> ReportTable? {
        guard var t = tables.first(where: { $0.key == "scenario_" + key }) else { return nil }
        let title = ReportTable.Cell.text(scenario.displayTitle(lang))
        t.rows = t.rows.map { row in row.first == title && t.columns.first?.key == "scenario" ? [.text(scenario.name)] + row.dropFirst() : row }
        return t
    }

    /// `scenario solve`'s text: the answer, then per year the net effect and annual result, and the lever's
    /// path where it has one; numbers in the language's form (`NumberText`: German 0,05 and -1.234,56 €,
    /// English 0.05 and EUR -1,234.56); `basis` names the budget baseline.
    public static func solve(_ s: ScenarioSolver.Solution, basis: String, lang: Language) -> String {
        let de = lang == .de, base = NumberText.decimal(s.baselineValue, lang)
        var out: [String] = []
        if let v = s.value.map({ NumberText.decimal($0, lang) }) {
            out.append(de ? "\(s.lever): größte Entlastung mit Haushaltsausgleich ab \(s.targetYear): \(v) \(s.unit) ab \(s.fromYear) (Basis \(base) \(s.unit))"
                          : "\(s.lever): largest relief with a balanced budget from \(s.targetYear): \(v) \(s.unit) from \(s.fromYear) (baseline \(base) \(s.unit))")
        } else {
            out.append(de ? "Kein Haushaltsausgleich ab \(s.targetYear), auch ohne Entlastung (\(s.lever) = \(base) \(s.unit))."
                          : "No balanced budget from \(s.targetYear), even without relief (\(s.lever) = \(base) \(s.unit)).")
        }
        out.append(de ? "Jahr  Nettoeffekt  Jahresergebnis  Pfad: Wert  Jahresergebnis" : "year  net effect  annual result  path: value  annual result")
        for y in s.results.keys.sorted() {
            let path = s.path[y].map { "  \(NumberText.decimal($0, lang)) \(s.unit)  \(s.pathResults[y].map { NumberText.euros($0, lang) } ?? "")" } ?? ""
            out.append("\(y)  \(NumberText.euros(s.netEffects[y] ?? .zero, lang))  \(NumberText.euros(s.results[y] ?? .zero, lang))\(path)")
        }
        out.append(de ? "(\(s.evaluations) Auswertungen; Haushaltsbasis: \(basis))" : "(\(s.evaluations) evaluations; budget: \(basis))")
        return out.joined(separator: "\n") + "\n"
    }

    /// `scenario montecarlo`'s text: the P10/P50/P90 bands per year, the balance years and the budget baseline.
    public static func monteCarlo(_ s: ScenarioMonteCarlo.Summary, bands: ReportTable, baseline: String, lang: Language) -> String {
        let none = lang == .de ? "nicht bis \(s.horizonEnd)" : "not by \(s.horizonEnd)"
        let years = [s.balanceP10, s.balanceP50, s.balanceP90].map { $0.map(String.init) ?? none }.joined(separator: " / ")
        return table(bands, lang: lang)
            + (lang == .de ? "Ausgleichsjahr P10/P50/P90: " : "Balance year P10/P50/P90: ") + " " + years + "\n"
            + (lang == .de ? "Haushaltsbasis: \(baseline)" : "Budget baseline: \(baseline)") + "\n"
    }

    /// `scenario montecarlo --format json`: the bands and the balance table, each row as {column key: value} with
    /// the CSV's plain values (`1234.56`, ISO dates), keys sorted.
    public static func monteCarloJSON(bands: ReportTable, balance: ReportTable) throws -> String {
        func rows(_ t: ReportTable) -> [[String: String]] {
            t.rows.map { row in Dictionary(zip(t.columns.map(\.key), row.map { CSVWriter.text($0, dialect: .rfc4180) }), uniquingKeysWith: { a, _ in a }) }
        }
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: try enc.encode(["bands": rows(bands), "balance": rows(balance)]), as: UTF8.self) + "\n"
    }
}

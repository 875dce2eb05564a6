import Foundation

/// What-if for the relief scenarios in the workbook (issue 16): each scenario's overridden Gewerbesteuer-Hebesatz
/// is an input cell on the sheet "Annahmen (Eingaben)", and the Gewerbesteuer rows of the relief tables are
/// formulas over it, so that a changed Hebesatz recalculates revenue, Umlage, Schlüsselzuweisungen, the net
/// effect and the relief by group in Excel or LibreOffice.
///
/// The formulas repeat `GewerbesteuerModel`'s arithmetic with its roundings (`ROUND(…,2)` where the model rounds
/// to the cent): per class `M_S = ROUND(M × g_S × (1 + ε × (h_S − h_B) / h_B), 2)`, revenue
/// `Σ ROUND(M_S × h_S / 100, 2)`, Umlage `ROUND(revenue × V / h_S, 2)`, ΔSteuerkraft
/// `ROUND((ΣM_S − ΣM_B) × (fictive rate − V) / 100, 2)`, Schlüsselzuweisungen
/// `−ROUND((ROUND(ΔSK_{t−1} × a, 2) + ROUND(ΔSK_{t−2} × (1 − a), 2)) × q, 2)`, relief of a class
/// `ROUND(M_B × (h_B − h_S) / 100, 2)`. The growth factors, the elasticity and the GFG parameters are constants
/// in the formulas (they are parameters of the scenario files, not inputs here). The constants and cached values
/// come from the model's public parameters; a scenario whose recomputation here does not equal the model's
/// result to the cent keeps values (and the sheet note says so).
///
/// The Kita fee cut (`ReliefFormulas+Kita.swift`), the Kita income brackets and typical cases (`+Cases.swift`), the
/// Grundsteuer B Hebesatz and the fee rates (`+Rates.swift`) follow the same way. Stay values: the baseline burdens,
/// the exemption threshold and bracket cuts, a new Kita fee table, differentiated Grundsteuer rates, the state
/// compensation, and relief rows the table leaves out (zero relief).
public struct ReliefFormulas {
    /// Rows for the inputs table (`whatif_inputs`): label, value (`.decimal` Hebesatz in percent points), unit, source.
    public var inputRows: [[ReportTable.Cell]] = []
    /// The Gewerbesteuer computation steps per scenario and year (`relief_steps`), nil without any.
    public var steps: ReportTable?
    /// The Kita steps and the enrollment cells they sum over (`relief_kita_steps`, `relief_kita_cells`).
    public var kitaTables: [ReportTable] = []
    /// Scenarios (by index in the run) that keep values although they override the Hebesatz, with the reason.
    public var notExact: [String] = []
    /// Per scenario index: year → row of `steps`.
    var stepRow: [Int: [Int: Int]] = [:]
    /// Per scenario index: the class Messbeträge of the baseline per year (for the relief by group).
    var classBaseline: [Int: [Int: [Money]]] = [:]
    /// The Kita part (`ReliefFormulas+Kita.swift`): its steps, its enrollment cells and per scenario year → row.
    var kitaRows: [[ReportTable.Cell]] = []
    var kitaData: KitaData?
    var kitaFactors: [[Decimal]] = []
    var kitaCity: String?
    var kitaStepRow: [Int: [Int: Int]] = [:]
    /// Per scenario index: cells of its tables that become formulas (`ReliefFormulas+Cases.swift`, `+Rates.swift`).
    var edits: [Int: [CellEdit]] = [:]
    /// Input rows of the Grundsteuer B Hebesätze and fee rates (after the Hebesätze and cuts in the inputs table).
    var rateInputRows: [[ReportTable.Cell]] = []

    public static let stepsKey = "relief_steps"

    /// The input label of one Hebesatz override (also how the formulas find its cell).
    static func inputLabel(from: Int, scenario: String, lang: Language) -> String {
        lang == .de ? "Gewerbesteuer-Hebesatz ab \(from): \(scenario)" : "Trade tax rate (Hebesatz) from \(from): \(scenario)"
    }

    public init(scenarios runs: [(engine: ScenarioEngine, result: ScenarioResult)], lang: Language) {
        let de = lang == .de
        var rows: [[ReportTable.Cell]] = []
        for (i, run) in runs.enumerated() {
            let e = run.engine, title = run.result.scenario.displayTitle(lang)
            addKita(scenario: i, engine: e, result: run.result, lang: lang)
            // After the Gewerbesteuer steps (a business's Grundsteuer burden refers to their Hebesatz).
            defer { addRates(scenario: i, engine: e, result: run.result, lang: lang) }
            guard e.scenario.models.contains(.gewerbesteuer), let overrides = e.scenario.overrides[GewerbesteuerKey.hebesatz], !overrides.isEmpty
            else { continue }
            guard let plan = try? GewerbesteuerPlan(e), plan.matches(run.result) else {
                notExact.append(title); continue
            }
            var labels: [Int: String] = [:]   // validFrom → input label
            for o in overrides.sorted(by: { $0.validFrom < $1.validFrom }) {
                let label = Self.inputLabel(from: o.validFrom, scenario: title, lang: lang)
                labels[o.validFrom] = label
                inputRows.append([.text(label), .decimal(o.value), .text(de ? "Prozent (Hebesatzpunkte)" : "percent (rate points)"),
                                  .text((de ? "Szenario: " : "scenario: ") + o.source)])
            }
            var block: [Int: Int] = [:]
            for y in plan.years {
                let d = plan.byYear[y]!
                block[y] = rows.count
                // The Hebesatz of the year: the input of the override in force, else the baseline's value.
                let inForce = overrides.filter { $0.validFrom <= y }.max { $0.validFrom < $1.validFrom }
                let h: ReportTable.Cell = inForce.flatMap { o in d.hS == o.value ? labels[o.validFrom] : nil }
                    .map { .formula("={ref:whatif_inputs:value:\($0)}", cached: .decimal(d.hS)) } ?? .decimal(d.hS)
                func lit(_ x: Decimal) -> String { "(\(x))" }
                let ms = plan.classes.map { "ROUND(\($0.plainString)*\(lit(d.gS))*{col:response}{r},2)" }
                let rs = plan.classes.map { "ROUND(ROUND(\($0.plainString)*\(lit(d.gS))*{col:response}{r},2)*{col:hebesatz_scenario}{r}/100,2)" }
                var eq: ReportTable.Cell = .empty
                if y >= e.scenario.years.lowerBound {
                    if !plan.receives {
                        eq = .formula("=0", cached: .money(.zero))
                    } else {
                        func sk(_ k: Int) -> String { y - k >= plan.dataYear ? "{col:steuerkraft_change}{r-\(k)}" : "0" }
                        eq = .formula("=-ROUND((ROUND(\(sk(1))*\(lit(d.a)),2)+ROUND(\(sk(2))*\(lit(1 - d.a)),2))*\(lit(d.q)),2)", cached: .money(d.eq))
                    }
                }
                rows.append([
                    .text(title), .integer(Int64(y)), .decimal(d.hB), h,
                    .formula("=1+\(lit(d.eps))*({col:hebesatz_scenario}{r}-{col:hebesatz_baseline}{r})/{col:hebesatz_baseline}{r}", cached: .decimal(d.response)),
                    .money(d.messB), .formula("=" + ms.joined(separator: "+"), cached: .money(d.messS)),
                    .money(d.revB), .formula("=" + rs.joined(separator: "+"), cached: .money(d.revS)),
                    .money(d.umlB), .formula("=IF({col:hebesatz_scenario}{r}>0,ROUND({col:revenue_scenario}{r}*\(lit(d.v))/{col:hebesatz_scenario}{r},2),0)", cached: .money(d.umlS)),
                    .formula("=ROUND(({col:messbetrag_scenario}{r}-{col:messbetrag_baseline}{r})*\(lit((d.f - d.v) / 100)),2)", cached: .money(d.sk)),
                    eq,
                ])
            }
            stepRow[i] = block
            classBaseline[i] = plan.byYear.mapValues(\.classB)
            addBusinessCases(scenario: i, engine: e, result: run.result)
        }
        finishKita(lang: lang)
        guard !rows.isEmpty else { return }
        steps = ReportTable(
            key: Self.stepsKey, de: "Entlastung: Rechenschritte Gewerbesteuer", en: "Relief: trade tax computation steps",
            columns: [.init("scenario", de: "Szenario", en: "Scenario", kind: .text),
                      .init("year", de: "Jahr", en: "Year", kind: .integer),
                      .init("hebesatz_baseline", de: "Hebesatz Basis (%)", en: "Rate baseline (%)", kind: .decimal),
                      .init("hebesatz_scenario", de: "Hebesatz Szenario (%)", en: "Rate scenario (%)", kind: .decimal),
                      .init("response", de: "Reaktion der Bemessungsgrundlage", en: "Base response", kind: .decimal),
                      .init("messbetrag_baseline", de: "Messbetrag Basis", en: "Base amount baseline", kind: .money),
                      .init("messbetrag_scenario", de: "Messbetrag Szenario", en: "Base amount scenario", kind: .money),
                      .init("revenue_baseline", de: "Aufkommen Basis", en: "Revenue baseline", kind: .money),
                      .init("revenue_scenario", de: "Aufkommen Szenario", en: "Revenue scenario", kind: .money),
                      .init("umlage_baseline", de: "Gewerbesteuerumlage Basis", en: "Gewerbesteuerumlage baseline", kind: .money),
                      .init("umlage_scenario", de: "Gewerbesteuerumlage Szenario", en: "Gewerbesteuerumlage scenario", kind: .money),
                      .init("steuerkraft_change", de: "Δ Steuerkraft (GFG)", en: "Δ tax power (GFG)", kind: .money),
                      .init("equalisation_change", de: "Δ Schlüsselzuweisungen", en: "Δ Schlüsselzuweisungen", kind: .money)],
            rows: rows,
            notes: de ? ["Formeln über die Hebesätze auf dem Blatt Annahmen (Eingaben): Messbetrag Szenario = Σ Klassen ROUND(M × Wachstum × Reaktion; 2), Reaktion = 1 + ε × (h_S − h_B) / h_B; Aufkommen = Σ ROUND(M_S × h / 100; 2); Umlage = ROUND(Aufkommen × Vervielfältiger / h; 2); Δ Steuerkraft = ROUND(ΔMessbetrag × (fiktiver Hebesatz − Vervielfältiger) / 100; 2); Δ Schlüsselzuweisungen = −ROUND((ROUND(ΔSK Vorjahr × a; 2) + ROUND(ΔSK vor zwei Jahren × (1 − a); 2)) × Ausgleichsquote; 2). Wachstum, Elastizität und GFG-Parameter stehen als Zahlen in den Formeln (Szenariodateien)."]
                      : ["Formulas over the rates on the sheet Assumptions (inputs): base amount scenario = Σ classes ROUND(M × growth × response, 2), response = 1 + ε × (h_S − h_B) / h_B; revenue = Σ ROUND(M_S × h / 100, 2); levy = ROUND(revenue × multiplier / h, 2); Δ tax power = ROUND(Δ base amount × (fictive rate − multiplier) / 100, 2); Δ Schlüsselzuweisungen = −ROUND((ROUND(ΔTP year before × a, 2) + ROUND(ΔTP two years before × (1 − a), 2)) × equalisation rate, 2). Growth, elasticity and the GFG parameters are numbers in the formulas (scenario files)."])
        steps?.sheetDE = "Entlastung – Rechenschritte"; steps?.sheetEN = "Relief – computation steps"
    }

    /// Adds the Hebesatz inputs to the inputs table and says in its notes what follows them and what stays a value.
    public func extend(inputs t: inout ReportTable, lang: Language) {
        let de = lang == .de
        guard !inputRows.isEmpty || !rateInputRows.isEmpty || !notExact.isEmpty else { return }
        t.rows += inputRows + rateInputRows
        t.notes.append(de
            ? "Entlastungsszenarien: Eingaben sind je Szenario und Jahr ab der Gewerbesteuer-Hebesatz (Prozentpunkte), die Senkung aller Kita-Beiträge, und für jedes Szenario mit Grundsteuer- oder Gebührenmodell der Grundsteuer-B-Hebesatz und jeder Gebührensatz (auch wo das Szenario sie nicht ändert). Es rechnen neu: Aufkommen, Umlage, Schlüsselzuweisungen, Kita-Beiträge, Nettoeffekt (Blatt Entlastung – Haushaltswirkung), Entlastung nach Gruppen (Gewerbesteuer-Klassen, Kita-Einkommensstufen, Grundsteuer, Gebühren), typische Fälle (Betriebe, Familien, Grundstücke: Belastung im Szenario) und der Konsolidierungspfad mit Entlastung. Werte bleiben: die Belastungen der Basis, Befreiungsgrenze und Stufensenkungen (Zahlen auf dem Blatt Entlastung – Kita-Belegung), eine neue Kita-Beitragstabelle, getrennte Grundsteuer-Sätze für Wohn- und Nichtwohngrundstücke, der Landesausgleich, und Zeilen ohne Entlastung (sie fehlen in Entlastung nach Gruppen; eine geänderte Eingabe fügt keine Zeile hinzu)."
            : "Relief scenarios: inputs per scenario and starting year are the trade tax rate (Hebesatz, percent points), the cut of all Kita fees, and for every scenario with the property tax or fee model the Grundsteuer B rate and every fee rate (also where the scenario leaves them as they are). What recalculates: revenue, levy, Schlüsselzuweisungen, Kita fees, net effect (sheet Relief – budget effect), relief by group (trade tax classes, Kita income brackets, property tax, fees), typical cases (businesses, families, properties: burden in the scenario) and the consolidation path with relief. Values stay: the baseline burdens, the exemption threshold and bracket cuts (numbers on the sheet Relief – Kita enrollment), a new Kita fee table, separate property tax rates for residential and non-residential property, the state compensation, and rows without relief (they are not in Relief by group; a changed input adds no row).")
        if !notExact.isEmpty {
            t.notes.append((de ? "Werte statt Formeln (Nachrechnung nicht centgenau): " : "Values instead of formulas (recomputation not exact to the cent): ")
                           + notExact.joined(separator: "; "))
        }
    }

    /// The scenario's tables with their Gewerbesteuer cells as formulas over `steps` (effects: scenario
    /// revenue, Umlage change, Schlüsselzuweisungen change; relief by group: relief and relief per payer).
    /// Cached values stay the model's.
    public func apply(to tables: [ReportTable], scenario i: Int, result: ScenarioResult) -> [ReportTable] {
        var out = applyEdits(to: applyKita(to: tables, scenario: i, result: result), scenario: i)
        guard let block = stepRow[i] else { return out }
        if let t = out.firstIndex(where: { $0.key == "scenario_effects" }) {
            let col = { (k: String) in out[t].columns.firstIndex { $0.key == k }! }
            for (n, e) in result.effects.enumerated() where e.model == .gewerbesteuer {
                guard let r = block[e.year], n < out[t].rows.count else { continue }
                out[t].rows[n][col("scenario_revenue")] = .formula("={ref:\(Self.stepsKey):revenue_scenario:\(r)}", cached: .money(e.scenarioRevenue))
                out[t].rows[n][col("umlage_change")] = .formula("={ref:\(Self.stepsKey):umlage_scenario:\(r)}-{ref:\(Self.stepsKey):umlage_baseline:\(r)}", cached: .money(e.umlageChange))
                out[t].rows[n][col("equalisation_change")] = .formula("={ref:\(Self.stepsKey):equalisation_change:\(r)}", cached: .money(e.equalisationChange))
            }
        }
        if let t = out.firstIndex(where: { $0.key == "scenario_relief" }), let classes = classBaseline[i] {
            let col = { (k: String) in out[t].columns.firstIndex { $0.key == k }! }
            var n = 0, perYear: [Int: Int] = [:]
            // The table lists the lines with a relief (`ScenarioTables.relief`); a Gewerbesteuer line's class is its
            // position among the year's Gewerbesteuer lines (the model writes them in class order).
            for line in result.relief {
                var k = -1
                if line.model == .gewerbesteuer { k = perYear[line.year, default: 0]; perYear[line.year] = k + 1 }
                guard line.relief != .zero else { continue }
                defer { n += 1 }
                guard k >= 0, let r = block[line.year], let mb = classes[line.year]?[k], n < out[t].rows.count else { continue }
                out[t].rows[n][col("relief")] = .formula(
                    "=ROUND(\(mb.plainString)*({ref:\(Self.stepsKey):hebesatz_baseline:\(r)}-{ref:\(Self.stepsKey):hebesatz_scenario:\(r)})/100,2)", cached: .money(line.relief))
                if let per = line.reliefPerPayer {
                    out[t].rows[n][col("relief_per_payer")] = .formula("=ROUND({col:relief}{r}/{col:payers}{r},2)", cached: .money(per))
                }
            }
        }
        return out
    }
}

/// The Gewerbesteuer model's numbers per year recomputed from its public parameters, for the formulas'
/// constants and the steps' cached values; `matches` holds them to the model's own result.
struct GewerbesteuerPlan {
    struct Year {
        var hB: Decimal, hS: Decimal, eps: Decimal, response: Decimal, gS: Decimal, v: Decimal, f: Decimal, a: Decimal, q: Decimal
        var classB: [Money], messB: Money, messS: Money, revB: Money, revS: Money, umlB: Money, umlS: Money, sk: Money, eq: Money
    }
    var years: ClosedRange<Int>
    var dataYear: Int
    var receives: Bool
    var classes: [Money]
    var byYear: [Int: Year] = [:]

    init(_ e: ScenarioEngine) throws {
        let city = e.city, base = city.gewerbesteuer
        dataYear = base.year
        receives = city.receivesSchluesselzuweisungen
        classes = base.classes.map(\.messbetrag)
        years = max(dataYear, e.scenario.years.lowerBound - 2)...e.scenario.years.upperBound
        var gB: Decimal = 1, gS: Decimal = 1
        if years.lowerBound > dataYear {
            for t in (dataYear + 1)...years.lowerBound {
                gB *= 1 + (try e.baseline.value(GewerbesteuerKey.basiswachstum, t)); gS *= 1 + (try e.parameters.value(GewerbesteuerKey.basiswachstum, t))
            }
        }
        for y in years {
            if y > years.lowerBound {
                gB *= 1 + (try e.baseline.value(GewerbesteuerKey.basiswachstum, y)); gS *= 1 + (try e.parameters.value(GewerbesteuerKey.basiswachstum, y))
            }
            let pb = try GewerbesteuerParameters(e.baseline, year: y, kreisfrei: city.kreisfrei)
            let ps = try GewerbesteuerParameters(e.parameters, year: y, kreisfrei: city.kreisfrei)
            let response = 1 + ps.elastizitaet * (ps.hebesatz - pb.hebesatz) / pb.hebesatz
            var revB = Money.zero, revS = Money.zero, classB: [Money] = [], messS = Money.zero
            for m in classes {
                let mb = m.multiplied(by: gB), ms = m.multiplied(by: gS * response)
                classB.append(mb); messS += ms
                revB += mb.multiplied(by: pb.hebesatz / 100); revS += ms.multiplied(by: ps.hebesatz / 100)
            }
            let messB = classB.sum()
            let sk = (messS - messB).multiplied(by: (ps.fiktiverHebesatz - ps.umlageVervielfaeltiger) / 100)
            var eq = Money.zero
            if receives {
                func at(_ x: Int) -> Money { x >= dataYear ? byYear[x]?.sk ?? .zero : .zero }
                eq = -(at(y - 1).multiplied(by: ps.anteilVorjahr) + at(y - 2).multiplied(by: 1 - ps.anteilVorjahr)).multiplied(by: ps.ausgleichsquote)
            }
            byYear[y] = Year(hB: pb.hebesatz, hS: ps.hebesatz, eps: ps.elastizitaet, response: response, gS: gS,
                             v: ps.umlageVervielfaeltiger, f: ps.fiktiverHebesatz, a: ps.anteilVorjahr, q: ps.ausgleichsquote,
                             classB: classB, messB: messB, messS: messS, revB: revB, revS: revS,
                             umlB: GewerbesteuerModel.umlage(revenue: revB, hebesatz: pb.hebesatz, vervielfaeltiger: pb.umlageVervielfaeltiger),
                             umlS: GewerbesteuerModel.umlage(revenue: revS, hebesatz: ps.hebesatz, vervielfaeltiger: ps.umlageVervielfaeltiger),
                             sk: sk, eq: eq)
        }
    }

    /// True if every Gewerbesteuer effect and class relief of the model's result equals the recomputation.
    func matches(_ r: ScenarioResult) -> Bool {
        for e in r.effects where e.model == .gewerbesteuer {
            guard let d = byYear[e.year], d.revB == e.baselineRevenue, d.revS == e.scenarioRevenue,
                  d.umlS - d.umlB == e.umlageChange, d.eq == e.equalisationChange else { return false }
        }
        var perYear: [Int: Int] = [:]
        for line in r.relief where line.model == .gewerbesteuer {
            let k = perYear[line.year, default: 0]; perYear[line.year] = k + 1
            guard let d = byYear[line.year], k < d.classB.count,
                  d.classB[k].multiplied(by: (d.hB - d.hS) / 100) == line.relief else { return false }
        }
        return true
    }
}

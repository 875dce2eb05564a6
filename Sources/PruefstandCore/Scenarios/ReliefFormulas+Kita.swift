import Foundation

/// The Kita fee cut as an input (issue 16): each scenario's override of `kita.beitragssenkung` is an input cell,
/// and the Kita rows' scenario revenue on "Entlastung – Haushaltswirkung" is a formula over it.
///
/// `KitaModel`'s arithmetic with its roundings: a Kita year's fee revenue is
/// `Σ cells ROUND(12 × (paying × fee + siblings × sibling fee) × (1 − exempt share), 2)` with
/// `fee = ROUND(table fee × ((1 − cut) × bracket factor), 2)` (bracket factor: 1 − the bracket's own cut, 0 for a
/// bracket under the exemption threshold; a column of the enrollment sheet) and `sibling fee = ROUND(fee × (1 − sibling discount), 2)`, one
/// `SUMPRODUCT` over the enrollment cells on the sheet "Entlastung – Kita-Belegung"; the calendar year takes 7/12
/// of the Kita year before and 5/12 of its own, then × the enrollment growth. The model multiplies by 7/12 and 5/12
/// as 38-digit decimals (0.583…3 below, 0.416…7 above the exact fraction), so at an exact half cent the first
/// rounds down and the second up; the formulas do the same with ∓0.000001 € (amounts are whole cents times
/// twelfths, so no other value is moved). The relief by income bracket and the typical families follow the cut too
/// (`ReliefFormulas+Cases.swift`). Values stay: the state compensation (it does not depend on the cut), and a scenario
/// with a new fee table.
extension ReliefFormulas {
    static let kitaStepsKey = "relief_kita_steps", kitaCellsKey = "relief_kita_cells"

    static func kitaInputLabel(from: Int, scenario: String, lang: Language) -> String {
        lang == .de ? "Kita-Beitragssenkung ab \(from): \(scenario)" : "Kita fee cut from \(from): \(scenario)"
    }

    mutating func addKita(scenario i: Int, engine e: ScenarioEngine, result: ScenarioResult, lang: Language) {
        let de = lang == .de, title = result.scenario.displayTitle(lang)
        guard e.scenario.models.contains(.kita), let kita = e.city.kita, e.scenario.kitaLevers.newTable == nil,
              let overrides = e.scenario.overrides[KitaKey.beitragssenkung], !overrides.isEmpty else { return }
        // One enrollment sheet: scenarios of another city keep values.
        guard kitaCity == nil || kitaCity == e.city.file, let plan = try? KitaPlan(e, kita: kita), plan.matches(result) else {
            notExact.append(title); return
        }
        kitaCity = e.city.file
        if kitaData == nil { kitaData = kita }
        var labels: [Int: String] = [:]
        for o in overrides.sorted(by: { $0.validFrom < $1.validFrom }) {
            let label = Self.kitaInputLabel(from: o.validFrom, scenario: title, lang: lang)
            labels[o.validFrom] = label
            inputRows.append([.text(label), .percent(o.value), .text(de ? "Anteil aller Elternbeiträge" : "share of all parents' fees"),
                              .text((de ? "Szenario: " : "scenario: ") + o.source)])
        }
        func range(_ col: String) -> String { "{range:\(Self.kitaCellsKey):\(col)}" }
        func lit(_ x: Decimal) -> String { "(\(x))" }
        var block: [Int: Int] = [:]
        for k in plan.kitaYears {
            let d = plan.byYear[k]!
            let inForce = overrides.filter { $0.validFrom <= k }.max { $0.validFrom < $1.validFrom }
            let cut: ReportTable.Cell = inForce.flatMap { o in d.cut == o.value ? labels[o.validFrom] : nil }
                .map { .formula("={ref:whatif_inputs:value:\($0)}", cached: .percent(d.cut)) } ?? .percent(d.cut)
            if !kitaFactors.contains(d.factors) { kitaFactors.append(d.factors) }
            let factors = range("factor_\(kitaFactors.firstIndex(of: d.factors)! + 1)")
            let fee = "ROUND(\(range("fee"))*((1-{col:cut}{r})*\(factors)),2)"
            let annual = "=SUMPRODUCT(ROUND(12*(\(range("paying"))*\(fee)+\(range("siblings"))*ROUND(\(fee)*\(lit(1 - d.siblingDiscount)),2))*\(lit(1 - d.exempt)),2))"
            var revenue: ReportTable.Cell = .empty
            if let r = d.revenueScenario {
                var calendar = "ROUND({col:annual_revenue}{r-1}*7/12-0.000001,2)+ROUND({col:annual_revenue}{r}*5/12+0.000001,2)"
                if plan.factor != 1 { calendar = "ROUND((\(calendar))*\(lit(plan.factor)),2)" }
                revenue = .formula("=ROUND((\(calendar))*\(lit(d.growth)),2)", cached: .money(r))
            }
            block[k] = kitaRows.count
            kitaRows.append([.text(title), .integer(Int64(k)), cut, .formula(annual, cached: .money(d.annual)), revenue])
        }
        kitaStepRow[i] = block
        addKitaCases(scenario: i, kita: kita, plan: plan, result: result)
    }

    mutating func finishKita(lang: Language) {
        guard !kitaRows.isEmpty, let kita = kitaData else { return }
        let cells = Self.cellsTable(kita, factors: kitaFactors, lang: lang)
        let de = lang == .de
        var steps = ReportTable(
            key: Self.kitaStepsKey, de: "Entlastung: Rechenschritte Kita-Beiträge", en: "Relief: Kita fee computation steps",
            columns: [.init("scenario", de: "Szenario", en: "Scenario", kind: .text),
                      .init("year", de: "Kita-Jahr ab / Kalenderjahr", en: "Kita year from / calendar year", kind: .integer),
                      .init("cut", de: "Senkung aller Beiträge", en: "Cut of all fees", kind: .percent),
                      .init("annual_revenue", de: "Beiträge des Kita-Jahres (Belegung des Datenjahres)", en: "Fees of the Kita year (enrollment of the data year)", kind: .money),
                      .init("revenue_scenario", de: "Ertrag Szenario (Kalenderjahr)", en: "Revenue scenario (calendar year)", kind: .money)],
            rows: kitaRows,
            notes: [de ? "Formeln über die Senkung auf dem Blatt Annahmen (Eingaben) und die Belegung auf dem Blatt Entlastung – Kita-Belegung: Beiträge des Kita-Jahres = SUMMENPRODUKT der Zellen RUNDEN(12 × (zahlend × Beitrag + Geschwister × Geschwisterbeitrag) × (1 − befreit); 2), Beitrag = RUNDEN(Tabelle × (1 − Senkung) × Stufenfaktor; 2) (Stufenfaktor 0 unter der Befreiungsgrenze, sonst 1 − Senkung der Stufe; Spalten des Blatts Entlastung – Kita-Belegung); Kalenderjahr = 7/12 des Kita-Jahres davor + 5/12 des eigenen, × Belegungsentwicklung. Die Entlastung nach Einkommensstufen und die typischen Familien folgen der Senkung ebenso (Blätter Entlastung nach Gruppen, Typische Fälle). Wert bleibt: der Landesausgleich."
                       : "Formulas over the cut on the sheet Assumptions (inputs) and the enrollment on the sheet Relief – Kita enrollment: fees of the Kita year = SUMPRODUCT over the cells of ROUND(12 × (paying × fee + siblings × sibling fee) × (1 − exempt), 2), fee = ROUND(table × (1 − cut) × bracket factor, 2) (bracket factor 0 below the exemption threshold, else 1 − the bracket's cut; columns of the sheet Relief – Kita enrollment); calendar year = 7/12 of the Kita year before + 5/12 of its own, × enrollment growth. The relief by income bracket and the typical families follow the cut as well (sheets Relief by group, Typical cases). Value stays: the state compensation."])
        steps.sheetDE = "Entlastung – Kita-Schritte"; steps.sheetEN = "Relief – Kita steps"
        kitaTables = [steps, cells]
    }

    /// The enrollment cells with their table fee (the ranges the steps' `SUMPRODUCT` reads).
    static func cellsTable(_ kita: KitaData, factors: [[Decimal]], lang: Language) -> ReportTable {
        let e = kita.enrollment, de = lang == .de
        var t = ReportTable(
            key: kitaCellsKey, de: "Kita-Belegung und Beitragstabelle", en: "Kita enrollment and fee table",
            columns: [.init("bracket", de: "Einkommensstufe", en: "Income bracket", kind: .integer),
                      .init("age", de: "Alter", en: "Age", kind: .text),
                      .init("hours", de: "Wochenstunden", en: "Weekly hours", kind: .integer),
                      .init("paying", de: "Zahlende Kinder", en: "Paying children", kind: .integer),
                      .init("siblings", de: "Geschwisterkinder", en: "Siblings", kind: .integer),
                      .init("fee", de: "Monatsbeitrag laut Tabelle", en: "Monthly fee of the table", kind: .money)]
                + factors.indices.map { .init("factor_\($0 + 1)", de: "Stufenfaktor \($0 + 1)", en: "Bracket factor \($0 + 1)", kind: .decimal) },
            rows: e.cells.enumerated().map { n, c in
                [.integer(Int64(c.bracket + 1)), .text(c.age == .u3 ? "U3" : (de ? "Ü3" : "3+")), .integer(Int64(c.hours)),
                 .integer(Int64(c.paying)), .integer(Int64(c.siblings)), .money(kita.feeTable.fee(age: c.age, hours: c.hours, bracket: c.bracket) ?? .zero)]
                + factors.map { .decimal($0[n]) }
            },
            notes: [de ? "Belegung \(e.year) (\(e.source)); Beiträge aus \(kita.feeTable.file). Stufenfaktor: 0 für eine Stufe unter der Befreiungsgrenze, sonst 1 − Senkung der Stufe; je Kita-Jahr und Szenario einer (Blatt Entlastung – Kita-Schritte)."
                       : "Enrollment \(e.year) (\(e.source)); fees from \(kita.feeTable.file). Bracket factor: 0 for a bracket below the exemption threshold, else 1 − the bracket's cut; one per Kita year and scenario (sheet Relief – Kita steps)."])
        t.sheetDE = "Entlastung – Kita-Belegung"; t.sheetEN = "Relief – Kita enrollment"
        return t
    }

    /// The Kita rows' scenario revenue as a reference to the steps.
    func applyKita(to tables: [ReportTable], scenario i: Int, result: ScenarioResult) -> [ReportTable] {
        guard let block = kitaStepRow[i], let t = tables.firstIndex(where: { $0.key == "scenario_effects" }),
              let c = tables[t].columns.firstIndex(where: { $0.key == "scenario_revenue" }) else { return tables }
        var out = tables
        for (n, e) in result.effects.enumerated() where e.model == .kita {
            guard let r = block[e.year], n < out[t].rows.count else { continue }
            out[t].rows[n][c] = .formula("={ref:\(Self.kitaStepsKey):revenue_scenario:\(r)}", cached: .money(e.scenarioRevenue))
        }
        return out
    }
}

/// The Kita model's numbers per Kita year from its public API (rules, annual revenue, calendar-year revenue).
struct KitaPlan {
    struct Year {
        var cut: Decimal, siblingDiscount: Decimal, exempt: Decimal, factors: [Decimal], annual: Money
        var growth: Decimal, revenueScenario: Money?
        /// The rules of scenario and baseline, the baseline's bracket factors per cell and growth (relief, typical families).
        var rules: KitaModel.Rules, baseline: KitaModel.Rules, factorsBaseline: [Decimal], growthBaseline: Decimal
    }
    var kitaYears: ClosedRange<Int>
    var factor: Decimal
    var byYear: [Int: Year] = [:]

    init(_ e: ScenarioEngine, kita: KitaData) throws {
        let first = e.scenario.years.lowerBound, data = kita.enrollment.year
        kitaYears = (first - 1)...e.scenario.years.upperBound
        factor = kita.revenueFactor
        for k in kitaYears {
            let rules = try KitaModel.rules(city: e.city, parameters: e.parameters, levers: e.scenario.kitaLevers, year: k)
            let baseline = try KitaModel.rules(city: e.city, parameters: e.baseline, levers: nil, year: k)
            var growth: Decimal = 1
            if k > data { for t in (data + 1)...k { growth *= 1 + (try e.parameters.value(KitaKey.belegungWachstum, t)) } }
            let revenue = k >= first ? try KitaModel.calendarYearRevenue(city: e.city, parameters: e.parameters, levers: e.scenario.kitaLevers, year: k)
                .multiplied(by: growth) : nil
            byYear[k] = Year(cut: rules.cut, siblingDiscount: rules.siblingDiscount, exempt: rules.exemptShare,
                             factors: kita.enrollment.cells.map { Self.factor(rules, bracket: $0.bracket) },
                             annual: KitaModel.annualRevenue(kita.enrollment, rules: rules), growth: growth, revenueScenario: revenue,
                             rules: rules, baseline: baseline, factorsBaseline: kita.enrollment.cells.map { Self.factor(baseline, bracket: $0.bracket) },
                             growthBaseline: try GewerbesteuerModel.growthFactor(e.baseline, key: KitaKey.belegungWachstum, from: data, to: k))
        }
    }

    /// A bracket's factor on the table fee besides the cut of all fees: 0 under the exemption threshold, else 1 − its own cut.
    static func factor(_ rules: KitaModel.Rules, bracket: Int) -> Decimal {
        if rules.table.brackets.indices.contains(bracket), let to = rules.table.brackets[bracket].to, to <= rules.threshold { return 0 }
        return 1 - (rules.bracketCuts[bracket] ?? 0)
    }

    /// True if the scenario revenue of every Kita year equals the model's.
    func matches(_ r: ScenarioResult) -> Bool {
        r.effects.filter { $0.model == .kita }.allSatisfy { byYear[$0.year]?.revenueScenario == $0.scenarioRevenue }
    }
}

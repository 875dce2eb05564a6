import Foundation

/// Kita parent fees (Elternbeiträge): fee table (income bracket × care hours × U3/Ü3) × enrollment.
///
/// Children in the fee-free years before school pay nothing (§ 50 Abs. 1 KiBiz: from the Kita year
/// in which the child turns four by 30 September until school); the state compensates the
/// Jugendamt with a flat share of the Kindpauschalen (§ 50 Abs. 2 KiBiz), which does not depend on
/// the city's fee table. A city's own fee cut is therefore not compensated: net = gross.
///
/// Levers: exemption threshold (brackets whose upper limit is at or below it pay nothing), a cut of
/// all fees by a share, cuts per bracket, the sibling discount, and a new table.
/// The Kita year: fees, tables and levers change with the Kita year, which starts on 1 August (§ 50 KiBiz
/// counts in Kita years). A value "from 2027" (or from 2027-08-01) holds from the Kita year 2027/28, so a
/// calendar year's revenue is 7/12 of the rules of the Kita year before and 5/12 of its own Kita year's
/// (`calendarYearRevenue`): a cut from 2027 counts five months in 2027.
public enum KitaModel {
    /// The fee rules in force in one year.
    public struct Rules: Sendable {
        public let table: KitaFeeTable
        public let threshold: Money
        public let cut: Decimal
        public let siblingDiscount: Decimal
        public let bracketCuts: [Int: Decimal]
        /// Share of the paying children whose parents receive benefits that exempt them from the fee
        /// (§ 90 Abs. 4 SGB VIII: Bürgergeld, Sozialhilfe, AsylbLG, Kinderzuschlag, Wohngeld): they pay nothing.
        public let exemptShare: Decimal
        /// Every fee of the table under these rules (first child, sibling), computed once: the models
        /// ask for the same few hundred fees for every enrollment cell, relief group and typical family.
        private let fees: [KitaAge: [Int: [(first: Money, sibling: Money)]]]

        public init(table: KitaFeeTable, threshold: Money, cut: Decimal, siblingDiscount: Decimal, bracketCuts: [Int: Decimal], exemptShare: Decimal = 0) {
            self.table = table; self.threshold = threshold; self.cut = cut; self.siblingDiscount = siblingDiscount
            self.bracketCuts = bracketCuts; self.exemptShare = exemptShare
            fees = table.monthlyFees.mapValues { byHours in
                byHours.mapValues { byBracket in
                    byBracket.indices.map { bracket in
                        (Rules.fee(table, threshold, cut, siblingDiscount, bracketCuts, bracket: bracket, base: byBracket[bracket], sibling: false),
                         Rules.fee(table, threshold, cut, siblingDiscount, bracketCuts, bracket: bracket, base: byBracket[bracket], sibling: true))
                    }
                }
            }
        }

        /// Monthly fee of one child; one rounding to the cent (half away from zero) per step.
        public func monthlyFee(age: KitaAge, hours: Int, bracket: Int, sibling: Bool) -> Money {
            guard let row = fees[age]?[hours], row.indices.contains(bracket) else { return .zero }
            return sibling ? row[bracket].sibling : row[bracket].first
        }

        /// What the paying children of a cell owe after the exemption of § 90 Abs. 4 SGB VIII.
        ///
        /// Legal basis: § 90 Abs. 4 SGB VIII (the fee is not charged to parents who receive Bürgergeld, Sozialhilfe,
        /// Leistungen nach dem AsylbLG, Kinderzuschlag or Wohngeld).
        public func payable(_ amount: Money) -> Money { exemptShare == 0 ? amount : amount.multiplied(by: 1 - exemptShare) }

        private static func fee(_ table: KitaFeeTable, _ threshold: Money, _ cut: Decimal, _ siblingDiscount: Decimal,
                                _ bracketCuts: [Int: Decimal], bracket: Int, base: Money, sibling: Bool) -> Money {
            if table.brackets.indices.contains(bracket), let to = table.brackets[bracket].to, to <= threshold { return .zero }
            let fee = base.multiplied(by: (1 - cut) * (1 - (bracketCuts[bracket] ?? 0)))
            return sibling ? fee.multiplied(by: 1 - siblingDiscount) : fee
        }
    }

    public static func rules(city: CityData, parameters p: ParameterSet, levers: Scenario.KitaLevers?, year: Int) throws -> Rules {
        guard let kita = city.kita else { throw PruefstandError.config(path: city.file, line: nil, key: "kita", message: "the city has no Kita data") }
        var table = kita.feeTable
        var cuts: [Int: Decimal] = [:]
        if let levers {
            if let t = levers.newTable, let from = levers.newTableFrom, year >= from { table = t }
            for c in levers.bracketCuts where year >= c.from { cuts[c.bracket] = c.cut }
        }
        return Rules(table: table, threshold: Money.rounding(try p.value(ParameterKey.kitaBefreiungsgrenze, year)),
                     cut: try p.value(ParameterKey.kitaSenkung, year), siblingDiscount: try p.value(ParameterKey.kitaGeschwister, year),
                     bracketCuts: cuts, exemptShare: try p.value(ParameterKey.kitaBefreitSGB8, year))
    }

    /// Fee revenue of calendar year `year` at the enrollment of the data year (before growth): January–July under
    /// the rules of the Kita year `year − 1`, August–December under those of the Kita year `year`.
    public static func calendarYearRevenue(city: CityData, parameters p: ParameterSet, levers: Scenario.KitaLevers?, year: Int) throws -> Money {
        guard let kita = city.kita else { return .zero }
        let before = annualRevenue(kita.enrollment, rules: try rules(city: city, parameters: p, levers: levers, year: year - 1))
        let own = annualRevenue(kita.enrollment, rules: try rules(city: city, parameters: p, levers: levers, year: year))
        let revenue = before.multiplied(by: Decimal(7) / 12) + own.multiplied(by: Decimal(5) / 12)
        // Calibrated to the plan (`CityData.scaled`): the revenue × the factor (1 otherwise).
        return kita.revenueFactor == 1 ? revenue : revenue.multiplied(by: kita.revenueFactor)
    }

    /// Annual fee revenue at the enrollment of the data year (before growth): per cell 12 × (paying × fee +
    /// siblings × sibling fee) × (1 − exempt share of § 90 Abs. 4 SGB VIII), rounded to the cent.
    public static func annualRevenue(_ enrollment: KitaEnrollment, rules: Rules) -> Money {
        var total = Money.zero
        for c in enrollment.cells {
            let f = rules.monthlyFee(age: c.age, hours: c.hours, bracket: c.bracket, sibling: false)
            let fs = rules.monthlyFee(age: c.age, hours: c.hours, bracket: c.bracket, sibling: true)
            total += rules.payable((f * Int64(c.paying) + fs * Int64(c.siblings)) * 12)
        }
        return total
    }

    struct Detail { var rb: Rules, rs: Rules, gB: Decimal, gS: Decimal, revB0: Money, revS0: Money, revB: Money, revS: Money,
                    compB: Money, compS: Money, share: Decimal }

    static func detail(city: CityData, baseline: ParameterSet, scenario: ParameterSet, levers: Scenario.KitaLevers, year: Int) throws -> Detail {
        guard let kita = city.kita else { throw PruefstandError.config(path: city.file, line: nil, key: "kita", message: "the city has no Kita data") }
        let e = kita.enrollment
        guard year >= e.year else {
            throw PruefstandError.config(path: city.file, line: nil, key: "kita.enrollment", message: "enrollment data are for \(e.year); \(year) is not modelled")
        }
        let rb = try rules(city: city, parameters: baseline, levers: nil, year: year)
        let rs = try rules(city: city, parameters: scenario, levers: levers, year: year)
        let gB = try GewerbesteuerModel.growthFactor(baseline, key: ParameterKey.kitaWachstum, from: e.year, to: year)
        let gS = try GewerbesteuerModel.growthFactor(scenario, key: ParameterKey.kitaWachstum, from: e.year, to: year)
        let revB0 = try calendarYearRevenue(city: city, parameters: baseline, levers: nil, year: year)
        let revS0 = try calendarYearRevenue(city: city, parameters: scenario, levers: levers, year: year)
        let share = try scenario.value(ParameterKey.kitaLandesausgleich, year) / 100
        let shareB = try baseline.value(ParameterKey.kitaLandesausgleich, year) / 100
        return Detail(rb: rb, rs: rs, gB: gB, gS: gS, revB0: revB0, revS0: revS0, revB: revB0.multiplied(by: gB), revS: revS0.multiplied(by: gS),
                      compB: e.kindpauschalenUe3.multiplied(by: shareB * gB), compS: e.kindpauschalenUe3.multiplied(by: share * gS), share: share)
    }

    public static func run(city: CityData, baseline: ParameterSet, scenario: ParameterSet, levers: Scenario.KitaLevers, years: ClosedRange<Int>)
        throws -> (effects: [ModelYearEffect], relief: [ReliefLine], typical: [TypicalCaseResult]) {
        guard let kita = city.kita else { return ([], [], []) }
        var effects: [ModelYearEffect] = [], relief: [ReliefLine] = [], typical: [TypicalCaseResult] = []
        for year in years {
            let d = try detail(city: city, baseline: baseline, scenario: scenario, levers: levers, year: year)
            effects.append(ModelYearEffect(model: .kita, year: year, baselineRevenue: d.revB, scenarioRevenue: d.revS,
                                           compensationChange: d.compS - d.compB))
            for (i, b) in kita.feeTable.brackets.enumerated() {
                var r = Money.zero, payers = 0
                for c in kita.enrollment.cells where c.bracket == i {
                    let diff = d.rb.monthlyFee(age: c.age, hours: c.hours, bracket: i, sibling: false) - d.rs.monthlyFee(age: c.age, hours: c.hours, bracket: i, sibling: false)
                    let diffS = d.rb.monthlyFee(age: c.age, hours: c.hours, bracket: i, sibling: true) - d.rs.monthlyFee(age: c.age, hours: c.hours, bracket: i, sibling: true)
                    r += d.rb.payable((diff * Int64(c.paying) + diffS * Int64(c.siblings)) * 12)
                    payers += c.paying + c.siblings
                }
                relief.append(ReliefLine(model: .kita, year: year, group: "Einkommen \(b.from.germanString) – \(b.to?.germanString ?? "…")",
                                         payers: payers, relief: r.multiplied(by: d.gB * kita.revenueFactor)))
            }
            for f in kita.typicalFamilies {
                guard let br = d.rb.table.bracket(forIncome: f.income) else { continue }
                let b = d.rb.monthlyFee(age: f.age, hours: f.hours, bracket: br, sibling: f.isSibling) * 12
                let sBr = d.rs.table.bracket(forIncome: f.income) ?? br
                let s = d.rs.monthlyFee(age: f.age, hours: f.hours, bracket: sBr, sibling: f.isSibling) * 12
                typical.append(TypicalCaseResult(model: .kita, year: year, name: f.name, baselineBurden: b, scenarioBurden: s,
                                                 baselineNetBurden: b, scenarioNetBurden: s,
                                                 noteDE: "Jahresbeitrag (12 Monatsbeiträge), \(f.age == .u3 ? "U3" : "Ü3"), \(f.hours) Std.",
                                                 noteEN: "annual fee (12 monthly fees), \(f.age == .u3 ? "under 3" : "3 and over"), \(f.hours) h"))
            }
        }
        return (effects, relief, typical)
    }

    public static func explain(city: CityData, baseline: ParameterSet, scenario: ParameterSet, levers: Scenario.KitaLevers, year: Int, lang: Language) throws -> ComputationStep {
        typealias K = ParameterKey
        guard let kita = city.kita else { throw PruefstandError.config(path: city.file, line: nil, key: "kita", message: "the city has no Kita data") }
        let d = try detail(city: city, baseline: baseline, scenario: scenario, levers: levers, year: year)
        let e = kita.enrollment
        var cells: [ComputationStep] = []
        for c in e.cells {
            let fb = d.rb.monthlyFee(age: c.age, hours: c.hours, bracket: c.bracket, sibling: false)
            let fs = d.rs.monthlyFee(age: c.age, hours: c.hours, bracket: c.bracket, sibling: false)
            let gb = d.rb.monthlyFee(age: c.age, hours: c.hours, bracket: c.bracket, sibling: true)
            let gs = d.rs.monthlyFee(age: c.age, hours: c.hours, bracket: c.bracket, sibling: true)
            let vb = d.rb.payable((fb * Int64(c.paying) + gb * Int64(c.siblings)) * 12), vs = d.rs.payable((fs * Int64(c.paying) + gs * Int64(c.siblings)) * 12)
            cells.append(ComputationStep(
                de: "Stufe \(c.bracket + 1), \(c.age.rawValue.uppercased()), \(c.hours) Std.", en: "Bracket \(c.bracket + 1), \(c.age.rawValue.uppercased()), \(c.hours) h",
                formula: "12 × (zahlend × Beitrag + Geschwister × Beitrag × (1 − Geschwisterermäßigung)) × (1 − befreit § 90 Abs. 4 SGB VIII): B 12 × (\(c.paying) × \(fb.plainString) + \(c.siblings) × \(gb.plainString)) × (1 − \(d.rb.exemptShare)) = \(vb.plainString); S 12 × (\(c.paying) × \(fs.plainString) + \(c.siblings) × \(gs.plainString)) × (1 − \(d.rs.exemptShare)) = \(vs.plainString); beitragsfrei (§ 50 Abs. 1 KiBiz): \(c.feeFree)",
                result: (vs - vb).scenarioText(lang)))
        }
        let rulesStep = ComputationStep(
            de: "Beitragsregeln", en: "Fee rules",
            formula: "Beitrag = Tabelle × (1 − Senkung) × (1 − Senkung der Stufe), 0 wenn Obergrenze der Stufe ≤ Befreiungsgrenze; auf Cent gerundet",
            result: "B: Grenze \(d.rb.threshold.plainString), Senkung \(d.rb.cut); S: Grenze \(d.rs.threshold.plainString), Senkung \(d.rs.cut), Stufen \(d.rs.bracketCuts.sorted { $0.key < $1.key }.map { "\($0.key + 1): \($0.value)" }.joined(separator: ", "))",
            inputs: [try .parameter(baseline, K.kitaBefreiungsgrenze, year), try .parameter(scenario, K.kitaBefreiungsgrenze, year),
                     try .parameter(scenario, K.kitaSenkung, year), try .parameter(scenario, K.kitaGeschwister, year),
                     try .parameter(scenario, K.kitaBefreitSGB8, year),
                     .data("Beitragstabelle", "Fee table", d.rs.table.file, source: d.rs.table.source),
                     .data("Belegung \(e.year)", "Enrollment \(e.year)", "\(e.totalChildren)", unit: "Kinder", source: e.source)]
                + leverInputs(levers, year: year))
        let growth = ComputationStep(de: "Belegungsentwicklung", en: "Enrollment growth", formula: "Π(1 + g_t) ab \(e.year + 1)",
                                     result: "B \(d.gB.scenarioRounded(6)), S \(d.gS.scenarioRounded(6))",
                                     inputs: year > e.year ? try ((e.year + 1)...year).map { try .parameter(scenario, K.kitaWachstum, $0) } : [])
        let comp = ComputationStep(de: "Landesausgleich Beitragsfreiheit", en: "State compensation for fee-free years",
                                   formula: "Summe Kindpauschalen Ü3 × Anteil × Belegungsfaktor: \(e.kindpauschalenUe3.plainString) × \(d.share)",
                                   result: "B \(d.compB.scenarioText(lang)), S \(d.compS.scenarioText(lang)), Δ \((d.compS - d.compB).scenarioText(lang))",
                                   inputs: [try .parameter(scenario, K.kitaLandesausgleich, year),
                                            .data("Summe Kindpauschalen Ü3", "Sum of Kindpauschalen 3+", e.kindpauschalenUe3.scenarioText(lang), source: e.source)],
                                   noteDE: "Der Ausgleich hängt nicht von der Beitragstabelle der Stadt ab: eigene Senkungen werden nicht erstattet.",
                                   noteEN: "The compensation does not depend on the city's fee table: the city's own cuts are not reimbursed.")
        let gross = ComputationStep(de: "Bruttoeffekt", en: "Gross effect",
                                    formula: "Σ Zellen × Belegungsfaktor: \(d.revS0.plainString) × \(d.gS.scenarioRounded(6)) − \(d.revB0.plainString) × \(d.gB.scenarioRounded(6))",
                                    result: (d.revS - d.revB).scenarioText(lang), children: [rulesStep, growth] + cells)
        return ComputationStep(de: "Kita-Elternbeiträge \(year): Nettoeffekt", en: "Kita fees \(year): net effect",
                               formula: "Brutto + ΔLandesausgleich", result: ((d.revS - d.revB) + (d.compS - d.compB)).scenarioText(lang),
                               children: [gross, comp])
    }

    private static func leverInputs(_ levers: Scenario.KitaLevers, year: Int) -> [ComputationInput] {
        var r: [ComputationInput] = []
        if let t = levers.newTable, let from = levers.newTableFrom, year >= from {
            r.append(.data("Neue Beitragstabelle ab \(from)", "New fee table from \(from)", t.file, source: levers.newTableSource ?? t.source))
        }
        for c in levers.bracketCuts where year >= c.from {
            r.append(.data("Senkung Stufe \(c.bracket + 1) ab \(c.from)", "Cut bracket \(c.bracket + 1) from \(c.from)", "\(c.cut)", unit: "share", source: c.source))
        }
        return r
    }
}

extension KitaModel {
    /// The Monte Carlo fast path of this model (beside the exact formula): the exact calendar-year revenue and
    /// compensation of each year at the data year's enrollment, precomputed, times the enrollment growth on
    /// `Double`s. Held to the exact model by `MonteCarloPropertyTests`.
    struct FastPath: Sendable {
        var first: Int, n: Int, dataYear: Int
        var revB0: [Double], revS0: [Double], compB0: [Double], compS0: [Double], rateB: [Double], rateS: [Double]

        init?(_ engine: ScenarioEngine) throws {
            typealias K = ParameterKey
            let s = engine.scenario, b = engine.baseline, p = engine.parameters, city = engine.city
            guard let kita = city.kita else { return nil }
            func d(_ x: Decimal) -> Double { x.scenarioDouble }
            first = s.years.lowerBound; n = s.years.count; dataYear = kita.enrollment.year
            (revB0, revS0, compB0, compS0, rateB, rateS) = ([], [], [], [], [], [])
            for (i, y) in s.years.enumerated() {
                revB0.append(d(try calendarYearRevenue(city: city, parameters: b, levers: nil, year: y).decimalEuros))
                revS0.append(d(try calendarYearRevenue(city: city, parameters: p, levers: s.kitaLevers, year: y).decimalEuros))
                compB0.append(d(kita.enrollment.kindpauschalenUe3.decimalEuros * (try b.value(K.kitaLandesausgleich, y)) / 100))
                compS0.append(d(kita.enrollment.kindpauschalenUe3.decimalEuros * (try p.value(K.kitaLandesausgleich, y)) / 100))
                if i == 0 {
                    rateB.append(d(try GewerbesteuerModel.growthFactor(b, key: K.kitaWachstum, from: dataYear, to: y)))
                    rateS.append(d(try GewerbesteuerModel.growthFactor(p, key: K.kitaWachstum, from: dataYear, to: y)))
                } else {
                    rateB.append(d(try b.value(K.kitaWachstum, y))); rateS.append(d(try p.value(K.kitaWachstum, y)))
                }
            }
        }

        /// Adds the net effect per scenario year to `out`; NaN in the drawn growth means "not drawn".
        @inline(__always) func add(kg: Double, out: UnsafeMutablePointer<Double>) {
            var fBc = rateB[0], fS = rateS[0]
            if !kg.isNaN { fS = Foundation.pow(1 + kg, Double(first - dataYear)) }
            for i in 0..<n {
                if i > 0 {
                    fBc *= 1 + rateB[i]
                    fS *= 1 + (kg.isNaN ? rateS[i] : kg)
                }
                out[i] += (revS0[i] + compS0[i]) * fS - (revB0[i] + compB0[i]) * fBc
            }
        }
    }
}

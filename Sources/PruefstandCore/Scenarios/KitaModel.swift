import Foundation

/// The `kita.` parameter keys (the city's fee levers and enrollment growth, the state's compensation).
public enum KitaKey: String, ParameterKey {
    public static let namespace = "kita"
    case befreiungsgrenze, beitragssenkung, geschwisterermaessigung, belegungWachstum = "belegung_wachstum"
    case landesausgleichAnteilKindpauschalen = "landesausgleich_anteil_kindpauschalen", befreitSGB8Anteil = "befreit_sgb8_anteil"

    public var unit: ParameterUnit {
        switch self {
        case .befreiungsgrenze: .eur
        case .landesausgleichAnteilKindpauschalen: .percent
        case .beitragssenkung, .geschwisterermaessigung, .belegungWachstum, .befreitSGB8Anteil: .share
        }
    }
}

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
            self.bracketCuts = bracketCuts; self.exemptShare = exemptShare; payableShare = 1 - exemptShare
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
        public func payable(_ amount: Money) -> Money { exemptShare == 0 ? amount : amount.multiplied(by: payableShare) }
        /// 1 − `exemptShare`, computed once.
        private let payableShare: Decimal

        private static func fee(_ table: KitaFeeTable, _ threshold: Money, _ cut: Decimal, _ siblingDiscount: Decimal,
                                _ bracketCuts: [Int: Decimal], bracket: Int, base: Money, sibling: Bool) -> Money {
            if table.brackets.indices.contains(bracket), let to = table.brackets[bracket].to, to <= threshold { return .zero }
            // A factor of 1 leaves whole cents as they are: no Decimal rounding to do (the baseline's rules).
            let factor = (1 - cut) * (1 - (bracketCuts[bracket] ?? 0))
            let fee = factor == 1 ? base : base.multiplied(by: factor)
            return sibling && siblingDiscount != 0 ? fee.multiplied(by: 1 - siblingDiscount) : fee
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
        return Rules(table: table, threshold: Money.rounding(try p.value(KitaKey.befreiungsgrenze, year)),
                     cut: try p.value(KitaKey.beitragssenkung, year), siblingDiscount: try p.value(KitaKey.geschwisterermaessigung, year),
                     bracketCuts: cuts, exemptShare: try p.value(KitaKey.befreitSGB8Anteil, year))
    }

    /// Fee revenue of calendar year `year` at the enrollment of the data year (before growth): January–July under
    /// the rules of the Kita year `year − 1`, August–December under those of the Kita year `year`.
    public static func calendarYearRevenue(city: CityData, parameters p: ParameterSet, levers: Scenario.KitaLevers?, year: Int) throws -> Money {
        try calendarYearRevenue(RulesMemo(city: city, parameters: p, levers: levers), year: year)
    }

    static func calendarYearRevenue(_ memo: RulesMemo, year: Int) throws -> Money {
        guard let kita = memo.city.kita else { return .zero }
        let before = try memo.annualRevenue(year - 1)
        let own = try memo.annualRevenue(year)
        let revenue = before.multiplied(by: sevenTwelfths) + own.multiplied(by: fiveTwelfths)
        // Calibrated to the plan (`CityData.scaled`): the revenue × the factor (1 otherwise).
        return kita.revenueFactor == 1 ? revenue : revenue.multiplied(by: kita.revenueFactor)
    }

    /// January–July and August–December as shares of the calendar year (the same `Decimal` quotients each time,
    /// divided once).
    static let sevenTwelfths = Decimal(7) / 12, fiveTwelfths = Decimal(5) / 12

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

    /// `memoB` and `memoS` keep the baseline's and the scenario's rules across the years of one evaluation.
    static func detail(city: CityData, baseline: ParameterSet, scenario: ParameterSet, levers: Scenario.KitaLevers, year: Int,
                       memoB: RulesMemo? = nil, memoS: RulesMemo? = nil) throws -> Detail {
        guard let kita = city.kita else { throw PruefstandError.config(path: city.file, line: nil, key: "kita", message: "the city has no Kita data") }
        let e = kita.enrollment
        guard year >= e.year else {
            throw PruefstandError.config(path: city.file, line: nil, key: "kita.enrollment", message: "enrollment data are for \(e.year); \(year) is not modelled")
        }
        let memoB = memoB ?? RulesMemo(city: city, parameters: baseline, levers: nil)
        let memoS = memoS ?? RulesMemo(city: city, parameters: scenario, levers: levers)
        let rb = try memoB.rules(year)
        let rs = try memoS.rules(year)
        let gB = try GewerbesteuerModel.growthFactor(baseline, key: KitaKey.belegungWachstum, from: e.year, to: year)
        let gS = try GewerbesteuerModel.growthFactor(scenario, key: KitaKey.belegungWachstum, from: e.year, to: year)
        let revB0 = try calendarYearRevenue(memoB, year: year)
        let revS0 = try calendarYearRevenue(memoS, year: year)
        let share = try scenario.value(KitaKey.landesausgleichAnteilKindpauschalen, year).hundredth
        let shareB = try baseline.value(KitaKey.landesausgleichAnteilKindpauschalen, year).hundredth
        return Detail(rb: rb, rs: rs, gB: gB, gS: gS, revB0: revB0, revS0: revS0, revB: revB0.multiplied(by: gB), revS: revS0.multiplied(by: gS),
                      compB: e.kindpauschalenUe3.multiplied(by: shareB * gB), compS: e.kindpauschalenUe3.multiplied(by: share * gS), share: share)
    }

    public static func run(city: CityData, baseline: ParameterSet, scenario: ParameterSet, levers: Scenario.KitaLevers, years: ClosedRange<Int>)
        throws -> (effects: [ModelYearEffect], relief: [ReliefLine], typical: [TypicalCaseResult]) {
        guard let kita = city.kita else { return ([], [], []) }
        var effects: [ModelYearEffect] = [], relief: [ReliefLine] = [], typical: [TypicalCaseResult] = []
        let memoB = RulesMemo(city: city, parameters: baseline, levers: nil), memoS = RulesMemo(city: city, parameters: scenario, levers: levers)
        for year in years {
            let d = try detail(city: city, baseline: baseline, scenario: scenario, levers: levers, year: year, memoB: memoB, memoS: memoS)
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
}

extension KitaModel: ScenarioModel {
    public static let kind = ScenarioModelKind.kita
    public static let nameDE = "Kita-Elternbeiträge", nameEN = "Kita fees"
    public static let parameterKeys: [any ParameterKey] = KitaKey.allCases
    public static var monteCarloKeys: [String] { FastPath.keys }
    public static func cityInput(_ city: CityData) -> ScenarioCityInput? {
        var content = city.kita
        content?.feeTable.file = ""   // compared by content: the fee table's file name alone says nothing
        return ScenarioCityInput(field: "kita", content: content as Any,
                                 summary: city.kita.map { "enrollment \($0.enrollment.year), \($0.feeTable.brackets.count) brackets" } ?? "none")
    }

    public static func evaluate(_ input: ScenarioModelInput) throws -> ScenarioModelRun {
        try run(city: input.city, baseline: input.baseline, scenario: input.parameters, levers: input.scenario.kitaLevers, years: input.years)
    }

    public static func explain(_ input: ScenarioModelInput, year: Int, lang: Language) throws -> ComputationStep? {
        guard input.city.kita != nil else { return nil }
        return try explain(city: input.city, baseline: input.baseline, scenario: input.parameters, levers: input.scenario.kitaLevers, year: year, lang: lang)
    }

    /// The levers fit the city's tables: bracket cuts name a bracket of the table, a new table has as many brackets
    /// as the enrollment uses; an exemption threshold inside a bracket is a warning (that bracket keeps paying).
    public static func check(_ input: ScenarioModelInput, file: String) -> [ScenarioDiagnostic] {
        guard let kita = input.city.kita else { return [] }
        let scenario = input.scenario, p = input.parameters
        var out: [ScenarioDiagnostic] = []
        let n = kita.feeTable.brackets.count
        for c in scenario.kitaLevers.bracketCuts where !(0..<n).contains(c.bracket) {
            out.append(.init(.error, file: file, line: nil, key: "kita.bracket_cuts", "bracket \(c.bracket + 1) is not in the fee table (1…\(n))"))
        }
        if let t = scenario.kitaLevers.newTable, t.brackets.count != n {
            out.append(.init(.error, file: t.file, line: nil, key: "brackets", "the new table has \(t.brackets.count) brackets, the enrollment uses \(n)"))
        }
        for y in scenario.years {
            guard let th = try? p.value(KitaKey.befreiungsgrenze, y) else { continue }
            let threshold = Money.rounding(th)
            if kita.feeTable.brackets.contains(where: { $0.from < threshold && ($0.to.map { threshold < $0 } ?? true) && $0.from != threshold }),
               !kita.feeTable.brackets.contains(where: { $0.to == threshold }) {
                out.append(.init(.warning, file: file, line: scenario.overrideLines[KitaKey.befreiungsgrenze], key: KitaKey.befreiungsgrenze.key,
                                 "exemption threshold \(threshold.plainString) EUR in \(y) lies inside a bracket; that bracket keeps paying in full"))
                break
            }
        }
        return out
    }

    /// The fee revenue × factor (`KitaData.revenueFactor`; the children of the enrollment stay whole).
    public static func scaled(_ city: CityData, by factor: Decimal) -> CityData {
        var c = city
        if c.kita != nil { c.kita!.revenueFactor *= factor }
        return c
    }

    public static func fastPath(_ engine: ScenarioEngine) throws -> (any ScenarioFastPath)? { try FastPath(engine) }
}

import Foundation

/// The `gewerbesteuer.` parameter keys (`Parameters/nrw/gewerbesteuer.yaml`, the city's Hebesatz and assumptions).
public enum GewerbesteuerKey: String, ParameterKey {
    public static let namespace = "gewerbesteuer"
    case messzahl, freibetrag, freibetragNr2 = "freibetrag_nr2", abrundung, mindesthebesatz
    case umlageVervielfaeltiger = "umlage_vervielfaeltiger", hebesatz, basiswachstum, elastizitaet

    public var unit: ParameterUnit {
        switch self {
        case .messzahl, .mindesthebesatz, .umlageVervielfaeltiger, .hebesatz: .percent
        case .freibetrag, .freibetragNr2, .abrundung: .eur
        case .basiswachstum: .share
        case .elastizitaet: .factor
        }
    }
}

/// Gewerbesteuer parameters resolved for one year.
///
/// Legal basis: § 11 GewStG (Messzahl, Freibetrag, rounding), § 16 GewStG (Hebesatz, minimum),
/// § 6 GemFinRefG (Gewerbesteuerumlage), § 35 EStG (income-tax credit), GFG NRW (fictive rates).
public struct GewerbesteuerParameters: Sendable, Hashable {
    public var messzahl: Decimal          // percent
    public var freibetrag: Money
    /// Freibetrag of § 11 Abs. 1 Satz 3 Nr. 2 GewStG (associations, public-law bodies).
    public var freibetragNr2: Money
    public var abrundung: Money
    public var mindesthebesatz: Decimal   // percent
    public var umlageVervielfaeltiger: Decimal // percent points
    public var anrechnungsfaktor: Decimal
    public var hebesatz: Decimal          // percent
    public var basiswachstum: Decimal     // share per year
    public var elastizitaet: Decimal      // relative base change per relative rate change
    public var fiktiverHebesatz: Decimal  // percent
    public var ausgleichsquote: Decimal   // share
    /// Share of the GFG's reference period (1 July two years before to 30 June one year before the GFG year)
    /// that lies in the year before the GFG year; the rest lies two years before.
    public var anteilVorjahr: Decimal

    public init(_ p: ParameterSet, year: Int, kreisfrei: Bool) throws {
        typealias K = GewerbesteuerKey
        messzahl = try p.value(K.messzahl, year)
        freibetrag = Money.rounding(try p.value(K.freibetrag, year))
        freibetragNr2 = Money.rounding(try p.value(K.freibetragNr2, year))
        abrundung = Money.rounding(try p.value(K.abrundung, year))
        mindesthebesatz = try p.value(K.mindesthebesatz, year)
        umlageVervielfaeltiger = try p.value(K.umlageVervielfaeltiger, year)
        anrechnungsfaktor = try p.value(FederalTaxKey.anrechnungsfaktor35, year)
        hebesatz = try p.value(K.hebesatz, year)
        basiswachstum = try p.value(K.basiswachstum, year)
        elastizitaet = try p.value(K.elastizitaet, year)
        fiktiverHebesatz = try p.value(GFGKey.fiktiverHebesatzGewerbesteuer(kreisfrei: kreisfrei), year)
        ausgleichsquote = try p.value(GFGKey.ausgleichsquote, year)
        anteilVorjahr = try p.value(GFGKey.anteilVorjahr, year)
    }

    /// Plain values for tests and typical cases.
    public init(messzahl: Decimal = 3.5, freibetrag: Money = Money(euros: 24_500), freibetragNr2: Money = Money(euros: 5_000), abrundung: Money = Money(euros: 100),
                mindesthebesatz: Decimal = 200, umlageVervielfaeltiger: Decimal = 35, anrechnungsfaktor: Decimal = 4,
                hebesatz: Decimal, basiswachstum: Decimal = 0, elastizitaet: Decimal = 0, fiktiverHebesatz: Decimal = 0,
                ausgleichsquote: Decimal = 0, anteilVorjahr: Decimal = Decimal(string: "0.5")!) {
        self.messzahl = messzahl; self.freibetrag = freibetrag; self.freibetragNr2 = freibetragNr2; self.abrundung = abrundung
        self.mindesthebesatz = mindesthebesatz; self.umlageVervielfaeltiger = umlageVervielfaeltiger
        self.anrechnungsfaktor = anrechnungsfaktor; self.hebesatz = hebesatz; self.basiswachstum = basiswachstum
        self.elastizitaet = elastizitaet; self.fiktiverHebesatz = fiktiverHebesatz; self.ausgleichsquote = ausgleichsquote
        self.anteilVorjahr = anteilVorjahr
    }
}

/// The Gewerbesteuer of one business, as the statutes compute it.
public struct GewerbesteuerAssessment: Sendable, Hashable {
    public var roundedErtrag: Money
    public var freibetragUsed: Money
    public var messbetrag: Money
    public var tax: Money
    /// Income-tax credit (§ 35 EStG) of the owner(s); zero for corporations.
    public var credit: Money
    public var netBurden: Money { tax - credit }
}

/// Gewerbesteuer: revenue = Messbetrag × Hebesatz, base growth and base response to the rate,
/// net effect after the Gewerbesteuerumlage and the NRW fiscal equalisation (GFG).
///
/// The GFG measures a city's tax power (Steuerkraft) with a *fictive* Hebesatz, not the city's
/// own: Steuerkraft = Grundbetrag (= Messbetrag) × fictive rate − Umlage. A cut of the city's
/// rate therefore does not lower its Steuerkraft, and the Schlüsselzuweisungen (90 % of the gap
/// between need and Steuerkraft) do not make up any of the lost revenue — whether the rate stays
/// above the fictive rate or falls below it. Only a change of the *base* (the elasticity) moves
/// the Steuerkraft, and with a delay: the GFG's reference period runs from 1 July two years before to 30 June
/// one year before the GFG year, so a base change from 1 January of year t reaches the Schlüsselzuweisungen
/// half in t+1 and fully from t+2 (`gfg.anteil_vorjahr` = 0.5). A city that receives no Schlüsselzuweisungen
/// (`schluesselzuweisungen: false` in the city data) has no GFG effect.
public enum GewerbesteuerModel {
    /// Assessment of one business (§ 11 GewStG, § 16 GewStG, § 35 EStG).
    ///
    ///     Gewerbeertrag 100,000 €, GmbH, Hebesatz 400 % → Messbetrag 3,500 €, tax 14,000 €.
    public static func assess(gewerbeertrag: Money, legalForm: LegalForm, incomeTaxAttributable: Money? = nil,
                              parameters p: GewerbesteuerParameters) -> GewerbesteuerAssessment {
        let step = max(p.abrundung.cents, 1)
        let ertrag = max(gewerbeertrag.cents, 0)
        let rounded = Money(cents: ertrag / step * step)  // § 11 Abs. 1 Satz 3: abgerundet auf volle 100 Euro
        let freibetrag = min(legalForm.freibetrag(p), rounded)
        let base = rounded - freibetrag
        let messbetrag = base.multiplied(by: p.messzahl.hundredth, rounding: .down)
        let tax = messbetrag.multiplied(by: p.hebesatz.hundredth)
        var credit = Money.zero
        if legalForm.hasIncomeTaxCredit {
            credit = min(messbetrag.multiplied(by: p.anrechnungsfaktor), tax)  // § 35 Abs. 1 Satz 1 Nr. 2, Satz 5 EStG
            if let cap = incomeTaxAttributable { credit = min(credit, cap) }  // Ermäßigungshöchstbetrag
        }
        return GewerbesteuerAssessment(roundedErtrag: rounded, freibetragUsed: freibetrag, messbetrag: messbetrag, tax: tax, credit: credit)
    }

    /// Umlage = Ist-Aufkommen ÷ Hebesatz × Vervielfältiger (§ 6 Abs. 2 GemFinRefG), rounded once to the cent, half
    /// away from zero (`Money.rounding`).
    ///
    /// Multiplies first: revenue × Vervielfältiger is exact on decimals (cents × a rate with a few digits), so the one
    /// division gives the exact quotient wherever it ends within 38 digits, and an exact half cent rounds up as the
    /// statute's arithmetic and the workbook's `ROUND` do. Dividing first rounded the quotient to 38 digits before the
    /// multiplication and could tip a half cent down (Musterstadt `gewst-490-ab-2027` 2035: 185,939,454.47 € ÷ 490 × 35 =
    /// 13,281,389.605 € gave 13,281,389.60 €, now 13,281,389.61 €).
    ///
    ///     revenue 14,000 €, Hebesatz 400 %, V 35 → 1,225 €
    public static func umlage(revenue: Money, hebesatz: Decimal, vervielfaeltiger: Decimal) -> Money {
        guard hebesatz > 0 else { return .zero }
        return Money.rounding(revenue.decimalEuros * vervielfaeltiger / hebesatz)
    }

    /// Cumulative base growth factor from the data year to `year`: Π (1 + g_t), t = dataYear+1 … year.
    static func growthFactor(_ set: ParameterSet, key: some ParameterKey, from dataYear: Int, to year: Int) throws -> Decimal {
        var f: Decimal = 1
        if year > dataYear { for t in (dataYear + 1)...year { f *= 1 + (try set.value(key, t)) } }
        return f
    }

    struct ClassYear {
        var baseline: Money, scenario: Money   // Messbetrag
    }

    struct YearDetail {
        var pb: GewerbesteuerParameters, ps: GewerbesteuerParameters
        var growthB: Decimal, growthS: Decimal, response: Decimal
        var classes: [ClassYear]
        var messB: Money, messS: Money, revB: Money, revS: Money, umlB: Money, umlS: Money
        var steuerkraftChange: Money
        /// Steuerkraft levels: Messbetrag × (fictive rate − V) / 100.
        var steuerkraftB: Money, steuerkraftS: Money
    }

    static func detail(city: CityData, baseline: ParameterSet, scenario: ParameterSet, year: Int) throws -> YearDetail {
        let base = city.gewerbesteuer
        guard year >= base.year else {
            throw PruefstandError.config(path: city.file, line: nil, key: "gewerbesteuer.year",
                                         message: "the Messbetrag data are for \(base.year); years before it are not modelled (\(year))")
        }
        let pb = try GewerbesteuerParameters(baseline, year: year, kreisfrei: city.kreisfrei)
        let ps = try GewerbesteuerParameters(scenario, year: year, kreisfrei: city.kreisfrei)
        let gb = try growthFactor(baseline, key: GewerbesteuerKey.basiswachstum, from: base.year, to: year)
        let gs = try growthFactor(scenario, key: GewerbesteuerKey.basiswachstum, from: base.year, to: year)
        // Base response: ΔM/M = ε × Δh/h (relative to the baseline rate of the same year).
        let response = 1 + ps.elastizitaet * (ps.hebesatz - pb.hebesatz) / pb.hebesatz
        var classes: [ClassYear] = []
        var revB = Money.zero, revS = Money.zero
        for c in base.classes {
            let mb = c.messbetrag.multiplied(by: gb)
            let ms = c.messbetrag.multiplied(by: gs * response)
            classes.append(ClassYear(baseline: mb, scenario: ms))
            revB += mb.multiplied(by: pb.hebesatz.hundredth)
            revS += ms.multiplied(by: ps.hebesatz.hundredth)
        }
        let messB = classes.map(\.baseline).sum(), messS = classes.map(\.scenario).sum()
        let umlB = umlage(revenue: revB, hebesatz: pb.hebesatz, vervielfaeltiger: pb.umlageVervielfaeltiger)
        let umlS = umlage(revenue: revS, hebesatz: ps.hebesatz, vervielfaeltiger: ps.umlageVervielfaeltiger)
        // Steuerkraft = Messbetrag × fictive rate − Umlage (= Messbetrag × V); the city's own rate
        // does not enter, so only the change of the Messbetrag moves it.
        let skChange = (messS - messB).multiplied(by: (ps.fiktiverHebesatz - ps.umlageVervielfaeltiger).hundredth)
        return YearDetail(pb: pb, ps: ps, growthB: gb, growthS: gs, response: response, classes: classes,
                          messB: messB, messS: messS, revB: revB, revS: revS, umlB: umlB, umlS: umlS,
                          steuerkraftChange: skChange,
                          steuerkraftB: messB.multiplied(by: (pb.fiktiverHebesatz - pb.umlageVervielfaeltiger).hundredth),
                          steuerkraftS: messS.multiplied(by: (ps.fiktiverHebesatz - ps.umlageVervielfaeltiger).hundredth))
    }

    /// Change of the Schlüsselzuweisungen in GFG year `year`: −q × (a × ΔSteuerkraft of the year before + (1 − a) ×
    /// ΔSteuerkraft of two years before), a = `gfg.anteil_vorjahr`; zero for a city without Schlüsselzuweisungen
    /// and for years before the city's data year.
    ///
    /// Legal basis: GFG NRW (reference period 1 July two years before to 30 June one year before the GFG year).
    static func equalisationChange(city: CityData, year: Int, ps: GewerbesteuerParameters,
                                   steuerkraftChange sk: (Int) throws -> Money) throws -> Money {
        guard city.receivesSchluesselzuweisungen else { return .zero }
        func at(_ y: Int) throws -> Money { y >= city.gewerbesteuer.year ? try sk(y) : .zero }
        let weighted = try at(year - 1).multiplied(by: ps.anteilVorjahr) + at(year - 2).multiplied(by: 1 - ps.anteilVorjahr)
        return -weighted.multiplied(by: ps.ausgleichsquote)
    }

    /// Per-year effects on the city, relief by taxpayer class and typical cases.
    public static func run(city: CityData, baseline: ParameterSet, scenario: ParameterSet, years: ClosedRange<Int>)
        throws -> (effects: [ModelYearEffect], relief: [ReliefLine], typical: [TypicalCaseResult]) {
        var effects: [ModelYearEffect] = [], relief: [ReliefLine] = [], typical: [TypicalCaseResult] = []
        var cache: [Int: YearDetail] = [:]
        func d(_ y: Int) throws -> YearDetail {
            if let c = cache[y] { return c }
            let v = try detail(city: city, baseline: baseline, scenario: scenario, year: y); cache[y] = v; return v
        }
        for year in years {
            let cur = try d(year)
            let szChange = try equalisationChange(city: city, year: year, ps: cur.ps) { try d($0).steuerkraftChange }
            var e = ModelYearEffect(model: .gewerbesteuer, year: year, baselineRevenue: cur.revB, scenarioRevenue: cur.revS,
                                    umlageChange: cur.umlS - cur.umlB, equalisationChange: szChange)
            (e.umlageBaseline, e.umlageScenario) = (cur.umlB, cur.umlS)
            (e.steuerkraftBaseline, e.steuerkraftScenario) = (cur.steuerkraftB, cur.steuerkraftS)
            effects.append(e)
            let rateCut = (cur.pb.hebesatz - cur.ps.hebesatz).hundredth
            for (c, cy) in zip(city.gewerbesteuer.classes, cur.classes) {
                relief.append(ReliefLine(model: .gewerbesteuer, year: year, group: "\(c.legalForm.label(.de)), Messbetrag \(c.sizeClass)",
                                         payers: c.businesses, relief: cy.baseline.multiplied(by: rateCut)))
            }
            for t in city.gewerbesteuer.typicalCases {
                typical.append(typicalCase(t, year: year, pb: cur.pb, ps: cur.ps))
            }
        }
        return (effects, relief, typical)
    }

    static func typicalCase(_ t: TypicalBusiness, year: Int, pb: GewerbesteuerParameters, ps: GewerbesteuerParameters) -> TypicalCaseResult {
        let a = assess(gewerbeertrag: t.gewerbeertrag, legalForm: t.legalForm, incomeTaxAttributable: t.incomeTaxAttributable, parameters: pb)
        let b = assess(gewerbeertrag: t.gewerbeertrag, legalForm: t.legalForm, incomeTaxAttributable: t.incomeTaxAttributable, parameters: ps)
        let (de, en): (String, String)
        if t.legalForm.hasIncomeTaxCredit {
            de = "§ 35 EStG: Anrechnung \(a.credit.germanString) → \(b.credit.germanString); die Nettoentlastung ist kleiner als die Senkung, sobald die Anrechnung durch die gezahlte Steuer begrenzt ist (Hebesatz unter \(pb.anrechnungsfaktor * 100) %)"
            en = "§ 35 EStG: credit \(a.credit.plainString) → \(b.credit.plainString) EUR; the net relief is smaller than the cut once the credit is capped by the tax paid (rate below \(pb.anrechnungsfaktor * 100) %)"
        } else {
            de = "keine Anrechnung; Gewerbesteuer ist keine Betriebsausgabe (§ 4 Abs. 5b EStG): Nettoentlastung = Senkung"
            en = "no credit; the trade tax is not deductible (§ 4 Abs. 5b EStG): net relief = cut"
        }
        return TypicalCaseResult(model: .gewerbesteuer, year: year, name: t.name, baselineBurden: a.tax, scenarioBurden: b.tax,
                                 baselineNetBurden: a.netBurden, scenarioNetBurden: b.netBurden, noteDE: de, noteEN: en)
    }
}

extension GewerbesteuerModel: ScenarioModel {
    public static let kind = ScenarioModelKind.gewerbesteuer
    public static let nameDE = "Gewerbesteuer", nameEN = "Gewerbesteuer"
    /// Its own keys, the § 35 EStG factor (typical businesses) and the GFG's keys for the Gewerbesteuer.
    public static let parameterKeys: [any ParameterKey] =
        GewerbesteuerKey.allCases + [FederalTaxKey.anrechnungsfaktor35] + GFGKey.gewerbesteuer
    public static var monteCarloKeys: [String] { FastPath.keys }

    public static func evaluate(_ input: ScenarioModelInput) throws -> ScenarioModelRun {
        try run(city: input.city, baseline: input.baseline, scenario: input.parameters, years: input.years)
    }

    public static func explain(_ input: ScenarioModelInput, year: Int, lang: Language) throws -> ComputationStep? {
        try explain(city: input.city, baseline: input.baseline, scenario: input.parameters, year: year, lang: lang)
    }

    /// The Hebesatz may not fall below the legal minimum in any scenario year.
    ///
    /// Legal basis: § 16 Abs. 4 Satz 2 GewStG.
    public static func check(_ input: ScenarioModelInput, file: String) -> [ScenarioDiagnostic] {
        let p = input.parameters
        var out: [ScenarioDiagnostic] = []
        for y in input.years {
            if let h = try? p.value(GewerbesteuerKey.hebesatz, y), let min = try? p.value(GewerbesteuerKey.mindesthebesatz, y), h < min {
                let v = try? p.dated(GewerbesteuerKey.hebesatz, y)
                out.append(.init(.error, file: v?.file ?? file, line: v?.line, key: GewerbesteuerKey.hebesatz.key,
                                 "Hebesatz \(h) % in \(y) is below the legal minimum \(min) % (§ 16 Abs. 4 Satz 2 GewStG)"))
            }
        }
        return out
    }

    /// Every class's Messbetrag × factor (the distribution over legal forms and size classes stays).
    public static func scaled(_ city: CityData, by factor: Decimal) -> CityData {
        var c = city
        c.gewerbesteuer.classes = c.gewerbesteuer.classes.map { var x = $0; x.messbetrag = x.messbetrag.multiplied(by: factor); return x }
        return c
    }

    public static func fastPath(_ engine: ScenarioEngine) throws -> (any ScenarioFastPath)? { try FastPath(engine) }
}

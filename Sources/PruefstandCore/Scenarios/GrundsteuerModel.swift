import Foundation

/// The `grundsteuer_b.` parameter keys (the city's rates and base growth).
public enum GrundsteuerBKey: String, ParameterKey {
    public static let namespace = "grundsteuer_b"
    case hebesatz, hebesatzNichtwohnen = "hebesatz_nichtwohnen", basiswachstum

    public var unit: ParameterUnit { self == .basiswachstum ? .share : .percent }
    /// A baseline without `hebesatz_nichtwohnen` has one rate for all property (`nonResidentialRate`).
    public var isRequired: Bool { self != .hebesatzNichtwohnen }
}

/// Grundsteuer B: revenue = Messbetrag × Hebesatz / 100, with base growth; with NRW's optional differentiated
/// Hebesätze, residential and non-residential property on separate bases, each × its own rate.
///
/// No Umlage applies. The GFG values the Grundsteuer B at its fictive rate, so a rate change
/// does not change the Schlüsselzuweisungen (the Messbetrag does not react to the rate here).
/// Tenants bear the Grundsteuer through the service charges (§ 2 Nr. 1 BetrKV). A business deducts it as a
/// Betriebsausgabe: its net burden is the tax less the income or corporate tax and the Gewerbesteuer it saves.
///
/// Legal basis: § 25 GrStG (Hebesatz); NRW Grundsteuer-Hebesatzgesetz 2024 (a city may set different rates for
/// Wohngrundstücke and Nichtwohngrundstücke: `grundsteuer_b.hebesatz` for residential property, or all property
/// when the city does not differentiate, and `grundsteuer_b.hebesatz_nichtwohnen`; a baseline without the second
/// key has one rate).
public enum GrundsteuerModel {
    public static func run(city: CityData, baseline: ParameterSet, scenario: ParameterSet, years: ClosedRange<Int>)
        throws -> (effects: [ModelYearEffect], relief: [ReliefLine], typical: [TypicalCaseResult]) {
        var effects: [ModelYearEffect] = [], relief: [ReliefLine] = [], typical: [TypicalCaseResult] = []
        let base = city.grundsteuerB
        for year in years {
            let d = try detail(city: city, baseline: baseline, scenario: scenario, year: year)
            var e = ModelYearEffect(model: .grundsteuer, year: year, baselineRevenue: d.revB, scenarioRevenue: d.revS)
            // The GFG values the Grundsteuer B at its fictive rate: Steuerkraft = Messbetrag × fictive rate / 100.
            let f = (try scenario.value(GFGKey.fiktiverHebesatzGrundsteuerB(kreisfrei: city.kreisfrei), year)).hundredth
            let fB = (try baseline.value(GFGKey.fiktiverHebesatzGrundsteuerB(kreisfrei: city.kreisfrei), year)).hundredth
            (e.steuerkraftBaseline, e.steuerkraftScenario) = ((d.mWB + d.mNB).multiplied(by: fB), (d.mWS + d.mNS).multiplied(by: f))
            effects.append(e)
            if base.messbetragNichtwohnen == nil {
                relief.append(ReliefLine(model: .grundsteuer, year: year, group: "Grundsteuer B, alle Steuerpflichtigen",
                                         payers: nil, relief: d.revB - d.revS))
            } else {
                relief.append(ReliefLine(model: .grundsteuer, year: year, group: "Grundsteuer B, Wohngrundstücke", payers: nil, relief: d.revWB - d.revWS))
                relief.append(ReliefLine(model: .grundsteuer, year: year, group: "Grundsteuer B, Nichtwohngrundstücke", payers: nil,
                                         relief: (d.revB - d.revWB) - (d.revS - d.revWS)))
            }
            for t in base.typicalCases {
                let b = tax(t, d.hB, d.hnB), s = tax(t, d.hS, d.hnS)
                let nb = try netBurden(t, tax: b, parameters: baseline, year: year), ns = try netBurden(t, tax: s, parameters: scenario, year: year)
                typical.append(TypicalCaseResult(model: .grundsteuer, year: year, name: t.name, baselineBurden: b, scenarioBurden: s,
                                                 baselineNetBurden: nb, scenarioNetBurden: ns, noteDE: note(t, .de), noteEN: note(t, .en)))
            }
        }
        return (effects, relief, typical)
    }

    /// The case's Grundsteuer: its Messbetrag × the rate of its property class.
    static func tax(_ t: GrundsteuerBase.TypicalCase, _ h: Decimal, _ hn: Decimal) -> Money {
        t.messbetrag.multiplied(by: (t.isResidential ? h : hn).hundredth)
    }

    /// A business's burden after deductibility (the Grundsteuer is a Betriebsausgabe): the tax less the
    /// corporate tax with Soli (corporations) or the marginal income tax (sole proprietors, partners) on it, less
    /// the Gewerbesteuer on it (Messzahl × the city's Gewerbesteuer-Hebesatz), plus for sole proprietors and
    /// partners the § 35 EStG credit lost with that Gewerbesteuer (Messzahl × min(factor, Hebesatz / 100)).
    /// Households (no legal form) bear the tax in full. Assumes the business has a profit above the
    /// Freibetrag and a credit not capped by the income tax.
    ///
    /// Legal basis: § 4 Abs. 4 EStG (Betriebsausgabe), § 23 Abs. 1 KStG, § 4 SolZG, § 11 GewStG, § 35 EStG.
    static func netBurden(_ t: GrundsteuerBase.TypicalCase, tax: Money, parameters p: ParameterSet, year: Int) throws -> Money {
        guard let form = t.legalForm else { return tax }
        typealias K = FederalTaxKey
        let messzahl = try p.value(GewerbesteuerKey.messzahl, year) / 100, hGew = try p.value(GewerbesteuerKey.hebesatz, year) / 100
        let gewst = tax.multiplied(by: messzahl * hGew)
        if form.hasIncomeTaxCredit {
            let est = tax.multiplied(by: t.incomeTaxRate ?? 0)
            let credit = tax.multiplied(by: messzahl * min(try p.value(K.anrechnungsfaktor35, year), hGew))
            return tax - est - gewst + credit
        }
        let kst = tax.multiplied(by: try p.value(K.koerperschaftsteuersatz, year) / 100 * (1 + (try p.value(K.solidaritaetszuschlagsatz, year)) / 100))
        return tax - kst - gewst
    }

    static func note(_ t: GrundsteuerBase.TypicalCase, _ lang: Language) -> String {
        switch (t.kind, t.legalForm, lang) {
        case ("tenant", _, .de): return "über die Betriebskosten (§ 2 Nr. 1 BetrKV)"
        case ("tenant", _, .en): return "through the service charges (§ 2 Nr. 1 BetrKV)"
        case ("owner", _, .de): return "Eigentümerhaushalt"
        case ("owner", _, .en): return "owner household"
        case (_, nil, .de): return "Betrieb; als Betriebsausgabe abziehbar"
        case (_, nil, .en): return "business; deductible expense"
        case (_, let f?, .de):
            return f.hasIncomeTaxCredit
                ? "Betrieb; netto nach Abzug als Betriebsausgabe: − Einkommensteuer (Grenzsteuersatz \(t.incomeTaxRate ?? 0), \(t.incomeTaxRateSource ?? "")) − Gewerbesteuer + entgangene Anrechnung § 35 EStG"
                : "Betrieb (\(f.label(.de))); netto nach Abzug als Betriebsausgabe: − Körperschaftsteuer mit Soli − Gewerbesteuer"
        case (_, let f?, .en):
            return f.hasIncomeTaxCredit
                ? "business; net after deduction as an expense: − income tax (marginal rate \(t.incomeTaxRate ?? 0), \(t.incomeTaxRateSource ?? "")) − trade tax + lost § 35 EStG credit"
                : "business (\(f.label(.en))); net after deduction as an expense: − corporate tax with Soli − trade tax"
        }
    }

    /// Residential (or all) base `mW`, non-residential base `mN` (zero with one base), their rates and revenues.
    struct Detail {
        var mWB: Money, mWS: Money, mNB: Money, mNS: Money, hB: Decimal, hS: Decimal, hnB: Decimal, hnS: Decimal
        var revWB: Money, revWS: Money, revB: Money, revS: Money, gB: Decimal, gS: Decimal
    }

    /// The non-residential rate: `grundsteuer_b.hebesatz_nichtwohnen` where the baseline defines it, else the one rate.
    static func nonResidentialRate(_ p: ParameterSet, _ year: Int, uniform: Decimal) throws -> Decimal {
        p[GrundsteuerBKey.hebesatzNichtwohnen] == nil ? uniform : try p.value(GrundsteuerBKey.hebesatzNichtwohnen, year)
    }

    static func detail(city: CityData, baseline: ParameterSet, scenario: ParameterSet, year: Int) throws -> Detail {
        let base = city.grundsteuerB
        guard year >= base.year else {
            throw PruefstandError.config(path: city.file, line: nil, key: "grundsteuer_b.year",
                                         message: "the Messbetrag data are for \(base.year) (after the 2025 reform); \(year) is not modelled")
        }
        let gB = try GewerbesteuerModel.growthFactor(baseline, key: GrundsteuerBKey.basiswachstum, from: base.year, to: year)
        let gS = try GewerbesteuerModel.growthFactor(scenario, key: GrundsteuerBKey.basiswachstum, from: base.year, to: year)
        let hB = try baseline.value(GrundsteuerBKey.hebesatz, year), hS = try scenario.value(GrundsteuerBKey.hebesatz, year)
        let hnB = try nonResidentialRate(baseline, year, uniform: hB), hnS = try nonResidentialRate(scenario, year, uniform: hS)
        if base.messbetragNichtwohnen == nil && (hnB != hB || hnS != hS) {
            throw PruefstandError.config(path: city.file, line: nil, key: "grundsteuer_b",
                message: "differentiated Hebesätze in \(year) (residential \(hS) %, non-residential \(hnS) %) need separate bases: give messbetrag_wohnen and messbetrag_nichtwohnen instead of messbetrag")
        }
        let mWB = base.messbetrag.multiplied(by: gB), mWS = base.messbetrag.multiplied(by: gS)
        let n = base.messbetragNichtwohnen ?? .zero
        let mNB = n.multiplied(by: gB), mNS = n.multiplied(by: gS)
        let revWB = mWB.multiplied(by: hB.hundredth), revWS = mWS.multiplied(by: hS.hundredth)
        return Detail(mWB: mWB, mWS: mWS, mNB: mNB, mNS: mNS, hB: hB, hS: hS, hnB: hnB, hnS: hnS, revWB: revWB, revWS: revWS,
                      revB: revWB + mNB.multiplied(by: hnB.hundredth), revS: revWS + mNS.multiplied(by: hnS.hundredth), gB: gB, gS: gS)
    }
}

extension GrundsteuerModel: ScenarioModel {
    public static let kind = ScenarioModelKind.grundsteuer
    public static let nameDE = "Grundsteuer B", nameEN = "Grundsteuer B"
    /// Its own keys, the GFG's fictive rates, and for the typical businesses' net burden the federal taxes and the
    /// Gewerbesteuer's Messzahl and Hebesatz.
    public static let parameterKeys: [any ParameterKey] = GrundsteuerBKey.allCases + GFGKey.grundsteuerB + FederalTaxKey.allCases
        + [GewerbesteuerKey.messzahl, GewerbesteuerKey.hebesatz]
    public static var monteCarloKeys: [String] { FastPath.keys }
    public static var countsInSteuerkraft: Bool { true }
    public static func cityInput(_ city: CityData) -> ScenarioCityInput? {
        let g = city.grundsteuerB
        return ScenarioCityInput(field: "grundsteuer_b", content: g,
            summary: "Messbetrag \(g.messbetrag.plainString) EUR\(g.messbetragNichtwohnen.map { " + non-residential \($0.plainString) EUR" } ?? "") (\(g.year))")
    }

    public static func evaluate(_ input: ScenarioModelInput) throws -> ScenarioModelRun {
        try run(city: input.city, baseline: input.baseline, scenario: input.parameters, years: input.years)
    }

    public static func explain(_ input: ScenarioModelInput, year: Int, lang: Language) throws -> ComputationStep? {
        try explain(city: input.city, baseline: input.baseline, scenario: input.parameters, year: year, lang: lang)
    }

    /// The Messbetrag (both bases when they are separate) × factor.
    public static func scaled(_ city: CityData, by factor: Decimal) -> CityData {
        var c = city
        c.grundsteuerB.messbetrag = c.grundsteuerB.messbetrag.multiplied(by: factor)
        c.grundsteuerB.messbetragNichtwohnen = c.grundsteuerB.messbetragNichtwohnen?.multiplied(by: factor)
        return c
    }

    public static func fastPath(_ engine: ScenarioEngine) throws -> (any ScenarioFastPath)? { try FastPath(engine) }
}

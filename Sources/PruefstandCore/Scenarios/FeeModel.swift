import Foundation

/// Generic fees: revenue = Σ rate × quantity per item of a fee schedule (any Gebühr or Entgelt).
///
/// Rates are parameters (so a scenario overrides them with a source); quantities are data and do
/// not react to the rate. Cost-covering Gebühren (§ 6 KAG NRW): a cut below cost is paid from the
/// general budget, so the net effect equals the gross effect.
public enum FeeModel {
    public static func run(city: CityData, baseline: ParameterSet, scenario: ParameterSet, years: ClosedRange<Int>)
        throws -> (effects: [ModelYearEffect], relief: [ReliefLine], typical: [TypicalCaseResult]) {
        var effects: [ModelYearEffect] = [], relief: [ReliefLine] = []
        guard !city.fees.isEmpty else { return ([], [], []) }
        for year in years {
            var revB = Money.zero, revS = Money.zero
            for schedule in city.fees {
                for item in schedule.items {
                    let b = Money.rounding(try baseline.value(item.rateParameter, year) * item.quantity)
                    let s = Money.rounding(try scenario.value(item.rateParameter, year) * item.quantity)
                    revB += b; revS += s
                    relief.append(ReliefLine(model: .fees, year: year, group: "\(schedule.name): \(item.name)",
                                             payers: nil, relief: b - s))
                }
            }
            effects.append(ModelYearEffect(model: .fees, year: year, baselineRevenue: revB, scenarioRevenue: revS))
        }
        return (effects, relief, [])
    }

    public static func explain(city: CityData, baseline: ParameterSet, scenario: ParameterSet, year: Int, lang: Language) throws -> ComputationStep {
        var children: [ComputationStep] = []
        var total = Money.zero
        for schedule in city.fees {
            for item in schedule.items {
                let rb = try baseline.value(item.rateParameter, year), rs = try scenario.value(item.rateParameter, year)
                let b = Money.rounding(rb * item.quantity), s = Money.rounding(rs * item.quantity)
                total += s - b
                children.append(ComputationStep(de: "\(schedule.name): \(item.name)", en: "\(schedule.name): \(item.name)",
                                                formula: "Menge × Satz: \(item.quantity) × \(rs) − \(item.quantity) × \(rb)",
                                                result: (s - b).scenarioText(lang),
                                                inputs: [try .parameter(baseline, item.rateParameter, year), try .parameter(scenario, item.rateParameter, year),
                                                         .data("Menge", "Quantity", "\(item.quantity)", unit: item.unit, source: schedule.source)]))
            }
        }
        return ComputationStep(de: "Gebühren \(year): Nettoeffekt", en: "Fees \(year): net effect", formula: "Σ Posten (Satz_S − Satz_B) × Menge",
                               result: total.scenarioText(lang), children: children)
    }
}

extension FeeModel: ScenarioModel {
    public static let kind = ScenarioModelKind.fees
    public static let nameDE = "Gebühren", nameEN = "Fees"
    /// None by name: each fee item names its rate key in the city data (`rateParameter`).
    public static let parameterKeys: [any ParameterKey] = []
    public static func cityInput(_ city: CityData) -> ScenarioCityInput? {
        ScenarioCityInput(field: "fees", content: city.fees, summary: "\(city.fees.count) fee schedule(s)")
    }

    public static func evaluate(_ input: ScenarioModelInput) throws -> ScenarioModelRun {
        try run(city: input.city, baseline: input.baseline, scenario: input.parameters, years: input.years)
    }

    public static func explain(_ input: ScenarioModelInput, year: Int, lang: Language) throws -> ComputationStep? {
        guard !input.city.fees.isEmpty else { return nil }
        return try explain(city: input.city, baseline: input.baseline, scenario: input.parameters, year: year, lang: lang)
    }

    /// Every quantity × factor.
    public static func scaled(_ city: CityData, by factor: Decimal) -> CityData {
        var c = city
        c.fees = c.fees.map { s in var s = s; s.items = s.items.map { var i = $0; i.quantity *= factor; return i }; return s }
        return c
    }
    // No Monte Carlo fast path: the fees draw nothing; the kernel adds their exact net effect.
}

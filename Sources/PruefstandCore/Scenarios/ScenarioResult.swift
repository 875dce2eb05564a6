import Foundation

/// The effect of one model on the city's budget in one year.
///
/// Signs follow `BudgetEffect`: `gross` < 0 is lost revenue (relief). `umlageChange` > 0 is more
/// Gewerbesteuerumlage paid (an expense); `equalisationChange` > 0 is more Schlüsselzuweisungen.
/// `net = gross − umlageChange + equalisationChange` is the effect on the annual result.
public struct ModelYearEffect: Sendable, Hashable {
    public var model: ScenarioModelKind
    public var year: Int
    public var baselineRevenue: Money
    public var scenarioRevenue: Money
    public var umlageChange: Money
    public var equalisationChange: Money
    /// State compensation (e.g. § 50 Abs. 2 KiBiz) change; included in `net`.
    public var compensationChange: Money
    /// Levels, not only changes (issue 15): the Gewerbesteuerumlage paid in the baseline and the scenario.
    public var umlageBaseline: Money = .zero
    public var umlageScenario: Money = .zero
    /// The tax's contribution to the GFG's Steuerkraft (at the fictive Hebesatz, less the Umlage for the
    /// Gewerbesteuer) in the baseline and the scenario, for the year itself (the Schlüsselzuweisungen see it later).
    public var steuerkraftBaseline: Money = .zero
    public var steuerkraftScenario: Money = .zero

    public var gross: Money { scenarioRevenue - baselineRevenue }
    public var net: Money { gross - umlageChange + equalisationChange + compensationChange }

    public init(model: ScenarioModelKind, year: Int, baselineRevenue: Money, scenarioRevenue: Money,
                umlageChange: Money = .zero, equalisationChange: Money = .zero, compensationChange: Money = .zero) {
        self.model = model; self.year = year; self.baselineRevenue = baselineRevenue; self.scenarioRevenue = scenarioRevenue
        self.umlageChange = umlageChange; self.equalisationChange = equalisationChange; self.compensationChange = compensationChange
    }
}

/// Relief to a group of payers in one year (a taxpayer class, a Kita income bracket, a fee item).
public struct ReliefLine: Sendable, Hashable {
    public var model: ScenarioModelKind
    public var year: Int
    public var group: String
    /// Number of payers in the group (businesses, children, units), if known.
    public var payers: Int?
    /// Relief to the group: what it pays less than in the baseline (positive = relief).
    public var relief: Money
    public var reliefPerPayer: Money? {
        guard let payers, payers > 0 else { return nil }
        return relief.divided(by: Int64(payers))
    }
}

/// A typical payer's burden with and without the scenario.
public struct TypicalCaseResult: Sendable, Hashable {
    public var model: ScenarioModelKind
    public var year: Int
    public var name: String
    public var baselineBurden: Money
    public var scenarioBurden: Money
    /// Net burden after offsetting credits (§ 35 EStG); equals the burden where there is none.
    public var baselineNetBurden: Money
    public var scenarioNetBurden: Money
    public var noteDE: String
    public var noteEN: String
    public var grossRelief: Money { baselineBurden - scenarioBurden }
    public var netRelief: Money { baselineNetBurden - scenarioNetBurden }
}

/// One assumption as listed for auditors.
public struct AssumptionRow: Sendable, Hashable {
    public var key: String
    public var nameDE: String
    public var nameEN: String
    public var value: Decimal
    public var unit: String
    public var validFrom: Int
    public var source: String
    /// `baseline` or `scenario` (overridden).
    public var origin: String
    /// Why the value is uncertain, if it is.
    public var uncertain: String? = nil
}

/// Everything a scenario run produces.
public struct ScenarioResult: Sendable {
    public var scenario: Scenario
    public var effects: [ModelYearEffect]
    public var relief: [ReliefLine]
    public var typicalCases: [TypicalCaseResult]
    public var assumptions: [AssumptionRow]

    /// Net effect on the annual result per year, all models.
    public var netByYear: [Int: Money] {
        var r: [Int: Money] = [:]
        for y in scenario.years { r[y] = .zero }
        for e in effects { r[e.year, default: .zero] += e.net }
        return r
    }

    /// The effects for the consolidation projection: one per model and year with a change.
    ///
    /// Revenue change = gross tax/fee change + Schlüsselzuweisungen change + compensation change;
    /// expense change = Gewerbesteuerumlage change.
    public var budgetEffects: [BudgetEffect] {
        effects.filter { $0.gross != .zero || $0.umlageChange != .zero || $0.equalisationChange != .zero || $0.compensationChange != .zero }
            .map { e in
                BudgetEffect(source: "scenario:\(scenario.name)", description: "\(e.model.label(.de)): \(scenario.description)",
                             fiscalYear: e.year, revenueChange: e.gross + e.equalisationChange + e.compensationChange,
                             expenseChange: e.umlageChange)
            }
    }
}

import Foundation

/// The consolidation projection over a store, as scenario solve, Monte Carlo, sensitivity and the main job
/// see it: the plan in the store grown by the projection file's rates, its measures and debt, plus the
/// savings decided in the position review; a scenario's effects are added on top.
///
/// This is the one budget baseline every answer to "which relief can the city afford?" uses
/// (`scenario solve`, `scenario montecarlo`, `projection --relief`, the workbook); a typed-in
/// `SimpleBudgetProjection` is used only when a city without a store gives one explicitly (`--budget`).
public struct StoreProjection: BudgetProjecting {
    public let model: ProjectionModel
    public let baseEffects: [BudgetEffect]
    /// Where the projection parameters came from (a file path, or "defaults").
    public let parameterSource: String

    public init(store: Store, projectionFile: String, years: Int? = nil) throws {
        var scenario = try ProjectionScenario.load(path: projectionFile)
        if let years { scenario.years = years }
        try self.init(store: store, scenario: scenario, parameterSource: projectionFile)
    }

    /// The projection of `scenario` over the store's plan (its base year or the latest plan year) with the
    /// review decisions in the store through the last projected year.
    public init(store: Store, scenario: ProjectionScenario, parameterSource: String) throws {
        model = try ProjectionModel(store: store, scenario: scenario)
        let last = try model.project().years.last?.year ?? 0
        baseEffects = try ReviewDecisions.budgetEffects(store: store, through: last)
        self.parameterSource = parameterSource
    }

    init(model: ProjectionModel, baseEffects: [BudgetEffect], parameterSource: String) {
        self.model = model; self.baseEffects = baseEffects; self.parameterSource = parameterSource
    }

    public func annualResults(with effects: [BudgetEffect]) throws -> [Int: Money] {
        try model.annualResults(with: baseEffects + effects)
    }

    /// The projection with the review decisions and `effects` (for tables and the workbook).
    public func project(effects: [BudgetEffect] = []) throws -> ProjectionResult {
        try model.project(effects: baseEffects + effects)
    }

    /// Names the baseline for the output: plan year, horizon, parameter file and the decided review savings.
    public func describe(_ lang: Language) -> String {
        let from = model.base.year, to = model.base.year + model.scenario.years
        return lang == .de
            ? "Konsolidierungsprojektion über den Store (Plan \(from), \(from)–\(to), Parameter \(parameterSource), \(baseEffects.count) Effekte beschlossener Stellenentscheidungen)"
            : "consolidation projection over the store (plan \(from), \(from)–\(to), parameters \(parameterSource), \(baseEffects.count) effects of decided position reviews)"
    }
}

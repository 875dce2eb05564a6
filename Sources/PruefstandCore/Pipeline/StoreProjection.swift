import Foundation

/// The consolidation projection over a store, as scenario solve, Monte Carlo and sensitivity see it:
/// the plan in the store grown by the projection file's rates, its measures and debt, plus the savings
/// decided in the position review; a scenario's effects are added on top.
public struct StoreProjection: BudgetProjecting {
    public let model: ProjectionModel
    public let baseEffects: [BudgetEffect]

    public init(store: Store, projectionFile: String, years: Int? = nil) throws {
        var scenario = try ProjectionScenario.load(path: projectionFile)
        if let years { scenario.years = years }
        model = try ProjectionModel(store: store, scenario: scenario)
        let last = try model.project().years.last?.year ?? 0
        baseEffects = try ReviewDecisions.budgetEffects(store: store, through: last)
    }

    public func annualResults(with effects: [BudgetEffect]) throws -> [Int: Money] {
        try model.annualResults(with: baseEffects + effects)
    }
}

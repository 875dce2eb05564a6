import Foundation

/// Every relief model, once, in the order of `ScenarioModelKind.allCases` (the order of the results, the workbook's
/// tables and `explain`). The engine, `scenario check`, the calibration, the Monte Carlo kernel and the docs tests
/// iterate it; adding a model is a type conforming to `ScenarioModel` and one line here (docs/contributing.md,
/// "A relief model").
public enum ScenarioModelRegistry {
    /// The registered models.
    public static var all: [any ScenarioModel.Type] {
        [GewerbesteuerModel.self, GrundsteuerModel.self, KitaModel.self, FeeModel.self]
    }

    /// The model of a kind (every kind has exactly one; `ScenarioModelRegistryTests` holds that).
    public static func model(_ kind: ScenarioModelKind) -> any ScenarioModel.Type {
        guard let m = all.first(where: { $0.kind == kind }) else { preconditionFailure("no model registered for \(kind.rawValue)") }
        return m
    }

    /// The keys a scenario may draw in Monte Carlo: the union of the models' `monteCarloKeys`.
    public static var monteCarloKeys: Set<String> { Set(all.flatMap { $0.monteCarloKeys }) }
}

extension ScenarioModelKind {
    /// The model's German or English name (from the registry).
    public func label(_ lang: Language) -> String { ScenarioModelRegistry.model(self).name(lang) }
}

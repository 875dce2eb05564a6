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

    /// The models' names on the command line as a list for a help text: `gewerbesteuer, grundsteuer, kita or fees`.
    public static var kindList: String {
        let kinds = all.map { $0.kind.rawValue }
        return kinds.count < 2 ? kinds.joined() : kinds.dropLast().joined(separator: ", ") + " or " + kinds.last!
    }

    /// Each model's part of two cities' data side by side (`scenario diff`), in the registry's order.
    public static func cityInputs(_ a: CityData, _ b: CityData) -> [(ScenarioCityInput, ScenarioCityInput)] {
        all.compactMap { m in
            guard let x = m.cityInput(a), let y = m.cityInput(b) else { return nil }
            return (x, y)
        }
    }

    /// The models whose tax counts in the Steuerkraft of the GFG (`countsInSteuerkraft`).
    public static var steuerkraftKinds: Set<ScenarioModelKind> { Set(all.filter { $0.countsInSteuerkraft }.map { $0.kind }) }
    /// The models whose tax pays the Gewerbesteuerumlage (`paysUmlage`).
    public static var umlageKinds: Set<ScenarioModelKind> { Set(all.filter { $0.paysUmlage }.map { $0.kind }) }

    /// The keys a scenario may draw in Monte Carlo: the union of the models' `monteCarloKeys`.
    public static var monteCarloKeys: Set<String> { Set(all.flatMap { $0.monteCarloKeys }) }

    /// Refuses a baseline that declares a key a model reads (`parameterKeys`) in another unit than the model
    /// expects (`ParameterKey.unit`): a Hebesatz written as a share, or a threshold in EUR/month, would compute
    /// nonsense. The error names the declaration's file and line.
    public static func checkUnits(_ set: ParameterSet) throws {
        for model in all {
            for key in model.parameterKeys {
                guard let entry = set[key.key], entry.unit != key.unit else { continue }
                throw PruefstandError.config(path: entry.file, line: entry.line, key: key.key, message: Phrase(
                    de: "Einheit \(entry.unit.rawValue), aber das Modell \(model.nameDE) liest \(key.key) in \(key.unit.rawValue); schreiben Sie unit: \(key.unit.rawValue) und den Wert in dieser Einheit",
                    en: "unit \(entry.unit.rawValue), but the \(model.nameEN) model reads \(key.key) in \(key.unit.rawValue); write unit: \(key.unit.rawValue) and the value in that unit"))
            }
        }
    }
}

extension ScenarioModelKind {
    /// The model's German or English name (from the registry).
    public func label(_ lang: Language) -> String { ScenarioModelRegistry.model(self).name(lang) }
}

import Foundation

/// The main job's answer to "which relief can the city afford?" for a scenario that asks it (`solve:` in the
/// scenario file): `ScenarioSolver` over the consolidation projection, exactly as `scenario solve` computes it
/// with the same store and projection parameters, so the workbook and the command line give one answer.
public struct AffordableRelief: Sendable {
    public var scenario: String
    public var solution: ScenarioSolver.Solution

    /// "490 % from 2027 (balanced from 2029)", or "none: not balanced from 2029 even without relief".
    public func text(_ lang: Language) -> String {
        let s = solution
        let base = NumberText.decimal(s.baselineValue, lang)
        guard let v = s.value.map({ NumberText.decimal($0, lang) }) else {
            return lang == .de ? "keine: kein Haushaltsausgleich ab \(s.targetYear), auch ohne Entlastung (\(s.lever) = \(base) \(s.unit))"
                               : "none: no balanced budget from \(s.targetYear), even without relief (\(s.lever) = \(base) \(s.unit))"
        }
        return lang == .de ? "\(s.lever) \(v) \(s.unit) ab \(s.fromYear) (Basis \(base) \(s.unit); ausgeglichen ab \(s.targetYear))"
                           : "\(s.lever) \(v) \(s.unit) from \(s.fromYear) (baseline \(base) \(s.unit); balanced from \(s.targetYear))"
    }

    /// One answer per engine whose scenario asks a `solve:` question.
    public static func answers(_ engines: [ScenarioEngine], projection: StoreProjection) throws -> [AffordableRelief] {
        try engines.compactMap { e in
            guard let q = e.scenario.solve else { return nil }
            return AffordableRelief(scenario: e.scenario.name,
                                    solution: try ScenarioSolver.solve(e, lever: q.lever, balancedFrom: q.balancedFrom, projection: try projection.forRelief(e)))
        }
    }
}

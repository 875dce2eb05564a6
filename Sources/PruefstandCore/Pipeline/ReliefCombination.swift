import Foundation

/// How relief scenarios meet each other and the consolidation measures (issue 15): nothing is counted twice.
///
/// - Several relief scenarios are one combined scenario: their overrides are merged, never their effects
///   summed. A file given twice is an error; two scenarios that set the same parameter for an overlapping
///   year are an error naming both files and lines; they must share the baseline and the city data.
/// - A relief scenario that changes a rate which a consolidation measure raises (`raises_rate:`) is an error
///   unless the scenario names the measure in `replaces_measures:`; a replaced measure leaves the projection
///   with that scenario (a relief and a rate increase on one rate are not a sum).
public enum ReliefCombination {
    /// One engine for several relief scenario files, each checked like `scenario check` (warnings to `warn`).
    public static func combine(files: [String], warn: (ScenarioDiagnostic) -> Void = { _ in }) throws -> ScenarioEngine {
        guard !files.isEmpty else { throw PruefstandError.other("no relief scenario given") }
        var seen: [String: String] = [:]
        for f in files {
            let key = URL(fileURLWithPath: f).standardizedFileURL.resolvingSymlinksInPath().path
            if let first = seen[key] {
                throw PruefstandError.config(path: f, line: nil, key: nil,
                    message: "the scenario is given twice (also as \(first)): its effect would count twice; give each scenario once")
            }
            seen[key] = f
        }
        let engines = try files.map { f -> ScenarioEngine in
            let (e, w) = try ScenarioEngine.loadChecked(file: f)
            w.forEach(warn)
            return e
        }
        guard engines.count > 1 else { return engines[0] }
        var s = engines[0].scenario
        let first = engines[0]
        for e in engines.dropFirst() {
            let o = e.scenario
            guard o.baselineDirectories.map(standard) == s.baselineDirectories.map(standard), standard(o.cityFile) == standard(s.cityFile) else {
                throw PruefstandError.config(path: o.file, line: nil, key: "baseline",
                    message: "scenarios combined in one projection need the same baseline and city data as \(first.scenario.file)")
            }
            for (key, values) in o.overrides {
                if let mine = s.overrides[key] {
                    let start = max(mine.map(\.validFrom).min()!, values.map(\.validFrom).min()!)
                    let owner = engines.first { $0.scenario.overrides[key] != nil }!.scenario.file
                    throw PruefstandError.config(path: o.file, line: values.first?.line ?? o.overrideLines[key], key: "overrides.\(key)",
                        message: "'\(key)' is also set by \(owner):\(mine.first?.line ?? s.overrideLines[key] ?? 0) for \(start) on: two scenarios may not set the same parameter for the same year; combine them in one scenario file")
                }
                s.overrides[key] = values
                s.overrideLines[key] = o.overrideLines[key]
            }
            if o.kitaLevers.newTable != nil && s.kitaLevers.newTable != nil {
                throw PruefstandError.config(path: o.file, line: nil, key: "kita.fee_table", message: "a new Kita fee table is also set by another scenario; combine them in one scenario file")
            }
            if let t = o.kitaLevers.newTable { s.kitaLevers.newTable = t; s.kitaLevers.newTableFrom = o.kitaLevers.newTableFrom; s.kitaLevers.newTableSource = o.kitaLevers.newTableSource }
            for c in o.kitaLevers.bracketCuts {
                if s.kitaLevers.bracketCuts.contains(where: { $0.bracket == c.bracket }) {
                    throw PruefstandError.config(path: o.file, line: nil, key: "kita.bracket_cuts",
                        message: "bracket \(c.bracket + 1) is also cut by another scenario; combine them in one scenario file")
                }
                s.kitaLevers.bracketCuts.append(c)
            }
            s.models += o.models.filter { !s.models.contains($0) }
            s.years = min(s.years.lowerBound, o.years.lowerBound)...max(s.years.upperBound, o.years.upperBound)
            s.replacesMeasures += o.replacesMeasures.filter { !s.replacesMeasures.contains($0) }
            if let l = o.lawChange { s.lawChange = s.lawChange.map { $0 + "; " + l } ?? l }
            s.name += " + " + o.name
            s.description += " + " + o.description
        }
        return try ScenarioEngine(scenario: s, city: first.city, baseline: first.baseline)
    }

    static func standard(_ path: String) -> String { URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path }

    /// The projection assumptions with `engine`'s relief: the measures it replaces are left out; a measure that
    /// raises a rate the scenario overrides and is not replaced is an error. `log` says what was left out.
    public static func measures(for engine: ScenarioEngine, in projection: ProjectionScenario, baseYear: Int, lang: Language = .de,
                                log: (String) -> Void = { _ in }) throws -> ProjectionScenario {
        let s = engine.scenario
        let ids = Set(projection.measures.map(\.id))
        for id in s.replacesMeasures where !ids.contains(id) {
            throw PruefstandError.config(path: s.file, line: nil, key: "replaces_measures",
                                         message: "measure \(id) is not in the projection's measures (\(ids.sorted().joined(separator: ", ")))")
        }
        for m in projection.measures where !m.isInPlan(baseYear: baseYear) && !s.replacesMeasures.contains(m.id) {
            guard let rate = m.raisesRate, let values = s.overrides[rate] else { continue }
            throw PruefstandError.config(path: s.file, line: values.first?.line ?? s.overrideLines[rate], key: "overrides.\(rate)",
                message: "consolidation measure \(m.id) („\(m.description)“) raises the same rate from \(m.startYear): a relief and an increase of one rate are not a sum; add replaces_measures: [\(m.id)] if the relief replaces it")
        }
        var out = projection
        let replaced = out.measures.filter { s.replacesMeasures.contains($0.id) }
        out.measures.removeAll { s.replacesMeasures.contains($0.id) }
        if !replaced.isEmpty {
            let ids = replaced.map(\.id).joined(separator: ", ")
            log(lang == .de ? "Szenario \(s.name) ersetzt Maßnahme(n) \(ids): in seiner Projektion nicht enthalten"
                            : "Scenario \(s.name) replaces measure(s) \(ids): left out of its projection")
        }
        return out
    }
}

extension StoreProjection {
    /// The same projection with `engine`'s relief: the measures it replaces are left out (see `ReliefCombination`).
    public func forRelief(_ engine: ScenarioEngine, lang: Language = .de, log: (String) -> Void = { _ in }) throws -> StoreProjection {
        var m = model
        m.scenario = try ReliefCombination.measures(for: engine, in: model.scenario, baseYear: model.base.year, lang: lang, log: log)
        return StoreProjection(model: m, baseEffects: baseEffects, parameterSource: parameterSource)
    }
}

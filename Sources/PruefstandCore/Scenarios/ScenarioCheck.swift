import Foundation

/// `scenario check`: every assumption has a source, values lie in their plausible ranges, every
/// year is covered, and the levers are legal (each registered model's `check`: Hebesatz ≥ the minimum of
/// § 16 Abs. 4 GewStG, Kita levers that fit the tables).
public enum ScenarioCheck {
    public static func check(file: String) -> [ScenarioDiagnostic] { checked(file: file).diagnostics }

    /// The diagnostics, and the engine the checks loaded when they got that far (`ScenarioEngine.loadChecked` runs
    /// it instead of reading the scenario, city and parameter files a second time).
    static func checked(file: String) -> (diagnostics: [ScenarioDiagnostic], engine: ScenarioEngine?) {
        // An amount beyond the 64-bit range in the city data or the models is an error diagnostic.
        do { return try AmountCheck.run("\(file): ein Betrag der Szenario- oder Stadtdaten") { checkUnchecked(file: file) } }
        catch { return ([ScenarioDiagnostic(.error, error)], nil) }
    }

    static func checkUnchecked(file: String) -> (diagnostics: [ScenarioDiagnostic], engine: ScenarioEngine?) {
        var out: [ScenarioDiagnostic] = []
        let scenario: Scenario
        do { scenario = try Scenario.load(file: file) } catch { return ([ScenarioDiagnostic(.error, error)], nil) }
        let baseline: ParameterSet, city: CityData
        do { baseline = try scenario.loadBaseline() } catch { return ([ScenarioDiagnostic(.error, error)], nil) }
        do { city = try CityData.load(file: scenario.cityFile) } catch { return ([ScenarioDiagnostic(.error, error)], nil) }

        // Overrides: known key, every value with a source and in the parameter's range.
        for key in scenario.overrides.keys.sorted() {
            let line = scenario.overrideLines[key]
            guard let entry = baseline[key] else {
                out.append(.init(.error, file: file, line: line, key: "overrides.\(key)", "unknown parameter '\(key)' (not in the baseline \(scenario.baselineDirectories.joined(separator: ", ")))"))
                continue
            }
            if entry.setBy.isLaw && scenario.lawChange == nil {
                out.append(.init(.error, file: file, line: line, key: "overrides.\(key)",
                                 "'\(key)' is set by the \(entry.setBy.rawValue) (\(entry.file)), not by the city: a scenario may override it only as a law-change scenario; add law_change: {source: <the bill or statute>} or drop the override"))
            }
            for v in scenario.overrides[key]! where v.fromMonth != 1 && !key.hasPrefix("kita.") {
                out.append(.init(.error, file: file, line: v.line, key: "overrides.\(key)",
                                 "from \(v.validFrom)-0\(v.fromMonth)-01: only Kita values follow the Kita year from 1 August; '\(key)' changes from 1 January (write \(v.validFrom))"))
            }
            for v in scenario.overrides[key]! {
                if let range = entry.range, !range.contains(v.value) {
                    out.append(.init(.error, file: file, line: v.line, key: "overrides.\(key)",
                                     "value \(v.value) \(entry.unit.label) is outside the plausible range [\(range.lowerBound), \(range.upperBound)] of \(entry.file)"
                                     + (entry.rangeSource.map { " (\($0))" } ?? "")))
                }
                if !scenario.years.contains(v.validFrom) && v.validFrom > scenario.years.upperBound {
                    out.append(.init(.warning, file: file, line: v.line, key: "overrides.\(key)", "value from \(v.validFrom) starts after the scenario's last year"))
                }
            }
        }
        if out.contains(where: { $0.severity == .error }) { return (out, nil) }
        let engine: ScenarioEngine
        do { engine = try ScenarioEngine(scenario: scenario, city: city, baseline: baseline) } catch { return (out + [ScenarioDiagnostic(.error, error)], nil) }
        let p = engine.parameters

        if !ParameterSet.supportedYears.contains(scenario.years.lowerBound) || !ParameterSet.supportedYears.contains(scenario.years.upperBound) {
            out.append(.init(.warning, file: file, line: nil, key: "years",
                             "years \(scenario.years.lowerBound)–\(scenario.years.upperBound) leave the supported years \(ParameterSet.supportedYears.lowerBound)–\(ParameterSet.supportedYears.upperBound); the last known values are carried forward"))
        }
        // Years covered: every parameter has a value in every scenario year.
        for key in p.keys {
            for y in scenario.years where p[key]!.dated(in: y) == nil {
                out.append(.init(.error, file: p[key]!.file, line: p[key]!.line, key: key, "no value for \(y)"))
                break
            }
        }
        // Each model's own checks (the legal minimum Hebesatz, Kita levers that fit the tables, …).
        let input = ScenarioModelInput(city: city, baseline: baseline, parameters: p, scenario: scenario)
        for model in ScenarioModelRegistry.all { out += model.check(input, file: file) }
        // Distributions and sensitivity ranges.
        if let d = scenario.distributions {
            for (key, dist, _, line) in d.parameters {
                guard let entry = p[key] else {
                    out.append(.init(.error, file: file, line: line, key: "distributions.\(key)", "unknown parameter '\(key)'")); continue
                }
                if !ScenarioMonteCarlo.supportedKeys.contains(key) {
                    out.append(.init(.error, file: file, line: line, key: "distributions.\(key)",
                                     "Monte Carlo supports: \(ScenarioMonteCarlo.supportedKeys.sorted().joined(separator: ", "))"))
                }
                if let r = entry.range {
                    let (lo, hi) = dist.bounds
                    if lo < r.lowerBound.scenarioDouble || hi > r.upperBound.scenarioDouble {
                        out.append(.init(.error, file: file, line: line, key: "distributions.\(key)",
                                         "bounds [\(lo), \(hi)] leave the plausible range [\(r.lowerBound), \(r.upperBound)]"))
                    }
                }
            }
        }
        for s in scenario.sensitivity {
            guard let entry = p[s.key] else {
                out.append(.init(.error, file: file, line: s.line, key: "sensitivity.\(s.key)", "unknown parameter '\(s.key)'")); continue
            }
            if let r = entry.range, !r.contains(s.low) || !r.contains(s.high) {
                out.append(.init(.error, file: file, line: s.line, key: "sensitivity.\(s.key)",
                                 "range [\(s.low), \(s.high)] leaves the plausible range [\(r.lowerBound), \(r.upperBound)]"))
            }
        }
        if out.contains(where: { $0.severity == .error }) { return (out, engine) }
        // The models run for every year.
        do { _ = try engine.run() } catch { out.append(ScenarioDiagnostic(.error, error)) }
        // Uncertain values in force: warnings, so the reader knows what to verify.
        for row in (try? engine.assumptions()) ?? [] {
            guard let why = row.uncertain else { continue }
            let line = p[row.key]?.values.first { $0.validFrom == row.validFrom }?.line
            out.append(.init(.warning, file: p[row.key]?.file ?? file, line: line, key: row.key,
                             Phrase(de: "unsicherer Wert \(row.value) \(row.unit) ab \(row.validFrom): \(why)",
                                    en: "uncertain value \(row.value) \(row.unit) from \(row.validFrom): \(why)")))
        }
        return (out, engine)
    }
}

/// `scenario diff A B`: assumptions side by side.
public enum ScenarioDiff {
    public struct Row: Sendable, Hashable {
        /// First and last year of a run of years with the same two values.
        public var key: String, year: Int, toYear: Int
        public var a: Decimal?, b: Decimal?
        public var sourceA: String?, sourceB: String?
    }

    /// One row per parameter and run of years where the two scenarios' values or sources differ; the other
    /// inputs and the results are compared by `inputs` and `resultTable`.
    public static func diff(_ a: ScenarioEngine, _ b: ScenarioEngine) -> [Row] {
        let years = min(a.scenario.years.lowerBound, b.scenario.years.lowerBound)...max(a.scenario.years.upperBound, b.scenario.years.upperBound)
        var rows: [Row] = []
        // Kita bracket cuts are levers outside the parameter files: compared as `kita.bracket_cut.N`.
        func lever(_ e: ScenarioEngine, _ key: String, _ y: Int) -> (value: Decimal, citation: String)? {
            guard key.hasPrefix("kita.bracket_cut."), let n = Int(key.split(separator: ".").last!) else { return nil }
            return e.scenario.kitaLevers.bracketCuts.last { $0.bracket == n - 1 && $0.from <= y }.map { ($0.cut, $0.source) }
        }
        func cutKeys(_ e: ScenarioEngine) -> [String] { e.scenario.kitaLevers.bracketCuts.map { "kita.bracket_cut.\($0.bracket + 1)" } }
        for key in Set(a.parameters.keys).union(b.parameters.keys).union(cutKeys(a)).union(cutKeys(b)).sorted() {
            for y in years {
                let da = try? a.parameters.dated(key, y), db = try? b.parameters.dated(key, y)
                let va = da.map { ($0.value, $0.citation) } ?? lever(a, key, y), vb = db.map { ($0.value, $0.citation) } ?? lever(b, key, y)
                // A value or a source that differs (the same value from another source is a difference an auditor sees).
                guard va?.0 != vb?.0 || va?.1 != vb?.1 else { continue }
                if let last = rows.last, last.key == key, last.toYear == y - 1, last.a == va?.0, last.b == vb?.0,
                   last.sourceA == va?.1, last.sourceB == vb?.1 {
                    rows[rows.count - 1].toYear = y
                } else {
                    rows.append(Row(key: key, year: y, toYear: y, a: va?.0, b: vb?.0, sourceA: va?.1, sourceB: vb?.1))
                }
            }
        }
        return rows
    }

    public static func table(_ a: ScenarioEngine, _ b: ScenarioEngine) -> ReportTable {
        var t = ReportTable(table: "scenario_diff", lang: nil)
        // The scenarios' own columns, titled with their names, between the years and the sources.
        t.columns.insert(contentsOf: [.init("a", de: a.scenario.name, en: a.scenario.name, kind: .decimal),
                                      .init("b", de: b.scenario.name, en: b.scenario.name, kind: .decimal)], at: 3)
        for r in diff(a, b) {
            t.rows.append([.text(r.key), .integer(Int64(r.year)), .integer(Int64(r.toYear)), r.a.map { .decimal($0) } ?? .empty, r.b.map { .decimal($0) } ?? .empty,
                           r.sourceA.map { .text($0) } ?? .empty, r.sourceB.map { .text($0) } ?? .empty])
        }
        return t
    }
}

extension ScenarioEngine {
    /// Loads a scenario that passes `scenario check`, as every command that runs a scenario does (`run`,
    /// `explain`, `solve`, `montecarlo`, `diff`, `projection --relief`, the main job): an error stops before
    /// anything is computed (all errors listed, each with file, line and key; exit 1); the warnings (uncertain
    /// values in force, and the like) are returned for the caller to print.
    ///
    ///     let (engine, warnings) = try ScenarioEngine.loadChecked(file: "kombi.yaml")
    public static func loadChecked(file: String) throws -> (engine: ScenarioEngine, warnings: [ScenarioDiagnostic]) {
        let (diagnostics, checked) = ScenarioCheck.checked(file: file)
        let errors = diagnostics.filter { $0.severity == .error }
        if !errors.isEmpty {
            throw PruefstandError.other(Phrase(
                de: "\(file): das Szenario besteht seine Prüfung nicht (\(Phrase.count(errors.count).de) Fehler); nichts wurde berechnet:\n"
                    + errors.map { "  " + $0.text(.de) }.joined(separator: "\n"),
                en: "\(file): the scenario fails its check (\(errors.count) error(s)); nothing was computed:\n"
                    + errors.map { "  " + $0.description }.joined(separator: "\n")))
        }
        // Without errors the check got as far as loading the engine: its files are read once.
        return (try checked ?? load(file: file), diagnostics)
    }

    /// The budget effects of several scenario files at once (for the consolidation projection), each checked
    /// like `scenario check`; warnings are passed to `warn`.
    public static func budgetEffects(files: [String], warn: (ScenarioDiagnostic) -> Void = { _ in }) throws -> [BudgetEffect] {
        try files.flatMap { file -> [BudgetEffect] in
            let (engine, warnings) = try loadChecked(file: file)
            warnings.forEach(warn)
            return try engine.run().budgetEffects
        }
    }
}

import Foundation

/// A loaded scenario with its city data and parameters: the entry point for run, explain,
/// sensitivity, solve and Monte Carlo.
///
///     let engine = try ScenarioEngine.load(file: "Datasets/musterstadt/scenarios/gewst-490-ab-2027.yaml")
///     let result = try engine.run()
///     let effects = result.budgetEffects          // for the consolidation projection
///     let tables = engine.reportTables(result, lang: .de)
public struct ScenarioEngine: Sendable {
    public var scenario: Scenario
    public var city: CityData
    /// The baseline parameters (no overrides).
    public var baseline: ParameterSet
    /// The baseline with the scenario's overrides.
    public var parameters: ParameterSet

    public init(scenario: Scenario, city: CityData, baseline: ParameterSet) throws {
        self.scenario = scenario; self.city = city; self.baseline = baseline
        self.parameters = try scenario.applying(to: baseline)
    }

    public static func load(file: String) throws -> ScenarioEngine {
        // Amounts in the city data beyond the 64-bit range of cents are a clear error (`AmountCheck`).
        try AmountCheck.run("\(file): ein Betrag der Szenario- oder Stadtdaten") {
            let s = try Scenario.load(file: file)
            return try ScenarioEngine(scenario: s, city: try CityData.load(file: s.cityFile), baseline: try s.loadBaseline())
        }
    }

    /// Runs every model of the scenario for every scenario year.
    public func run() throws -> ScenarioResult {
        try evaluate(baseline: baseline, parameters: parameters)
    }

    /// Runs the models with the given parameter sets (used by sensitivity and solve).
    ///
    /// Throws when a revenue, relief or total leaves the 64-bit range of cents (a clear error, never a trap);
    /// a returned result's derived figures (gross, net, relief, budget effects) all fit.
    public func evaluate(baseline b: ParameterSet, parameters p: ParameterSet) throws -> ScenarioResult {
        try AmountCheck.run("Szenario \(scenario.name): Aufkommen oder Entlastung") {
            let result = try evaluateUnchecked(baseline: b, parameters: p)
            for e in result.effects { _ = e.net }
            for t in result.typicalCases { _ = t.grossRelief; _ = t.netRelief }
            _ = result.netByYear
            _ = result.budgetEffects.map { $0.resultChange }
            return result
        }
    }

    private func evaluateUnchecked(baseline b: ParameterSet, parameters p: ParameterSet) throws -> ScenarioResult {
        var effects: [ModelYearEffect] = [], relief: [ReliefLine] = [], typical: [TypicalCaseResult] = []
        let input = ScenarioModelInput(city: city, baseline: b, parameters: p, scenario: scenario)
        for kind in scenario.models {
            let r = try ScenarioModelRegistry.model(kind).evaluate(input)
            effects += r.effects; relief += r.relief; typical += r.typical
        }
        return ScenarioResult(scenario: scenario, effects: effects, relief: relief, typicalCases: typical,
                              assumptions: try assumptions(p))
    }

    /// Every assumption in force in the scenario years: one row per parameter value used.
    public func assumptions(_ p: ParameterSet? = nil) throws -> [AssumptionRow] {
        let set = p ?? parameters
        var rows: [AssumptionRow] = []
        for key in set.keys {
            let entry = set[key]!
            let relevant = entry.values.enumerated().filter { i, v in
                let next = i + 1 < entry.values.count ? entry.values[i + 1].validFrom : Int.max
                return next > scenario.years.lowerBound && v.validFrom <= scenario.years.upperBound
                    && (v.validUntil ?? Int.max) >= scenario.years.lowerBound
            }
            for (_, v) in relevant {
                let overridden = scenario.overrides[key]?.contains { $0.validFrom == v.validFrom && $0.value == v.value } ?? false
                rows.append(AssumptionRow(key: key, nameDE: entry.nameDE, nameEN: entry.nameEN, value: v.value, unit: entry.unit.label,
                                          validFrom: v.validFrom, source: v.citation, origin: !overridden ? "baseline" : entry.setBy.isLaw ? "scenario (law change)" : "scenario",
                                          uncertain: v.uncertain))
            }
        }
        return rows
    }

    /// The computation trees for one year (all models of the scenario, or one).
    public func explain(year: Int, model: ScenarioModelKind? = nil, lang: Language) throws -> [ComputationStep] {
        guard scenario.years.contains(year) else {
            throw PruefstandError.config(path: scenario.file, line: nil, key: "years",
                                         message: "\(year) is outside the scenario years \(scenario.years.lowerBound)–\(scenario.years.upperBound)")
        }
        let models = model.map { [$0] } ?? scenario.models
        let input = ScenarioModelInput(city: city, baseline: baseline, parameters: parameters, scenario: scenario)
        return try AmountCheck.run("Szenario \(scenario.name), Rechenweg \(year)") {
            try models.compactMap { try ScenarioModelRegistry.model($0).explain(input, year: year, lang: lang) }
        }
    }

    /// Baseline and scenario parameters with one assumption set to `value`.
    ///
    /// A key the scenario overrides is a lever: the value replaces the scenario's value from the
    /// first override year on, the baseline stays. Any other key is an assumption about the world:
    /// it replaces the value in all years, in the baseline and in the scenario alike.
    public func withAssumption(_ key: String, _ value: Decimal, source: String) throws -> (baseline: ParameterSet, parameters: ParameterSet) {
        if let ov = scenario.overrides[key], let first = ov.map(\.validFrom).min() {
            let p = try parameters.overriding(key, with: [DatedValue(validFrom: first, value: value, source: source)])
            return (baseline, p)
        }
        return (try baseline.fixing(key, at: value, source: source), try parameters.fixing(key, at: value, source: source))
    }
}

/// A finding of `scenario check`: an error stops the scenario, a warning is for the reader.
public struct ScenarioDiagnostic: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable { case error, warning }
    public var severity: Severity
    public var file: String
    public var line: Int?
    public var key: String?
    /// The message in both languages (issue 16); `message` is the English one.
    public var phrase: Phrase
    public var message: String { phrase.en }

    public var description: String { "\(severity.rawValue): \(location): \(message)" }

    /// The finding in `lang`: `Fehler: datei:12: schlüssel: …` or the English `description`.
    public func text(_ lang: Language) -> String {
        guard lang == .de else { return description }
        return "\(severity == .error ? "Fehler" : "Warnung"): \(location): \(phrase.de)"
    }

    private var location: String {
        var loc = file
        if let line { loc += ":\(line)" }
        if let key { loc += ": \(key)" }
        return loc
    }

    init(_ severity: Severity, _ error: Error) {
        self.severity = severity
        if case let PruefstandError.config(path, line, key, message) = error {
            file = path; self.line = line; self.key = key; phrase = message
        } else if case let PruefstandError.file(path, message) = error {
            file = path; line = nil; key = nil; phrase = message
        } else if let e = error as? PruefstandError {
            file = ""; line = nil; key = nil; phrase = Phrase(de: e.text(.de), en: e.description)
        } else {
            file = ""; line = nil; key = nil; phrase = Phrase("\(error)")
        }
    }

    init(_ severity: Severity, file: String, line: Int?, key: String?, _ message: Phrase) {
        self.severity = severity; self.file = file; self.line = line; self.key = key; phrase = message
    }
}

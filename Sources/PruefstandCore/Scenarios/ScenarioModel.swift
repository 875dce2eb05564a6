import Foundation

/// What a relief model sees: the city's base data, the baseline parameters, the scenario's parameters (baseline
/// with its overrides) and the scenario itself (its years and its levers beyond parameters, like `kitaLevers`).
public struct ScenarioModelInput: Sendable {
    public var city: CityData
    public var baseline: ParameterSet
    public var parameters: ParameterSet
    public var scenario: Scenario
    public var years: ClosedRange<Int> { scenario.years }

    public init(city: CityData, baseline: ParameterSet, parameters: ParameterSet, scenario: Scenario) {
        self.city = city; self.baseline = baseline; self.parameters = parameters; self.scenario = scenario
    }
}

/// One relief model's results over the scenario years (money in cents).
public typealias ScenarioModelRun = (effects: [ModelYearEffect], relief: [ReliefLine], typical: [TypicalCaseResult])

/// A relief model: one type per model, registered once in `ScenarioModelRegistry`, which the engine (`evaluate`,
/// `explain`), `scenario check`, the calibration to the plan, the Monte Carlo kernel, the workbook and the docs
/// tests iterate.
///
/// The model's exact formula is `evaluate` (cents, `Decimal`, the statutes' rounding); its Monte Carlo fast path
/// (`fastPath`, `Double`s) lives in the model's own files and is held to `evaluate` by `MonteCarloPropertyTests`
/// at random draws over the whole plausible ranges of its `monteCarloKeys`.
///
///     extension MyModel: ScenarioModel {
///         public static let kind = ScenarioModelKind.mymodel
///         public static let nameDE = "Meine Gebühr", nameEN = "My fee"
///         public static let parameterKeys: [any ParameterKey] = MyKey.allCases
///         public static func evaluate(_ input: ScenarioModelInput) throws -> ScenarioModelRun { … }
///         public static func explain(_ input: ScenarioModelInput, year: Int, lang: Language) throws -> ComputationStep? { … }
///     }
public protocol ScenarioModel {
    /// The model's name in scenario files (`models: [...]`) and on the command line (`--model`).
    static var kind: ScenarioModelKind { get }
    static var nameDE: String { get }
    static var nameEN: String { get }
    /// Every parameter key the model reads by name, typed (`ParameterKey`: one enum per key namespace, beside the
    /// model that owns it, or in `SharedParameterKeys.swift`): its own enum's `allCases` and the keys of other
    /// namespaces it reads. The fees read the rate keys their schedules name instead.
    static var parameterKeys: [any ParameterKey] { get }
    /// The keys a scenario may draw for Monte Carlo (empty: the model draws nothing, the kernel takes its exact
    /// net effect once).
    static var monteCarloKeys: [String] { get }

    /// The exact model: per-year effects on the city, relief by payer group, typical cases.
    static func evaluate(_ input: ScenarioModelInput) throws -> ScenarioModelRun
    /// The computation tree for one year; nil when the city has no data for the model.
    static func explain(_ input: ScenarioModelInput, year: Int, lang: Language) throws -> ComputationStep?
    /// What `scenario check` refuses or warns about beyond ranges and sources (levers that break a law or do not
    /// fit the city's tables); `file` is the scenario file.
    static func check(_ input: ScenarioModelInput, file: String) -> [ScenarioDiagnostic]
    /// The city with the model's base scaled by `factor` (`calibrate: plan`, `CityData.scaled`).
    static func scaled(_ city: CityData, by factor: Decimal) -> CityData
    /// The Monte Carlo fast path built from the engine's exact parameters; nil when the model has none (or the
    /// city has no data for it): the kernel then adds the exact model's net effect, which does not draw.
    static func fastPath(_ engine: ScenarioEngine) throws -> (any ScenarioFastPath)?
    /// Whether the model's tax counts in the Steuerkraft of the GFG: its effects carry the Umlage and Steuerkraft
    /// levels (`scenario run --table levels`).
    static var countsInSteuerkraft: Bool { get }
    /// Whether the model's tax pays the Gewerbesteuerumlage: the workbook's level notes name its years.
    static var paysUmlage: Bool { get }
    /// The model's part of the city data for `scenario diff`: its key in the city file, its content (compared by
    /// value) and a one-line summary; nil when the model has no city data of its own.
    static func cityInput(_ city: CityData) -> ScenarioCityInput?
}

/// One model's part of the city data, as `scenario diff` compares and names it.
public struct ScenarioCityInput {
    /// The key in the city file (`gewerbesteuer`, `kita`, …).
    public var field: String
    /// The content, compared field by field (`ScenarioDiff.canonical`).
    public var content: Any
    /// What a reader sees of it (`Messbetrag 1234 EUR (2024), 5 classes`).
    public var summary: String
    public init(field: String, content: Any, summary: String) { self.field = field; self.content = content; self.summary = summary }
}

extension ScenarioModel {
    public static var monteCarloKeys: [String] { [] }
    public static func check(_ input: ScenarioModelInput, file: String) -> [ScenarioDiagnostic] { [] }
    public static func fastPath(_ engine: ScenarioEngine) throws -> (any ScenarioFastPath)? { nil }
    public static var countsInSteuerkraft: Bool { false }
    public static var paysUmlage: Bool { false }
    public static func cityInput(_ city: CityData) -> ScenarioCityInput? { nil }
    public static func name(_ lang: Language) -> String { lang == .de ? nameDE : nameEN }
}

/// A model's Monte Carlo fast path: its formula on plain `Double`s, precomputed once from the exact parameters,
/// so that a draw costs a few multiplications per year and allocates nothing.
///
/// A drawn assumption moves the scenario against the *central* baseline (the projection's baseline assumes the
/// central values); a drawn lever (a key the scenario overrides) replaces the scenario's value from its first
/// override year.
public protocol ScenarioFastPath: Sendable {
    /// The keys `add` reads, in order (the model's `monteCarloKeys`).
    var drawnKeys: [String] { get }
    /// Scratch doubles `add` needs (0 for none).
    var scratchCount: Int { get }
    /// Adds the net effect per scenario year to `out` (count: the scenario years). `drawn` holds one value per
    /// `drawnKeys` entry; NaN means "not drawn" (the central value holds).
    func add(drawn: UnsafePointer<Double>, scratch: UnsafeMutablePointer<Double>, out: UnsafeMutablePointer<Double>)
}

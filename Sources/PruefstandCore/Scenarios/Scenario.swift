import Foundation

/// A named set of overrides of the baseline parameters for given years. It never changes formulas.
///
///     name: gewst-490-ab-2027
///     description: Gewerbesteuer-Hebesatz 520 → 490 % ab 2027
///     baseline: [../../../Parameters/nrw, parameters]   # parameter folders, relative to this file
///     city: stadt.yaml
///     projection: ../controlling/projection.yaml        # optional: projection parameters for solve/montecarlo
///     solve: {lever: gewerbesteuer.hebesatz, balanced_from: 2029}   # optional: the main job's "largest affordable relief"
///     law_change: {source: Entwurf eines Gesetzes …}   # only when overriding a Bund or Land parameter
///     replaces_measures: [HSK-03]                       # consolidation measures this relief replaces
///     calibrate: plan                                   # optional: each model's base from the plan accounts in the store
///     years: {from: 2026, to: 2035}
///     overrides:
///       gewerbesteuer.hebesatz:
///         - {from: 2027, value: 490, source: Ratsantrag (synthetic for Musterstadt)}
///     kita:                                             # optional Kita levers beyond parameters
///       fee_table: kita-beitragstabelle-neu.yaml
///       bracket_cuts: [{bracket: 2, cut: 0.5, from: 2027, source: …}]
///     distributions: {seed: 42, draws: 10000, parameters: {gewerbesteuer.elastizitaet: {distribution: triangular, min: -0.9, mode: -0.3, max: 0, source: …}}}
///     sensitivity: {gewerbesteuer.elastizitaet: {low: -0.9, high: 0, source: …}}
public struct Scenario: Sendable {
    public var name: String
    public var description: String
    public var file: String
    public var baselineDirectories: [String]
    public var cityFile: String
    /// The consolidation projection's parameter file: solve and Monte Carlo run over the store's plan with it
    /// (one baseline for every answer); a typed-in budget file is used only when given explicitly (`--budget`).
    public var projectionFile: String?
    /// The question the main job answers for this scenario: the largest relief through `lever` that keeps the
    /// budget balanced from `balancedFrom` on (the same `ScenarioSolver` as `scenario solve`).
    public var solve: SolveQuestion?
    /// The source of a law change (a bill, an amended statute) when the scenario overrides Bund or Land
    /// parameters; nil for an ordinary relief scenario, which may change only what the city sets.
    public var lawChange: String?
    public var years: ClosedRange<Int>
    public var models: [ScenarioModelKind]
    public var overrides: [String: [DatedValue]]
    public var overrideLines: [String: Int]
    public var kitaLevers: KitaLevers
    public var distributions: Distributions?
    public var sensitivity: [SensitivityRange]
    /// Consolidation measures (ids in the projection file) that this relief replaces: the projection with this
    /// scenario leaves them out. Required for a measure that raises a rate the scenario overrides.
    public var replacesMeasures: [String] = []
    /// `calibrate: plan`: each model's base is derived from the plan accounts in the store (`BaselineCalibration`)
    /// wherever the scenario runs over a store (the main job, solve, montecarlo, run with --projection).
    public var calibrateToPlan = false

    /// A title for people (`title:` in the file, German and English), shown instead of the file's `name`
    /// in the CLI, the workbook and the council pack; nil: the name.
    public var title: (de: String, en: String)? = nil
    /// One line that says what the scenario does (`summary:`), shown beside the title; nil: the description.
    public var summary: (de: String, en: String)? = nil

    /// The scenario's title in a language, or its `name` when the file gives none.
    public func displayTitle(_ lang: Language) -> String { title.map { lang == .de ? $0.de : $0.en } ?? name }
    /// The one-line summary in a language, or the `description`.
    public func displaySummary(_ lang: Language) -> String { summary.map { lang == .de ? $0.de : $0.en } ?? description }

    public struct KitaLevers: Sendable {
        /// A new fee table (replaces the baseline table from `newTableFrom`).
        public var newTable: KitaFeeTable?
        public var newTableFrom: Int?
        public var newTableSource: String?
        public var bracketCuts: [BracketCut] = []
        public var isEmpty: Bool { newTable == nil && bracketCuts.isEmpty }
    }

    public struct BracketCut: Sendable, Hashable {
        public var bracket: Int   // 0-based
        public var cut: Decimal   // share, 0.5 = half
        public var from: Int
        public var source: String
    }

    public struct Distributions: Sendable {
        public var seed: UInt64
        public var draws: Int
        public var parameters: [(key: String, distribution: Distribution, source: String, line: Int?)]
    }

    public enum Distribution: Sendable, Hashable {
        case normal(mean: Double, sd: Double, min: Double, max: Double)
        case triangular(min: Double, mode: Double, max: Double)
        case uniform(min: Double, max: Double)

        public var bounds: (Double, Double) {
            switch self {
            case let .normal(_, _, lo, hi): return (lo, hi)
            case let .triangular(lo, _, hi): return (lo, hi)
            case let .uniform(lo, hi): return (lo, hi)
            }
        }
        public var summary: String {
            switch self {
            case let .normal(m, s, lo, hi): return "normal(mean \(m), sd \(s)) in [\(lo), \(hi)]"
            case let .triangular(lo, mode, hi): return "triangular(\(lo), \(mode), \(hi))"
            case let .uniform(lo, hi): return "uniform(\(lo), \(hi))"
            }
        }
    }

    public struct SolveQuestion: Sendable, Hashable {
        public var lever: String
        public var balancedFrom: Int
        public var line: Int?
        public init(lever: String, balancedFrom: Int, line: Int? = nil) { self.lever = lever; self.balancedFrom = balancedFrom; self.line = line }
    }

    public struct SensitivityRange: Sendable, Hashable {
        public var key: String
        public var low: Decimal
        public var high: Decimal
        public var source: String
        public var line: Int?
    }
}

/// The models a scenario runs: one case per model registered in `ScenarioModelRegistry` (its names, formulas and
/// checks live in the model's type; `label` asks the registry).
public enum ScenarioModelKind: String, Sendable, CaseIterable, Hashable {
    case gewerbesteuer, grundsteuer, kita, fees
}

extension Scenario {
    public static func load(file: String) throws -> Scenario {
        let root = try StrictYAML.load(path: file)
        let dir = (file as NSString).deletingLastPathComponent
        if let b = try? root.entries().first(where: { $0.key == "budget" }) {
            throw PruefstandError.config(path: file, line: b.line, key: "budget",
                message: "a scenario no longer names a typed-in budget: solve and montecarlo use the consolidation projection over the store ('projection: FILE'); a city without a store gives its budget file explicitly with --budget FILE")
        }
        let f = try root.dictionary(allowed: ["name", "description", "baseline", "city", "projection", "solve", "law_change", "replaces_measures", "years", "models", "overrides",
                                          "kita", "distributions", "sensitivity", "calibrate", "title", "summary"],
                                required: ["name", "description", "baseline", "city", "years"])
        let baselineNode = f["baseline"]!
        let baseline: [String] = baselineNode.isList
            ? try baselineNode.list().map { try $0.text() } : [try baselineNode.text()]
        let yf = try f["years"]!.dictionary(allowed: ["from", "to"], required: ["from", "to"])
        let from = try yf["from"]!.int(), to = try yf["to"]!.int()
        guard from <= to else { throw f["years"]!.fail(Phrase(de: "years.from \(from) liegt nach years.to \(to)", en: "years.from \(from) is after years.to \(to)")) }
        var models = ScenarioModelKind.allCases
        if let m = f["models"] {
            models = try m.list().map { n in
                let s = try n.text()
                guard let k = ScenarioModelKind(rawValue: s) else { throw n.fail(Phrase(de: "unbekanntes Modell '\(Phrase.quoted(s))'; erlaubt: \(ScenarioModelKind.allCases.map(\.rawValue).joined(separator: ", "))", en: "unknown model '\(s)'; allowed: \(ScenarioModelKind.allCases.map(\.rawValue).joined(separator: ", "))")) }
                return k
            }
        }
        var overrides: [String: [DatedValue]] = [:]
        var overrideLines: [String: Int] = [:]
        for (key, node, line) in try f["overrides"]?.entries() ?? [] {
            overrides[key] = try ParameterFile.parseValues(node, range: nil)
            overrideLines[key] = line
        }
        var levers = KitaLevers()
        if let k = f["kita"] {
            let kf = try k.dictionary(allowed: ["fee_table", "fee_table_from", "fee_table_source", "bracket_cuts"])
            if let t = kf["fee_table"] {
                levers.newTable = try KitaFeeTable.load(file: CityData.resolve(try t.text(), in: dir))
                levers.newTableFrom = try kf["fee_table_from"]?.year() ?? from
                guard let src = kf["fee_table_source"] else { throw k.fail(Phrase(de: "fee_table braucht fee_table_source (den Beschluss oder Entwurf, aus dem sie stammt)", en: "fee_table needs fee_table_source (the decision or draft it comes from)")) }
                levers.newTableSource = try src.text()
            }
            for item in try kf["bracket_cuts"]?.list() ?? [] {
                let c = try item.dictionary(allowed: ["bracket", "cut", "from", "source"], required: ["bracket", "cut", "from", "source"])
                let cut = try c["cut"]!.decimal()
                guard cut >= 0 && cut <= 1 else { throw c["cut"]!.fail(Phrase(de: "cut \(NumberText.decimal(cut, .de)) liegt außerhalb von [0; 1] (ein Anteil: 0,2 = 20 %)", en: "cut \(cut) is outside [0, 1] (a share: 0.2 = 20 %)")) }
                levers.bracketCuts.append(BracketCut(bracket: try c["bracket"]!.int() - 1, cut: cut, from: try c["from"]!.year(),
                                                     source: try c["source"]!.text()))
            }
        }
        var distributions: Distributions?
        if let d = f["distributions"] {
            let df = try d.dictionary(allowed: ["seed", "draws", "parameters"], required: ["seed", "parameters"])
            var params: [(String, Distribution, String, Int?)] = []
            for (key, node, line) in try df["parameters"]!.entries() {
                let (dist, source) = try parseDistribution(node)
                params.append((key, dist, source, line))
            }
            let draws = try df["draws"]?.int() ?? 10_000
            guard draws > 0 && draws <= 1_000_000 else { throw df["draws"]!.fail(Phrase(de: "draws muss zwischen 1 und 1.000.000 liegen", en: "draws must be between 1 and 1,000,000")) }
            distributions = Distributions(seed: UInt64(truncatingIfNeeded: try df["seed"]!.int()), draws: draws,
                                          parameters: params.map { (key: $0.0, distribution: $0.1, source: $0.2, line: $0.3) })
        }
        var sensitivity: [SensitivityRange] = []
        for (key, node, line) in try f["sensitivity"]?.entries() ?? [] {
            let sf = try node.dictionary(allowed: ["low", "high", "source"], required: ["low", "high", "source"])
            let lo = try sf["low"]!.decimal(), hi = try sf["high"]!.decimal()
            guard lo <= hi else { throw node.fail(Phrase(de: "low \(NumberText.decimal(lo, .de)) liegt über high \(NumberText.decimal(hi, .de))", en: "low \(lo) is above high \(hi)")) }
            sensitivity.append(SensitivityRange(key: key, low: lo, high: hi, source: try sf["source"]!.text(), line: line))
        }
        var calibrate = false
        if let c = f["calibrate"] {
            let v = try c.text()
            guard v == "plan" || v == "none" else { throw c.fail(Phrase(de: "calibrate ist 'plan' (die Basis jedes Modells aus den Plankonten im Speicher ableiten) oder 'none'", en: "calibrate is 'plan' (derive each model's base from the plan accounts in the store) or 'none'")) }
            calibrate = v == "plan"
        }
        var scenario = Scenario(name: try f["name"]!.text(), description: try f["description"]!.text(), file: file,
                        baselineDirectories: baseline.map { CityData.resolve($0, in: dir) },
                        cityFile: CityData.resolve(try f["city"]!.text(), in: dir),
                        projectionFile: try f["projection"].map { CityData.resolve(try $0.text(), in: dir) },
                        solve: try f["solve"].map { n in
                            let sf = try n.dictionary(allowed: ["lever", "balanced_from"], required: ["lever", "balanced_from"])
                            return SolveQuestion(lever: try sf["lever"]!.text(), balancedFrom: try sf["balanced_from"]!.year(), line: n.line)
                        },
                        lawChange: try f["law_change"].map { n in
                            let lf = try n.dictionary(allowed: ["source", "link"], required: ["source"])
                            let source = try lf["source"]!.text()
                            guard source.trimmingCharacters(in: .whitespaces).count >= 3 else { throw lf["source"]!.fail(Phrase(de: "die Quelle muss den Entwurf oder die Satzung nennen", en: "the source must name the bill or statute")) }
                            return source + (try lf["link"].map { " <\(try $0.text())>" } ?? "")
                        },
                        years: from...to, models: models, overrides: overrides, overrideLines: overrideLines,
                        kitaLevers: levers, distributions: distributions, sensitivity: sensitivity,
                        replacesMeasures: try f["replaces_measures"]?.list().map { try $0.text() } ?? [])
        scenario.calibrateToPlan = calibrate

        scenario.title = try f["title"]?.oneLine(maxLength: 80)
        scenario.summary = try f["summary"]?.oneLine(maxLength: 200)
        return scenario
    }

    static func parseDistribution(_ node: StrictYAML) throws -> (Distribution, String) {
        let f = try node.dictionary(allowed: ["distribution", "mean", "sd", "min", "mode", "max", "source"],
                                required: ["distribution", "min", "max", "source"])
        func d(_ k: String) throws -> Double {
            guard let n = f[k] else { throw node.fail(Phrase(de: "\(try f["distribution"]!.text()) braucht '\(k)'", en: "\(try f["distribution"]!.text()) needs '\(k)'")) }
            return NSDecimalNumber(decimal: try n.decimal()).doubleValue
        }
        let lo = try d("min"), hi = try d("max")
        guard lo < hi else { throw node.fail(Phrase(de: "min \(NumberText.decimal(Decimal(lo), .de)) muss unter max \(NumberText.decimal(Decimal(hi), .de)) liegen", en: "min \(lo) must be below max \(hi)")) }
        let kind = try f["distribution"]!.text()
        let dist: Distribution
        switch kind {
        case "normal":
            let sd = try d("sd")
            guard sd > 0 else { throw f["sd"]!.fail(Phrase(de: "sd muss positiv sein", en: "sd must be positive")) }
            let mean = try d("mean")
            guard mean >= lo && mean <= hi else { throw f["mean"]!.fail(Phrase(de: "mean \(NumberText.decimal(Decimal(mean), .de)) außerhalb von [min, max]", en: "mean \(mean) outside [min, max]")) }
            dist = .normal(mean: mean, sd: sd, min: lo, max: hi)
        case "triangular":
            let mode = try d("mode")
            guard mode >= lo && mode <= hi else { throw f["mode"]!.fail(Phrase(de: "mode \(NumberText.decimal(Decimal(mode), .de)) außerhalb von [min, max]", en: "mode \(mode) outside [min, max]")) }
            dist = .triangular(min: lo, mode: mode, max: hi)
        case "uniform":
            dist = .uniform(min: lo, max: hi)
        default:
            throw f["distribution"]!.fail(Phrase(de: "unbekannte Verteilung '\(Phrase.quoted(kind))'; erlaubt: normal, triangular, uniform", en: "unknown distribution '\(kind)'; allowed: normal, triangular, uniform"))
        }
        return (dist, try f["source"]!.text())
    }

    /// The baseline parameters (all folders merged); a key a model reads in another unit than the model expects is
    /// an error (`ScenarioModelRegistry.checkUnits`).
    public func loadBaseline() throws -> ParameterSet {
        var set = ParameterSet()
        for dir in baselineDirectories { try set.merge(ParameterFile.load(directory: dir)) }
        try ScenarioModelRegistry.checkUnits(set)
        return set
    }

    /// The baseline with this scenario's overrides applied.
    public func applying(to baseline: ParameterSet) throws -> ParameterSet {
        var set = baseline
        for key in overrides.keys.sorted() {
            set = try set.overriding(key, with: overrides[key]!)
        }
        return set
    }
}

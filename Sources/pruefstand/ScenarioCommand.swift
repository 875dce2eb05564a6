import ArgumentParser
import Foundation
import PruefstandCore

extension ScenarioModelKind: ExpressibleByArgument {}

/// `pruefstand scenario …`: tax and fee relief scenarios with assumptions auditors can check.
struct ScenarioCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scenario",
        abstract: "Tax and fee relief scenarios (Gewerbesteuer, Grundsteuer B, Kita fees, fees).",
        discussion: """
        A scenario file names a baseline (parameter folders), the city data, the years and overrides of \
        parameters, each with its source. It never changes formulas. See docs/scenarios.md.

        Example: pruefstand scenario run Datasets/musterstadt/scenarios/gewst-490-ab-2027.yaml
        """,
        subcommands: [Check.self, Diff.self, Run.self, Explain.self, Solve.self, MonteCarloCommand.self, TestCommand.self])

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, csv, json }

    /// Loads a scenario checked like `scenario check`: errors stop (exit 1), warnings go to standard error.
    static func load(_ file: String, _ lang: Language) throws -> ScenarioEngine {
        let (engine, warnings) = try ScenarioEngine.loadChecked(file: file)
        for w in warnings { writeError(w.text(lang)) }
        return engine
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a scenario: sources, plausible ranges, years covered, legal limits.",
            discussion: "Example: pruefstand scenario check Datasets/musterstadt/scenarios/kombi.yaml\nExit code 1 if there is an error; warnings (uncertain values) do not fail.")
        @OptionGroup var scenario: ScenarioFile
        @OptionGroup var global: LanguageOptions
        func run() throws {
            let diagnostics = ScenarioCheck.check(file: scenario.file)
            for d in diagnostics { print(d.text(global.language)) }
            let errors = diagnostics.filter { $0.severity == .error }.count
            let warnings = diagnostics.count - errors
            print(global.language == .de ? "\(scenario.file): \(errors) Fehler, \(warnings) Warnungen" : "\(scenario.file): \(errors) error(s), \(warnings) warning(s)")
            if errors > 0 { throw ExitCode(1) }
        }
    }

    struct TestCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "test",
            abstract: "Run statute cases written as YAML (inputs, expected outputs, source): exit 1 if one fails.",
            discussion: """
            Each *.yaml file in the folder is one case (see docs/scenarios.md, "Statute cases"). A failing value is \
            printed with the case's file and line, the expected and the computed value and their difference. \
            {repo} in a case stands for --root (default: the nearest folder at or above the case folder that \
            holds Parameters/, else the current folder), so the cases run from any working directory. Its \
            messages follow --lang (de, the default, or en).

            Example: pruefstand scenario test Tests/PruefstandCoreTests/Cases/scenarios
            """)
        @Argument(help: "Folder of case files (YAML).") var directory: String
        @Option(help: "The folder {repo} stands for in the cases (default: the nearest folder at or above the case folder with Parameters/, else the current folder).") var root: String?
        @OptionGroup var global: LanguageOptions
        func run() throws {
            let lang = global.language
            let root = self.root.map { URL(fileURLWithPath: $0).standardizedFileURL.path } ?? StatuteCases.defaultRoot(forCases: directory)
            var failed = 0
            let files = try StatuteCases.files(in: directory)
            for file in files {
                let failures = try StatuteCases.run(file: file, root: root)
                if failures.isEmpty { print("ok    \(file)") } else {
                    failed += 1
                    print((lang == .de ? "FEHLER  " : "FAIL  ") + file)
                    for f in failures { print("  \(f.text(lang))") }
                }
            }
            print(lang == .de ? "\(NumberText.count(files.count, lang)) Fall/Fälle, \(NumberText.count(failed, lang)) fehlgeschlagen"
                              : "\(files.count) case(s), \(failed) failed")
            if failed > 0 || files.isEmpty { throw ExitCode(1) }
        }
    }

    struct Diff: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show two scenarios side by side: every differing parameter value or source, other input (years, models, city data, tables, projection) and result line.",
            discussion: "Example: pruefstand scenario diff Datasets/musterstadt/scenarios/gewst-490-ab-2027.yaml Datasets/musterstadt/scenarios/kombi.yaml")
        @Argument(help: "First scenario file.") var a: String
        @Argument(help: "Second scenario file.") var b: String
        @Option(help: "Output format: table or csv.") var format: Format = .table
        @Option(help: "Table for --format csv: parameters, inputs or results; one table per stream.") var table: DiffTable = .parameters
        @OptionGroup var global: LanguageOptions
        enum DiffTable: String, ExpressibleByArgument, CaseIterable { case parameters, inputs, results }
        func run() throws {
            let ea = try ScenarioCommand.load(a, global.language), eb = try ScenarioCommand.load(b, global.language)
            if format == .csv {
                let t = switch table {
                case .parameters: ScenarioDiff.table(ea, eb)
                case .inputs: ScenarioDiff.inputTable(ea, eb)
                case .results: try ScenarioDiff.resultTable(ea, eb)
                }
                print(ScenarioText.csv(t), terminator: "")
                return
            }
            let tables = [ScenarioDiff.table(ea, eb), ScenarioDiff.inputTable(ea, eb), try ScenarioDiff.resultTable(ea, eb)]
            print(tables.map { ScenarioText.table($0, lang: global.language) }.joined(separator: "\n"), terminator: "")
        }
    }

    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run a scenario: gross and net effect per year, relief by group, typical cases, assumptions.",
            discussion: """
            Example: pruefstand scenario run Datasets/musterstadt/scenarios/kombi.yaml --format csv
            With --draws N it runs the Monte Carlo instead (see 'scenario montecarlo').
            """)
        @OptionGroup var scenario: ScenarioFile
        @Option(help: "Output format: table, csv or json.") var format: Format = .table
        @Option(help: "Monte Carlo draws (runs 'montecarlo' instead of the plain run).") var draws: Int?
        @Option(help: "Monte Carlo seed (overrides the scenario's seed).") var seed: UInt64?
        @OptionGroup var consolidation: ProjectionOptions
        @Flag(help: "Add the sensitivity (tornado) table.") var sensitivity = false
        @Option(help: "Table for --format csv: effects, relief, typical_cases, assumptions, levels (Umlage and GFG tax power) or tornado; with --draws: bands or balance.") var table: String = "effects"
        @OptionGroup var global: GlobalOptions
        func validate() throws { try consolidation.validate(with: global) }
        func run() throws {
            var engine = try scenario.load(global.language)
            if draws != nil || seed != nil {
                let (calibrated, projection, name) = try consolidation.baseline(engine, global: global)
                engine = calibrated
                let s = try ScenarioMonteCarlo.run(engine, projection: projection, draws: draws, seed: seed)
                try MonteCarloCommand.output(s, engine: engine, baseline: name, format: format, lang: global.language,
                                         balanceTable: table == "balance")
                return
            }
            var modelBase: String?
            if consolidation.calibrate || engine.scenario.calibrateToPlan {
                // The model base from the plan in the store (the projection file names the plan year).
                let c = try consolidation.baseline(engine, global: global)
                engine = c.engine
                modelBase = c.name
            }
            let result = try engine.run()
            // With a store (--db, or --calibrate), the Schlüsselzuweisungen's level from its plan accounts.
            var sz: SchluesselzuweisungenBase?
            if global.db != nil || consolidation.calibrate || engine.scenario.calibrateToPlan,
               let file = consolidation.projection ?? engine.scenario.projectionFile {
                let store = try global.openReadOnly()
                let planYear = try StoreProjection(store: store, projectionFile: file, years: consolidation.years).model.base.year
                sz = try SchluesselzuweisungenBase.read(city: engine.city, store: store, planYear: planYear)
            }
            let tables = engine.reportTables(result, tornado: sensitivity ? try ScenarioSensitivity.tornado(engine) : nil, lang: global.language)
                + [ScenarioTables.levels(result, schluesselzuweisungen: sz, lang: format == .table ? global.language : nil)]
            switch format {
            case .table:
                print((global.language == .de ? "Szenario: " : "Scenario: ") + engine.scenario.displayTitle(global.language) + " – " + engine.scenario.displaySummary(global.language))
                print(tables.map { ScenarioText.table($0, lang: global.language) }.joined(separator: "\n"), terminator: "")
                if let modelBase { print((global.language == .de ? "Haushaltsbasis: " : "Budget baseline: ") + modelBase) }
            case .csv:
                let all = table == "tornado" ? engine.reportTables(result, tornado: try ScenarioSensitivity.tornado(engine), lang: global.language) : tables
                guard let t = ScenarioText.csvTable(all, key: table, scenario: engine.scenario, lang: global.language) else {
                    throw ValidationError("--table is one of effects, relief, typical_cases, assumptions, levels, tornado")
                }
                print(ScenarioText.csv(t), terminator: "")
            case .json:
                print(try ScenarioText.json(result, lang: global.language, baseline: modelBase))
            }
        }
    }

    struct Explain: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the computation of one year as a tree: formulas, parameter values, units, sources.",
            discussion: "Example: pruefstand scenario explain Datasets/musterstadt/scenarios/gewst-490-ab-2027.yaml --year 2028 --model gewerbesteuer --lang en")
        @OptionGroup var scenario: ScenarioFile
        @Option(help: "Fiscal year.") var year: Int
        @Option(help: "Model: \(ScenarioModelRegistry.kindList) (default: all of the scenario).") var model: ScenarioModelKind?
        @OptionGroup var global: LanguageOptions
        func run() throws {
            let engine = try scenario.load(global.language)
            for (i, step) in try engine.explain(year: year, model: model, lang: global.language).enumerated() {
                print(step.render(global.language, number: "\(i + 1)"))
            }
        }
    }

    enum Target: String, ExpressibleByArgument { case balancedFrom = "balanced-from" }

    struct Solve: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Find the largest relief through one lever that keeps the budget balanced from a year on.",
            discussion: """
            The budget is the consolidation projection over the store (plan, growth rates, measures, debt and the \
            savings decided in the position review), with the parameters of --projection or the scenario's \
            'projection:'; the main job's workbook answers the same question with the same projection. A city \
            without a store gives a typed-in budget file explicitly with --budget FILE. The output names the baseline.

            Examples:
              pruefstand scenario solve Datasets/musterstadt/scenarios/gewst-490-ab-2027.yaml --target balanced-from 2029 --lever gewerbesteuer.hebesatz
              pruefstand scenario solve Datasets/musterstadt/scenarios/gewst-490-ab-2027.yaml --target balanced-from 2029 \\
                --lever gewerbesteuer.hebesatz --budget my-budget.yaml
            """)
        @OptionGroup var scenario: ScenarioFile
        @Option(parsing: .upToNextOption, help: "Target: balanced-from YEAR.") var target: [String]
        @Option(help: "Parameter key of the lever, e.g. gewerbesteuer.hebesatz.") var lever: String
        @Option(help: "Grid step of the lever (default 1 for percent, 0.01 for shares, 100 for EUR).") var step: String?
        @Option(help: "First year of the lever's new value (default: first override year of the lever, else the first scenario year).") var from: Int?
        @OptionGroup var consolidation: ProjectionOptions
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            guard target.count == 2, Target(rawValue: target[0]) != nil, Int(target[1]) != nil else {
                throw ValidationError("--target expects 'balanced-from YEAR', e.g. --target balanced-from 2029")
            }
            try consolidation.validate(with: global)
        }

        func run() throws {
            var engine = try scenario.load(global.language)
            let year = Int(target[1])!
            let stepValue = try step.map { s -> Decimal in
                guard let d = Decimal(string: s), d > 0 else { throw ValidationError("--step must be a positive number") }
                return d
            }
            let (calibrated, projection, basis) = try consolidation.baseline(engine, global: global)
            engine = calibrated
            let s = try ScenarioSolver.solve(engine, lever: lever, balancedFrom: year, projection: projection, step: stepValue, from: from)
            print(ScenarioText.solve(s, basis: basis, lang: global.language), terminator: "")
            if s.value == nil { throw ExitCode(1) }
        }
    }

    struct MonteCarloCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "montecarlo",
            abstract: "Monte Carlo over the scenario's distributions: P10/P50/P90 of the annual result and the balance year.",
            discussion: "Example: pruefstand scenario montecarlo Datasets/musterstadt/scenarios/kombi.yaml --draws 10000 --seed 42 --format csv\nSame seed, same inputs → byte-identical CSV. The annual results come from the consolidation projection over the store (as for 'solve' and the workbook); a city without a store gives --budget FILE. The output names the baseline.")
        @OptionGroup var scenario: ScenarioFile
        @Option(help: "Draws (default: the scenario's).") var draws: Int?
        @Option(help: "Seed (default: the scenario's).") var seed: UInt64?
        @OptionGroup var consolidation: ProjectionOptions
        @Option(help: "Output format: table, csv or json.") var format: Format = .table
        @Option(help: "Table for --format csv: bands (P10/P50/P90 per year) or balance (balance years and baseline); one table per stream.")
        var table: MonteCarloTable = .bands
        @OptionGroup var global: GlobalOptions
        enum MonteCarloTable: String, ExpressibleByArgument, CaseIterable { case bands, balance }
        func validate() throws { try consolidation.validate(with: global) }
        func run() throws {
            let (engine, projection, name) = try consolidation.baseline(try scenario.load(global.language), global: global)
            let s = try ScenarioMonteCarlo.run(engine, projection: projection, draws: draws, seed: seed)
            try Self.output(s, engine: engine, baseline: name, format: format, lang: global.language, balanceTable: table == .balance)
        }

        static func output(_ s: ScenarioMonteCarlo.Summary, engine: ScenarioEngine, baseline: String, format: Format, lang: Language,
                           balanceTable: Bool = false) throws {
            // CSV and JSON keep the file's name (a key for machines); the table for people shows the title.
            let t = ScenarioTables.monteCarlo(s, scenario: format == .table ? engine.scenario.displayTitle(lang) : engine.scenario.name)
            switch format {
            case .csv:
                // One table per stream: the bands, or (--table balance) the balance years and the baseline.
                print(ScenarioText.csv(balanceTable ? ScenarioTables.monteCarloBalance(s, baseline: baseline) : t), terminator: "")
            case .json:
                print(try ScenarioText.monteCarloJSON(bands: t, balance: ScenarioTables.monteCarloBalance(s, baseline: baseline)), terminator: "")
            case .table:
                print(ScenarioText.monteCarlo(s, bands: t, baseline: baseline, lang: lang), terminator: "")
            }
        }
    }
}

/// The scenario file of `scenario check|run|explain|solve|montecarlo` (one positional argument), and loading it.
struct ScenarioFile: ParsableArguments {
    @Argument(help: "Scenario file (YAML).") var file: String

    /// The scenario, checked like `scenario check` (`ScenarioCommand.load`).
    func load(_ lang: Language) throws -> ScenarioEngine { try ScenarioCommand.load(file, lang) }
}

/// Where solve and Monte Carlo take the annual results from: the consolidation projection over the store
/// (projection parameters from --projection or the scenario's 'projection:'; store from --db), or, only when
/// given explicitly for a city without a store, a typed-in budget file (--budget). One baseline, named in the output.
struct ProjectionOptions: ParsableArguments {
    @Option(help: "Consolidation projection parameters (YAML; default: 'projection:' of the scenario).") var projection: String?
    @Option(help: "Years of the projection after the plan year (1-10; default: the projection file's).") var years: Int?
    @Option(help: "A typed-in budget baseline (YAML) for a city without a store; replaces the projection over the store.") var budget: String?
    @Flag(help: "Derive each model's base-year revenue from the plan accounts in the store (as 'calibrate: plan' in the scenario).") var calibrate = false

    /// Checks the options together with the store option (`--db` is one of the global options).
    func validate(with global: GlobalOptions) throws {
        if let years, !(1...10).contains(years) { throw ValidationError("--years must be 1…10, not \(years)") }
        if budget != nil && calibrate {
            throw ValidationError("--calibrate derives the model base from the plan in the store: it cannot be combined with --budget")
        }
        if budget != nil && (projection != nil || global.db != nil || years != nil) {
            throw ValidationError("--budget replaces the projection over the store: give either --budget FILE or --projection/--db/--years")
        }
    }

    /// The baseline and its name for the output, and the engine (its model base calibrated to the plan in the
    /// store with --calibrate or the scenario's 'calibrate: plan'; the name then says so).
    func baseline(_ engine: ScenarioEngine, global: GlobalOptions) throws -> (engine: ScenarioEngine, projection: any BudgetProjecting, name: String) {
        let lang = global.language
        if let budget {
            if engine.scenario.calibrateToPlan {
                throw ValidationError("the scenario says 'calibrate: plan', which needs the store: give --projection/--db instead of --budget")
            }
            let p = try SimpleBudgetProjection.load(file: budget)
            return (engine, p, p.describe(lang))
        }
        guard let file = projection ?? engine.scenario.projectionFile else {
            throw ValidationError("no budget baseline: give --projection FILE (the consolidation projection over the store) or 'projection:' in the scenario file; a city without a store gives --budget FILE")
        }
        let store = try global.openReadOnly()
        let base = try StoreProjection(store: store, projectionFile: file, years: years)
        var engine = engine, name = ""
        if calibrate || engine.scenario.calibrateToPlan {
            let c = try BaselineCalibration.calibrate(engine, store: store, planYear: base.model.base.year)
            engine = c.engine
            name = c.lines.map { "; " + $0.text(lang) }.joined()
        } else {
            name = lang == .de ? "; Modellbasis: Stadtdaten (nicht kalibriert)" : "; model base: city data (not calibrated)"
        }
        let p = try base.forRelief(engine, lang: lang) { writeError("\($0)") }
        return (engine, p, p.describe(lang) + name)
    }
}

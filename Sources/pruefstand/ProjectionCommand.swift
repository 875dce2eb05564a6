import ArgumentParser
import Foundation
import PruefstandCore

struct ProjectionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "projection",
        abstract: "Multi-year consolidation projection (Haushaltssicherung): when does the budget balance?",
        discussion: """
        Starts from the plan year (the latest plan year in the store, or base_year of the scenario) and \
        projects revenue and expenses by account group with the scenario's growth rates, the consolidation \
        measures (yearly saving × probability), extra budget effects (--effects, a JSON array of BudgetEffect), \
        the liquidity loans with their interest-rate path and the old-debt relief. Prints per year revenue, \
        expenses, annual result, interest, reserves, gap to balance and the year the budget balances.

        Decisions of the position review stored in the store (no-refill, kw, automate-first) are included         unless --without-review-decisions; relief scenarios (--relief, repeatable) are merged into one and add \
        their net effects once; measures a relief replaces (replaces_measures:) leave the projection, a measure \
        raising a rate the relief changes is an error. Implemented measures that started before the plan year \
        are in the plan already and are not added again; measures that raise a tax or fee rate are flagged.
        Without --scenario the built-in defaults apply (no growth, no measures, no debt, 3 years; as in the \
        report without a city folder); a city folder's projection file is never read implicitly.

        Examples:
          pruefstand projection --scenario Datasets/musterstadt/controlling/projection.yaml --years 10
          pruefstand projection --scenario Datasets/musterstadt/controlling/projection.yaml \\
            --relief Datasets/musterstadt/scenarios/gewst-490-ab-2027.yaml --format csv
        """)

    @Option(help: "Projection parameter file (YAML), e.g. the city's controlling/projection.yaml (default: built-in defaults).") var scenario: String?
    @Option(help: "Years after the plan year (1-10; default from the scenario, else 3).") var years: Int?
    @Option(help: "Extra budget effects: a JSON array of BudgetEffect.") var effects: String?
    @Option(help: "A relief scenario (YAML); repeatable: several are merged into one (a parameter set twice for a year, or a file given twice, is an error).") var relief: [String] = []
    @Flag(name: .customLong("without-review-decisions"), help: "Leave out the savings decided in the position review.")
    var withoutReviewDecisions = false
    @Option(help: "Output format: table|csv|json.") var format: ControllingOutputFormat = .table
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        if let years, !(1...10).contains(years) { throw UsageText.error(global.language, de: "--years muss 1…10 sein, nicht \(years)", en: "--years must be 1…10, not \(years)") }
    }

    func run() throws {
        var s = try scenario.map { try ProjectionScenario.load(path: $0) } ?? ProjectionScenario.builtIn()
        if let years { s.years = years }
        var extra: [BudgetEffect] = []
        if let effects {
            guard let data = FileManager.default.contents(atPath: effects) else {
                throw PruefstandError.file(path: effects, message: "Datei nicht lesbar")
            }
            do { extra = try JSONDecoder().decode([BudgetEffect].self, from: data) }
            catch { throw PruefstandError.input(path: effects, line: nil, message: "keine Liste von BudgetEffect: \(error)") }
        }
        let store = try global.openReadOnly()
        let base = try ProjectionBase.load(store, year: s.baseYear)
        func note(_ text: String) { writeError(text) }
        if !relief.isEmpty {
            // Several relief scenarios are one: merged overrides (a conflict or a file given twice is an error),
            // never summed effects; measures they replace leave the projection.
            let engine = try ReliefCombination.combine(files: relief) { note($0.description) }
            s = try ReliefCombination.measures(for: engine, in: s, baseYear: base.year, lang: global.language, log: note)
            extra += try engine.run().budgetEffects
        }
        let model = ProjectionModel(base: base, scenario: s)
        if !withoutReviewDecisions, let last = try model.project().years.last?.year {
            extra += try ReviewDecisions.budgetEffects(store: store, through: last)
        }
        let result = try model.project(effects: extra)
        switch format {
        case .csv: controllingWrite(ControllingFormat.csv(result.reportTables()[0]))
        case .json: controllingWrite(try controllingJSON(result.jsonObject()))
        case .table: controllingWrite(ControllingFormat.text(result.reportTables(lang: global.language), lang: global.language))
        }
    }
}

import ArgumentParser
import Foundation
import PruefstandCore

enum ReviewFormat: String, ExpressibleByArgument, CaseIterable { case table, csv, json }
/// The table `review --format csv` writes: one table per stream, so any CSV reader takes it.
enum ReviewCSVTable: String, ExpressibleByArgument, CaseIterable { case list, summary }

/// Options shared by `review` and `review decisions`.
struct ReviewOptions: ParsableArguments {
    @Option(name: .customLong("as-of"), help: "Review date (yyyy-mm-dd). Default: today (review); the sheet's Stichtag (decisions).")
    var asOf: String?
    @Option(help: "Rules file (YAML), e.g. the city's rules/review.yaml. Default: built-in defaults (no automation table, no grade norms, no protected posts).")
    var rules: String?

    func date(_ lang: Language) throws -> CivilDate? {
        guard let asOf else { return nil }
        do { return try CivilDate.option(asOf, name: "--as-of") } catch { throw ValidationError(usageText(error, lang)) }
    }
    func loadRules(_ lang: Language) throws -> ReviewRules {
        if let rules { return try ReviewRules.load(path: rules) }
        let note = Phrase(de: "Hinweis: keine --rules-Datei; es gelten die eingebauten Vorgaben ohne die Automatisierungstabelle",
                          en: "note: no --rules file; using built-in defaults without the automation table")
        writeError(note.text(lang))
        return ReviewRules()
    }
}

struct ReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Review positions: re-fills, leadership span, automation, long vacancies, grade outliers, overhead.",
        discussion: """
        Every post vacant now or vacating within the horizon becomes a case with the annual saving if it is \
        not re-filled, and so does a re-fill made without a recorded decision; protected posts (elected, \
        statutory, third-party financed: the rules file's list with sources) say why they are no candidates. \
        Further checks flag leaders with too few or too many direct reports, departments with a deep line of \
        command or a leadership share above the city's target, small sibling units, occupations with a high \
        automation potential, long vacancies (kw-Vermerk), grades above the tariff norm of the job and \
        cross-cutting staff above benchmark; what a check cannot assess (no norm, no KldB code) is listed. \
        Cases are ranked by score, then saving, and summed up by org unit; re-fills are counted by \
        department, year and source (internal, external, lateral entrants). The rules file documents each \
        check and parameter with its source.

        Examples:
          pruefstand review --as-of 2026-01-01
          pruefstand review --as-of 2026-01-01 --format csv --lang en > review.csv
          pruefstand review decisions Pruefstand.xlsx
          pruefstand review decisions review-sheet.csv --as-of 2026-01-01 --supersede
        """,
        subcommands: [ReviewRun.self, ReviewDecisionsCommand.self, ReviewBenchmarkCommand.self],
        defaultSubcommand: ReviewRun.self)
}

struct ReviewRun: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "Print the ranked review list, the summary by org unit, the re-fill KPI and the further tables (the default).",
        discussion: "Example:\n  pruefstand review list --as-of 2026-01-01 --rules Datasets/musterstadt/rules/review.yaml --format json")

    @OptionGroup var options: ReviewOptions
    @OptionGroup var global: GlobalOptions
    @Option(help: "Output format: table, csv or json.")
    var format: ReviewFormat = .table
    @Option(help: "Table for --format csv: list (the ranked cases) or summary (per org unit); one table per stream.")
    var table: ReviewCSVTable = .list

    func run() throws {
        let asOf = try options.date(global.language) ?? CivilDate.today()
        let rules = try options.loadRules(global.language)
        let store = try global.openReadOnly()
        let input = try ReviewInput.load(from: store)
        let result = try ReviewEngine(rules: rules).run(input, asOf: asOf)
        let lang = global.language
        let names = try store.codeNameBook()
        switch format {
        case .table: print(ReviewTerminalOutput.text(result, lang: lang, names: names))
        case .csv:
            let t = table == .list ? result.listTable(lang: lang) : result.summaryTable(lang: lang)
            print(CSVWriter.cli(t.withNames(names)), terminator: "")
        case .json: print(try ReviewTerminalOutput.json(result, lang: lang))
        }
        for d in result.diagnostics { writeError("warning: \(d.message(lang))") }
    }
}

struct ReviewDecisionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decisions",
        abstract: "Read the committee's decisions back from the filled-in review sheet (xlsx or a CSV export of it).",
        discussion: """
        Validates every row against a fresh review run (same data, rules and as-of date): unknown positions, \
        invalid choices and changed figures are errors with the cell address; nothing is stored while there \
        are errors. A decision that differs from one already stored for the position is an error naming both, \
        unless --supersede is given.

        Examples:
          pruefstand review decisions Reports/out/musterstadt-ausschuss.xlsx --decided-on 2026-02-12
          pruefstand review decisions stellenpruefung.csv --supersede
        """)

    /// The workbook reader (the importer's safe .xlsx reader).
    static let xlsxReader: any GridReading = XLSXGridReader()

    @Argument(help: "The filled-in workbook (.xlsx) or a CSV export of the review sheet.")
    var file: String
    @OptionGroup var options: ReviewOptions
    @OptionGroup var global: GlobalOptions
    @Option(help: "Sheet name (default: Stellenprüfung, or Position review with --lang en); also used in cell addresses.")
    var sheet: String?
    @Option(name: .customLong("decided-on"), help: "Date of the committee decision (yyyy-mm-dd). Default: today.")
    var decidedOn: String?
    @Flag(help: "Replace decisions already stored for a position by the new ones (the old ones are kept as history).")
    var supersede = false

    func run() throws {
        let lang = global.language
        let sheetName = sheet ?? (lang == .de ? "Stellenprüfung" : "Position review")
        guard let data = FileManager.default.contents(atPath: file) else { throw PruefstandError.file(path: file, message: "cannot read") }
        let grid: [[String?]]
        if file.lowercased().hasSuffix(".xlsx") {
            grid = try Self.xlsxReader.grid(path: file, sheet: sheetName)
        } else {
            grid = ReviewDecisions.csvGrid(String(decoding: data, as: UTF8.self))
        }
        var decided = CivilDate.today()
        if let d = decidedOn {
            do { decided = try CivilDate.option(d, name: "--decided-on") } catch { throw ValidationError(usageText(error, global.language)) }
        }
        let store = try global.openExisting()
        let input = try ReviewInput.load(from: store)
        let result = try ReviewDecisions.read(grid: grid, sheetName: sheetName, sourceFile: file,
                                          sourceSha256: SHA256.hex(of: [UInt8](data)), input: input,
                                          rules: try options.loadRules(global.language), asOf: try options.date(global.language), decidedOn: decided)
        if !result.issues.isEmpty {
            for i in result.issues { writeError("error: \(i.message(lang))") }
            throw PruefstandError.input(path: file, line: nil, message: lang == .de
                ? "\(result.issues.count) Fehler; nichts gespeichert"
                : "\(result.issues.count) error(s); nothing stored")
        }
        do {
            let o = try ReviewDecisions.store(result.decisions, in: store, supersede: supersede)
            print(lang == .de
                  ? "\(result.rowsRead) Fälle gelesen, \(result.decisions.count) Entscheidungen: \(o.inserted) gespeichert (davon \(o.superseded) ersetzt), \(o.unchanged) unverändert."
                  : "\(result.rowsRead) cases read, \(result.decisions.count) decisions: \(o.inserted) stored (\(o.superseded) superseding), \(o.unchanged) unchanged.")
        } catch let c as ReviewDecisions.Conflict {
            throw PruefstandError.input(path: file, line: nil, message: Phrase(de: c.message(.de), en: c.message(.en)))
        }
    }
}

/// Times the review on a synthetic administration (hidden; for BENCHMARKS.md).
struct ReviewBenchmarkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "benchmark", abstract: "Time the review on a synthetic plan.",
                                                    shouldDisplay: false)
    @Option var positions = 100_000
    @Option var vacancies = 20_000
    @Option var rules: String?
    @Option var runs = 3

    func run() throws {
        let r = try rules.map { try ReviewRules.load(path: $0) } ?? ReviewRules()
        var input: ReviewInput!
        let gen = ReviewBenchmark.time { input = ReviewBenchmark.makeSynthetic(positions: positions, vacancies: vacancies) }
        print("generated \(input.positions.count) positions, \(input.vacancies.count) vacancies, \(input.orgUnits.count) org units in \(String(format: "%.3f", gen)) s")
        let asOf = CivilDate(iso: "2026-01-01")!
        for id in ReviewCheckID.allCases {
            var n = 0
            let t = try ReviewBenchmark.time { n = try ReviewEngine(rules: r).run(input, asOf: asOf, only: [id]).cases.count }
            print("  \(id.rawValue) alone: \(String(format: "%.3f", t)) s (\(n) cases)")
        }
        for k in 1...max(1, runs) {
            var result: ReviewResult!
            let t = try ReviewBenchmark.time { result = try ReviewEngine(rules: r).run(input, asOf: asOf) }
            var tables = 0
            let t2 = ReviewBenchmark.time { tables = result.reportTables(lang: .de).reduce(0) { $0 + $1.rows.count } }
            print("run \(k): review \(String(format: "%.3f", t)) s (\(result.cases.count) cases), report tables \(String(format: "%.3f", t2)) s (\(tables) rows)")
        }
        let store = try Store.inMemory()
        let w = try timed { try ReviewBenchmark.write(input, to: store) }
        var loaded: ReviewInput!
        let l = try timed { loaded = try ReviewInput.load(from: store) }
        var n = 0
        let t = try ReviewBenchmark.time { n = try ReviewEngine(rules: r).run(loaded, asOf: asOf).cases.count }
        print("via store (in memory): write \(String(format: "%.3f", w)) s, load \(String(format: "%.3f", l)) s, review \(String(format: "%.3f", t)) s (\(n) cases), load + review \(String(format: "%.3f", l + t)) s")
    }

    func timed(_ body: () throws -> Void) throws -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }
}

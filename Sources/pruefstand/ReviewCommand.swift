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
    @Option(help: "Rules file (YAML), e.g. the city's rules/review.yaml. Default: built-in defaults (no automation table, no protected posts).")
    var rules: String?

    func date() throws -> CivilDate? {
        guard let asOf else { return nil }
        do { return try CivilDate.option(asOf, name: "--as-of") } catch { throw ValidationError("\(error)") }
    }
    func loadRules() throws -> ReviewRules {
        if let rules { return try ReviewRules.load(path: rules) }
        FileHandle.standardError.write(Data("note: no --rules file; using built-in defaults without the automation table\n".utf8))
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
        let asOf = try options.date() ?? CivilDate.today()
        let rules = try options.loadRules()
        let store = try global.openReadOnly()
        let input = try ReviewInput.load(from: store)
        let result = try ReviewEngine(rules: rules).run(input, asOf: asOf)
        let lang = global.language
        let names = try store.codeNameBook()
        switch format {
        case .table: print(ReviewCLIOutput.text(result, lang: lang, names: names))
        case .csv:
            let t = table == .list ? result.listTable(lang: lang) : result.summaryTable(lang: lang)
            print(ReviewCLIOutput.csv(t.withNames(names), lang: lang), terminator: "")
        case .json: print(try ReviewCLIOutput.json(result, lang: lang))
        }
        for d in result.diagnostics { FileHandle.standardError.write(Data("warning: \(d.message(lang))\n".utf8)) }
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
            do { decided = try CivilDate.option(d, name: "--decided-on") } catch { throw ValidationError("\(error)") }
        }
        let store = try global.openExisting()
        let input = try ReviewInput.load(from: store)
        let result = try ReviewDecisions.read(grid: grid, sheetName: sheetName, sourceFile: file,
                                          sourceSha256: SHA256.hex(of: [UInt8](data)), input: input,
                                          rules: try options.loadRules(), asOf: try options.date(), decidedOn: decided)
        if !result.issues.isEmpty {
            for i in result.issues { FileHandle.standardError.write(Data("error: \(i.message(lang))\n".utf8)) }
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
            throw PruefstandError.input(path: file, line: nil, message: c.message(lang))
        }
    }
}

/// Text, CSV and JSON renderings for the terminal.
enum ReviewCLIOutput {
    static func money(_ m: Money, _ lang: Language) -> String { NumberText.euros(m, lang) }

    static func text(_ r: ReviewResult, lang: Language, names: CodeNames = CodeNames()) -> String {
        let de = lang == .de
        var out = de ? "Stellenprüfung zum \(r.asOf.german) (\(r.cases.count) Fälle; Regeln: \(r.rulesOrigin))\n\n"
                     : "Position review as of \(r.asOf.iso) (\(r.cases.count) cases; rules: \(r.rulesOrigin))\n\n"
        func pad(_ s: String, _ n: Int, right: Bool = false) -> String {
            s.count >= n ? s : (right ? String(repeating: " ", count: n - s.count) + s : s + String(repeating: " ", count: n - s.count))
        }
        out += pad("#", 5, right: true) + "  " + pad(de ? "Stelle" : "Position", 12) + pad(de ? "OE" : "Unit", 10)
            + pad(de ? "OE-Bezeichnung" : "Unit name", 25) + pad(de ? "Prüfung" : "Check", 28) + pad(de ? "Punkte" : "Score", 7, right: true) + pad(de ? "Einsparung p. a." : "Saving p. a.", 18, right: true) + "\n"
        for (i, c) in r.cases.enumerated() {
            out += pad("\(i + 1)", 5, right: true) + "  " + pad(c.positionId ?? "–", 12) + pad(c.orgUnitId, 10)
                + pad(String((names.name(of: c.orgUnitId, in: "org_unit") ?? "").prefix(24)), 25) + pad(c.check.name(lang) + (c.kind == c.check.rawValue ? "" : " (\(c.kind))"), 28)
                + pad("\(c.score)", 7, right: true) + pad(c.annualSaving.map { money($0, lang) } ?? "", 18, right: true) + "\n"
            out += "       " + c.reason(lang) + "\n"
        }
        out += de ? "\nÜbersicht nach Organisationseinheit\n" : "\nSummary by org unit\n"
        out += pad(de ? "OE" : "Unit", 10) + pad("Name", 30) + pad(de ? "Fälle" : "Cases", 7, right: true)
            + pad(de ? "Stellen" : "Positions", 10, right: true) + pad(de ? "VZÄ" : "FTE", 10, right: true)
            + pad(de ? "Einsparung p. a." : "Saving p. a.", 20, right: true) + "\n"
        var total = Money.zero, cases = 0, positions = 0, fte = FTE.zero
        for s in r.summary {
            out += pad(s.orgUnitId, 10) + pad(String(s.name.prefix(29)), 30) + pad("\(s.cases)", 7, right: true)
                + pad("\(s.positions)", 10, right: true) + pad(fteText(s.fte, lang), 10, right: true)
                + pad(money(s.potentialSaving, lang), 20, right: true) + "\n"
            total += s.potentialSaving; cases += s.cases; positions += s.positions; fte = fte + s.fte
        }
        out += pad(de ? "Summe" : "Total", 40) + pad("\(cases)", 7, right: true) + pad("\(positions)", 10, right: true)
            + pad(fteText(fte, lang), 10, right: true) + pad(money(total, lang), 20, right: true) + "\n"
        let k = r.kpi
        let share = k.externalOrLateralShare.map { pct($0, lang) } ?? (de ? "keine Angaben" : "no data")
        out += de
            ? "\nWiederbesetzungen extern oder Quereinstieg: \(share) (\(k.externalCount) extern, \(k.lateralCount) Quereinstieg, \(k.internalCount) intern; \(k.unknownCount) ohne Angabe)\n"
            : "\nRe-fills from external applicants or lateral entrants: \(share) (\(k.externalCount) external, \(k.lateralCount) lateral, \(k.internalCount) internal; \(k.unknownCount) not recorded)\n"
        for t in [r.protectedTable(lang: lang), r.notAssessedTable(lang: lang), r.departmentsTable(lang: lang), r.refillSourcesTable(lang: lang)] {
            out += "\n\(t.title(lang)) (\(t.rows.count))\n"
            for row in t.rows { out += "  " + row.map { displayText($0, lang) }.filter { !$0.isEmpty }.joined(separator: " | ") + "\n" }
        }
        return out
    }

    static func fteText(_ f: FTE, _ lang: Language) -> String {
        lang == .de ? String(f.description.map { $0 == "." ? "," : $0 }) : f.description
    }

    static func pct(_ d: Decimal, _ lang: Language) -> String {
        var v = d * 100, r = Decimal()
        NSDecimalRound(&r, &v, 1, .plain)
        let s = NSDecimalNumber(decimal: r).stringValue
        return (lang == .de ? s.replacingOccurrences(of: ".", with: ",") : s) + " %"
    }

    /// A cell in running text: amounts, numbers and dates in the language's form (`NumberText`).
    static func displayText(_ c: ReportTable.Cell, _ lang: Language) -> String {
        switch c {
        case .money(let m): return NumberText.euros(m, lang)
        case .decimal(let d): return NumberText.decimal(d, lang)
        case .percent(let d): return NumberText.percent(d, lang)
        case .date(let d): return NumberText.date(d, lang)
        case .formula(_, let cached): return displayText(cached, lang)
        default: return cellText(c)
        }
    }

    /// A cell for JSON: plain numbers and ISO dates (a machine format).
    static func cellText(_ c: ReportTable.Cell) -> String {
        switch c {
        case .empty: return ""
        case .text(let s): return s
        case .money(let m): return m.plainString
        case .integer(let i): return String(i)
        case .decimal(let d), .percent(let d): return NSDecimalNumber(decimal: d).stringValue
        case .date(let d): return d.iso
        case .formula(_, let cached): return cellText(cached)
        }
    }

    /// Machine CSV: column keys as headers, plain numbers; through the one CSV writer (`CSVWriter`).
    static func csv(_ t: ReportTable, lang: Language) -> String { CSVWriter.cli(t) }

    static func json(_ r: ReviewResult, lang: Language) throws -> String {
        struct Case: Encodable {
            var rank: Int, positionId: String?, orgUnit: String, check: String, kind: String, checkName: String, score: Int
            var annualSaving: String?, fte: String?, payGrade: String, reasons: String
        }
        struct Summary: Encodable { var orgUnit: String, name: String, cases: Int, positions: Int, fte: String, potentialSaving: String }
        struct KPI: Encodable { var `internal`: Int, external: Int, lateral: Int, notRecorded: Int, externalOrLateralShare: String? }
        struct Doc: Encodable {
            var asOf: String, rules: String, cases: [Case], summary: [Summary], kpi: KPI, diagnostics: [String]
            var protected: [[String: String]], notAssessed: [[String: String]], departments: [[String: String]], refillSources: [[String: String]]
        }
        /// A further table as a list of {column key: cell text}.
        func rows(_ t: ReportTable) -> [[String: String]] {
            t.rows.map { row in Dictionary(uniqueKeysWithValues: zip(t.columns.map(\.key), row.map(cellText))) }
        }
        let doc = Doc(
            asOf: r.asOf.iso, rules: r.rulesOrigin,
            cases: r.cases.enumerated().map { i, c in
                Case(rank: i + 1, positionId: c.positionId, orgUnit: c.orgUnitId, check: c.check.rawValue, kind: c.kind,
                     checkName: c.check.name(lang), score: c.score, annualSaving: c.annualSaving?.plainString,
                     fte: c.positionId == nil ? nil : c.fte.description, payGrade: c.payGrade, reasons: c.reason(lang))
            },
            summary: r.summary.map { Summary(orgUnit: $0.orgUnitId, name: $0.name, cases: $0.cases, positions: $0.positions,
                                             fte: $0.fte.description, potentialSaving: $0.potentialSaving.plainString) },
            kpi: KPI(internal: r.kpi.internalCount, external: r.kpi.externalCount, lateral: r.kpi.lateralCount,
                     notRecorded: r.kpi.unknownCount, externalOrLateralShare: r.kpi.externalOrLateralShare.map { NSDecimalNumber(decimal: $0).stringValue }),
            diagnostics: r.diagnostics.map { $0.message(lang) },
            protected: rows(r.protectedTable(lang: lang)), notAssessed: rows(r.notAssessedTable(lang: lang)),
            departments: rows(r.departmentsTable(lang: lang)), refillSources: rows(r.refillSourcesTable(lang: lang)))
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: try enc.encode(doc), as: UTF8.self)
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
        let r = try rules.map(ReviewRules.load(path:)) ?? ReviewRules()
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

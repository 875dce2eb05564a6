import ArgumentParser
import Foundation
import PruefstandCore

/// `report --pack`: a short workbook for a particular reader instead of the full one.
enum ReportPack: String, ExpressibleByArgument, CaseIterable { case council }

/// `pruefstand report [--out FILE.xlsx] [--csv DIR] [--dialect rfc4180|excel-de] [--lang de|en] [--db FILE]`
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the controlling workbook (and its tables as CSV).",
        discussion: """
        The workbook has an overview, one sheet per analysis, the audit trail (input files with SHA-256, \
        rows read / imported / rejected, control totals, engine version) and the rejected rows. Figures \
        that derive from others are formulas with the engine's value cached, so the file shows right \
        without recalculation and recalculates in Excel or LibreOffice.
        Every file is written to a temporary file beside it and renamed into place, so an interrupted run \
        leaves the previous file whole; an output that is the store or an input is refused. Characters \
        that XML does not allow (NUL, other control characters, U+FFFE, U+FFFF) are written as U+FFFD and \
        counted in the output.
        Examples:
          pruefstand report --city Datasets/musterstadt --out bericht.xlsx --csv tabellen/
          pruefstand report --lang en --dialect rfc4180 --csv tables/
          pruefstand report --city Datasets/musterstadt --pack council --out rat.xlsx
        With --pack council the file is the council pack: a one-page summary in plain language, then the \
        charts and key tables, each page A4 landscape with title, data date and source (at most about 20 pages).
        """)

    @Option(name: .long, help: "Workbook to write.")
    var out: String = "pruefstand-bericht.xlsx"

    @Option(name: .customLong("csv"), help: "Also write every table as CSV into this directory.")
    var csvDirectory: String?

    @Option(help: "CSV dialect: rfc4180 or excel-de.")
    var dialect: CSVDialect = .excelDE

    @Option(help: "Write a pack instead of the full workbook: council (a short printed paper: summary page, charts, key tables).")
    var pack: ReportPack?

    @OptionGroup var global: GlobalOptions

    @Option(name: .customLong("parameter-file"), help: "A further parameter file to list in the audit trail with its SHA-256; repeatable.")
    var parameterFiles: [String] = []

    @Option(help: "A city folder whose pruefstand.yaml names the review rules, audit and projection parameters and scenarios (e.g. Datasets/musterstadt). Without it the analyses use their built-in defaults and no scenarios.")
    var city: String?

    @Option(name: .customLong("as-of"), help: "Cut-off date of the position review (yyyy-mm-dd); default: the manifest's, else today.")
    var asOf: String?

    @Option(name: .customLong("allow-outside"),
            help: ArgumentHelp("With --city: let the manifest's paths reach into this folder outside the city folder; repeatable.", valueName: "folder"))
    var allowOutside: [String] = []

    func run() throws {
        let started = Date()
        let path = global.storePath, lang = global.language
        let manifest = try city.map { try Manifest.load(folder: $0, allowOutside: allowOutside) }
        var settings = try manifest.map { try RunSettings.from(manifest: $0, language: lang) } ?? RunSettings(language: lang)
        if let asOf {
            settings.asOf = try CivilDate.option(asOf, name: "--as-of")
        }
        // No output may replace the store or a file the report reads; checked before any work.
        var protected = manifest.map { MainJob.protectedFiles($0, settings: settings, storePath: path) } ?? ProtectedFiles()
        protected.add(store: path)
        for file in parameterFiles + settings.parameterFiles { protected.add(input: file) }
        try protected.check(output: out)
        let store = try global.openReadOnly()
        let results = try ReportAssembly.analyse(store: store, settings: settings)
        let charts = try ReportCharts.build(store: store, settings: settings, results: results)
        let builder = try ReportAssembly.build(store: store, settings: settings, results: results, started: started,
                                               extraParameterFiles: parameterFiles, charts: charts)
        if pack == .council {
            let councilPack = try CouncilPackAssembly.build(store: store, settings: settings, results: results, charts: charts,
                                                            overview: builder.overview)
            let changes = try councilPack.write(to: out, lang: lang, protecting: protected)
            print("\(out): \(lang == .de ? "Ratsvorlage" : "council pack")")
            if let line = changes.logLine(for: out, lang) { print(line) }
        } else {
            let changes = try builder.writeWorkbook(to: out, protecting: protected)
            print("\(out): \(builder.plannedSheetNames().joined(separator: ", "))")
            if let line = changes.logLine(for: out, lang) { print(line) }
        }
        if let csvDirectory {   // the same tables as CSV with either file
            let files = try builder.writeCSV(to: csvDirectory, dialect: dialect, protecting: protected)
            print("\(csvDirectory): \(NumberText.count(files.count, lang)) \(lang == .de ? "CSV-Datei(en)" : "CSV file(s)"), \(dialect.rawValue)")
        }
    }
}

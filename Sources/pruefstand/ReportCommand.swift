import ArgumentParser
import Foundation
import PruefstandCore

extension Language: ExpressibleByArgument {}

/// `pruefstand report [--out FILE.xlsx] [--csv DIR] [--dialect rfc4180|excel-de] [--lang de|en] [--db PATH]`
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the controlling workbook (and its tables as CSV).",
        discussion: """
        The workbook has an overview, one sheet per analysis, the audit trail (input files with SHA-256, \
        rows read / imported / rejected, control totals, engine version) and the rejected rows. Figures \
        that derive from others are formulas with the engine's value cached, so the file shows right \
        without recalculation and recalculates in Excel or LibreOffice.
        Examples:
          pruefstand report --city Datasets/musterstadt --out bericht.xlsx --csv tabellen/
          pruefstand report --lang en --dialect rfc4180 --csv tables/
        """)

    @Option(name: .long, help: "Workbook to write.")
    var out: String = "pruefstand-bericht.xlsx"

    @Option(name: .customLong("csv"), help: "Also write every table as CSV into this directory.")
    var csvDirectory: String?

    @Option(help: "CSV dialect: rfc4180 or excel-de.")
    var dialect: CSVDialect = .excelDE

    @Option(help: "Language of sheet names and labels: de or en.")
    var lang: Language = .de

    @Option(help: "Store file (default: PRUEFSTAND_DB or pruefstand.sqlite).")
    var db: String?

    @Option(name: .customLong("parameter-file"), help: "A further parameter file to list in the audit trail with its SHA-256; repeatable.")
    var parameterFiles: [String] = []

    @Option(help: "A city folder whose pruefstand.yaml names the review rules, audit and projection parameters and scenarios (e.g. Datasets/musterstadt). Without it the analyses use their built-in defaults and no scenarios.")
    var city: String?

    @Option(name: .customLong("as-of"), help: "Cut-off date of the position review (yyyy-mm-dd); default: the manifest's, else today.")
    var asOf: String?

    func run() throws {
        let started = Date()
        let path = Store.resolvePath(db)
        guard FileManager.default.fileExists(atPath: path) else {
            throw ReportCLIError("store \(path) does not exist; import data first or pass --db")
        }
        do {
            let store = try Store.openReadOnly(path: path)
            var settings = try city.map { try RunSettings.from(manifest: try Manifest.load(folder: $0), language: lang) } ?? RunSettings(language: lang)
            if let asOf {
                settings.asOf = try CivilDate.option(asOf, name: "--as-of")
            }
            let results = try ReportAssembly.analyse(store: store, settings: settings)
            let builder = try ReportAssembly.build(store: store, settings: settings, results: results, started: started,
                                                   extraParameterFiles: parameterFiles)
            try builder.writeWorkbook(to: out)
            print("\(out): \(builder.plannedSheetNames().joined(separator: ", "))")
            if let csvDirectory {
                let files = try builder.writeCSV(to: csvDirectory, dialect: dialect)
                print("\(csvDirectory): \(files.count) CSV file(s), \(dialect.rawValue)")
            }
        } catch let error as PruefstandError {
            throw ReportCLIError(error.description)
        }
    }

}

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

    @Option(name: .customLong("parameter-file"), help: "A parameter file used by the run (listed with its SHA-256); repeatable.")
    var parameterFiles: [String] = []

    func run() throws {
        let started = Date()
        let path = Store.resolvePath(db)
        guard FileManager.default.fileExists(atPath: path) else {
            throw ReportCLIError("store \(path) does not exist; import data first or pass --db")
        }
        do {
            let store = try Store.open(path: path)
            let builder = ReportBuilder(lang: lang)
            try addSections(to: builder, store: store, started: started)
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

    /// The report's sections in sheet order. Analysis sections (review, plan/actual, audit findings,
    /// projection, scenarios, assumptions) and `builder.overview` are added here by the pipeline.
    func addSections(to builder: ReportBuilder, store: Store, started: Date) throws {
        let files = try parameterFiles.map { p in ParameterFileHash(path: p, sha256: try SHA256.file(at: p)) }
        try builder.add(AuditTrailSection(store: store, parameterFiles: files, runStartedAt: started))
        try builder.add(RejectedRowsSection(store: store))
    }
}

import ArgumentParser
import Foundation
import PruefstandCore

extension CSVDialect: ExpressibleByArgument {}

/// `pruefstand export TABLE_OR_VIEW --out FILE.xlsx|FILE.csv [--where SQL] [--dialect …] [--db FILE]`
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Stream a store table or view into an .xlsx or .csv file.",
        discussion: """
        Any table or view of the store can be exported, e.g. v_ledger, v_plan, v_positions, v_rejects. \
        The rows stream in constant memory; an .xlsx sheet holds 1,048,576 rows, larger exports continue \
        on further sheets. --where is an SQL condition on the table's columns (your own SQL on your own \
        store, run read-only), e.g. --where "fiscal_year = 2025 AND account LIKE '52%'".
        Text that begins with =, +, -, @, tab or CR is written as text in .xlsx and prefixed with ' in CSV. \
        Characters that XML does not allow (NUL, other control characters, U+FFFE, U+FFFF, bytes that are \
        not UTF-8) are written to .xlsx as U+FFFD and counted. The file is written beside its target and \
        renamed into place, so an interrupted export leaves the previous file whole; the store itself is \
        refused as the output.
        Examples:
          pruefstand export v_ledger --out buchungen.xlsx --where "fiscal_year = 2025 AND product_area = '06'"
          pruefstand export v_positions --out stellen.csv --dialect excel-de
        """)

    @Argument(help: "Table or view to export (see docs/schema.md).")
    var name: String

    @Option(name: .long, help: "Output file; .xlsx or .csv decides the format.")
    var out: String

    @Option(name: .customLong("where"), help: "SQL condition that selects the rows.")
    var condition: String?

    @Option(help: "CSV dialect: rfc4180 (comma, decimal point) or excel-de (semicolon, decimal comma, BOM).")
    var dialect: CSVDialect = .rfc4180

    @OptionGroup var global: GlobalOptions

    func run() throws {
        // Refused before the store is opened: the output may not be the store (or its -wal/-shm file).
        var protected = ProtectedFiles()
        protected.add(store: global.storePath)
        try protected.check(output: out)
        let store = try global.openReadOnly()
        let start = Date()
        let summary = try StoreExport.run(store: store, name: name, where: condition, to: out, dialect: dialect, protecting: protected)
        let lang = global.language, de = lang == .de
        let seconds = NumberText.seconds(Date().timeIntervalSince(start), lang)
        let rows = NumberText.count(summary.rows, lang), columns = NumberText.count(summary.columns.count, lang)
        let sheets = summary.sheets > 1 ? (de ? " auf \(summary.sheets) Blättern" : " on \(summary.sheets) sheets") : ""
        print(de ? "\(out): \(rows) Zeilen, \(columns) Spalten\(sheets) (\(seconds))" : "\(out): \(rows) rows, \(columns) columns\(sheets) (\(seconds))")
        if let line = summary.textChanges.logLine(for: out, lang) { print(line) }
    }
}

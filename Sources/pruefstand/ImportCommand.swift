import ArgumentParser
import Foundation
import PruefstandCore

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a CSV, .xlsx (.xls, .ods through LibreOffice) or JSON code file of one kind (ledger, plan, positions, codes, …) into the store.",
        discussion: """
        Every row is imported or rejected with file, line, column and reason; rows read = imported + rejected \
        is printed, with control totals (amounts read, imported, in the store, and the file's own total row). \
        The import is atomic, and a file whose content was already imported is refused unless --replace: the same \
        bytes, or the same rows saved again with other line ends, a BOM, another encoding or other quoting. \
        One run or import at a time works on a store: another one waits for it (--lock-timeout).
        Every ledger posting is counted once. Its identity is its source, document id and line in the document \
        (or the mapping's identity key). --mode append (the default) stores new postings only: postings already \
        in the store are skipped and reported when identical and stop the import when they differ. \
        --mode replace-period --period P replaces the period's postings of earlier imports of the same source \
        and prints the reconciliation (removed, kept, added). --mode replace takes the place of an earlier import \
        of the same content (as --replace). What each import did is kept: pruefstand store info.
        Kinds: \(ImportKind.allCases.map(\.rawValue).joined(separator: ", ")) (codes: a code list that names codes, \
        by dimension). .xls and .ods files are converted by LibreOffice (soffice, or $PRUEFSTAND_SOFFICE) first. \
        A mapping's row and column rules (invariants) that do not hold are printed as FINDING lines. Formats: docs/formats.md.

        Examples:
          pruefstand import ledger buchungen.csv
          pruefstand import ledger export-sap.csv --mapping mappings/sap.yaml --on-error quarantine
          pruefstand import positions stellenplan.xlsx --mapping stellenplan.yaml --replace-kind
          pruefstand import ledger buchungen-ytd-2025-03.csv
          pruefstand import ledger korrektur-2025-02.csv --mode replace-period --period 2025-02
          pruefstand import codes kapitel.csv --mapping Datasets/realdata/bremen-kapitel.yaml
          pruefstand import plan haushalt.xls --mapping haushalt.yaml
        """)

    @Argument(help: "What the file holds: \(ImportKind.allCases.map(\.rawValue).joined(separator: "|")).")
    var kind: ImportKind
    @Argument(help: "The CSV, .xlsx, .xls, .ods or (codes) JSON file.")
    var file: String
    @Option(help: "A mapping file (YAML) for a foreign layout; see docs/formats.md.")
    var mapping: String?
    @Option(name: .customLong("on-error"), help: "\(OnError.helpList).")
    var onError: OnError = .abort
    @Flag(help: "Import a file again whose content was already imported, replacing the earlier import.")
    var replace = false
    @Option(help: "\(ImportMode.helpList).")
    var mode: ImportMode = .append
    @Option(help: "The period a replace-period file covers: a fiscal year (2025), a month (2025-03), months (2025-01..2025-03), days (2025-03-01..2025-03-15) or span (the file's posting dates).")
    var period: String?
    @Option(help: "Which system and ledger the file comes from (default: the mapping's source, else the kind, e.g. ledger); periods are replaced only within one source.")
    var source: String?
    @Flag(name: .customLong("replace-kind"), help: "Remove all earlier imports of this kind first (e.g. a new position plan).")
    var replaceKind = false
    @Flag(name: .customLong("allow-empty"), help: "Accept a file with a header and no data rows.")
    var allowEmpty = false
    @Option(name: .customLong("rejects-dir"), help: "Where rejected rows are written as CSV (each reason in --lang).")
    var rejectsDir = "Reports/out"
    @Flag(help: "Print nothing but errors.")
    var quiet = false
    @Flag(help: "Print the import summary as JSON.")
    var json = false
    @Option(name: .customLong("lock-timeout"), help: "Seconds to wait for another run or import on the same store before giving up.")
    var lockTimeout: Double = 600
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        if let period, case .failure(let e) = ImportPeriod.parse(period) { throw ValidationError("--period: " + e.text(global.language)) }
        if mode == .replacePeriod && period == nil { throw UsageText.error(global.language, de: "--mode replace-period braucht --period (z. B. --period 2025-03)", en: "--mode replace-period needs --period (e.g. --period 2025-03)") }
        if mode != .replacePeriod && period != nil { throw UsageText.error(global.language, de: "--period gehört zu --mode replace-period", en: "--period belongs to --mode replace-period") }
        if let source, !ImportSourceName.isValid(source) { throw ValidationError("--source: " + ImportSourceName.rule.text(global.language)) }
    }

    func run() throws {
        let lock = try StoreLock.acquire(store: global.storePath, timeout: lockTimeout) { writeError($0.text(global.language)) }
        defer { lock?.release() }
        let s = try global.open()
        let m = try mapping.map { try Mapping.load(path: $0) }
        var options = ImportOptions()
        options.onError = onError
        options.replace = replace
        options.mode = mode
        options.period = try period.map { try ImportPeriod.parse($0).get() }
        options.source = source
        options.replaceKind = replaceKind
        options.allowEmpty = allowEmpty
        options.rejectsDirectory = rejectsDir
        options.language = global.language
        options.progress = progressBar(label: "import \(kind.rawValue)", quiet: quiet || json)
        let summary = try Importer(store: s).run(kind: kind, path: file, mapping: m, options: options)
        if json {
            let enc = JSONEncoder()
            enc.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try enc.encode(summary), as: UTF8.self))
        } else if !quiet || summary.status != "committed" {
            let text = summary.text(global.language)
            if summary.status == "committed" { print(text) } else { writeError(text) }
        }
        if summary.status == "aborted" {
            let n = NumberText.count(summary.rowsRejected, global.language)
            throw PruefstandError.other(global.language == .de
                ? "\(n) fehlerhafte Zeile(n) in \(file); nichts wurde importiert (--on-error abort). Berichtigen Sie sie oder nehmen Sie --on-error quarantine."
                : "\(n) bad row(s) in \(file); nothing was imported (--on-error abort). Fix them or use --on-error quarantine.")
        }
    }
}
